// Sequential Phragmén for approval-like ballots. A voter's load is always the load set
// by the last selected project they support, so a project's summed supporter load is
// sum over steps k of (its supporters whose last project is step k) x load_k: integer
// counts times a few exact loads. Candidates are screened in floats; only those within
// MARGIN of the best get their exact load, which alone decides the choice and ties.
import type { CompiledProfile } from './profile';
import { Rational } from './rational';
import type { Round, Skipped } from './explain';
import { type TieBreak, breakTie } from './tiebreak';
import { TallyError } from './errors';
import { MARGIN } from './mes-float';

export function phragmen(
  prof: CompiledProfile,
  tieBreak: TieBreak,
): { order: number[]; spent: Rational; rounds: Round[] } {
  if (prof.kind !== 'approval' && prof.kind !== 'choose-1' && prof.kind !== 'knapsack') {
    throw new TallyError('tally.ruleNotForKind', { rule: 'phragmen', kind: prof.kind });
  }
  const nProj = prof.projects.length;
  const stride = nProj + 1;
  // level 0 = load 0; level k = the load set when the k-th project was chosen.
  const loads: Rational[] = [Rational.ZERO];
  const loadsF: number[] = [0];
  const classLevel = new Int32Array(prof.weight.length);
  // counts[p * stride + k]: how many of p's supporters sit at level k.
  const counts = new Float64Array(nProj * stride);
  const costF = Float64Array.from(prof.projects, (p) => p.cost.toNumber());
  const remaining: number[] = [];
  let skips: Skipped[] = [];
  for (let p = 0; p < nProj; p++) {
    const n = prof.supportCount[p] ?? 0;
    counts[p * stride] = n;
    if (n > 0) remaining.push(p);
    else skips.push({ project: prof.projects[p]?.id ?? '', reason: 'noSupporters' });
  }
  const exactLoad = (p: number): Rational => {
    let sum = prof.projects[p]?.cost ?? Rational.ZERO;
    for (let k = 1; k < loads.length; k++) {
      const n = counts[p * stride + k] as number;
      if (n !== 0) sum = sum.add((loads[k] as Rational).mulInt(n));
    }
    return sum.divInt(prof.supportCount[p] ?? 1);
  };

  const order: number[] = [];
  let spent = Rational.ZERO;
  const rounds: Round[] = [];
  while (remaining.length > 0) {
    const approx = remaining.map((p) => {
      let sum = costF[p] as number;
      for (let k = 1; k < loadsF.length; k++)
        sum += (counts[p * stride + k] as number) * (loadsF[k] as number);
      return sum / (prof.supportCount[p] ?? 1);
    });
    const bestF = Math.min(...approx);
    let best: Rational | null = null;
    let tied: number[] = [];
    remaining.forEach((p, i) => {
      if ((approx[i] as number) > bestF * (1 + 4 * MARGIN)) return;
      const load = exactLoad(p);
      const c = best ? load.cmp(best) : -1;
      if (c < 0) {
        best = load;
        tied = [p];
      } else if (c === 0) tied.push(p);
    });
    if (!best) break;
    const bestLoad: Rational = best;
    const w = breakTie(prof, tieBreak, tied);
    const proj = prof.projects[w];
    const cost = proj?.cost ?? Rational.ZERO;
    if (prof.budget.lt(spent.add(cost))) {
      // The reference stops at the first best project that does not fit.
      skips.push({ project: proj?.id ?? '', reason: 'exceedsBudget' });
      break;
    }
    loads.push(bestLoad);
    loadsF.push(bestLoad.toNumber());
    const lvNew = loads.length - 1;
    for (const c of prof.supporters[w] as Int32Array) {
      const old = classLevel[c] as number;
      const wt = prof.weight[c] as number;
      for (let i = prof.classStart[c] as number; i < (prof.classStart[c + 1] as number); i++) {
        const q = prof.classItems[i] as number;
        counts[q * stride + old] = (counts[q * stride + old] as number) - wt;
        counts[q * stride + lvNew] = (counts[q * stride + lvNew] as number) + wt;
      }
      classLevel[c] = lvNew;
    }
    spent = spent.add(cost);
    order.push(w);
    remaining.splice(remaining.indexOf(w), 1);
    const tiedWith = tied.filter((p) => p !== w).map((p) => prof.projects[p]?.id ?? '');
    rounds.push({
      phase: 'phragmen',
      chosen: {
        project: proj?.id ?? '',
        cost: cost.toString(),
        supporters: prof.supportCount[w] ?? 0,
        load: bestLoad.toNumber(),
        ...(tiedWith.length > 0 ? { tiedWith } : {}),
        remaining: prof.budget.sub(spent).toString(),
      },
      skipped: skips,
    });
    skips = [];
  }
  if (skips.length > 0) rounds.push({ phase: 'phragmen', skipped: skips });
  return { order, spent, rounds };
}
