// Kiosk secrecy against the laptop holder (found by the stop-27 adversary). Backups that hold an
// open round's box are removed when it closes, but "Guardar una copia" to a folder (a USB stick)
// during the open round took the same copy and stayed: one copy before and one after a voter gave
// that voter's ballot (the voter from the log). Every copy that leaves Minka (a USB folder, a kit,
// a venue file) is now refused while a kiosk round holds ballots (voting/ballot-box.ts).
import { mkdirSync, readdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp';
import { fillVotingFixture, type VotingFixture } from '../helpers/voting-fixture';
import { demoSetup } from '../../electron/demo/demo';
import { Core } from '../../electron/core/core';
import { backupWorkshop, copyDatabase, restoreInto } from '../../electron/backup/backup';

let core: Core;
let cleanup: () => void;
let dir: string;
let path: string;
let workshopId: string;
let fx!: VotingFixture;
beforeEach(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  dir = t.dir;
  let n = 0;
  core = new Core({
    dataDir: t.dir,
    host: 'test',
    env: { now: () => new Date(), newId: () => `id${String(++n).padStart(5, '0')}` },
    backups: { enabled: false, afterEvents: 1_000_000, everyMs: 3_600_000, keep: 20 },
  });
  path = join(t.dir, 'w.minka');
  workshopId = core.createFile(path, demoSetup(), (db, env) => {
    fx = fillVotingFixture(db, env);
  }).id;
});
afterEach(async () => {
  await core.backups.idle();
  core.closeAll();
  cleanup();
});

const box = (file: string): string[] => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT choices FROM ballot_box').pluck().all() as string[];
  } finally {
    db.close();
  }
};

async function openKioskRound(): Promise<string> {
  const r = (
    await core.call('voting:create', {
      workshopId,
      round: {
        title: 'Priorización',
        kind: 'ballot',
        ballotType: 'approval',
        maxChoices: 1,
        totalPoints: null,
        budgetCents: null,
        doubleEntry: false,
        tieBreak: null,
        venueId: fx.venueId,
        day: fx.day,
        itemIds: [],
      },
    })
  ).value;
  await core.call('voting:open', { workshopId, roundId: r.id });
  return r.id;
}

const cast = (roundId: string, voter: string, choice: string) =>
  core.call('voting:cast', {
    workshopId,
    roundId,
    participantId: voter,
    ballot: { choices: [choice], points: null },
  });

it('no copy leaves Minka while a kiosk round holds ballots: two copies cannot bracket a voter', async () => {
  const roundId = await openKioskRound();
  const usb = join(dir, 'usb');
  mkdirSync(usb);
  // An empty box tells nothing: the copy is made.
  const first = await core.call('backup:saveCopy', { workshopId, folder: usb });
  expect(first?.path).toBeTruthy();
  expect(box(first?.path ?? '')).toEqual([]);
  await cast(roundId, fx.titulars[0] as string, fx.proposals[1] as string);
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
  await cast(roundId, fx.titulars[1] as string, fx.proposals[3] as string);
  await core.call('voting:close', { workshopId, roundId });
  const after = await core.call('backup:saveCopy', { workshopId, folder: usb });
  expect(after?.path).toBeTruthy();
  expect(box(after?.path ?? '')).toEqual([]);
});
