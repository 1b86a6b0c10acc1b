// Schema migration 10 (see ./migration.ts: never edit one that has shipped).
import type { Migration } from './migration';

export const migration: Migration = {
  version: 10,
  why: 'Secret kiosk ballots: a box with a random key and no voter, time or order, emptied into the close event in content order; the option to apply the sector shares.',
  up(db) {
    db.exec(`
        -- A kiosk ballot while its round is open. WITHOUT ROWID and keyed by random bytes, so
        -- neither a rowid nor the key's order follows the order of casting; no time, no serial,
        -- no voter (who voted is in round_voter). Closing moves the contents, sorted by content,
        -- into the close event and deletes these rows (secure_delete is on).
        CREATE TABLE ballot_box (
          key      BLOB PRIMARY KEY CHECK (length(key) = 16),
          round_id TEXT NOT NULL REFERENCES voting_round (id) ON DELETE RESTRICT,
          choices  TEXT NOT NULL,
          points   TEXT
        ) STRICT, WITHOUT ROWID;

        ALTER TABLE workshop ADD COLUMN sector_split INTEGER NOT NULL DEFAULT 0 CHECK (sector_split IN (0, 1));
      `);
  },
};
