// Kiosk ballot box (issue 14, item 6): every cast rewrites the round's box in random-key order
// (ballot-box.ts), so a cast costs more as the box fills. 2,000 people, one vote per person,
// 2,000 approval ballots cast one by one through the store (each a durable transaction); the
// figure is the median cast among the last 100 against the median among the first 100 of the
// same run, then the close that moves 2,000 ballots into the close event and truncates the WAL.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { demoSetup } from '../../electron/demo/demo';
import { checkIn } from '../../electron/attendance/attendance';
import { createWorkshopDb, openWorkshopDb } from '../../electron/platform/db';
import { admittedProposal } from '../helpers/voting-fixture';
import { saveParticipant } from '../../electron/registry/registry';
import { createRound, openRound } from '../../electron/voting/voting';
import { castKioskBallot } from '../../electron/voting/kiosk';
import { closeRound } from '../../electron/voting/close-round';
import { getSetup, initWorkshop } from '../../electron/workshop/workshop';
import { roundInput } from '../helpers/round-input';
import { fixedEnv } from '../helpers/store';
import { tempDir } from '../helpers/tmp';
import type { Figure } from './table';

const VOTERS = 2000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export function benchKioskBox(): Promise<Figure[]> {
  return Promise.resolve(run());
}

function run(): Figure[] {
  const { dir, cleanup } = tempDir('minka-bench-box-');
  try {
    const env = fixedEnv();
    const file = join(dir, 'box.minka');
    createWorkshopDb(file, (d) =>
      initWorkshop(d, env, 'box', { ...demoSetup(), voteRule: 'perPerson' }),
    );
    const db = openWorkshopDb(file);
    const venue = getSetup(db).venues[0];
    if (!venue) throw new Error('no venue');
    const sector = getSetup(db).sectors[0]?.id ?? '';
    const people: string[] = [];
    db.transaction(() => {
      for (let i = 0; i < VOTERS; i++) {
        const p = saveParticipant(db, env, {
          dni: String(20_000_000 + i),
          givenNames: `Votante ${i}`,
          surnames: 'Qispe',
          sex: i % 2 ? 'F' : 'M',
          language: 'quz',
          organizationId: null,
          role: 'member',
          authorization: '',
          voice: 'voiceAndVote',
          accreditation: 'accredited',
        });
        checkIn(db, env, {
          participantId: p.id,
          venueId: venue.id,
          day: venue.date,
          signMethod: 'signature',
          witness: '',
        });
        people.push(p.id);
      }
    })();
    const props = Array.from({ length: 10 }, (_, i) =>
      admittedProposal(db, env, {
        code: `P-${String(i + 1).padStart(3, '0')}`,
        title: `Proyecto ${i + 1}`,
        sectorId: sector,
        estimatedCostCents: 100_000_00,
      }),
    );
    const round = createRound(
      db,
      env,
      roundInput(
        { venueId: venue.id, day: venue.date },
        { kind: 'ballot', ballotType: 'approval', maxChoices: 3, itemIds: props },
      ),
    );
    openRound(db, env, round.id);
    const times: number[] = [];
    people.forEach((participantId, i) => {
      const t0 = performance.now();
      castKioskBallot(db, env, {
        roundId: round.id,
        participantId,
        ballot: {
          choices: [props[i % 10] ?? '', props[(i * 7 + 3) % 10] ?? ''].filter(
            (x, k, a) => a.indexOf(x) === k,
          ),
          points: null,
        },
      });
      times.push(performance.now() - t0);
    });
    const t0 = performance.now();
    closeRound(db, env, round.id);
    const close = performance.now() - t0;
    db.close();
    return [
      {
        name: `a kiosk ballot with ${VOTERS - 100}–${VOTERS} ballots already in the box (rewritten in key order each cast)`,
        ms: median(times.slice(-100)),
        baseline: median(times.slice(0, 100)),
        baselineName: 'a kiosk ballot with 0–100 in the box',
        goal: 10,
        note: 'median of 100; durable commit each',
      },
      {
        name: `close the round: ${VOTERS} ballots from the box into the close event, box emptied (secure_delete), WAL truncated`,
        ms: close,
        goal: 2000,
      },
    ];
  } finally {
    cleanup();
  }
}
