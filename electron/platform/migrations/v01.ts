// Schema migration 1 (see ./migration.ts: never edit one that has shipped).
import type { Migration } from './migration';

export const migration: Migration = {
  version: 1,
  why: 'The workshop file: identity, setup (venues, sectors, rules) and the hash-chained event log.',
  up(db) {
    db.exec(`
        CREATE TABLE meta (
          key   TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) STRICT;

        CREATE TABLE workshop (
          id              INTEGER PRIMARY KEY CHECK (id = 1),
          municipality    TEXT NOT NULL,
          ubigeo          TEXT NOT NULL,
          fiscal_year     INTEGER NOT NULL,
          title           TEXT NOT NULL,
          envelope_cents  INTEGER NOT NULL CHECK (envelope_cents >= 0),
          quorum_kind     TEXT NOT NULL CHECK (quorum_kind IN ('none', 'percent', 'minimum')),
          quorum_value    INTEGER,
          vote_rule       TEXT NOT NULL CHECK (vote_rule IN ('perOrganization', 'perPerson')),
          tie_break       TEXT NOT NULL CHECK (tie_break IN ('lexicographic', 'cost', 'supporters', 'refuse')),
          min_notice_days INTEGER NOT NULL,
          sealed_at       TEXT
        ) STRICT;

        CREATE TABLE venue (
          id       TEXT PRIMARY KEY,
          position INTEGER NOT NULL,
          name     TEXT NOT NULL,
          place    TEXT NOT NULL,
          date     TEXT NOT NULL
        ) STRICT;

        CREATE TABLE sector (
          id       TEXT PRIMARY KEY,
          position INTEGER NOT NULL,
          name     TEXT NOT NULL
        ) STRICT;

        -- Append-only: h_i = SHA-256(h_{i-1} || canonical(event_i)), see events.ts.
        CREATE TABLE event (
          seq       INTEGER PRIMARY KEY,
          at        TEXT NOT NULL,
          actor     TEXT NOT NULL,
          type      TEXT NOT NULL,
          payload   TEXT NOT NULL,
          prev_hash TEXT NOT NULL,
          hash      TEXT NOT NULL UNIQUE
        ) STRICT;

        CREATE TRIGGER event_no_update BEFORE UPDATE ON event
        BEGIN SELECT RAISE(ABORT, 'minka: the event log is append-only'); END;
        CREATE TRIGGER event_no_delete BEFORE DELETE ON event
        BEGIN SELECT RAISE(ABORT, 'minka: the event log is append-only'); END;
      `);
  },
};
