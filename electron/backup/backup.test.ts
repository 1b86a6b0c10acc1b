import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Core } from '../core/core';
import { tempDir } from '../../test/helpers/tmp';
import { backupDirFor } from './backup';
import { verifyChain } from '../platform/events';

/** A core with backups on, after every `afterEvents` events, copying one page per event-loop turn. */
function core(dir: string, extra: Partial<ConstructorParameters<typeof Core>[0]> = {}): Core {
  let n = 0;
  return new Core({
    dataDir: dir,
    host: 'test',
    env: { now: () => new Date(), newId: () => `id${String(++n).padStart(5, '0')}` },
    backups: { enabled: true, afterEvents: 3, everyMs: 3_600_000, keep: 4, pagesPerStep: 64 },
    ...extra,
  });
}

function fileChecks(path: string): { integrity: unknown; chain: boolean; length: number } {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const v = verifyChain(db);
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      chain: v.ok,
      length: v.length,
    };
  } finally {
    db.close();
  }
}

describe('rolling backups', () => {
  let dir: string;
  let cleanup: () => void;
  let c: Core;
  let workshopId: string;
  let path: string;
  const taken = new Set<string>();
  let made = 0;

  async function checkIns(n: number): Promise<number> {
    const ws = await c.call('workshop:get', { workshopId });
    const venue = ws.setup.venues[1];
    const reg = await c.call('registry:get', { workshopId });
    const present = new Set(
      reg.attendance
        .filter((a) => a.venueId === venue?.id && !a.undoneAt && !a.checkedOutAt)
        .map((a) => a.participantId),
    );
    let done = 0;
    let duringBackup = 0;
    const seen = (): void => {
      const d = backupDirFor(path);
      if (existsSync(d))
        for (const f of readdirSync(d))
          if (f.endsWith('.minka') && !f.startsWith('.')) taken.add(f);
    };
    for (const p of reg.participants) {
      if (done >= n) break;
      if (present.has(p.id)) continue;
      if (c.backups.status(path).running) duringBackup++;
      const r = await c.dispatch('attendance:checkIn', {
        workshopId,
        participantId: p.id,
        venueId: venue?.id,
        day: venue?.date,
        signMethod: 'signature',
        witness: '',
      });
      expect(r.ok).toBe(true);
      done++;
      // Let the backup take a step between writes, as the event loop does between requests.
      await new Promise((ok) => setImmediate(ok));
      seen();
    }
    await c.backups.idle();
    seen();
    made = done;
    return duringBackup;
  }

  beforeEach(async () => {
    ({ dir, cleanup } = tempDir('minka-backup-'));
    taken.clear();
    c = core(dir);
    const ws = await c.call('workshop:openDemo', {});
    workshopId = ws.workshopId;
    path = join(dir, ws.file);
  });
  afterEach(async () => {
    await c.backups.idle();
    c.closeAll();
    cleanup();
  });

  it('copies while check-ins continue; every copy passes integrity_check and the chain; only the newest are kept', async () => {
    // Count every copy the scheduler starts (pruning may remove one before the folder is read).
    let started = 0;
    const run = c.backups.run.bind(c.backups);
    c.backups.run = (t) => {
      started++;
      return run(t);
    };
    const t0 = performance.now();
    let during = await checkIns(160);
    // On a loaded machine each copy takes longer and more writes fall into one, so the demo's
    // 70 free people may start only 4 copies. Check people out, one write at a time, until
    // more copies have started than are kept, so that pruning is exercised too.
    const reg = await c.call('registry:get', { workshopId });
    for (const a of reg.attendance.filter((x) => !x.undoneAt && !x.checkedOutAt)) {
      if (started > 5) break;
      if (c.backups.status(path).running) during++;
      const r = await c.dispatch('attendance:checkOut', { workshopId, id: a.id });
      expect(r.ok).toBe(true);
      made++;
      await new Promise((ok) => setImmediate(ok));
    }
    await c.backups.idle();
    for (const f of readdirSync(backupDirFor(path)))
      if (f.endsWith('.minka') && !f.startsWith('.')) taken.add(f);
    const ms = performance.now() - t0;
    const list = await c.call('backup:list', { workshopId });
    const files = readdirSync(backupDirFor(path)).filter((f) => f.endsWith('.minka'));
    console.log(
      `backups: ${made} check-ins and check-outs in ${ms.toFixed(0)} ms, ${during} of them while a copy was running; ${started} copies taken, ${list.items.length} kept (keep 4), each passing integrity_check and the chain`,
    );
    expect(during).toBeGreaterThan(0);
    expect(started).toBeGreaterThan(4);
    expect(taken.size).toBeGreaterThanOrEqual(4);
    expect(list.items.length).toBe(4);
    expect(files).toHaveLength(4);
    expect(readdirSync(backupDirFor(path)).filter((f) => !f.endsWith('.minka'))).toEqual([]);
    for (const b of list.items) {
      expect(b.ok).toBe(true);
      const x = fileChecks(join(list.folder, b.file));
      expect(x).toMatchObject({ integrity: 'ok', chain: true, length: b.length });
      // Self-contained: no WAL left beside the copy.
      expect(existsSync(join(list.folder, b.file) + '-wal')).toBe(false);
    }
    const lengths = list.items.map((b) => b.length);
    expect([...lengths].sort((a, b) => b - a)).toEqual(lengths);
    const live = (await c.call('chain:status', { workshopId })).length;
    expect(lengths[0]).toBeLessThanOrEqual(live);
    expect(live - (lengths[0] ?? 0)).toBeLessThanOrEqual(2 * 3);
  });

  it('restores into a new file, never touching the live one, and opens it', async () => {
    await checkIns(12);
    await c.backups.idle();
    const list = await c.call('backup:list', { workshopId });
    const oldest = list.items[list.items.length - 1];
    if (!oldest) throw new Error('no backup');
    await checkIns(5);
    const liveBefore = await c.call('chain:status', { workshopId });
    const r = await c.call('backup:restore', { workshopId, file: oldest.file });
    expect(r.file).toMatch(/-restaurado-\d{8}-\d{6}\.minka$/);
    expect(r.workshop.chain.length).toBe(oldest.length);
    expect(r.workshop.chain.fingerprint).toBe(oldest.fingerprint);
    expect(r.workshop.workshopId).toBe(workshopId);
    // The live file was closed as it was: same chain, still whole.
    const live = fileChecks(path);
    expect(live).toMatchObject({ integrity: 'ok', chain: true, length: liveBefore.length });
    expect(fileChecks(r.path)).toMatchObject({
      integrity: 'ok',
      chain: true,
      length: oldest.length,
    });
    // The restored workshop takes writes.
    const again = await c.dispatch('workshop:saveSetup', { workshopId, setup: r.workshop.setup });
    expect(again.ok).toBe(true);
  });

  it('refuses to restore a damaged or altered copy, and anything outside the backup folder', async () => {
    const b = await c.call('backup:now', { workshopId });
    const p = join(backupDirFor(path), b.file);
    const bytes = readFileSync(p);
    // Alter one event's payload in the copy: the chain no longer verifies.
    const db = new Database(p);
    db.exec('DROP TRIGGER event_no_update');
    db.prepare("UPDATE event SET payload = replace(payload, 'a', 'o') WHERE seq = 3").run();
    db.close();
    const list = await c.call('backup:list', { workshopId });
    expect(list.items.find((x) => x.file === b.file)?.ok).toBe(false);
    const r = await c.dispatch('backup:restore', { workshopId, file: b.file });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'CORRUPT_FILE', key: 'backup.error.badBackup' },
    });
    writeFileSync(p, bytes);
    for (const file of ['../x.minka', 'demo.minka', '..\\x.minka'])
      expect((await c.dispatch('backup:restore', { workshopId, file })).ok, file).toBe(false);
  });

  it('saves a copy to a folder (web host) and never overwrites', async () => {
    const usb = join(dir, 'usb');
    expect(await c.dispatch('backup:saveCopy', { workshopId })).toMatchObject({
      ok: false,
      error: { key: 'backup.error.folderNeeded' },
    });
    expect(await c.dispatch('backup:saveCopy', { workshopId, folder: 'usb' })).toMatchObject({
      ok: false,
      error: { key: 'backup.error.folderNotAbsolute' },
    });
    expect(await c.dispatch('backup:saveCopy', { workshopId, folder: usb })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', key: 'backup.error.noFolder' },
    });
    mkdirSync(usb);
    const a = await c.call('backup:saveCopy', { workshopId, folder: usb });
    const b = await c.call('backup:saveCopy', { workshopId, folder: usb });
    expect(a?.path).not.toBe(b?.path);
    expect(readdirSync(usb).sort()).toHaveLength(2);
    for (const x of [a, b])
      expect(fileChecks(x?.path ?? '')).toMatchObject({
        integrity: 'ok',
        chain: true,
        length: x?.length,
      });
  });

  it('uses the native dialog in the desktop app; cancel writes nothing; an existing file is refused', async () => {
    const usb = join(dir, 'usb2');
    mkdirSync(usb);
    let answer: string | null = join(usb, 'copia');
    const d = core(join(dir, 'desk'), {
      dialogs: {
        openWorkshop: () => Promise.resolve(null),
        saveWorkshop: () => Promise.resolve(answer),
      },
    });
    try {
      const ws = await d.call('workshop:openDemo', {});
      const r = await d.call('backup:saveCopy', { workshopId: ws.workshopId, folder: '/ignored' });
      expect(r?.path).toBe(join(usb, 'copia.minka'));
      expect(await d.dispatch('backup:saveCopy', { workshopId: ws.workshopId })).toMatchObject({
        ok: false,
        error: { code: 'ALREADY_EXISTS' },
      });
      answer = null;
      expect(await d.call('backup:saveCopy', { workshopId: ws.workshopId })).toBeNull();
      expect(readdirSync(usb)).toEqual(['copia.minka']);
    } finally {
      await d.backups.idle();
      d.closeAll();
    }
  });
});
