// Schema migration 7 (see ./migration.ts: never edit one that has shipped).
import type { Migration } from './migration';

export const migration: Migration = {
  version: 7,
  why: "Follow-up register: earlier years' sealed minutes (signed payloads), the final plans compared with them, notes of what happened since, agreements a person separated, and unfunded agreements carried into this workshop's proposals.",
  up(db) {
    db.exec(`
        -- Earlier years' sealed minutes: the signed payload as signed (canonical JSON), checked
        -- again each time it is read; id is its SHA-256.
        CREATE TABLE followup_minutes (
          id          TEXT PRIMARY KEY,
          fiscal_year INTEGER NOT NULL,
          payload     TEXT NOT NULL,
          signature   TEXT NOT NULL,
          source      TEXT NOT NULL CHECK (source IN ('pdf', 'workshop')),
          file_name   TEXT NOT NULL,
          imported_at TEXT NOT NULL
        ) STRICT;

        -- A final plan compared with those minutes (the reconciliation as a person confirmed it).
        CREATE TABLE followup_plan (
          id          TEXT PRIMARY KEY,
          minutes_id  TEXT NOT NULL REFERENCES followup_minutes (id) ON DELETE RESTRICT,
          file_name   TEXT NOT NULL,
          sha256      TEXT NOT NULL,
          fingerprint TEXT NOT NULL,
          report      TEXT NOT NULL,
          recorded_at TEXT NOT NULL
        ) STRICT;

        -- What happened since, with its source: executed, suspended, revived.
        CREATE TABLE followup_note (
          id          TEXT PRIMARY KEY,
          ref         TEXT NOT NULL,
          fiscal_year INTEGER NOT NULL,
          status      TEXT NOT NULL CHECK (status IN ('executed', 'suspended', 'revived')),
          date        TEXT NOT NULL,
          note        TEXT NOT NULL,
          created_at  TEXT NOT NULL
        ) STRICT;

        -- Two agreements a person said are different projects although alike.
        CREATE TABLE followup_unlink (
          a TEXT NOT NULL,
          b TEXT NOT NULL,
          PRIMARY KEY (a, b)
        ) STRICT;

        -- An unfunded agreement carried into this workshop's proposals, with its history then.
        CREATE TABLE followup_carry (
          proposal_id TEXT PRIMARY KEY REFERENCES proposal (id) ON DELETE RESTRICT,
          ref         TEXT NOT NULL,
          history     TEXT NOT NULL,
          carried_at  TEXT NOT NULL
        ) STRICT;

        -- From the next event on, a row's time is its event's own time (the consistency check
        -- compares them exactly; older events keep the window between two events).
        INSERT INTO meta (key, value) VALUES ('exact_times_from', (SELECT coalesce(max(seq), 0) + 1 FROM event));
      `);
  },
};
