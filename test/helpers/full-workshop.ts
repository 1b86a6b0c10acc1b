// A workshop where every feature was used, sealed: the demo (registry with walk-in, undone
// check-in, check-out and a signature "a ruego"; convocation; proposals with reviews and
// matters; three voting rounds; criteria; agreements and committee; the follow-up register
// with an earlier year's minutes, plan and note) plus a carried proposal and a separated
// link, then sealed and given an addendum. For the export tests. `representativesPublic`
// ticks the setup's open-data option before sealing.
import { join } from 'node:path';
import type { Db } from '../../electron/platform/db';
import { carryProposal, setLink } from '../../electron/followup/followup';
import { getRegister } from '../../electron/followup/followup-read';
import type { Env } from '../../electron/workshop/workshop';
import { addAddendum } from '../../electron/minutes/seal';
import { checkIn } from '../../electron/attendance/attendance';
import { loadOrCreateKey } from '../../electron/platform/crypto/keys';
import { openWorkshopDb } from '../../electron/platform/db';
import { adoptKit, prepareKit, signDeviceHead } from '../../electron/venues/venues';
import { chainStatus } from '../../electron/platform/events';
import { listConflicts, mergeVenue, settleConflict } from '../../electron/venues/venues-merge';
import {
  chooseOfficialRound,
  officialChoice,
  officialWarnings,
} from '../../electron/results/official';
import { listProposals } from '../../electron/proposals/proposals';
import { listParticipants } from '../../electron/registry/registry';
import { createRound, openRound } from '../../electron/voting/voting';
import { enterPaperBallot } from '../../electron/voting/paper';
import { closeRound } from '../../electron/voting/close-round';
import { getSetup, saveSetup } from '../../electron/workshop/workshop';
import { roundInput } from './round-input';
import { demoDb, seal, SEAL_OPTS } from './minutes-fixture';

export interface FullWorkshop {
  db: Db;
  path: string;
  pdf: Buffer;
}

export async function fullWorkshop(
  dir: string,
  opts: { representativesPublic?: boolean } = {},
): Promise<FullWorkshop> {
  const db = demoDb(dir, 'full.minka');
  let t = Date.parse('2026-05-16T20:00:00Z');
  let n = 0;
  const env: Env = {
    now: () => new Date((t += 1000)),
    newId: () => `full${String(++n).padStart(4, '0')}`,
  };
  const reg = getRegister(db);
  const carry = reg.projects.find((p) => p.carryable);
  if (!carry) throw new Error('the demo register has no carryable project');
  carryProposal(db, env, carry.key, null);
  const [a, b] = [reg.projects[0]?.refs[0], reg.projects[1]?.refs[0]];
  if (!a || !b) throw new Error('the demo register has fewer than two projects');
  setLink(db, env, a, b, false);
  // What the demo does not use: a signature "a ruego" with its witness at a second venue, and a
  // cumulative ballot round (points per ballot, double-entered on paper).
  const venue = getSetup(db).venues[1];
  if (!venue) throw new Error('the demo has one venue');
  const here = db
    .prepare('SELECT participant_id FROM attendance WHERE undone_at IS NULL')
    .pluck()
    .all() as string[];
  const absent = listParticipants(db).find((p) => !here.includes(p.id) && p.dni !== '');
  if (!absent) throw new Error('everyone in the demo registry attended');
  checkIn(db, env, {
    participantId: absent.id,
    venueId: venue.id,
    day: venue.date,
    signMethod: 'ruego',
    witness: 'Prof. Edgar Huamán Ccasa',
  });
  const items = listProposals(db)
    .filter((p) => p.status === 'admitted')
    .slice(0, 3)
    .map((p) => p.id);
  const round = createRound(
    db,
    env,
    roundInput(
      { venueId: venue.id, day: venue.date },
      {
        title: 'Puntos por proyecto',
        kind: 'ballot',
        ballotType: 'cumulative',
        totalPoints: 10,
        itemIds: items,
      },
    ),
  );
  openRound(db, env, round.id);
  const ballot = { choices: items.slice(0, 2), points: [7, 3] };
  for (const typist of ['A', 'B'] as const)
    enterPaperBallot(db, env, { roundId: round.id, serial: 'P-0001', typist, ballot });
  closeRound(db, env, round.id);
  // A venue laptop (issue 20): a kit for a third venue, opened on another laptop, which checks
  // in the same person on the same day; merged, the conflict listed and settled.
  const third = getSetup(db).venues[2];
  if (!third?.id || third.date !== venue.date)
    throw new Error('the demo has no third venue that day');
  const kitFile = join(dir, 'kit-full.minka');
  await prepareKit(db, env, loadOrCreateKey(dir, new Date('2026-05-15T12:00:00Z'), null), {
    venueId: third.id,
    out: kitFile,
  });
  const laptop = openWorkshopDb(kitFile);
  adoptKit(laptop, env, join(dir, 'laptop-2'));
  checkIn(laptop, env, {
    participantId: absent.id,
    venueId: third.id,
    day: third.date,
    signMethod: 'thumbprint',
    witness: '',
  });
  signDeviceHead(laptop, join(dir, 'laptop-2'));
  laptop.pragma('wal_checkpoint(TRUNCATE)');
  // The head the venue's closing slip printed.
  const slipHead = chainStatus(laptop).head;
  laptop.close();
  mergeVenue(db, env, kitFile, { slipHead });
  for (const c of listConflicts(db))
    settleConflict(db, env, { id: c.id, choice: 'main', note: 'Firmó primero en la sede central' });
  // The demo's official round is no longer the newest: the facilitator confirms it again.
  const official = officialChoice(db);
  if (official)
    chooseOfficialRound(db, env, {
      roundId: official.roundId,
      confirmed: officialWarnings(db, official.roundId),
    });
  if (opts.representativesPublic)
    saveSetup(db, env, { ...getSetup(db), representativesPublic: true });
  const pdf = await seal(db, dir, '2026-05-16T22:40:00Z');
  await addAddendum(
    db,
    dir,
    new Date('2026-05-17T10:00:00Z'),
    'Se corrige la fecha de la siguiente reunión.',
    SEAL_OPTS,
  );
  return { db, path: join(dir, 'full.minka'), pdf };
}
