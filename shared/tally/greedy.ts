// Greedy by satisfaction per unit of cost: take each project that still fits, skip
// those that don't and continue. Also serves as the completion step of X+greedy.
import type { CompiledProfile } from './profile';
import { Rational } from './rational';
import type { Round } from './explain';
import { type Satisfaction, totalSatisfaction } from './satisfaction';
import { type TieBreak, tieOrder, breakTie } from './tiebreak';

export interface GreedyState {
  /** Project indices already selected, in order. */
  order: number[];
  spent: Rational;
}

type Density = Rational | 'inf';

function cmpDensity(a: Density, b: Density): number {
  if (a === 'inf' || b === 'inf') return a === b ? 0 : a === 'inf' ? 1 : -1;
  return a.cmp(b);
}

export function greedy(
  prof: CompiledProfile,
  sat: Satisfaction,
  tieBreak: TieBreak,
  start: GreedyState = { order: [], spent: Rational.ZERO },
): GreedyState & { rounds: Round[] } {
  const dens: Density[] = prof.projects.map((p, i) => {
    const s = totalSatisfaction(prof, sat, i);
    if (p.cost.isZero()) return s.isZero() ? Rational.ZERO : 'inf';
    return s.div(p.cost);
  });
  return greedyByDensity(prof, dens, tieBreak, start);
}

/**
 * Greedy in the order of a score given from outside the ballots (a workshop's combined
 * score of votes and criteria): the highest score first, skipping what no longer fits.
 * Scores are exact; equal scores are a tie under the policy, as in greedy().
 */
export function greedyByScore(
  prof: CompiledProfile,
  scores: readonly Rational[],
  tieBreak: TieBreak,
): GreedyState & { rounds: Round[] } {
  return greedyByDensity(prof, scores, tieBreak, { order: [], spent: Rational.ZERO });
}

function greedyByDensity(
  prof: CompiledProfile,
  dens: readonly Density[],
  tieBreak: TieBreak,
  start: GreedyState,
): GreedyState & { rounds: Round[] } {
  const taken = new Set(start.order);
  const policyForSort = tieBreak === 'refuse' ? 'lexicographic' : tieBreak;
  const cand = prof.projects.map((_, i) => i).filter((i) => !taken.has(i));
  cand.sort(
    (a, b) =>
      cmpDensity(dens[b] as Density, dens[a] as Density) || tieOrder(prof, policyForSort, a, b),
  );

  const order = [...start.order];
  let spent = start.spent;
  const rounds: Round[] = [];
  for (let g = 0; g < cand.length;) {
    // The group of projects with exactly this density: their order is a tie.
    let end = g + 1;
    while (
      end < cand.length &&
      cmpDensity(dens[cand[end] as number] as Density, dens[cand[g] as number] as Density) === 0
    )
      end++;
    const group = cand.slice(g, end);
    if (
      tieBreak === 'refuse' &&
      group.length > 1 &&
      tieMatters(prof, group, prof.budget.sub(spent))
    ) {
      breakTie(prof, 'refuse', group); // throws, naming the tied projects
    }
    for (const i of group) {
      const p = prof.projects[i];
      if (!p) continue;
      const left = prof.budget.sub(spent);
      if (p.cost.le(left)) {
        spent = spent.add(p.cost);
        order.push(i);
        rounds.push({
          phase: 'greedy',
          chosen: {
            project: p.id,
            cost: p.cost.toString(),
            supporters: prof.supportCount[i] ?? 0,
            remaining: prof.budget.sub(spent).toString(),
          },
          skipped: [],
        });
      } else {
        rounds.push({ phase: 'greedy', skipped: [{ project: p.id, reason: 'doesNotFit' }] });
      }
    }
    g = end;
  }
  return { order, spent, rounds };
}

/** A tie changes nothing when all tied projects fit together, or none fits on its own. */
function tieMatters(prof: CompiledProfile, group: number[], left: Rational): boolean {
  let sum = Rational.ZERO;
  let anyFits = false;
  for (const i of group) {
    const c = prof.projects[i]?.cost ?? Rational.ZERO;
    sum = sum.add(c);
    if (c.le(left)) anyFits = true;
  }
  return anyFits && !sum.le(left);
}
