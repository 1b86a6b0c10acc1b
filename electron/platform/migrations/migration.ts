import type Database from 'better-sqlite3';

/**
 * Numbered schema migrations. PRAGMA user_version holds how many have been applied; each
 * runs once, all pending ones in a single transaction, so a file is never half-migrated.
 * Append new migrations at the end; never edit one that has shipped.
 */
export interface Migration {
  version: number;
  why: string;
  up(db: Database.Database): void;
}
