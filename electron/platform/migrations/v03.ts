// Schema migration 3 (see ./migration.ts: never edit one that has shipped).
import type { Migration } from './migration';

export const migration: Migration = {
  version: 3,
  why: 'Proposals: intake with sector and proposer, admissibility decisions kept as history, and matters raised off the agenda.',
  up(db) {
    db.exec(`
        CREATE TABLE proposal (
          id                   TEXT PRIMARY KEY,
          code                 TEXT NOT NULL,
          title                TEXT NOT NULL,
          description          TEXT NOT NULL,
          sector_id            TEXT NOT NULL REFERENCES sector (id) ON DELETE RESTRICT,
          community            TEXT NOT NULL,
          organization_id      TEXT REFERENCES organization (id) ON DELETE RESTRICT,
          estimated_cost_cents INTEGER NOT NULL CHECK (estimated_cost_cents >= 0),
          beneficiaries        INTEGER NOT NULL CHECK (beneficiaries >= 0),
          cui                  TEXT NOT NULL,
          cofinancing_cents    INTEGER NOT NULL CHECK (cofinancing_cents >= 0),
          carried_from         TEXT NOT NULL,
          created_at           TEXT NOT NULL,
          updated_at           TEXT NOT NULL
        ) STRICT;
        CREATE UNIQUE INDEX proposal_code ON proposal (lower(code));

        -- Every decision stays; the newest per proposal (highest seq) is the current one.
        CREATE TABLE proposal_review (
          seq         INTEGER PRIMARY KEY,
          id          TEXT NOT NULL UNIQUE,
          proposal_id TEXT NOT NULL REFERENCES proposal (id) ON DELETE RESTRICT,
          decision    TEXT NOT NULL CHECK (decision IN ('pending', 'admitted', 'rejected')),
          reason      TEXT,
          explanation TEXT NOT NULL,
          decided_at  TEXT NOT NULL,
          CHECK (decision <> 'rejected' OR (reason IS NOT NULL AND explanation <> ''))
        ) STRICT;
        CREATE INDEX proposal_review_proposal ON proposal_review (proposal_id, seq);

        CREATE TABLE matter_raised (
          id             TEXT PRIMARY KEY,
          text           TEXT NOT NULL,
          raised_by      TEXT NOT NULL,
          participant_id TEXT REFERENCES participant (id) ON DELETE RESTRICT,
          raised_at      TEXT NOT NULL
        ) STRICT;
      `);
  },
};
