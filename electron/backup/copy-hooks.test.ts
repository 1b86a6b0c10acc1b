// Backup does not know the kiosk ballot box; voting registers how every copy rewrites it
// (copy-hooks.ts). These fail if the core runs without that hook, or a copy skips the hooks.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedEnv } from '../../test/helpers/store';
import { tempDir } from '../../test/helpers/tmp';
import '../core/core';
import { demoSetup } from '../demo/demo';
import { createWorkshopDb, type Db, openWorkshopDb } from '../platform/db';
import { getSetup, initWorkshop } from '../workshop/workshop';
import { copyDatabase } from './backup';
import { copyHookNames, onEveryCopy } from './copy-hooks';

/** Where each ballot's token lies in a file's bytes, the tokens taken in the box's key order. */
function offsetsInKeyOrder(file: string, keyOrder: string[]): number[] {
  const bytes = readFileSync(file);
  return keyOrder.map((t) => {
    const at = bytes.indexOf(t);
    expect(bytes.indexOf(t, at + 1)).toBe(-1); // one copy of each ballot, no leftover cell
    return at;
  });
}
const monotonic = (xs: number[]) =>
  xs.every((x, i) => i === 0 || x > (xs[i - 1] ?? 0)) ||
  xs.every((x, i) => i === 0 || x < (xs[i - 1] ?? 0));

describe('the hooks every backup copy runs', () => {
  let dir: string;
  let cleanup: () => void;
  let db: Db;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    const file = join(dir, 'w.minka');
    createWorkshopDb(file, (d) => initWorkshop(d, fixedEnv(), 'w1', demoSetup()));
    db = openWorkshopDb(file);
  });
  afterEach(() => {
    db.close();
    cleanup();
  });

  it('loading the core registers the ballot box rewrite', () => {
    expect(copyHookNames()).toContain('ballot box');
  });

  it("a copy holds an open box's ballots in key order, not in the order they were cast", async () => {
    // Ballots put in the box as cast, bypassing the kiosk's own rewrite after each cast (a file
    // written by an older version, or an interrupted rewrite): their cells lie in casting order.
    const venue = getSetup(db).venues[0] as { id: string; date: string };
    db.prepare(
      `INSERT INTO voting_round (id, position, title, kind, ballot_type, max_choices, double_entry, tie_break, venue_id, day, state, created_at)
       VALUES ('r1', 1, 'Priorización', 'ballot', 'approval', 3, 0, 'lexicographic', ?, ?, 'open', '2026-05-14T13:00:00Z')`,
    ).run(venue.id, venue.date);
    const put = db.prepare(
      'INSERT INTO ballot_box (key, round_id, choices, points) VALUES (?, ?, ?, NULL)',
    );
    const cast = Array.from({ length: 30 }, (_, i) => ({
      key: randomBytes(16),
      token: `tok${String(i).padStart(4, '0')}`,
    }));
    for (const b of cast) put.run(b.key, 'r1', JSON.stringify([b.token]));
    db.pragma('wal_checkpoint(TRUNCATE)');
    const keyOrder = [...cast].sort((a, b) => Buffer.compare(a.key, b.key)).map((b) => b.token);
    // The control: in the file itself the cells follow the casting order, not the key order.
    expect(monotonic(offsetsInKeyOrder(join(dir, 'w.minka'), keyOrder))).toBe(false);

    const copy = join(dir, 'copy.minka');
    await copyDatabase(db, copy, { staysWithMinka: true }); // a rolling backup: the box goes along
    expect(monotonic(offsetsInKeyOrder(copy, keyOrder))).toBe(true);
    const c = new Database(copy, { readonly: true });
    expect(c.prepare('SELECT count(*) FROM ballot_box').pluck().get()).toBe(30);
    c.close();
  });

  it('runs every registered hook on the copy, never on the live file', async () => {
    onEveryCopy('test marker', (copy) => copy.exec('CREATE TABLE copy_marker (x)'));
    const copy = join(dir, 'marked.minka');
    await copyDatabase(db, copy, { staysWithMinka: true });
    const c = new Database(copy, { readonly: true });
    const has = (d: Db) =>
      d.prepare("SELECT 1 FROM sqlite_master WHERE name = 'copy_marker'").get() !== undefined;
    expect(has(c)).toBe(true);
    expect(has(db)).toBe(false);
    c.close();
  });
});
