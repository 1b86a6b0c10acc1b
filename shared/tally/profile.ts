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
  /** Per class: the project indices listed. */
  classProjects: readonly Int32Array[];
  /** Per class: points aligned with classProjects (1 each when the ballot has none). */
  classPoints: readonly Int32Array[];
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
  for (const b of profile.ballots) {
    const pairs: Array<[number, number]> = [];
    const seen = new Set<number>();
    b.projects.forEach((id, k) => {
      const i = index.get(id);
      if (i === undefined) throw new TallyError('tally.unknownProject', { project: id });
      if (seen.has(i)) throw new TallyError('tally.duplicateInBallot', { project: id });
      seen.add(i);
      const pts = b.points?.[k] ?? 1;
      if (!Number.isSafeInteger(pts) || pts < 0) throw new TallyError('tally.badPoints', { project: id });
      pairs.push([i, pts]);
    });
    // Sorting makes the class key independent of the order projects were listed in.
    pairs.sort((x, y) => x[0] - y[0]);
    const key = pairs.map(([i, p]) => `${i}:${p}`).join(',');
    const c = classes.get(key);
    if (c) c.weight++;
    else classes.set(key, { weight: 1, projects: pairs.map((x) => x[0]), points: pairs.map((x) => x[1]) });
  }
  const n = profile.projects.length;
  const list = [...classes.values()];
  const weight = Int32Array.from(list, (c) => c.weight);
  const classProjects = list.map((c) => Int32Array.from(c.projects));
  const classPoints = list.map((c) => Int32Array.from(c.points));
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
    classProjects,
    classPoints,
    supporters: supp.map((s) => Int32Array.from(s)),
    supporterPoints: suppPts.map((s) => Int32Array.from(s)),
    supportCount,
    pointsTotal,
  };
}
