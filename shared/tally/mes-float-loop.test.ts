// The float MES pass's price loop (mes-float.ts) on profiles where it used to repeat the same
// tau for ever. Found by fuzzing: five voters with points under MES + add1 (larger costs), and
// six voters of the small shape tally.test.ts draws (about one such profile in 4,600 looped, so
// each `npm test` had a few per cent chance to hang in tally.test.ts). Each tally first runs in
// a child process with a time limit, so that a regression fails instead of hanging the suite.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Rational } from './rational';
import { tally } from './tally';
import { mes, mesExact } from './mes';
import { compileProfile, type Profile } from './profile';

interface Shape {
  budget: number;
  costs: number[];
  ballots: { projects: string[]; points: number[] }[];
}

const profileOf = (s: Shape): Profile => ({
  kind: 'cumulative',
  budget: Rational.of(s.budget),
  projects: s.costs.map((c, i) => ({ id: `p${i}`, cost: Rational.of(c) })),
  ballots: s.ballots,
});

/** `rules` tallied in a child process that must end within 30 s: each rule's selection. */
function tallyInChild(s: Shape, rules: string[]): string[] {
  const tallyTs = fileURLToPath(new URL('./tally.ts', import.meta.url));
  const rationalTs = fileURLToPath(new URL('./rational.ts', import.meta.url));
  const code = `
    const { tally } = await import(${JSON.stringify(tallyTs)});
    const { Rational } = await import(${JSON.stringify(rationalTs)});
    const s = ${JSON.stringify(s)};
    const prof = { kind: 'cumulative', budget: Rational.of(s.budget),
      projects: s.costs.map((c, i) => ({ id: 'p' + i, cost: Rational.of(c) })),
      ballots: s.ballots };
    for (const rule of ${JSON.stringify(rules)})
      console.log(rule, tally(prof, { rule }).selectionOrder.join(','));
  `;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(r.signal, 'the tally did not end within 30 s').toBeNull();
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout.trim().split('\n');
}

/** Each pass of add1 (or the one pass) equals the exact pass; how many the float left to it. */
function passesEqualExact(prof: Profile, voters: number, passes: number): number {
  const c = compileProfile(prof);
  let exact = 0;
  for (let pass = 1; pass <= passes; pass++) {
    const perVoter = prof.budget.divInt(voters).add(Rational.of(pass - 1));
    const fast = mes(c, 'points', 'lexicographic', perVoter);
    if (fast.exact) exact++;
    expect(fast.order).toEqual(mesExact(c, 'points', 'lexicographic', perVoter).order);
  }
  return exact;
}

const RULES = ['mes-points+add1', 'mes-points'];
const said = (prof: Profile) =>
  RULES.map((rule) => `${rule} ${tally(prof, { rule }).selectionOrder.join(',')}`);

describe('MES float pass on profiles where its price loop used to repeat for ever', () => {
  it('five voters, larger costs, MES + add1: ends, and every pass is the exact pass', () => {
    const s: Shape = {
      budget: 15967,
      costs: [667, 1, 1, 1, 4474, 930, 2305],
      ballots: [
        { projects: ['p6', 'p4'], points: [1, 2] },
        { projects: ['p0', 'p4', 'p1', 'p5'], points: [1, 3, 1, 4] },
        { projects: [], points: [] },
        { projects: ['p5'], points: [1] },
        { projects: [], points: [] },
      ],
    };
    const inChild = tallyInChild(s, RULES);
    const prof = profileOf(s);
    expect(inChild).toEqual(said(prof));
    const passes = tally(prof, { rule: 'mes-points+add1' }).passes ?? 0;
    expect(passes).toBeGreaterThan(1);
    // The pass that looped is now left to the exact pass ('unsure').
    expect(passesEqualExact(prof, 5, passes)).toBeGreaterThan(0);
  });

  it('six voters of tally.test.ts’s small shape, plain MES with points: ends, equals the exact pass', () => {
    const s: Shape = {
      budget: 24,
      costs: [9, 5, 6, 3, 9, 12, 9],
      ballots: [
        { projects: ['p0', 'p2', 'p5'], points: [3, 3, 1] },
        { projects: [], points: [] },
        { projects: ['p4', 'p1', 'p0'], points: [3, 2, 1] },
        { projects: ['p4', 'p6'], points: [3, 2] },
        { projects: ['p0', 'p2', 'p1'], points: [1, 1, 2] },
        { projects: ['p1', 'p0', 'p6', 'p3'], points: [2, 3, 3, 2] },
      ],
    };
    const inChild = tallyInChild(s, RULES);
    const prof = profileOf(s);
    expect(inChild).toEqual(said(prof));
    expect(passesEqualExact(prof, 6, 1)).toBe(1);
  });
});
