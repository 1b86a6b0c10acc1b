// Migration 15 applies on the schema the ones before it leave, once, and changes it; on a
// sealed workshop (the demo: check-ins, check-outs, undone check-ins) it keeps every
// attendance row, the event chain, the open check-ins' unique index and what replay rebuilds.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectMigrationApplies } from '../../../test/helpers/migration';
import { fixedEnv, seal } from '../../../test/helpers/minutes-fixture';
import { tempDir } from '../../../test/helpers/tmp';
import { checkConsistency } from '../../check/consistency';
import { demoEnv, demoSetup, fillDemo } from '../../demo/demo';
import { initWorkshop } from '../../workshop/workshop';
import { verifyChain } from '../events';
import { migrate, migrations } from './index';
import { migration } from './v15';

describe('migration 15', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('is listed in its place and applies on the schema before it', () => {
    expect(migrations[14]).toBe(migration);
    expectMigrationApplies(15);
  });

  it('on a sealed workshop: same rows, one tree for row and key, the open index unchanged, replay consistent', async () => {
    const db = new Database(join(dir, 'w.minka'));
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      migrate(db, 14);
      const env = demoEnv(fixedEnv());
      db.transaction(() => {
        initWorkshop(db, env, 'demo-workshop', demoSetup());
        fillDemo(db, env);
      }).immediate();
      await seal(db, dir);
      const rows = () => db.prepare('SELECT * FROM attendance ORDER BY id').all();
      const openIndex = () =>
        db
          .prepare(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'attendance_open'",
          )
          .pluck()
          .get();
      const trees = () =>
        (
          db
            .prepare("SELECT name FROM sqlite_master WHERE tbl_name = 'attendance' ORDER BY name")
            .pluck()
            .all() as string[]
        ).filter((n) => n !== 'attendance');
      const before = { rows: rows(), open: openIndex(), chain: verifyChain(db) };
      expect(before.rows.length).toBeGreaterThan(30);
      expect(before.rows.some((r) => (r as { undone_at: unknown }).undone_at !== null)).toBe(true);
      expect(trees()).toEqual(['attendance_open', 'sqlite_autoindex_attendance_1']);

      expect(migrate(db, 15)).toEqual([15]);
      expect(rows()).toEqual(before.rows);
      expect(openIndex()).toBe(before.open);
      expect(trees()).toEqual(['attendance_open']);
      expect(
        db.prepare("SELECT sql FROM sqlite_master WHERE name = 'attendance'").pluck().get(),
      ).toMatch(/WITHOUT ROWID/);
      expect(verifyChain(db)).toEqual(before.chain);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(checkConsistency(db).problems).toEqual([]);

      // The constraints still hold: one open check-in per person, venue and day; unique ids;
      // references to people and venues.
      const open = db
        .prepare(
          'SELECT * FROM attendance WHERE undone_at IS NULL AND checked_out_at IS NULL LIMIT 1',
        )
        .get() as Record<string, unknown>;
      const insert = db.prepare(
        `INSERT INTO attendance (id, participant_id, venue_id, day, checked_in_at, checked_out_at, sign_method, witness, undone_at, undo_reason)
         VALUES (@id, @participant_id, @venue_id, @day, @checked_in_at, NULL, @sign_method, @witness, NULL, '')`,
      );
      expect(() => insert.run({ ...open, id: 'another' })).toThrow(
        /UNIQUE constraint failed: attendance\.participant_id/,
      );
      expect(() => insert.run({ ...open, day: '2000-01-01' })).toThrow(
        /UNIQUE constraint failed: attendance\.id/,
      );
      expect(() => insert.run({ ...open, id: 'x', participant_id: 'nobody' })).toThrow(
        /FOREIGN KEY/,
      );
    } finally {
      db.close();
    }
  });
});
