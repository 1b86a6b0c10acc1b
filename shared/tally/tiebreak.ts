// Tie-breaking policies. The reference (pabutools) orders tied projects by id compared
// as a string, so that is the default; 'refuse' hands the decision back to the workshop.
import type { CompiledProfile } from './profile';
import { TieRefusedError } from './errors';

export const TIE_BREAKS = ['lexicographic', 'cost', 'supporters', 'refuse'] as const;
export type TieBreak = (typeof TIE_BREAKS)[number];

export function isTieBreak(x: unknown): x is TieBreak {
  return typeof x === 'string' && (TIE_BREAKS as readonly string[]).includes(x);
}

/** Plain code-unit comparison: "10" sorts before "9", like Python's str ordering on ids. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Order of preference among tied project indices under `policy` (first = taken first). */
export function tieOrder(p: CompiledProfile, policy: TieBreak, a: number, b: number): number {
  const pa = p.projects[a];
  const pb = p.projects[b];
  if (!pa || !pb) throw new RangeError('tieOrder: no such project');
  if (policy === 'cost') {
    const c = pa.cost.cmp(pb.cost);
    if (c !== 0) return c;
  } else if (policy === 'supporters') {
    const c = (p.supportCount[b] ?? 0) - (p.supportCount[a] ?? 0);
    if (c !== 0) return c;
  }
  return compareIds(pa.id, pb.id);
}

/**
 * Pick one of `tied` (project indices whose scores are exactly equal). Under 'refuse' a
 * real tie throws, listing the ids, so that a person decides instead of a convention.
 */
export function breakTie(p: CompiledProfile, policy: TieBreak, tied: readonly number[]): number {
  if (tied.length === 0) throw new RangeError('breakTie: nothing to choose from');
  if (policy === 'refuse' && tied.length > 1) {
    throw new TieRefusedError(tied.map((i) => p.projects[i]?.id ?? '').sort(compareIds));
  }
  let best = tied[0] as number;
  for (const t of tied) if (tieOrder(p, policy, t, best) < 0) best = t;
  return best;
}
