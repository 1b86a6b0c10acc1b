import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Profile } from '../tally/profile';
import { Rational } from '../tally/rational';
import { tally } from '../tally/tally';
import { compareIds, type TieBreak } from '../tally/tiebreak';
import { combinedScores, computeResults, handsProfile, type ResultsProjectInput } from './compute';

/** A round: projects with costs (whole soles), approval ballots, criteria totals 0..100, an envelope. */
const roundArb = fc
  .record({
    costs: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 8 }),
    envelope: fc.integer({ min: 0, max: 40 }),
    ballots: fc.array(fc.uniqueArray(fc.nat(7), { maxLength: 5 }), { maxLength: 14 }),
    criteria: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 8, maxLength: 8 }),
    votesWeight: fc.integer({ min: 0, max: 100 }),
    tieBreak: fc.constantFrom<TieBreak>('lexicographic', 'cost', 'supporters'),
  })
  .map(({ costs, envelope, ballots, criteria, votesWeight, tieBreak }) => {
    const code = (i: number) => `P-${String(i + 1).padStart(3, '0')}`;
    const valid = ballots.map((b) => b.filter((i) => i < costs.length).map(code));
    const profile: Profile = {
      kind: 'approval',
      budget: Rational.of(envelope * 100 * 100, 100),
      projects: costs.map((c, i) => ({ id: code(i), cost: Rational.of(c * 100 * 100, 100) })),
      ballots: valid.map((projects) => ({ projects })),
    };
    const projects: ResultsProjectInput[] = costs.map((c, i) => ({
      code: code(i),
      costCents: c * 100 * 100,
      sectorId: i % 2 ? 's1' : 's2',
      votes: valid.filter((b) => b.includes(code(i))).length,
      points: null,
      criteria: Rational.of(criteria[i] ?? 0),
    }));
    return { profile, projects, envelopeCents: envelope * 100 * 100, votesWeight, tieBreak };
  });

describe('results computation', () => {
  it('with the votes weighing 100 %, the selection is exactly the tally engine’s greedy on the same profile', () => {
    fc.assert(
      fc.property(roundArb, (r) => {
        const out = computeResults({
          ...r,
          votesWeight: 100,
          rule: 'greedy',
          individualBallots: true,
        });
        const engine = tally(r.profile, { rule: 'greedy', tieBreak: r.tieBreak });
        expect(out.selectionOrder).toEqual(engine.selectionOrder);
        expect(BigInt(out.totalCents)).toBe((engine.totalCost.n * 100n) / engine.totalCost.d);
      }),
    );
  });

  it('with MES, the selection is exactly the tally engine’s MES (add1, then greedy) on the same profile', () => {
    fc.assert(
      fc.property(roundArb, (r) => {
        const out = computeResults({ ...r, rule: 'mes', individualBallots: true });
        expect(out.selectionOrder).toEqual(
          tally(r.profile, { rule: 'mes+add1+greedy', tieBreak: r.tieBreak }).selectionOrder,
        );
      }),
      { numRuns: 60 },
    );
  });

  it('with any weights, greedy takes the highest combined score that still fits, in order (checked against a naive loop)', () => {
    fc.assert(
      fc.property(roundArb, (r) => {
        const out = computeResults({
          ...r,
          tieBreak: 'lexicographic',
          rule: 'greedy',
          individualBallots: true,
        });
        const scores = combinedScores(r.projects, r.votesWeight);
        const sorted = [...r.projects].sort(
          (a, b) =>
            (scores.get(b.code)?.combined ?? Rational.ZERO).cmp(
              scores.get(a.code)?.combined ?? Rational.ZERO,
            ) || compareIds(a.code, b.code),
        );
        let left = r.envelopeCents;
        const naive: string[] = [];
        for (const p of sorted)
          if (p.costCents <= left) {
            naive.push(p.code);
            left -= p.costCents;
          }
        expect(out.selectionOrder).toEqual(naive);
        expect(out.totalCents).toBe(r.envelopeCents - left);
        // Every skipped step is a project that did not fit in what was left.
        for (const s of out.steps)
          if (s.kind === 'skipped') expect(s.costCents).toBeGreaterThan(s.remainingCents);
      }),
    );
  });

  it('ranks are competition ranks of the combined score, overall and per sector', () => {
    fc.assert(
      fc.property(roundArb, (r) => {
        const out = computeResults({ ...r, rule: 'greedy', individualBallots: true });
        for (const p of out.projects) {
          expect(p.rank).toBe(
            1 + out.projects.filter((o) => o.combined.cmp(p.combined) > 0).length,
          );
          const sector = r.projects.find((x) => x.code === p.code)?.sectorId;
          const peers = out.projects.filter(
            (o) => r.projects.find((x) => x.code === o.code)?.sectorId === sector,
          );
          expect(p.sectorRank).toBe(1 + peers.filter((o) => o.combined.cmp(p.combined) > 0).length);
        }
      }),
    );
  });

  it('a show-of-hands profile gives each project its count as supporters', () => {
    const projects: ResultsProjectInput[] = [
      {
        code: 'P-001',
        costCents: 150_00,
        sectorId: 's',
        votes: 3,
        points: null,
        criteria: Rational.ZERO,
      },
      {
        code: 'P-002',
        costCents: 100_00,
        sectorId: 's',
        votes: 0,
        points: null,
        criteria: Rational.ZERO,
      },
    ];
    const prof = handsProfile(projects, 200_00);
    expect(prof.ballots).toHaveLength(3);
    expect(prof.budget.toString()).toBe('200');
    expect(prof.projects.map((p) => p.cost.toString())).toEqual(['150', '100']);
    const out = computeResults({
      envelopeCents: 200_00,
      rule: 'greedy',
      tieBreak: 'lexicographic',
      votesWeight: 100,
      projects,
      profile: prof,
      individualBallots: false,
    });
    expect(out.steps.map((s) => [s.kind, s.code, s.supporters, s.remainingCents])).toEqual([
      ['chosen', 'P-001', 3, 50_00],
      ['skipped', 'P-002', null, 50_00],
    ]);
  });
});
