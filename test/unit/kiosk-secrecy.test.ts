// Kiosk secrecy against the laptop holder while a kiosk round is open (found by the stop-27
// adversary).
// - The -wal file: each cast is a WAL commit, and the -wal beside the workshop kept one version of
//   the box page per cast, in casting order, until the close. One copy of it taken at a break gave
//   the order of the ballots; the voters' marks in the log give the order of the voters. Each cast
//   now folds the WAL into the file and truncates it (voting/kiosk.ts, foldWalAfterCast).
// - Copies: backups that hold an open round's box are removed when it closes, but "Guardar una
//   copia" to a folder (a USB stick) took the same copy and stayed: one copy before and one after
//   a voter gave that voter's ballot. Every copy that leaves Minka (a USB folder, a kit, a venue
//   file) is now refused while a kiosk round holds ballots (voting/ballot-box.ts).
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { eachKioskWorkshop } from '../helpers/kiosk-workshop';
import { backupWorkshop, copyDatabase, restoreInto } from '../../electron/backup/backup';

const k = eachKioskWorkshop({ enabled: false });

/** The ballot contents each WAL frame holds, frame by frame (only frames that hold some). */
function boxVersions(wal: Buffer, ids: string[]): string[][] {
  if (wal.length < 32) return []; // truncated: no frame at all
  const pageSize = wal.readUInt32BE(8);
  const out: string[][] = [];
  for (let off = 32; off + 24 + pageSize <= wal.length; off += 24 + pageSize) {
    const page = wal.subarray(off + 24, off + 24 + pageSize).toString('latin1');
    const found = ids.filter((id) => page.includes(`["${id}"]`));
    if (found.length) out.push(found);
  }
  return out;
}

const box = (file: string): string[] => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT choices FROM ballot_box').pluck().all() as string[];
  } finally {
    db.close();
  }
};

it('a copy of the workshop and its -wal taken while a kiosk round is open does not give the casting order', async () => {
  const { dir, path, fx } = k;
  const roundId = await k.openKioskRound();
  const voters = fx.titulars.slice(0, 4);
  const secret = [3, 0, 2, 1].map((i) => fx.proposals[i] as string);
  for (const [i, voter] of voters.entries()) await k.cast(roundId, voter, [secret[i] as string]);
  // The holder copies the two files at a break.
  copyFileSync(`${path}-wal`, join(dir, 'stolen-wal'));
  const versions = boxVersions(readFileSync(join(dir, 'stolen-wal')), fx.proposals);
  // Each new ballot is the one the previous version did not hold.
  const order: string[] = [];
  for (const v of versions) for (const id of v) if (!order.includes(id)) order.push(id);
  expect(order, 'casting order recovered from the WAL').not.toEqual(secret);
  expect(versions.length, 'versions of the box left in the WAL').toBeLessThanOrEqual(1);
});

it('no copy leaves Minka while a kiosk round holds ballots: two copies cannot bracket a voter', async () => {
  const { core, dir, workshopId, fx } = k;
  const roundId = await k.openKioskRound();
  const usb = join(dir, 'usb');
  mkdirSync(usb);
  // An empty box tells nothing: the copy is made.
  const first = await core.call('backup:saveCopy', { workshopId, folder: usb });
  expect(first?.path).toBeTruthy();
  expect(box(first?.path ?? '')).toEqual([]);
  await k.cast(roundId, fx.titulars[0] as string, [fx.proposals[1] as string]);
  const before = readdirSync(usb).sort();
  const r = await core.dispatch('backup:saveCopy', { workshopId, folder: usb });
  expect(r.ok).toBe(false);
  if (!r.ok) {
    expect(r.error.key).toBe('voting.error.copyWhileKioskOpen');
    expect(r.error.params).toEqual({ round: 'Priorización' });
  }
  // Nothing half-written on the stick.
  expect(readdirSync(usb).sort()).toEqual(before);
  // The same refusal for any copy that leaves Minka's backup folder, whoever asks.
  const w = core.get(workshopId);
  await expect(copyDatabase(w.db, join(usb, 'direct.minka'))).rejects.toMatchObject({
    key: 'voting.error.copyWhileKioskOpen',
  });
  // Rolling backups stay with Minka (removed at the close, see the backup tests) and a restore
  // (how a crashed kiosk round is recovered) is not refused.
  const rolling = await backupWorkshop(w.db, w.path, new Date(), 20);
  expect(box(rolling.path)).toHaveLength(1);
  const restored = join(dir, 'restored.minka');
  await restoreInto(rolling.path, restored);
  expect(box(restored)).toHaveLength(1);
  // After the close the box is in the close event and the copy is made again.
  await k.cast(roundId, fx.titulars[1] as string, [fx.proposals[3] as string]);
  await core.call('voting:close', { workshopId, roundId });
  const after = await core.call('backup:saveCopy', { workshopId, folder: usb });
  expect(after?.path).toBeTruthy();
  expect(box(after?.path ?? '')).toEqual([]);
});
