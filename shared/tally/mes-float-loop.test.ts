// The float MES pass's price loop (mes-float.ts) on a profile where it used to repeat the
// same tau for ever: five voters with points, MES + add1. Found by fuzzing random cumulative
// profiles; before the fix `npm test`'s random properties could hang on such a profile. Run in
// a child process with a time limit, so that a regression fails instead of hanging the suite.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Rational } from './rational';
import { tally } from './tally';
import { mes, mesExact } from './mes';
import { compileProfile, type Profile } from './profile';

const costs: [string, number][] = [
  ['p0', 667],
  ['p1', 1],
  ['p2', 1],
  ['p3', 1],
  ['p4', 4474],
  ['p5', 930],
  ['p6', 2305],
];
const ballots = [
  { projects: ['p6', 'p4'], points: [1, 2] },
  { projects: ['p0', 'p4', 'p1', 'p5'], points: [1, 3, 1, 4] },
  { projects: [], points: [] },
  { projects: ['p5'], points: [1] },
  { projects: [], points: [] },
];
const LOOPED: Profile = {
  kind: 'cumulative',
  budget: Rational.of(15967),
  projects: costs.map(([id, c]) => ({ id, cost: Rational.of(c) })),
  ballots,
};

describe('MES float pass on a profile where its price loop used to repeat for ever', () => {
  it('ends (in a child process with a 30 s limit) and selects what the exact pass selects', () => {
    const tallyTs = fileURLToPath(new URL('./tally.ts', import.meta.url));
    const rationalTs = fileURLToPath(new URL('./rational.ts', import.meta.url));
    const code = `
      const { tally } = await import(${JSON.stringify(tallyTs)});
      const { Rational } = await import(${JSON.stringify(rationalTs)});
      const costs = ${JSON.stringify(costs)};
      const prof = { kind: 'cumulative', budget: Rational.of(15967),
        projects: costs.map(([id, c]) => ({ id, cost: Rational.of(c) })),
        ballots: ${JSON.stringify(ballots)} };
      for (const rule of ['mes-points+add1', 'mes-points'])
        console.log(rule, tally(prof, { rule }).selectionOrder.join(','));
    `;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.signal, 'the tally did not end within 30 s').toBeNull();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const inChild = r.stdout.trim().split('\n');
    // In this process too (it ends now), and each add1 pass equals the exact pass alone; the
    // pass that looped is now left to the exact pass ('unsure').
    const here = ['mes-points+add1', 'mes-points'].map(
      (rule) => `${rule} ${tally(LOOPED, { rule }).selectionOrder.join(',')}`,
    );
    expect(inChild).toEqual(here);
    const c = compileProfile(LOOPED);
    const passes = tally(LOOPED, { rule: 'mes-points+add1' }).passes ?? 0;
    expect(passes).toBeGreaterThan(1);
    let exact = 0;
    for (let pass = 1; pass <= passes; pass++) {
      const perVoter = LOOPED.budget.divInt(5).add(Rational.of(pass - 1));
      const fast = mes(c, 'points', 'lexicographic', perVoter);
      if (fast.exact) exact++;
      expect(fast.order).toEqual(mesExact(c, 'points', 'lexicographic', perVoter).order);
    }
    expect(exact).toBeGreaterThan(0);
  });
});
