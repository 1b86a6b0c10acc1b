// adv27 (adversary, fac27): kiosk secrecy against the laptop holder while a kiosk round is open.
// The ballot box is shuffled on every cast and secure_delete zeroes deleted cells, but each
// cast is a WAL commit: the -wal file next to the workshop keeps one version of the box page
// per cast, in casting order, until a checkpoint (the close). One copy of the two files taken at
// a break (no polling, no backups) gives the order of the ballots; the voters' marks in the
// event log give the order of the voters: every ballot linked to its voter.
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp';
import { fillVotingFixture, type VotingFixture } from '../helpers/voting-fixture';
import { demoSetup } from '../../electron/demo/demo';
import { Core } from '../../electron/core/core';

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

it('a copy of the workshop and its -wal taken while a kiosk round is open does not give the casting order', async () => {
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
  const voters = fx.titulars.slice(0, 4);
  const secret = [3, 0, 2, 1].map((i) => fx.proposals[i] as string);
  for (const [i, voter] of voters.entries())
    await core.call('voting:cast', {
      workshopId,
      roundId: r.id,
      participantId: voter,
      ballot: { choices: [secret[i] as string], points: null },
    });
  // The holder copies the two files at a break.
  copyFileSync(`${path}-wal`, join(dir, 'stolen-wal'));
  const versions = boxVersions(readFileSync(join(dir, 'stolen-wal')), fx.proposals);
  // Each new ballot is the one the previous version did not hold.
  const order: string[] = [];
  for (const v of versions) for (const id of v) if (!order.includes(id)) order.push(id);
  expect(order, 'casting order recovered from the WAL').not.toEqual(secret);
  expect(versions.length, 'versions of the box left in the WAL').toBeLessThanOrEqual(1);
});
