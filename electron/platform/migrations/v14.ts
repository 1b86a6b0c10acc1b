// Schema migration 14 (see ./migration.ts: never edit one that has shipped).
import type { Migration } from './migration';

export const migration: Migration = {
  version: 14,
  why: 'Every event wrote a page of a unique index on its hash that nothing reads (the log is read by seq; the chain, not the index, is what proves the hashes): the event table is rebuilt without it, rows, order and triggers unchanged.',
  up(db) {
    // SQLite cannot drop a column constraint: the table is rebuilt. Its triggers (append-only,
    // sealed) are read from the schema and created again word for word after the rename; no
    // table refers to event by key. The rebuild writes event_14 first, so the triggers on
    // event never see these rows (DROP TABLE fires no trigger).
    const triggers = db
      .prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'event'")
      .pluck()
      .all() as string[];
    const indexes = db
      .prepare(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'event' AND sql IS NOT NULL",
      )
      .pluck()
      .all() as string[];
    db.exec(`
        CREATE TABLE event_14 (
          seq       INTEGER PRIMARY KEY,
          at        TEXT NOT NULL,
          actor     TEXT NOT NULL,
          type      TEXT NOT NULL,
          payload   TEXT NOT NULL,
          prev_hash TEXT NOT NULL,
          hash      TEXT NOT NULL
        ) STRICT;
        INSERT INTO event_14 (seq, at, actor, type, payload, prev_hash, hash)
          SELECT seq, at, actor, type, payload, prev_hash, hash FROM event ORDER BY seq;
        DROP TABLE event;
        ALTER TABLE event_14 RENAME TO event;
      `);
    for (const sql of [...indexes, ...triggers]) db.exec(sql);
  },
};
