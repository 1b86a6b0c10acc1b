// Schema migration 8 (see ./migration.ts: never edit one that has shipped).
import type { Migration } from './migration';

export const migration: Migration = {
  version: 8,
  why: "Open data: whether representatives' names may be published, set in the workshop's setup (off by default).",
  up(db) {
    db.exec(`
        ALTER TABLE workshop ADD COLUMN representatives_public INTEGER NOT NULL DEFAULT 0 CHECK (representatives_public IN (0, 1));
      `);
  },
};
