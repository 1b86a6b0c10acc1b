// Weighted totals of the criteria matrix, exact: Σ weight × score / scaleMax (out of 100).
import type { Criterion, CriterionScore, WeightedTotal } from '../schemas/criteria';
import { formatApprox, formatExact, Rational } from '../tally/rational';

/** The exact weighted total of one proposal; a missing score counts as 0 and marks it incomplete. */
export function weightedTotal(
  criteria: readonly Criterion[],
  scores: ReadonlyMap<string, number>,
): { total: Rational; complete: boolean } {
  let total = Rational.ZERO;
  let complete = true;
  for (const c of criteria) {
    const s = scores.get(c.id);
    if (s === undefined) {
      complete = false;
      continue;
    }
    total = total.add(Rational.of(c.weight * s, c.scaleMax));
  }
  return { total, complete };
}

/** Totals of every proposal listed, in the given order. */
export function weightedTotals(
  criteria: readonly Criterion[],
  scores: readonly CriterionScore[],
  proposalIds: readonly string[],
): Map<string, { total: Rational; complete: boolean }> {
  const by = new Map<string, Map<string, number>>();
  for (const s of scores) {
    let m = by.get(s.proposalId);
    if (!m) by.set(s.proposalId, (m = new Map<string, number>()));
    m.set(s.criterionId, s.score);
  }
  return new Map(
    proposalIds.map((id) => [id, weightedTotal(criteria, by.get(id) ?? new Map<string, number>())]),
  );
}

export function toWeightedTotal(
  proposalId: string,
  t: { total: Rational; complete: boolean },
): WeightedTotal {
  return {
    proposalId,
    complete: t.complete,
    exact: formatExact(t.total),
    display: formatApprox(t.total, 2),
  };
}
