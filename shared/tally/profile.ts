// Ballot profiles and their compiled form. Compiling groups identical ballots into
// weighted classes and precomputes per-project supporter lists: the rules then work on
// classes, so 60 000 voters cost what their distinct ballots cost.
import { Rational } from './rational';
import { TallyError } from './errors';

export type BallotKind = 'approval' | 'choose-1' | 'cumulative' | 'ordinal' | 'knapsack';

export interface TallyProject {
  id: string;
  cost: Rational;
}

export interface Ballot {
  /** Project ids; for ordinal ballots from most to least preferred. */
  projects: readonly string[];
  /** Cumulative ballots: points aligned with `projects`. */
  points?: readonly number[];
}

export interface Profile {
  kind: BallotKind;
  budget: Rational;
  projects: readonly TallyProject[];
  ballots: readonly Ballot[];
}

export interface CompiledProfile {
  kind: BallotKind;
  budget: Rational;
  projects: readonly TallyProject[];
  /** Number of voters (ballots), the divisor of the equal shares. */
  voters: number;
  /** Per class: how many identical ballots it stands for. */
  weight: Int32Array;
  /**
   * Class c lists projects classItems[classStart[c] .. classStart[c+1]), sorted. One flat
   * array rather than one small array per class: 50 000 tiny typed arrays cost more to
   * allocate than the whole tally.
   */
  classStart: Int32Array;
  classItems: Int32Array;
  /** Per project: supporting classes and the points each gives. */
  supporters: readonly Int32Array[];
  supporterPoints: readonly Int32Array[];
  /** Per project: number of voters listing it. */
  supportCount: Int32Array;
  /** Per project: total points received. */
  pointsTotal: Float64Array;
}

/**
 * Ballots as flat arrays: ballot b lists items[starts[b] .. starts[b+1]) (project indices,
 * any order) with, for cumulative ballots, the points aligned in `points`. A file's
 * reader fills these without one object per vote.
 */
export interface FlatBallots {
  count: number;
  starts: Int32Array;
  items: Int32Array;
  points: Float64Array | null;
}

export function compileProfile(profile: Profile): CompiledProfile {
  const index = projectIndex(profile.projects);
  const withPoints = profile.kind === 'cumulative';
  let total = 0;
  for (const b of profile.ballots) total += b.projects.length;
  const starts = new Int32Array(profile.ballots.length + 1);
  const items = new Int32Array(total);
  const points = withPoints ? new Float64Array(total) : null;
  let at = 0;
  profile.ballots.forEach((b, bi) => {
    for (let k = 0; k < b.projects.length; k++) {
      const id = b.projects[k] as string;
      const i = index.get(id);
      if (i === undefined) throw new TallyError('tally.unknownProject', { project: id });
      items[at] = i;
      if (points) points[at] = b.points?.[k] ?? 1;
      at++;
    }
    starts[bi + 1] = at;
  });
  return compileFlat(profile.kind, profile.budget, profile.projects, {
    count: profile.ballots.length,
    starts,
    items,
    points,
  });
}

function projectIndex(projects: readonly TallyProject[]): Map<string, number> {
  const index = new Map<string, number>();
  projects.forEach((p, i) => {
    if (index.has(p.id)) throw new TallyError('tally.duplicateProject', { project: p.id });
    if (p.cost.sign() < 0) throw new TallyError('tally.negativeCost', { project: p.id });
    index.set(p.id, i);
  });
  return index;
}

/**
 * Compile flat ballots: identical ballots (same projects, same points, in any order)
 * become one weighted class, classes numbered in order of first appearance. Grouping
 * hashes each sorted ballot in place, so memory stays a few integers per listed project.
 */
