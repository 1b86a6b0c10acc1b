// Migration 14 applies on the schema the ones before it leave, once, and changes it; on a
// sealed workshop it keeps every event, its hash chain, its triggers and what replay rebuilds.
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
import { migration } from './v14';

describe('migration 14', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('is listed in its place and applies on the schema before it', () => {
    expect(migrations[13]).toBe(migration);
    expectMigrationApplies(14);
  });

  it('on a sealed workshop: same events and chain, no index on the hash, the same triggers, replay consistent', async () => {
    const db = new Database(join(dir, 'w.minka'));
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      migrate(db, 13);
      const env = demoEnv(fixedEnv());
      db.transaction(() => {
        initWorkshop(db, env, 'demo-workshop', demoSetup());
        fillDemo(db, env);
      }).immediate();
      await seal(db, dir);
      const rows = () => db.prepare('SELECT * FROM event ORDER BY seq').all();
      const triggers = () =>
        db
          .prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'event' ORDER BY name",
          )
          .all();
      const before = { rows: rows(), triggers: triggers(), chain: verifyChain(db) };
      expect(before.chain.ok).toBe(true);
      expect(before.triggers).toHaveLength(3);
      expect(db.pragma("index_list('event')")).toHaveLength(1);

      expect(migrate(db, 14)).toEqual([14]);
      expect(rows()).toEqual(before.rows);
      expect(verifyChain(db)).toEqual(before.chain);
      expect(triggers()).toEqual(before.triggers);
      expect(db.pragma("index_list('event')")).toEqual([]);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(checkConsistency(db).problems).toEqual([]);

      // Still append-only, and sealed.
      expect(() => db.prepare('UPDATE event SET actor = ? WHERE seq = 1').run('x')).toThrow(
        /append-only/,
      );
      expect(() => db.prepare('DELETE FROM event WHERE seq = 1').run()).toThrow(/append-only/);
      expect(() =>
        db
          .prepare(
            "INSERT INTO event (seq, at, actor, type, payload, prev_hash, hash) VALUES (100000, 'x', 'x', 'attendance.checkedOut', '{}', 'x', 'x')",
          )
          .run(),
      ).toThrow(/sealed/);
    } finally {
      db.close();
    }
  });
});
