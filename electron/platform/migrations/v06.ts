// Schema migration 6 (see ./migration.ts: never edit one that has shipped).
import type { Migration } from './migration';

export const migration: Migration = {
  version: 6,
  why: 'Signed minutes: agreements, the oversight committee, closing remarks, the sealed payload with its signatures and PDF, signed addenda; a sealed workshop takes no new events but addenda.',
  up(db) {
    db.exec(`
        CREATE TABLE agreement (
          id          TEXT PRIMARY KEY,
          position    INTEGER NOT NULL,
          text        TEXT NOT NULL,
          responsible TEXT NOT NULL,
          due         TEXT NOT NULL,
          created_at  TEXT NOT NULL
        ) STRICT;

        CREATE TABLE committee_member (
          id             TEXT PRIMARY KEY,
          position       INTEGER NOT NULL,
          participant_id TEXT REFERENCES participant (id) ON DELETE RESTRICT,
          name           TEXT NOT NULL,
          dni            TEXT NOT NULL,
          organization   TEXT NOT NULL,
          role           TEXT NOT NULL CHECK (role IN ('coordinator', 'secretary', 'member', 'alternate'))
        ) STRICT;

        CREATE TABLE minutes_draft (
          id              INTEGER PRIMARY KEY CHECK (id = 1),
          closing_remarks TEXT NOT NULL
        ) STRICT;

        -- The sealed minutes: written once, never changed (corrections are addenda).
        CREATE TABLE minutes (
          id              INTEGER PRIMARY KEY CHECK (id = 1),
          sealed_at       TEXT NOT NULL,
          payload         TEXT NOT NULL,
          payload_sha256  TEXT NOT NULL,
          signature       TEXT NOT NULL,
          public_key      TEXT NOT NULL,
          key_fingerprint TEXT NOT NULL,
          render          TEXT NOT NULL,
          pdf             BLOB NOT NULL,
          pdf_sha256      TEXT NOT NULL,
          file_name       TEXT NOT NULL
        ) STRICT;

        CREATE TABLE minutes_addendum (
          n               INTEGER PRIMARY KEY,
          created_at      TEXT NOT NULL,
          text            TEXT NOT NULL,
          payload         TEXT NOT NULL,
          payload_sha256  TEXT NOT NULL,
          signature       TEXT NOT NULL,
          pdf             BLOB NOT NULL,
          file_name       TEXT NOT NULL
        ) STRICT;

        CREATE TRIGGER minutes_no_update BEFORE UPDATE ON minutes
        BEGIN SELECT RAISE(ABORT, 'minka: sealed minutes are never changed'); END;
        CREATE TRIGGER minutes_no_delete BEFORE DELETE ON minutes
        BEGIN SELECT RAISE(ABORT, 'minka: sealed minutes are never changed'); END;
        CREATE TRIGGER minutes_addendum_no_update BEFORE UPDATE ON minutes_addendum
        BEGIN SELECT RAISE(ABORT, 'minka: sealed minutes are never changed'); END;
        CREATE TRIGGER minutes_addendum_no_delete BEFORE DELETE ON minutes_addendum
        BEGIN SELECT RAISE(ABORT, 'minka: sealed minutes are never changed'); END;

        -- Backstop under the store's own check: once sealed, only addenda enter the record.
        CREATE TRIGGER event_sealed BEFORE INSERT ON event
        WHEN (SELECT sealed_at FROM workshop WHERE id = 1) IS NOT NULL AND NEW.type <> 'minutes.addendum'
        BEGIN SELECT RAISE(ABORT, 'minka: the workshop is sealed'); END;
        CREATE TRIGGER workshop_unseal BEFORE UPDATE OF sealed_at ON workshop
        WHEN OLD.sealed_at IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'minka: the workshop is sealed'); END;
      `);
  },
};
