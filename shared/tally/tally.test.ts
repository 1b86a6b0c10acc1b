import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileProfile, type Profile } from './profile';
import { Rational } from './rational';
import { RULE_KEYS, parseRuleKey } from './rules';
import { tally } from './tally';
import { mes, mesExact } from './mes';
import { TallyError, TieRefusedError } from './errors';

/** Small profiles with small integer costs, so that exact ties and near-fits are common. */
const profileArb = (kind: 'approval' | 'cumulative') =>
  fc
    .record({
      costs: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 7 }),
      budget: fc.integer({ min: 1, max: 40 }),
      ballots: fc.array(
        fc.array(fc.tuple(fc.nat(6), fc.integer({ min: 1, max: 3 })), { maxLength: 5 }),
        { minLength: 1, maxLength: 14 },
      ),
    })
    .map(({ costs, budget, ballots }): Profile => {
      const projects = costs.map((c, i) => ({ id: `p${i}`, cost: Rational.of(c) }));
      return {
        kind,
        budget: Rational.of(budget),
        projects,
        ballots: ballots.map((b) => {
          const uniq = [
            ...new Map(b.filter(([p]) => p < costs.length).map(([p, pts]) => [p, pts])).entries(),
          ];
          return {
            projects: uniq.map(([p]) => `p${p}`),
            ...(kind === 'cumulative' ? { points: uniq.map(([, pts]) => pts) } : {}),
          };
        }),
      };
    });

const approvalKeys = RULE_KEYS.filter((k) => !k.includes('points'));

