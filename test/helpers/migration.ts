// One migration's test (electron/platform/migrations/vNN.test.ts): it applies once on the schema
// the ones before it leave, sets user_version, breaks no foreign key, and changes the schema
// or the meta rows (a migration that changes nothing is a mistake).
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { migrate } from '../../electron/platform/migrations';

function state(db: Database.Database): string {
  const schema = db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all();
  const hasMeta = schema.some((r) => (r as { name: string }).name === 'meta');
  const meta = hasMeta ? db.prepare('SELECT * FROM meta ORDER BY 1').all() : [];
  return JSON.stringify({ schema, meta });
}

export function expectMigrationApplies(version: number): void {
  const db = new Database(':memory:');
  try {
    migrate(db, version - 1);
    expect(db.pragma('user_version', { simple: true })).toBe(version - 1);
    const before = state(db);
    expect(migrate(db, version)).toEqual([version]);
    expect(migrate(db, version)).toEqual([]);
    expect(db.pragma('user_version', { simple: true })).toBe(version);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(state(db)).not.toBe(before);
  } finally {
    db.close();
  }
}
