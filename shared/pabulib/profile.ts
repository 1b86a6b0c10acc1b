// From a parsed .pb election to the tally engine's profile.
import { compileFlat, type Ballot, type CompiledProfile, type Profile } from '../tally/profile';
import type { PbElection, PbHeader, PbVote } from './types';

export function electionToProfile(e: PbElection): Profile {
  return {
    kind: e.voteType,
    budget: e.budget,
    projects: e.projects.map((p) => ({ id: p.id, cost: p.cost })),
    ballots: e.votes.map((v) =>
      v.points ? { projects: v.vote, points: v.points } : { projects: v.vote },
    ),
  };
}

/**
 * Keeps streamed votes as flat integer arrays (4 bytes per listed project) instead of one
 * object per vote: what the CLI needs to tally a file, at a fraction of the memory.
 */
export class BallotCollector {
  private items: Int32Array<ArrayBuffer>;
  private points: Float64Array<ArrayBuffer> | null = null;
  private starts: Int32Array<ArrayBuffer>;
  private nItems = 0;
  private nBallots = 0;
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];

  /**
   * `sizeHint`: the file's size in bytes, when known. A vote lists a project in at least
   * two bytes and takes at least four, so arrays of that capacity never grow: no copy,
   * and the pages the votes never reach are never touched (the OS does not give them).
   */
  constructor(sizeHint = 0) {
    this.items = new Int32Array(Math.max(1 << 16, Math.ceil(sizeHint / 2) + 16));
    this.starts = new Int32Array(Math.max(1 << 12, Math.ceil(sizeHint / 4) + 16));
  }

  readonly add = (v: PbVote): void => {
    const need = this.nItems + v.vote.length;
    if (need > this.items.length) this.items = grow(this.items, need);
    if (v.points && !this.points) this.points = new Float64Array(this.items.length);
    if (this.points && this.points.length < this.items.length)
      this.points = growF(this.points, this.items.length);
    for (let k = 0; k < v.vote.length; k++) {
      const id = v.vote[k] as string;
      let i = this.ids.get(id);
      if (i === undefined) {
        i = this.names.length;
        this.ids.set(id, i);
        this.names.push(id);
      }
      this.items[this.nItems] = i;
      if (this.points) this.points[this.nItems] = v.points?.[k] ?? 1;
      this.nItems++;
    }
    if (this.nBallots + 2 > this.starts.length) this.starts = grow(this.starts, this.nBallots + 2);
    this.nBallots++;
    this.starts[this.nBallots] = this.nItems;
  };

  get count(): number {
    return this.nBallots;
  }

  /** The compiled profile, straight from the flat arrays (no object per ballot). */
  compile(h: PbHeader): CompiledProfile {
    const at = new Map(h.projects.map((p, i) => [p.id, i]));
    const toProject = Int32Array.from(this.names, (id) => at.get(id) ?? -1);
    const items = new Int32Array(this.nItems);
    for (let k = 0; k < this.nItems; k++) items[k] = toProject[this.items[k] as number] as number;
    return compileFlat(
      h.voteType,
      h.budget,
      h.projects.map((p) => ({ id: p.id, cost: p.cost })),
      {
        count: this.nBallots,
        starts: this.starts.subarray(0, this.nBallots + 1),
        items,
        points: this.points ? this.points.subarray(0, this.nItems) : null,
      },
    );
  }

  /** The profile of the collected ballots (ids are the projects' own strings). */
  toProfile(h: PbHeader): Profile {
    const ballots: Ballot[] = new Array<Ballot>(this.nBallots);
    for (let b = 0; b < this.nBallots; b++) {
      const from = this.starts[b] as number;
      const to = this.starts[b + 1] as number;
      const projects: string[] = [];
      for (let k = from; k < to; k++) projects.push(this.names[this.items[k] as number] as string);
      ballots[b] =
        h.voteType === 'cumulative' && this.points
          ? { projects, points: Array.from(this.points.subarray(from, to)) }
          : { projects };
    }
    return {
      kind: h.voteType,
      budget: h.budget,
      projects: h.projects.map((p) => ({ id: p.id, cost: p.cost })),
      ballots,
    };
  }
}

function grow(a: Int32Array, need: number): Int32Array<ArrayBuffer> {
  let n = a.length * 2;
  while (n < need) n *= 2;
  const b = new Int32Array(n);
  b.set(a);
  return b;
}

function growF(a: Float64Array, need: number): Float64Array<ArrayBuffer> {
  let n = a.length * 2;
  while (n < need) n *= 2;
  const b = new Float64Array(n);
  b.set(a);
  return b;
}
