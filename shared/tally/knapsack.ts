// Knapsack ballots: each voter picks projects whose total cost stays within the budget.
// Rules treat them as approval ballots; these helpers are for the voting screens.
import type { Params } from '../i18n';
import { Rational } from './rational';
import type { Ballot, Profile, TallyProject } from './profile';

export type KnapsackCheck =
  | { ok: true; total: Rational; remaining: Rational }
  | {
      ok: false;
      code:
        'tally.knapsack.unknownProject' | 'tally.knapsack.duplicate' | 'tally.knapsack.overBudget';
      params: Params;
    };

/** Check one knapsack ballot; `code` is an i18n key the screen shows with `params`. */
export function validateKnapsackBallot(
  projects: readonly TallyProject[],
  budget: Rational,
  chosen: readonly string[],
): KnapsackCheck {
  const byId = new Map(projects.map((p) => [p.id, p]));
  const seen = new Set<string>();
  let total = Rational.ZERO;
  for (const id of chosen) {
    const p = byId.get(id);
    if (!p) return { ok: false, code: 'tally.knapsack.unknownProject', params: { project: id } };
    if (seen.has(id))
      return { ok: false, code: 'tally.knapsack.duplicate', params: { project: id } };
    seen.add(id);
    total = total.add(p.cost);
  }
  if (budget.lt(total)) {
    return {
      ok: false,
      code: 'tally.knapsack.overBudget',
      params: { total: total.toString(), budget: budget.toString() },
    };
  }
  return { ok: true, total, remaining: budget.sub(total) };
}

/** Projects the voter can still add without exceeding the budget (to grey out the rest). */
export function knapsackAddable(
  projects: readonly TallyProject[],
  budget: Rational,
  chosen: readonly string[],
): string[] {
  const check = validateKnapsackBallot(projects, budget, chosen);
  if (!check.ok) return [];
  const taken = new Set(chosen);
  return projects.filter((p) => !taken.has(p.id) && p.cost.le(check.remaining)).map((p) => p.id);
}

/** A knapsack profile, refusing any ballot over the budget (index and reason in the error). */
export function knapsackProfile(
  projects: readonly TallyProject[],
  budget: Rational,
  ballots: readonly string[][],
): Profile {
  const checked: Ballot[] = ballots.map((b, i) => {
    const c = validateKnapsackBallot(projects, budget, b);
    if (!c.ok) throw new KnapsackBallotError(i, c.code, c.params);
    return { projects: b };
  });
  return { kind: 'knapsack', budget, projects, ballots: checked };
}

export class KnapsackBallotError extends Error {
  constructor(
    readonly ballot: number,
    readonly code: string,
    readonly params: Params,
  ) {
    super(`${code} (ballot ${ballot + 1})`);
    this.name = 'KnapsackBallotError';
  }
}
