// Idle WAL checkpoints (issue 18): a check-in's commit no longer carries SQLite's periodic
// checkpoint; the core copies the WAL into the file once no dispatch has run for a moment and
// the WAL is long (QUIET_CHECKPOINT_FRAMES), or once nothing was written for FOLD_AFTER_MS.
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir, testCore } from '../../test/helpers/tmp';
import type { Core } from '../core/core';
import { demoSetup } from '../demo/demo';
import { getSetup } from '../workshop/workshop';
import {
  FOLD_AFTER_MS,
  HEADROOM_FRAMES,
  IDLE_CHECKPOINT_MS,
  IdleCheckpoints,
  QUIET_CHECKPOINT_FRAMES,
  quietLimit,
  REUSE_FRAMES,
  walFileFrames,
} from './checkpoint';
import type { Db } from './db';
import { verifyChain } from './events';

/** A connection whose WAL holds `wal.log` frames, `wal.checkpointed` of them copied. */
function fakeDb(over: Partial<Db> = {}, wal = { log: 3, checkpointed: 0 }) {
  const pragma = vi.fn((sql: string) => {
    if (sql === 'wal_checkpoint(NOOP)') return [{ busy: 0, ...wal }];
    wal.checkpointed = wal.log;
    return [{ busy: 0, log: wal.log, checkpointed: wal.log }];
  });
  const db = {
    open: true,
    readonly: false,
    inTransaction: false,
    pragma,
    ...over,
  } as unknown as Db;
  return { db, pragma };
}

