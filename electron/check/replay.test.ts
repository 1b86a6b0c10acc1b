// The replay reads the log through the event union: a payload that does not fit its type is
// reported (no table can be replayed from it); a type the union lacks (a later version's) is
// left out; a field a later version adds is kept and ignored.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoSetup } from '../demo/demo';
import { checkConsistency } from './consistency';
import { createWorkshopDb, type Db, openWorkshopDb } from '../platform/db';
import { appendEvent, type NewEvent } from '../platform/events';
import { type Env, initWorkshop } from '../workshop/workshop';
import { fixedEnv } from '../../test/helpers/store';

describe('the replay reads events through the union', () => {
  let db: Db;
  let e: Env;
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'minka-replay-'));
    e = fixedEnv();
    const file = join(dir, 'w.minka');
    createWorkshopDb(file, (d) => initWorkshop(d, e, 'w1', demoSetup()));
    db = openWorkshopDb(file);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  // What a raw SQLite tool, or another program, could have appended with a valid chain.
  const appendRaw = (type: string, payload: unknown) =>
    db.transaction(() => appendEvent(db, e.now(), { type, payload } as unknown as NewEvent))();

  it('a fresh workshop replays clean', () => {
    expect(checkConsistency(db)).toMatchObject({ ok: true, problems: [] });
  });

  it('reports a payload that does not fit its type', () => {
    appendRaw('minutes.closingRemarksSaved', { text: 42 });
    const v = checkConsistency(db);
    expect(v.ok).toBe(false);
    expect(v.problems).toContainEqual({
      table: 'event',
      key: '2',
      what: 'payload does not fit the type minutes.closingRemarksSaved',
    });
  });

  it('leaves out a type the union lacks, and keeps further keys', () => {
    appendRaw('later.somethingNew', { x: 1 });
    appendRaw('minutes.agreementRemoved', { id: 'none', byLaterVersion: true });
    expect(checkConsistency(db)).toMatchObject({ ok: true, problems: [] });
  });
});

describe('same(): a field of a row against the log', () => {
  it('answers as canonical JSON does, comparing strings and finite numbers directly', async () => {
    const { same } = await import('../platform/replay');
    const { canonicalize } = await import('../../shared/canonical');
    const values: unknown[] = [
      '1',
      1,
      1.5,
      -0,
      0,
      '',
      null,
      undefined,
      'Ñ',
      'N\u0303',
      [1],
      { a: 1 },
    ];
    for (const a of values)
      for (const b of values)
        expect(same(a, b)).toBe(canonicalize(a ?? null) === canonicalize(b ?? null));
    // A number canonical JSON cannot carry is still refused (the replay reports the table).
    expect(() => same(Infinity, Infinity)).toThrow();
  });
});
