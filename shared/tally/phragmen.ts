// Sequential Phragmén for approval-like ballots. A voter's load is always the load set
// by the last selected project they support, so a project's summed supporter load is
// tracked as integer counts per "last project" and priced with one rational per entry.
import type { CompiledProfile } from './profile';
import { Rational } from './rational';
import type { Round, Skipped } from './explain';
import { type TieBreak, breakTie } from './tiebreak';
import { TallyError } from './errors';

export function phragmen(prof: CompiledProfile, tieBreak: TieBreak): { order: number[]; spent: Rational; rounds: Round[] } {
  if (prof.kind !== 'approval' && prof.kind !== 'choose-1' && prof.kind !== 'knapsack') {
    throw new TallyError('tally.ruleNotForKind', { rule: 'phragmen', kind: prof.kind });
  }
  const nProj = prof.projects.length;
  // loadLevels[0] = 0; loadLevels[k] = the load set when the k-th project was chosen.
  const loadLevels: Rational[] = [Rational.ZERO];
  const classLoad = new Int32Array(prof.weight.length);
  // counts[p]: level -> number of p's supporters currently at that load level.
  const counts: Array<Map<number, number>> = [];
  const remaining: number[] = [];
  let skips: Skipped[] = [];
  for (let p = 0; p < nProj; p++) {
    const n = prof.supportCount[p] ?? 0;
    counts.push(new Map([[0, n]]));
    if (n > 0) remaining.push(p);
    else skips.push({ project: prof.projects[p]?.id ?? '', reason: 'noSupporters' });
  }
  const order: number[] = [];
  let spent = Rational.ZERO;
  const rounds: Round[] = [];
  while (remaining.length > 0) {
    let best: Rational | null = null;
    let tied: number[] = [];
    for (const p of remaining) {
      let sum = prof.projects[p]?.cost ?? Rational.ZERO;
      for (const [lv, n] of counts[p] as Map<number, number>) if (lv !== 0 && n !== 0) sum = sum.add((loadLevels[lv] as Rational).mulInt(n));
      const load = sum.divInt(prof.supportCount[p] ?? 1);
      const c = best ? load.cmp(best) : -1;
      if (c < 0) {
        best = load;
        tied = [p];
      } else if (c === 0) tied.push(p);
    }
    if (!best) break;
    const w = breakTie(prof, tieBreak, tied);
    const proj = prof.projects[w];
    const cost = proj?.cost ?? Rational.ZERO;
    if (prof.budget.lt(spent.add(cost))) {
      // The reference stops at the first best project that does not fit.
      skips.push({ project: proj?.id ?? '', reason: 'exceedsBudget' });
      break;
    }
    loadLevels.push(best);
    const lvNew = loadLevels.length - 1;
    for (const c of prof.supporters[w] as Int32Array) {
      const old = classLoad[c] as number;
      const wt = prof.weight[c] as number;
      for (const q of prof.classProjects[c] as Int32Array) {
        const m = counts[q] as Map<number, number>;
        m.set(old, (m.get(old) ?? 0) - wt);
        m.set(lvNew, (m.get(lvNew) ?? 0) + wt);
      }
      classLoad[c] = lvNew;
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
        load: best.toNumber(),
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
