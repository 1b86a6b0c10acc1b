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

export function compileProfile(profile: Profile): CompiledProfile {
  const index = new Map<string, number>();
  profile.projects.forEach((p, i) => {
    if (index.has(p.id)) throw new TallyError('tally.duplicateProject', { project: p.id });
    if (p.cost.sign() < 0) throw new TallyError('tally.negativeCost', { project: p.id });
    index.set(p.id, i);
  });
  const classes = new Map<string, { weight: number; projects: number[]; points: number[] }>();
  const withPoints = profile.kind === 'cumulative';
  for (const b of profile.ballots) {
    const idx: number[] = new Array<number>(b.projects.length);
    for (let k = 0; k < b.projects.length; k++) {
      const id = b.projects[k] as string;
      const i = index.get(id);
      if (i === undefined) throw new TallyError('tally.unknownProject', { project: id });
      idx[k] = i;
    }
    // Sorting makes the class key independent of the order projects were listed in.
    let points: number[] = [];
    if (withPoints) {
      const perm = idx.map((_, k) => k).sort((x, y) => (idx[x] as number) - (idx[y] as number));
      points = perm.map((k) => b.points?.[k] ?? 1);
      const sorted = perm.map((k) => idx[k] as number);
      idx.splice(0, idx.length, ...sorted);
    } else idx.sort((x, y) => x - y);
    for (let k = 0; k < idx.length; k++) {
      if (k > 0 && idx[k] === idx[k - 1])
        throw new TallyError('tally.duplicateInBallot', {
          project: profile.projects[idx[k] as number]?.id ?? '',
        });
      const pts = withPoints ? (points[k] as number) : 1;
      if (!Number.isSafeInteger(pts) || pts < 0)
        throw new TallyError('tally.badPoints', {
          project: profile.projects[idx[k] as number]?.id ?? '',
        });
    }
    const key = withPoints ? `${idx.join(',')}|${points.join(',')}` : idx.join(',');
    const c = classes.get(key);
    if (c) c.weight++;
    else
      classes.set(key, {
        weight: 1,
        projects: idx,
        points: withPoints ? points : idx.map(() => 1),
      });
  }
  const n = profile.projects.length;
  const list = [...classes.values()];
  const weight = Int32Array.from(list, (c) => c.weight);
  const classStart = new Int32Array(list.length + 1);
  list.forEach((c, ci) => (classStart[ci + 1] = (classStart[ci] as number) + c.projects.length));
  const classItems = new Int32Array(classStart[list.length] as number);
  list.forEach((c, ci) => classItems.set(c.projects, classStart[ci]));
  const supp: number[][] = Array.from({ length: n }, () => []);
  const suppPts: number[][] = Array.from({ length: n }, () => []);
  const supportCount = new Int32Array(n);
  const pointsTotal = new Float64Array(n);
  list.forEach((c, ci) => {
    c.projects.forEach((p, k) => {
      const pts = c.points[k] ?? 1;
      (supp[p] as number[]).push(ci);
      (suppPts[p] as number[]).push(pts);
      supportCount[p] = (supportCount[p] ?? 0) + c.weight;
      pointsTotal[p] = (pointsTotal[p] ?? 0) + c.weight * pts;
    });
  });
  return {
    kind: profile.kind,
    budget: profile.budget,
    projects: profile.projects,
    voters: profile.ballots.length,
    weight,
    classStart,
    classItems,
    supporters: supp.map((s) => Int32Array.from(s)),
    supporterPoints: suppPts.map((s) => Int32Array.from(s)),
    supportCount,
    pointsTotal,
  };
}