describe('tally properties', () => {
  it('never exceeds the budget, under every rule', () => {
    fc.assert(
      fc.property(profileArb('cumulative'), (prof) =>
        RULE_KEYS.filter((k) => k !== 'phragmen').every((rule) =>
          tally(prof, { rule }).totalCost.le(prof.budget),
        ),
      ),
    );
    fc.assert(
      fc.property(profileArb('approval'), (prof) =>
        tally(prof, { rule: 'phragmen' }).totalCost.le(prof.budget),
      ),
    );
  });

  it('MES charges never exceed a voter money, and pay exactly for what is chosen', () => {
    fc.assert(
      fc.property(
        profileArb('cumulative'),
        fc.constantFrom<'cost' | 'cardinality' | 'points'>('cost', 'cardinality', 'points'),
        fc.nat(3),
        (prof, sat, extra) => {
          const c = compileProfile(prof);
          const perVoter = c.budget.divInt(c.voters).add(Rational.of(extra));
          const out = mesExact(c, sat, 'lexicographic', perVoter);
          let charged = Rational.ZERO;
          out.moneyLeft.forEach((left, k) => {
            if (left.sign() < 0 || perVoter.lt(left)) throw new Error('money out of range');
            charged = charged.add(perVoter.sub(left).mulInt(c.weight[k] ?? 0));
          });
          return charged.eq(out.spent);
        },
      ),
    );
  });

  it('the certified float pass gives exactly the exact pass outcome', () => {
    fc.assert(
      fc.property(
        profileArb('cumulative'),
        fc.constantFrom<'cost' | 'cardinality' | 'points'>('cost', 'cardinality', 'points'),
        fc.nat(5),
        (prof, sat, extra) => {
          const c = compileProfile(prof);
          const perVoter = c.budget.divInt(c.voters).add(Rational.of(extra));
          return (
            JSON.stringify(mes(c, sat, 'lexicographic', perVoter).order) ===
            JSON.stringify(mesExact(c, sat, 'lexicographic', perVoter).order)
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('greedy completions are exhaustive: nothing left out still fits', () => {
    fc.assert(
      fc.property(profileArb('approval'), (prof) =>
        approvalKeys
          .filter((k) => k.startsWith('greedy') || k.endsWith('+greedy'))
          .every((rule) => {
            const r = tally(prof, { rule });
            const left = prof.budget.sub(r.totalCost);
            return prof.projects.every((p) => r.selected.includes(p.id) || left.lt(p.cost));
          }),
      ),
    );
  });

  it('does not depend on the order of the ballots, and is deterministic', () => {
    fc.assert(
      fc.property(profileArb('cumulative'), fc.integer(), (prof, seed) => {
        const shuffled = { ...prof, ballots: [...prof.ballots].sort(() => 0).reverse() };
        const rotated = {
          ...prof,
          ballots: prof.ballots.map(
            (_, i) => prof.ballots[(i + Math.abs(seed)) % prof.ballots.length]!,
          ),
        };
        return RULE_KEYS.filter((k) => k !== 'phragmen').every((rule) => {
          const a = tally(prof, { rule });
          const again = tally(prof, { rule });
          const b = tally(shuffled, { rule });
          const c = tally(rotated, { rule });
          const sig = (x: typeof a) => JSON.stringify([x.selectionOrder, x.totalCost, x.passes]);
          return sig(a) === sig(again) && sig(a) === sig(b) && sig(a) === sig(c);
        });
      }),
    );
  });
});

/** Phragmén written the obvious way (per voter, exact), to check the screened version. */
function naivePhragmen(prof: Profile): string[] {
  const loads = prof.ballots.map(() => Rational.ZERO);
  const out: string[] = [];
  let spent = Rational.ZERO;
  for (;;) {
    let best: { id: string; load: Rational; cost: Rational } | null = null;
    for (const p of prof.projects) {
      if (out.includes(p.id)) continue;
      const sup = prof.ballots
        .map((b, i) => (b.projects.includes(p.id) ? i : -1))
        .filter((i) => i >= 0);
      if (sup.length === 0) continue;
      const load = sup.reduce((s, i) => s.add(loads[i] as Rational), p.cost).divInt(sup.length);
      if (!best || load.lt(best.load) || (load.eq(best.load) && p.id < best.id))
        best = { id: p.id, load, cost: p.cost };
    }
    if (!best || prof.budget.lt(spent.add(best.cost))) return out;
    const chosen = best;
    prof.ballots.forEach((b, i) => {
      if (b.projects.includes(chosen.id)) loads[i] = chosen.load;
    });
    spent = spent.add(best.cost);
    out.push(best.id);
  }
}

describe('Phragmén', () => {
  it('matches the obvious per-voter exact implementation', () => {
    fc.assert(
      fc.property(
        profileArb('approval'),
        (prof) =>
          JSON.stringify(tally(prof, { rule: 'phragmen' }).selectionOrder) ===
          JSON.stringify(naivePhragmen(prof)),
      ),
      {
        numRuns: 300,
      },
    );
  });
});

describe('tally examples', () => {
  const two = (costA: number, costB: number): Profile => ({
    kind: 'approval',
    budget: Rational.of(10),
    projects: [
      { id: '9', cost: Rational.of(costA) },
      { id: '10', cost: Rational.of(costB) },
    ],
    ballots: [{ projects: ['9'] }, { projects: ['10'] }],
  });

  it('breaks ties by id compared as a string: "10" before "9"', () => {
    expect(tally(two(6, 6), { rule: 'greedy' }).selectionOrder).toEqual(['10']);
    expect(tally(two(5, 5), { rule: 'mes' }).selectionOrder).toEqual(['10', '9']);
  });

  it('cost and supporters policies', () => {
    expect(tally(two(5, 6), { rule: 'greedy', tieBreak: 'cost' }).selectionOrder).toEqual(['9']);
    const p = two(6, 6);
    const more = { ...p, ballots: [...p.ballots, { projects: ['9'] }] };
    expect(tally(more, { rule: 'greedy-per-cost', tieBreak: 'supporters' }).selectionOrder).toEqual(
      ['9'],
    );
  });

  it("'refuse' throws a typed error listing the tied projects", () => {
    try {
      tally(two(6, 6), { rule: 'greedy', tieBreak: 'refuse' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TieRefusedError);
      expect((e as TieRefusedError).tied).toEqual(['10', '9']);
    }
    // Both fit together: the order of a tie changes nothing, so nobody is asked.
    expect(tally(two(5, 5), { rule: 'greedy', tieBreak: 'refuse' }).selected).toEqual(['10', '9']);
  });

  it('explains MES rounds: choice, price per supporter, what was skipped and why', () => {
    const prof: Profile = {
      kind: 'approval',
      budget: Rational.of(300),
      projects: [
        { id: 'a', cost: Rational.of(100) },
        { id: 'b', cost: Rational.of(250) },
        { id: 'c', cost: Rational.of(10) },
      ],
      ballots: [{ projects: ['a'] }, { projects: ['a', 'b'] }, { projects: ['a'] }],
    };
    const r = tally(prof, { rule: 'mes+greedy' });
    expect(r.selectionOrder).toEqual(['a', 'c']);
    expect(r.rounds[0]?.chosen).toMatchObject({
      project: 'a',
      pricePerSupporter: 100 / 3,
      remaining: '200',
    });
    // b's one supporter holds 100 of its 250: unaffordable from the first round.
    expect(r.rounds[0]?.skipped).toEqual([
      { project: 'c', reason: 'noSupporters' },
      { project: 'b', reason: 'unaffordable' },
    ]);
    // Greedy completion: b does not fit in the 200 left; c (nobody's choice) does.
    expect(r.rounds.filter((x) => x.phase === 'greedy').flatMap((x) => x.skipped)).toEqual([
      { project: 'b', reason: 'doesNotFit' },
    ]);
    expect(r.totalCost.toString()).toBe('110');
  });

  it('Phragmén stops at the first best project that does not fit', () => {
    const prof: Profile = {
      kind: 'approval',
      budget: Rational.of(10),
      projects: [
        { id: 'a', cost: Rational.of(8) },
        { id: 'b', cost: Rational.of(3) },
        { id: 'c', cost: Rational.of(1) },
      ],
      ballots: [{ projects: ['a', 'b'] }, { projects: ['a', 'b'] }, { projects: ['c'] }],
    };
    const r = tally(prof, { rule: 'phragmen' });
    expect(r.selectionOrder).toEqual(['c', 'b']);
    expect(r.rounds.at(-1)?.skipped).toEqual([{ project: 'a', reason: 'exceedsBudget' }]);
  });

  it('add1 gives up with a typed error rather than running for ever', () => {
    const prof: Profile = {
      kind: 'approval',
      budget: Rational.of(10n ** 12n),
      projects: [{ id: 'a', cost: Rational.of(10n ** 12n) }],
      ballots: [{ projects: ['a'] }, { projects: [] }],
    };
    // a fits the budget, but its one supporter holds half of it and gains 1 per pass.
    expect(() => tally(prof, { rule: 'mes+add1' })).toThrow(TallyError);
  });

  it('parses rule keys', () => {
    expect(parseRuleKey('mes-cardinality+add1+greedy')).toEqual({
      kind: 'mes',
      sat: 'cardinality',
      add1: true,
      completion: true,
    });
    expect(parseRuleKey('mes+greedy+add1')).toBeNull();
    expect(parseRuleKey('greedy+add1')).toBeNull();
    expect(RULE_KEYS).toHaveLength(3 + 12 + 1);
  });
});
