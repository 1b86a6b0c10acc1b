// Schema migration 12 (see ./migration.ts: never edit one that has shipped).
import type { Migration } from './migration';

export const migration: Migration = {
  version: 12,
  why: 'A count a venue entered that this workshop refuses (above the people present here) is a conflict of its own, settled before sealing: the conflict table accepts the kind countRefused.',
  up(db) {
    // SQLite cannot change a CHECK: the table is rebuilt with its rows (no triggers, no keys to it).
    db.exec(`
        CREATE TABLE merge_conflict_12 (
          id             TEXT PRIMARY KEY,
          kind           TEXT NOT NULL CHECK (kind IN ('checkIn', 'orgVote', 'proposalEdit', 'roundCounts', 'countRefused')),
          subject        TEXT NOT NULL,
          detail         TEXT NOT NULL,
          found_at       TEXT NOT NULL,
          settled_choice TEXT,
          settled_note   TEXT,
          settled_at     TEXT
        ) STRICT;
        INSERT INTO merge_conflict_12 SELECT id, kind, subject, detail, found_at, settled_choice, settled_note, settled_at FROM merge_conflict;
        DROP TABLE merge_conflict;
        ALTER TABLE merge_conflict_12 RENAME TO merge_conflict;
        -- Which device events no main event applied (the refused counts) is asked on every merge.
        CREATE INDEX applied_event_device ON applied_event (kit_id, device_seq);
      `);
  },
};
