// Results benchmark (issue 5): opening the results screen of the demo through dispatch —
// the list of rounds, then the results of the default (closed prioritisation) round, which
// reads the record, weighs votes and criteria and runs the tally engine with its
// explanation — plus the projector's poll and the criteria tab's data, next to a baseline
// of one plain read (workshop:get) in the same run.
import { performance } from 'node:perf_hooks';
import { Core } from '../../electron/core/core';
import { tempDir } from '../helpers/tmp';

type Figure = { name: string; ms: number; note?: string };

function stats(xs: number[]): { p50: number; p99: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99) };
}

async function timed(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  await fn(); // warm up
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

export async function benchResults(): Promise<Figure[]> {
  const { dir, cleanup } = tempDir('minka-bench-results-');
  const core = new Core({ dataDir: dir, host: 'cli' });
  try {
    const t0 = performance.now();
    const ws = await core.call('workshop:openDemo', {});
    const demoMs = performance.now() - t0;
    const workshopId = ws.workshopId;
    const rounds = await core.call('results:rounds', { workshopId });
    const roundId = rounds.defaultRoundId;
    if (!roundId) return [{ name: 'results: the demo has no closed round', ms: 0 }];
    const first = await core.call('results:get', { workshopId, roundId });
    const detail =
      first.kind === 'priority'
        ? `${first.value.projects.length} proposals, ${first.value.projects.filter((p) => p.selected).length} selected, ${first.value.round.ballots ?? 0} ballots, rule ${first.value.ruleKey}`
        : 'sector round';
    const runs = 30;
    const base = stats(await timed(runs, () => core.call('workshop:get', { workshopId })));
    const open = stats(
      await timed(runs, async () => {
        const r = await core.call('results:rounds', { workshopId });
        if (r.defaultRoundId)
          await core.call('results:get', { workshopId, roundId: r.defaultRoundId });
      }),
    );
    const projector = stats(
      await timed(runs, () => core.call('results:projector', { workshopId })),
    );
    const criteria = stats(await timed(runs, () => core.call('criteria:get', { workshopId })));
    const note = (s: { p50: number; p99: number }) =>
      `p50 of ${runs}; p99 ${s.p99.toFixed(1)} ms; ${(s.p50 / Math.max(base.p50, 0.001)).toFixed(0)}× the baseline`;
    return [
      {
        name: 'write the demo workshop (89 proposals, 3 closed rounds, criteria scores)',
        ms: demoMs,
      },
      { name: 'baseline: workshop:get through dispatch', ms: base.p50, note: `p50 of ${runs}` },
      {
        name: `open the results screen: results:rounds + results:get (${detail})`,
        ms: open.p50,
        note: note(open),
      },
      { name: 'projector poll: results:projector', ms: projector.p50, note: note(projector) },
      {
        name: 'criteria tab: criteria:get (matrix, scores, weighted totals)',
        ms: criteria.p50,
        note: note(criteria),
      },
    ];
  } finally {
    core.closeAll();
    cleanup();
  }
}
