// VOTES rows, one at a time, checked against the projects (see parse.ts for the order in
// which errors are reported).
import { columns, fieldsOf, present } from './cells';
import type { Row } from './csv';
import { PbParseError } from './errors';
import type { Head } from './head';
import type { PbVote, PbWarning } from './types';

/** Reads vote rows one at a time against the projects; remembers the voters seen. */
export class VoteReader {
  private readonly header: string[];
  private readonly cumulative: boolean;
  private readonly skip: Set<string>;
  /** Project id → the project's own id string, so votes share strings instead of copying. */
  private readonly known = new Map<string, string>();
  private readonly voters = new Set<string>();
  /**
   * Voter ids written as plain numbers (nearly all files), kept as numbers with their line
   * in flat arrays and checked for repeats once, sorted, at the end: a tenth of the memory
   * of a Set of strings.
   */
  private numIds = new Float64Array(1024);
  private numLines = new Int32Array(1024);
  private nNum = 0;
  private readonly vi: number;
  private readonly pi: number | undefined;
  private readonly idi: number;

  constructor(
    sec: { line: number; header: string[] },
    head: Head,
    private readonly repeats: 'refuse' | 'reference',
    private readonly warnings: PbWarning[],
    private readonly withFields: boolean,
  ) {
    const col = columns(sec, ['voter_id', 'vote'], 'VOTES');
    this.header = sec.header;
    this.cumulative = head.voteType === 'cumulative';
    // Ordinal files may carry a points column; only cumulative ballots give it meaning.
    this.skip = new Set(this.cumulative ? ['voter_id', 'vote', 'points'] : ['voter_id', 'vote']);
    for (const p of head.projects) this.known.set(p.id, p.id);
    this.vi = col.get('vote') as number;
    this.pi = col.get('points');
    this.idi = col.get('voter_id') as number;
  }

  private seen(voterId: string, line: number): boolean {
    // "123" but not "0123" or "1e3": only the canonical spelling of a number maps to it.
    if (voterId.length > 0 && voterId.length < 16 && /^(0|[1-9][0-9]*)$/.test(voterId)) {
      if (this.nNum === this.numIds.length) {
        const ids = new Float64Array(this.nNum * 2);
        ids.set(this.numIds);
        this.numIds = ids;
        const lines = new Int32Array(this.nNum * 2);
        lines.set(this.numLines);
        this.numLines = lines;
      }
      this.numIds[this.nNum] = Number(voterId);
      this.numLines[this.nNum] = line;
      this.nNum++;
      return false;
    }
    if (this.voters.has(voterId)) return true;
    this.voters.add(voterId);
    return false;
  }

  /** The first row (in file order) whose numeric voter id an earlier row already has. */
  firstNumericRepeat(): { line: number; voter: string } | null {
    const ids = this.numIds.subarray(0, this.nNum);
    const sorted = ids.slice().sort();
    const repeated = new Set<number>();
    for (let k = 1; k < sorted.length; k++)
      if (sorted[k] === sorted[k - 1]) repeated.add(sorted[k] as number);
    if (repeated.size === 0) return null;
    const met = new Set<number>();
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k] as number;
      if (!repeated.has(id)) continue;
      if (met.has(id)) return { line: this.numLines[k] as number, voter: String(id) };
      met.add(id);
    }
    return null;
  }

  read(r: Row): PbVote {
    if (r.cells.length !== this.header.length) {
      throw new PbParseError('pb.badRow', r.line, {
        expected: this.header.length,
        found: r.cells.length,
      });
    }
    const voterId = (r.cells[this.idi] as string).trim();
    if (this.seen(voterId, r.line))
      throw new PbParseError('pb.duplicateVoter', r.line, { voter: voterId });
    const voteText = r.cells[this.vi] as string;
    const raw = present(voteText) ? voteText.split(',') : [];
    let vote: string[] = [];
    let repeated: number[] | null = null;
    // Short ballots (nearly all) are checked for repeats without allocating a Set.
    const inBallot = raw.length > 16 ? new Set<string>() : null;
    for (let k = 0; k < raw.length; k++) {
      const p0 = (raw[k] as string).trim();
      const p = this.known.get(p0);
      if (p === undefined)
        throw new PbParseError('pb.unknownProject', r.line, { project: p0, voter: voterId });
      if (inBallot ? inBallot.has(p) : vote.includes(p)) {
        if (this.repeats === 'refuse')
          throw new PbParseError('pb.duplicateVote', r.line, { project: p, voter: voterId });
        (repeated ??= []).push(k);
      }
      inBallot?.add(p);
      vote.push(p);
    }
    const v: PbVote = {
      voterId,
      vote,
      fields: this.withFields ? fieldsOf(r, this.header, this.skip) : {},
    };
    let points: number[] | undefined;
    if (this.cumulative) {
      const pt = this.pi === undefined ? undefined : r.cells[this.pi];
      points = present(pt) ? pt.split(',').map((s) => Number(s.trim())) : vote.map(() => 1);
      if (points.length !== vote.length || points.some((x) => !Number.isSafeInteger(x) || x < 0)) {
        throw new PbParseError('pb.badPoints', r.line, { voter: voterId });
      }
    }
    if (repeated) {
      // As pabutools reads it: a set (approval) or an ordered dict (cumulative: the last
      // points given; ordinal: the first place) — one entry per project.
      const at = new Map<string, number>();
      const outVote: string[] = [];
      const outPts: number[] = [];
      vote.forEach((p, k) => {
        const j = at.get(p);
        if (j === undefined) {
          at.set(p, outVote.length);
          outVote.push(p);
          outPts.push(points?.[k] ?? 1);
        } else outPts[j] = points?.[k] ?? 1;
      });
      const names = [...new Set(repeated.map((k) => vote[k] as string))];
      for (const project of names)
        this.warnings.push({
          code: 'pb.repeatedVote',
          line: r.line,
          params: { project, voter: voterId },
        });
      vote = outVote;
      v.vote = vote;
      if (points) points = outPts;
    }
    if (points) v.points = points;
    return v;
  }
}