export function compileFlat(
  kind: BallotKind,
  budget: Rational,
  projects: readonly TallyProject[],
  flat: FlatBallots,
): CompiledProfile {
  projectIndex(projects);
  const n = projects.length;
  const withPoints = kind === 'cumulative';
  const { count, starts } = flat;
  // Sorted copy of each ballot (points follow their project).
  const items = new Int32Array(flat.items);
  const pts = withPoints
    ? flat.points
      ? new Float64Array(flat.points)
      : new Float64Array(items.length).fill(1)
    : null;
  const classOf = new Map<number, number>();
  const repr: number[] = []; // per class: its first ballot
  const nextSame: number[] = []; // per class: next class with the same hash, or -1
  const weight: number[] = [];
  for (let b = 0; b < count; b++) {
    const from = starts[b] as number;
    const to = starts[b + 1] as number;
    // Insertion sort: ballots are short; the reference ignores the order listed.
    for (let k = from + 1; k < to; k++) {
      const x = items[k] as number;
      const px = pts ? (pts[k] as number) : 0;
      let j = k - 1;
      while (j >= from && (items[j] as number) > x) {
        items[j + 1] = items[j] as number;
        if (pts) pts[j + 1] = pts[j] as number;
        j--;
      }
      items[j + 1] = x;
      if (pts) pts[j + 1] = px;
    }
    let h = 0x811c9dc5;
    for (let k = from; k < to; k++) {
      if (k > from && items[k] === items[k - 1])
        throw new TallyError('tally.duplicateInBallot', {
          project: projects[items[k] as number]?.id ?? '',
        });
      const q = pts ? (pts[k] as number) : 1;
      if (!Number.isSafeInteger(q) || q < 0)
        throw new TallyError('tally.badPoints', {
          project: projects[items[k] as number]?.id ?? '',
        });
      h = Math.imul(h ^ (items[k] as number), 0x01000193);
      if (pts) h = Math.imul(h ^ (q % 0x7fffffff), 0x01000193);
    }
    h = Math.imul(h ^ (to - from), 0x01000193);
    let c = classOf.get(h);
    let last = -1;
    while (c !== undefined && c >= 0) {
      if (sameBallot(items, pts, starts, repr[c] as number, b)) break;
      last = c;
      c = nextSame[c];
    }
    if (c !== undefined && c >= 0) weight[c] = (weight[c] as number) + 1;
    else {
      const id = repr.length;
      repr.push(b);
      nextSame.push(-1);
      weight.push(1);
      if (last >= 0) nextSame[last] = id;
      else classOf.set(h, id);
    }
  }
  const nc = repr.length;
  const classStart = new Int32Array(nc + 1);
  for (let c = 0; c < nc; c++) {
    const b = repr[c] as number;
    classStart[c + 1] =
      (classStart[c] as number) + (starts[b + 1] as number) - (starts[b] as number);
  }
  const classItems = new Int32Array(classStart[nc] as number);
  const classPts = new Float64Array(classItems.length);
  const perProject = new Int32Array(n);
  for (let c = 0; c < nc; c++) {
    const b = repr[c] as number;
    classItems.set(items.subarray(starts[b], starts[b + 1]), classStart[c]);
    classPts.set(pts ? pts.subarray(starts[b], starts[b + 1]) : new Float64Array(0), classStart[c]);
    if (!pts) classPts.fill(1, classStart[c], classStart[c + 1]);
    for (let k = classStart[c] as number; k < (classStart[c + 1] as number); k++)
      perProject[classItems[k] as number]! += 1;
  }
  const supporters = Array.from({ length: n }, (_, p) => new Int32Array(perProject[p] as number));
  const supporterPoints = Array.from(
    { length: n },
    (_, p) => new Int32Array(perProject[p] as number),
  );
  const fill = new Int32Array(n);
  const supportCount = new Int32Array(n);
  const pointsTotal = new Float64Array(n);
  for (let c = 0; c < nc; c++) {
    const w = weight[c] as number;
    for (let k = classStart[c] as number; k < (classStart[c + 1] as number); k++) {
      const p = classItems[k] as number;
      const q = classPts[k] as number;
      const at = fill[p] as number;
      (supporters[p] as Int32Array)[at] = c;
      (supporterPoints[p] as Int32Array)[at] = q;
      fill[p] = at + 1;
      supportCount[p] = (supportCount[p] as number) + w;
      pointsTotal[p] = (pointsTotal[p] as number) + w * q;
    }
  }
  return {
    kind,
    budget,
    projects,
    voters: count,
    weight: Int32Array.from(weight),
    classStart,
    classItems,
    supporters,
    supporterPoints,
    supportCount,
    pointsTotal,
  };
}

function sameBallot(
  items: Int32Array,
  pts: Float64Array | null,
  starts: Int32Array,
  a: number,
  b: number,
): boolean {
  const fa = starts[a] as number;
  const fb = starts[b] as number;
  const len = (starts[a + 1] as number) - fa;
  if (len !== (starts[b + 1] as number) - fb) return false;
  for (let k = 0; k < len; k++) {
    if (items[fa + k] !== items[fb + k]) return false;
    if (pts && pts[fa + k] !== pts[fb + k]) return false;
  }
  return true;
}