describe('IdleCheckpoints', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('looks at the WAL once, only after idleMs without a dispatch, with one timer at a time', () => {
    const { db, pragma } = fakeDb({}, { log: QUIET_CHECKPOINT_FRAMES, checkpointed: 0 });
    const c = new IdleCheckpoints(() => [db], 250);
    c.touched();
    vi.advanceTimersByTime(200);
    c.touched(); // a second check-in 200 ms after the first
    c.touched();
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(249); // 449 ms: the last dispatch was 249 ms ago
    expect(pragma).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1); // 450 ms: quiet for 250 ms, and the WAL is long
    expect(pragma.mock.calls).toEqual([['wal_checkpoint(NOOP)'], ['wal_checkpoint(PASSIVE)']]);
    vi.advanceTimersByTime(10 * FOLD_AFTER_MS);
    expect(pragma).toHaveBeenCalledTimes(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('leaves a short WAL at the quiet moment (the next check-in appends, one fsync) and folds it once nothing was written for FOLD_AFTER_MS', () => {
    const wal = { log: 30, checkpointed: 0 };
    const { db, pragma } = fakeDb({}, wal);
    const c = new IdleCheckpoints(() => [db], 250);
    const passives = () => pragma.mock.calls.filter(([q]) => q === 'wal_checkpoint(PASSIVE)');
    c.touched();
    vi.advanceTimersByTime(250);
    expect(pragma.mock.calls).toEqual([['wal_checkpoint(NOOP)']]);
    // Another check-in before the fold (59,250 ms): its quiet moment (59,500 ms) sees the WAL
    // moved, so the fold waits a whole FOLD_AFTER_MS from there.
    vi.advanceTimersByTime(FOLD_AFTER_MS - 1000);
    wal.log = 36;
    c.touched();
    vi.advanceTimersByTime(250);
    expect(passives()).toHaveLength(0);
    vi.advanceTimersByTime(FOLD_AFTER_MS - 1);
    expect(passives()).toHaveLength(0);
    vi.advanceTimersByTime(1); // a whole FOLD_AFTER_MS with the WAL unchanged
    expect(passives()).toHaveLength(1);
    expect(wal.checkpointed).toBe(36);
    vi.advanceTimersByTime(10 * FOLD_AFTER_MS);
    expect(passives()).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stop() drops the pending checkpoint and fold; a later dispatch arms it again', () => {
    const { db, pragma } = fakeDb();
    const c = new IdleCheckpoints(() => [db], 250);
    c.touched();
    c.stop();
    vi.advanceTimersByTime(1000);
    expect(pragma).not.toHaveBeenCalled();
    c.touched();
    vi.advanceTimersByTime(250);
    expect(pragma).toHaveBeenCalledTimes(1); // the look
    c.stop();
    vi.advanceTimersByTime(2 * FOLD_AFTER_MS);
    expect(pragma).toHaveBeenCalledTimes(1);
  });

  it('leaves closed, read-only and mid-transaction connections alone, and survives a failing one', () => {
    const closed = fakeDb({ open: false });
    const ro = fakeDb({ readonly: true });
    const busy = fakeDb({ inTransaction: true });
    const failing = fakeDb();
    failing.pragma.mockImplementation(() => {
      throw new Error('SQLITE_BUSY');
    });
    const ok = fakeDb();
    const c = new IdleCheckpoints(() => [closed.db, ro.db, busy.db, failing.db, ok.db], 250);
    expect(c.checkpoint()).toBe(3);
    expect(closed.pragma).not.toHaveBeenCalled();
    expect(ro.pragma).not.toHaveBeenCalled();
    expect(busy.pragma).not.toHaveBeenCalled();
    expect(ok.pragma).toHaveBeenCalledTimes(1);
  });
});

describe('a check-in through the core, before and after the quiet moment', () => {
  let dir: string;
  let cleanup: () => void;
  let core: Core;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    ({ dir, cleanup } = tempDir());
    core = testCore(dir);
  });
  afterEach(() => {
    core.closeAll();
    vi.useRealTimers();
    cleanup();
  });

  /** What a copy of these files alone holds: check-ins and whether the chain verifies. */
  function copyHolds(path: string, withWal: boolean): { checkIns: number; chainOk: boolean } {
    const copy = join(dir, `copy-${withWal ? 'wal' : 'main'}-${Math.random()}.minka`);
    copyFileSync(path, copy);
    if (withWal) copyFileSync(`${path}-wal`, `${copy}-wal`);
    const db = new Database(copy);
    try {
      const n = db.prepare('SELECT count(*) FROM attendance').pluck().get() as number;
      return { checkIns: n, chainOk: verifyChain(db).ok };
    } finally {
      db.close();
    }
  }

  it('is durable in the WAL when dispatch returns; the next check-in appends after a quiet moment; the file alone holds both once nothing was written for FOLD_AFTER_MS', async () => {
    const path = join(dir, 'w.minka');
    const w = core.createFile(path, demoSetup());
    const s = { workshopId: w.id };
    const venue = getSetup(w.db).venues[0];
    if (!venue) throw new Error('no venue');
    w.db.pragma('wal_checkpoint(TRUNCATE)'); // start from an empty WAL
    const person = (dni: string) =>
      core.call('registry:saveParticipant', {
        workshopId: s.workshopId,
        participant: {
          dni,
          givenNames: 'Rosa',
          surnames: 'Ccori Huamán',
          sex: 'F',
          language: 'quz',
          organizationId: null,
          role: 'titular',
          authorization: '',
          voice: 'voiceAndVote',
          accreditation: 'accredited',
        },
      });
    const checkIn = (participantId: string) =>
      core.call('attendance:checkIn', {
        workshopId: s.workshopId,
        participantId,
        venueId: venue.id,
        day: venue.date,
        signMethod: 'signature',
        witness: '',
      });
    const log = () => (w.db.pragma('wal_checkpoint(NOOP)') as Array<{ log: number }>)[0]?.log;
    const a = await person('01234567');
    const b = await person('01234568');
    await checkIn(a.value.id);
    // Acknowledged: the commit is in the fsynced WAL; a crash now (the file and its WAL as they
    // are on disk) keeps it, chain intact. The main file alone does not hold it yet: the
    // checkpoint was not done inside the check-in.
    expect(existsSync(`${path}-wal`)).toBe(true);
    expect(copyHolds(path, true)).toEqual({ checkIns: 1, chainOk: true });
    expect(copyHolds(path, false).checkIns).toBe(0);

    // The quiet moment between two people leaves a short WAL as it is, so the next check-in
    // appends to it (a copied WAL would make that commit start it again: header + fsync first).
    vi.advanceTimersByTime(IDLE_CHECKPOINT_MS);
    const before = log() ?? 0;
    expect(before).toBeGreaterThan(0);
    await checkIn(b.value.id);
    expect(log()).toBeGreaterThan(before);
    expect(copyHolds(path, true)).toEqual({ checkIns: 2, chainOk: true });

    vi.advanceTimersByTime(IDLE_CHECKPOINT_MS + FOLD_AFTER_MS - 1);
    expect(copyHolds(path, false).checkIns).toBe(0);
    vi.advanceTimersByTime(1);
    expect(copyHolds(path, false)).toEqual({ checkIns: 2, chainOk: true });
  });

  it('after an import, the door reuses the -wal file the import left: a quiet moment checkpoints before the WAL would outgrow it, so no check-in extends the file', async () => {
    const path = join(dir, 'i.minka');
    const w = core.createFile(path, demoSetup());
    const venue = getSetup(w.db).venues[0];
    if (!venue) throw new Error('no venue');
    const person = (i: number) => ({
      dni: String(40_000_000 + i),
      givenNames: 'Rosa',
      surnames: `Ccori Huamán ${i}`,
      sex: 'F' as const,
      language: 'quz',
      organizationId: null,
      role: 'titular',
      authorization: '',
      voice: 'voiceAndVote' as const,
      accreditation: 'accredited' as const,
      organizationKey: null,
    });
    await core.call('registry:import', {
      workshopId: w.id,
      source: 'padron.csv',
      organizations: [],
      participants: Array.from({ length: 3000 }, (_, i) => person(i)),
    });
    const frames = () => walFileFrames(w.db);
    const wal = () =>
      (w.db.pragma('wal_checkpoint(NOOP)') as Array<{ log: number; checkpointed: number }>)[0];
    // The import left a -wal file of a working size, shorter than QUIET_CHECKPOINT_FRAMES.
    const room = frames();
    expect(room).toBeGreaterThanOrEqual(REUSE_FRAMES);
    expect(room).toBeLessThan(QUIET_CHECKPOINT_FRAMES);
    expect(quietLimit(w.db)).toBe(room - HEADROOM_FRAMES);
    vi.advanceTimersByTime(IDLE_CHECKPOINT_MS); // the quiet moment after the import copies it
    expect(wal()?.checkpointed).toBe(wal()?.log);

    const ids = (
      w.db.prepare('SELECT id FROM participant ORDER BY dni').pluck().all() as string[]
    ).slice(0, 400);
    let restarts = 0;
    let last = 0;
    for (const id of ids) {
      await core.call('attendance:checkIn', {
        workshopId: w.id,
        participantId: id,
        venueId: venue.id,
        day: venue.date,
        signMethod: 'signature',
        witness: '',
      });
      const log = wal()?.log ?? 0;
      if (log < last) restarts++;
      last = log;
      expect(log).toBeLessThanOrEqual(room); // written inside the file the import left
      expect(frames()).toBe(room);
      vi.advanceTimersByTime(IDLE_CHECKPOINT_MS); // the door: a moment between two people
    }
    expect(restarts).toBeGreaterThanOrEqual(1); // the WAL went round inside the file
    expect(verifyChain(w.db).ok).toBe(true);
    expect(copyHolds(path, true).checkIns).toBe(ids.length);
  });

  it('on this SQLite, NOOP only reads the WAL; a long WAL is copied at the quiet moment and the next commit starts it again', () => {
    const path = join(dir, 'n.minka');
    const w = core.createFile(path, demoSetup());
    core.checkpoints.stop();
    w.db.pragma('wal_checkpoint(TRUNCATE)');
    w.db.exec('CREATE TEMP TABLE t (x)'); // temp: not in the WAL
    const state = () =>
      (w.db.pragma('wal_checkpoint(NOOP)') as Array<{ log: number; checkpointed: number }>)[0];
    w.db.pragma('user_version = ' + String(w.db.pragma('user_version', { simple: true })));
    w.db.pragma('application_id = ' + String(w.db.pragma('application_id', { simple: true })));
    const s0 = state();
    expect(s0?.log).toBeGreaterThan(0);
    expect(s0?.checkpointed).toBe(0); // an older SQLite reads NOOP as PASSIVE and copies
    const c = new IdleCheckpoints(() => [w.db], IDLE_CHECKPOINT_MS, undefined, s0?.log ?? 0);
    c.touched();
    vi.advanceTimersByTime(IDLE_CHECKPOINT_MS);
    expect(state()).toEqual({ busy: 0, log: s0?.log, checkpointed: s0?.log });
    w.db.pragma('user_version = ' + String(w.db.pragma('user_version', { simple: true })));
    expect(state()?.log).toBe(1);
    c.stop();
  });
});
