// Voting benchmark (issue 5): a 2,000-ballot round through dispatch. One person one vote,
// 2,000 accredited people present, 60 admitted proposals; the ballots arrive as a .pb file
// (validated one by one, all in one transaction), the round closes (snapshot of 2,000
// entitled), then its totals, its .pb export and the tally of it through dispatch
// (results:get, which runs the engine with its explanation), next to a plain read baseline.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Core } from '../../electron/core/core';
import { demoSetup } from '../../electron/demo/demo';
import { checkIn } from '../../electron/attendance/attendance';
import { reviewProposal, saveProposal } from '../../electron/proposals/proposals';
import { saveParticipant } from '../../electron/registry/registry';
import { getSetup } from '../../electron/workshop/workshop';
import { writePb } from '../../shared/pabulib';
import { Rational } from '../../shared/tally';
import { isChannel } from '../../shared/api';
import { tempDir } from '../helpers/tmp';

import type { Figure } from './table';
import { pct, rawCommits } from './raw-commit';
import { roundInput } from '../helpers/round-input';

const VOTERS = 2000;
const PROPOSALS = 60;

async function timed(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    xs.push(performance.now() - t0);
  }
  xs.sort((a, b) => a - b);
  return xs[Math.floor(xs.length / 2)] ?? 0;
}

export async function benchVoting(): Promise<Figure[]> {
  const { dir, cleanup } = tempDir('minka-bench-voting-');
  const core = new Core({ dataDir: dir, host: 'cli' });
  const figures: Figure[] = [];
  try {
    let s = 7;
    const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0), s / 2 ** 32);
    const w = core.createFile(
      join(dir, 'bench.minka'),
      { ...demoSetup(), voteRule: 'perPerson' },
      (db, env) => {
        const setup = getSetup(db);
        const venue = setup.venues[0];
        const sector = setup.sectors[0]?.id ?? '';
        if (!venue) throw new Error('no venue');
        for (let i = 0; i < VOTERS; i++) {
          const p = saveParticipant(db, env, {
            dni: String(10_000_000 + i),
            givenNames: `Votante ${i}`,
            surnames: 'Quispe',
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
        }
        for (let i = 0; i < PROPOSALS; i++) {
          const p = saveProposal(db, env, {
            code: `P-${String(i + 1).padStart(3, '0')}`,
            title: `Proyecto ${i + 1}`,
            description: '',
            sectorId: sector,
            community: '',
            organizationId: null,
            estimatedCostCents: (50_000 + Math.floor(rand() * 900_000)) * 100,
            beneficiaries: 100,
            cui: '',
            cofinancingCents: 0,
            carriedFrom: '',
          });
          reviewProposal(db, env, {
            proposalId: p.id,
            decision: 'admitted',
            reason: null,
            explanation: '',
          });
        }
      },
    );
    const workshopId = w.id;
    const setup = getSetup(w.db);
    const venue = setup.venues[0];
    const round = await core.call('voting:create', {
      workshopId,
      round: {
        title: 'Priorización',
        kind: 'ballot',
        ballotType: 'approval',
        maxChoices: 8,
        totalPoints: null,
        budgetCents: null,
        doubleEntry: false,
        tieBreak: null,
        venueId: venue?.id ?? '',
        day: venue?.date ?? '',
        itemIds: [],
      },
    });
    const roundId = round.value.id;
    await core.call('voting:open', { workshopId, roundId });

    const appeal = Array.from({ length: PROPOSALS }, () => 0.02 + rand() * 0.15);
    const codes = Array.from(
      { length: PROPOSALS },
      (_, i) => `P-${String(i + 1).padStart(3, '0')}`,
    );
    const text = writePb({
      meta: { description: 'bench', vote_type: 'approval' },
      budget: Rational.of(setup.envelopeCents, 100),
      voteType: 'approval',
      projectColumns: ['project_id', 'cost'],
      voteColumns: ['voter_id', 'vote'],
      projects: codes.map((c) => ({ id: c, cost: Rational.of(1), fields: {} })),
      votes: Array.from({ length: VOTERS }, (_, v) => {
        const vote = codes.filter((_, i) => rand() < (appeal[i] ?? 0)).slice(0, 8);
        return { voterId: `v${v}`, vote: vote.length ? vote : ['P-001'], fields: {} };
      }),
    });

    const base = await timed(15, () => core.call('workshop:get', { workshopId }));
    figures.push({
      name: 'baseline: workshop:get through dispatch',
      ms: base,
      note: 'median of 15',
    });

    let t0 = performance.now();
    const imp = await core.call('voting:importPb', {
      workshopId,
      roundId,
      fileName: 'bench.pb',
      text,
    });
    figures.push({
      name: `import ${imp.value.imported} ballots from a .pb file (${(text.length / 1024).toFixed(0)} KiB) through dispatch, one transaction`,
      ms: performance.now() - t0,
    });

    t0 = performance.now();
    const closed = await core.call('voting:close', { workshopId, roundId });
    figures.push({
      name: `close the round (snapshot of ${closed.value.snapshot?.entitled ?? 0} entitled)`,
      ms: performance.now() - t0,
    });

    // A show-of-hands count typed at 2,000 attendees (issue 18 §4: ≤ 5 ms, not a reload of
    // the registry per count).
    const hands = await core.call('voting:create', {
      workshopId,
      round: {
        ...roundInput({ venueId: venue?.id ?? '', day: venue?.date ?? '' }),
        title: 'Mano alzada',
      },
    });
    await core.call('voting:open', { workshopId, roundId: hands.value.id });
    let k = 0;
    const count = await timed(30, () => {
      const itemId = hands.value.itemIds[k % hands.value.itemIds.length] ?? '';
      k++;
      return core.call('voting:enterCount', {
        workshopId,
        roundId: hands.value.id,
        itemId,
        operator: 'A',
        count: (k * 37) % VOTERS,
      });
    });
    // The durable commit every count needs, on this disk under this load, just after.
    const raw = pct(rawCommits(dir, 30), 50);
    figures.push({
      name: `a show-of-hands count at ${VOTERS} attendees (voting:enterCount, durable)`,
      ms: count,
      goal: 5,
      note: `median of 30; a raw one-row SQLite WAL FULL commit takes ${raw.toFixed(2)} ms in this run (${(count / raw).toFixed(1)}×)`,
    });

    const totals = await timed(9, () => core.call('voting:results', { workshopId, roundId }));
    figures.push({
      name: `totals of the ${VOTERS}-ballot round (voting:results)`,
      ms: totals,
      note: `median of 9; ${(totals / base).toFixed(1)}× baseline`,
    });

    const pb = await timed(5, () => core.call('voting:exportPb', { workshopId, roundId }));
    figures.push({
      name: `the round as a .pb file (voting:exportPb)`,
      ms: pb,
      note: 'median of 5',
    });

    if (isChannel('results:get')) {
      const tally = await timed(5, () => core.dispatch('results:get', { workshopId, roundId }));
      const r = await core.dispatch('results:get', { workshopId, roundId });
      figures.push({
        name: `tally of the ${VOTERS}-ballot round through dispatch (results:get, rule of the setup)`,
        ms: tally,
        note: `median of 5; ${r.ok ? 'ok' : 'refused: ' + r.error.key}`,
      });
    }
  } finally {
    core.closeAll();
    cleanup();
  }
  return figures;
}
