// Satisfaction functions. For cumulative and ordinal ballots, cost and cardinality count
// every listed project as approved; points only exist on cumulative ballots.
import type { CompiledProfile } from './profile';
import { Rational } from './rational';
import { TallyError } from './errors';

export const SATISFACTIONS = ['cost', 'cardinality', 'points'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];

/** Sum of the satisfaction all voters draw from project `p`. */
export function totalSatisfaction(prof: CompiledProfile, sat: Satisfaction, p: number): Rational {
  const count = prof.supportCount[p] ?? 0;
  switch (sat) {
    case 'cost':
      return (prof.projects[p]?.cost ?? Rational.ZERO).mulInt(count);
    case 'cardinality':
      return Rational.of(count);
    case 'points': {
      // Recomputed exactly from the classes: the Float64 total is for display only.
      let s = 0n;
      const cls = prof.supporters[p] ?? new Int32Array();
      const pts = prof.supporterPoints[p] ?? new Int32Array();
      cls.forEach((c, k) => (s += BigInt(prof.weight[c] ?? 0) * BigInt(pts[k] ?? 0)));
      return Rational.of(s);
    }
  }
}

/** Points satisfaction only makes sense when ballots carry points. */
export function checkSatisfaction(prof: CompiledProfile, sat: Satisfaction): void {
  if (sat === 'points' && prof.kind !== 'cumulative') {
    throw new TallyError('tally.pointsNeedCumulative', { kind: prof.kind });
  }
}

/**
 * Why MES never considers project `p`, or null. A project nobody listed; and, under cost
 * satisfaction, a project that costs nothing: its supporters' satisfaction is its cost,
 * zero, so the reference (pabutools 1.2.3, `method_of_equal_shares_scheme`: a project
 * enters only with total satisfaction > 0, and a zero-cost one with satisfaction > 0 is
 * taken at the start) never selects it in the MES phase. Under cardinality or points
 * satisfaction a supported free project costs rho = 0 and is taken first, as there.
 * A greedy completion (X+greedy) still takes it, as the reference's does.
 */
export function notInMes(
  prof: CompiledProfile,
  sat: Satisfaction,
  p: number,
): 'noSupporters' | 'noSatisfaction' | null {
  if ((prof.supportCount[p] ?? 0) === 0) return 'noSupporters';
  if (sat === 'cost' && prof.projects[p]?.cost.isZero()) return 'noSatisfaction';
  return null;
}
