// Parser for pabulib .pb files (https://pabulib.org/format). Linear in the input, and it
// refuses with a typed error naming the line rather than guessing. It streams: text is
// pushed in chunks and each vote row is handed on as soon as it is read, so a caller that
// keeps votes compactly (the CLI) never holds the file, its rows or one object per vote.
// Errors are the ones a whole-text read gives, in the same order: a structural error
// (sections, quoting) anywhere wins; then missing sections and headers, META, PROJECTS,
// VOTES in file order, and the declared counts last.
import { parseDecimal } from '../tally/rational';
import { RowSplitter, type Row } from './csv';
import { PbParseError } from './errors';
import {
  PB_VOTE_TYPES,
  type PbElection,
  type PbHeader,
  type PbProject,
  type PbVote,
  type PbVoteType,
  type PbWarning,
} from './types';

/** Refuse inputs above this many characters (the CLI checks the file size before reading). */
export const PB_MAX_CHARS = 100 * 1024 * 1024;

export interface PbParseOptions {
  maxChars?: number;
  /**
   * A ballot listing a project twice: 'refuse' (the default: a workshop's own import must
   * be clean) or 'reference', read as pabutools reads it — once (approval, choose-1,
   * ordinal: at its first place), cumulative points: the last value — with a warning.
   */
  repeats?: 'refuse' | 'reference';
  /** false: votes carry no extra columns (`fields` stays empty), for callers that only count. */
  voteFields?: boolean;
}

type Section = 'meta' | 'projects' | 'votes';
const SECTIONS: readonly string[] = ['meta', 'projects', 'votes'];
interface Sec {
  line: number;
  header: string[] | null;
}

function present(cell: string | undefined): cell is string {
  if (cell === undefined || cell === '') return false;
  // Cheap length test first: this runs for every cell of every vote row.
  return cell.length < 4 || cell.trim().toLowerCase() !== 'none';
}

function sectionOf(r: Row): Section | null {
  if (r.cells.length !== 1) return null;
  const name = (r.cells[0] as string).trim().toLowerCase();
  return SECTIONS.includes(name) ? (name as Section) : null;
}

interface Head {
  meta: Record<string, string>;
  metaRows: Row[];
  budget: PbHeader['budget'];
  voteType: PbVoteType;
  projects: PbProject[];
}

/** Streaming parser: push() text chunks, end() for the header; votes go to `onVote`. */
export class PbParser {
  private readonly splitter = new RowSplitter((r) => this.row(r));
  private readonly maxChars: number;
  private readonly repeats: 'refuse' | 'reference';
  private readonly voteFields: boolean;
  private chars = 0;
  private first = true;
  private readonly secs: Record<Section, Sec | undefined> = {
    meta: undefined,
    projects: undefined,
    votes: undefined,
  };
  private current: Section | null = null;
  private readonly metaRows: Row[] = [];
  private readonly projRows: Row[] = [];
  /** Vote rows read before META and PROJECTS were complete (unusual order): kept for end(). */
  private readonly pendingVotes: Row[] = [];
  private head: Head | null = null;
  private voteCtx: VoteReader | null = null;
  /** The first content error among the votes, thrown at end() unless a structural one comes. */
  private deferred: PbParseError | null = null;
  private prepFailed = false;
  private voteCount = 0;
  readonly warnings: PbWarning[] = [];

  constructor(
    private readonly onVote: (v: PbVote) => void,
    opts: PbParseOptions = {},
  ) {
    this.maxChars = opts.maxChars ?? PB_MAX_CHARS;
    this.repeats = opts.repeats ?? 'refuse';
    this.voteFields = opts.voteFields ?? true;
  }

  push(chunk: string): void {
    this.chars += chunk.length;
    if (this.chars > this.maxChars)
      throw new PbParseError('pb.tooLarge', 0, { limit: this.maxChars });
    if (this.first && chunk.length > 0) {
      this.first = false;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    this.splitter.push(chunk);
  }

  end(): PbHeader {
    this.splitter.end();
    const get = (s: Section): { line: number; header: string[] } => {
      const sec = this.secs[s];
      if (!sec) throw new PbParseError('pb.missingSection', 0, { section: s.toUpperCase() });
      if (!sec.header)
        throw new PbParseError('pb.badHeader', sec.line, { section: s.toUpperCase() });
      return sec as { line: number; header: string[] };
    };
    get('meta');
    const projSec = get('projects');
    const voteSec = get('votes');
    const head = this.head ?? this.readHead();
    if (!this.deferred && !this.voteCtx) {
      this.voteCtx = new VoteReader(voteSec, head, this.repeats, this.warnings, this.voteFields);
      for (const r of this.pendingVotes) this.vote(r, true);
      this.pendingVotes.length = 0;
    }
    // Numeric voter ids are checked for repeats only now (sorted, see VoteReader): the
    // first repeat counts if it comes before the first other error among the votes.
    const repeat = this.voteCtx?.firstNumericRepeat();
    if (repeat && (!this.deferred || repeat.line <= this.deferred.line))
      throw new PbParseError('pb.duplicateVoter', repeat.line, { voter: repeat.voter });
    if (this.deferred) throw this.deferred;
    checkCount(head.meta, 'num_projects', head.projects.length, head.metaRows);
    checkCount(head.meta, 'num_votes', this.voteCount, head.metaRows);
    return {
      meta: head.meta,
      budget: head.budget,
      voteType: head.voteType,
      projectColumns: projSec.header,
      voteColumns: voteSec.header,
      projects: head.projects,
      voteCount: this.voteCount,
      warnings: this.warnings,
    };
  }

  private row(r: Row): void {
    if (r.cells.every((c) => c.trim() === '')) return; // empty lines are skipped
    const s = sectionOf(r);
    if (s) {
      if (this.secs[s])
        throw new PbParseError('pb.duplicateSection', r.line, { section: s.toUpperCase() });
      this.secs[s] = { line: r.line, header: null };
      this.current = s;
      return;
    }
    const sec = this.current ? this.secs[this.current] : undefined;
    if (!sec) throw new PbParseError('pb.contentOutsideSection', r.line);
    if (!sec.header) {
      sec.header = r.cells.map((c) => c.trim());
      if (this.current === 'votes') this.prepareVotes(sec);
      return;
    }
    if (this.current === 'meta') this.metaRows.push(r);
    else if (this.current === 'projects') this.projRows.push(r);
    else this.vote(r);
  }

  /** VOTES begins after complete META and PROJECTS: read them now and stream the votes. */
  private prepareVotes(sec: Sec): void {
    if (!this.secs.meta?.header || !this.secs.projects?.header) return;
    try {
      this.head = this.readHead();
      this.voteCtx = new VoteReader(
        sec as { line: number; header: string[] },
        this.head,
        this.repeats,
        this.warnings,
        this.voteFields,
      );
    } catch (e) {
      if (!(e instanceof PbParseError)) throw e;
      // end() meets this error again in its place; until then only structure is checked.
      if (this.head) this.deferred = e;
      else this.prepFailed = true;
    }
  }

  private vote(r: Row, replay = false): void {
    if (!replay) this.voteCount++;
    if (this.deferred || this.prepFailed) return;
    if (!this.voteCtx) {
      this.pendingVotes.push(r);
      return;
    }
    try {
      this.onVote(this.voteCtx.read(r));
    } catch (e) {
      if (!(e instanceof PbParseError)) throw e;
      this.deferred = e;
    }
  }

  private readHead(): Head {
    const metaSec = this.secs.meta as { line: number; header: string[] };
    const meta: Record<string, string> = {};
    for (const r of this.metaRows) {
      if (r.cells.length !== 2)
        throw new PbParseError('pb.badRow', r.line, { expected: 2, found: r.cells.length });
      meta[(r.cells[0] as string).trim()] = r.cells[1] as string;
    }
    const budgetText = meta['budget'];
    if (budgetText === undefined)
      throw new PbParseError('pb.missingMeta', metaSec.line, { key: 'budget' });
    const budget = parseDecimal(budgetText);
    if (!budget || budget.sign() < 0)
      throw new PbParseError('pb.badBudget', metaLine(this.metaRows, 'budget'), {
        value: budgetText,
      });
    const vt = (meta['vote_type'] ?? 'approval').trim().toLowerCase();
    if (!(PB_VOTE_TYPES as readonly string[]).includes(vt)) {
      throw new PbParseError('pb.unknownVoteType', metaLine(this.metaRows, 'vote_type'), {
        type: vt,
      });
    }
    const projSec = this.secs.projects as { line: number; header: string[] };
    const projects = parseProjects(projSec, this.projRows);
    return { meta, metaRows: this.metaRows, budget, voteType: vt as PbVoteType, projects };
  }
}

/** Parse a whole text, keeping every vote (tests, the workshop's import, small files). */
export function parsePb(
  text: string,
  maxChars = PB_MAX_CHARS,
  opts: Omit<PbParseOptions, 'maxChars'> = {},
): PbElection {
  if (text.length > maxChars) throw new PbParseError('pb.tooLarge', 0, { limit: maxChars });
  const votes: PbVote[] = [];
  const p = new PbParser((v) => votes.push(v), { ...opts, maxChars });
  p.push(text);
  const { voteCount: _count, warnings, ...head } = p.end();
  return { ...head, votes, ...(warnings.length > 0 ? { warnings } : {}) };
}

function metaLine(metaRows: Row[], key: string): number {
  return metaRows.find((r) => r.cells[0]?.trim() === key)?.line ?? 0;
}

function checkCount(
  meta: Record<string, string>,
  key: string,
  found: number,
  metaRows: Row[],
): void {
  const declared = meta[key];
  if (declared === undefined || !present(declared)) return;
  if (String(found) !== declared.trim())
    throw new PbParseError('pb.countMismatch', metaLine(metaRows, key), { key, declared, found });
}

function columns(
  sec: { line: number; header: string[] },
  required: string[],
  section: string,
): Map<string, number> {
  const idx = new Map<string, number>();
  sec.header.forEach((h, i) => {
    if (idx.has(h)) throw new PbParseError('pb.badHeader', sec.line + 1, { section });
    idx.set(h, i);
  });
  for (const r of required)
    if (!idx.has(r)) throw new PbParseError('pb.badHeader', sec.line + 1, { section });
  return idx;
}

function fieldsOf(r: Row, header: string[], skip: Set<string>): Record<string, string> {
  const f: Record<string, string> = {};
  header.forEach((h, i) => {
    const v = r.cells[i];
    if (!skip.has(h) && present(v)) f[h] = v;
  });
  return f;
}

function parseProjects(sec: { line: number; header: string[] }, rs: Row[]): PbProject[] {
  const col = columns(sec, ['project_id', 'cost'], 'PROJECTS');
  const skip = new Set(['project_id', 'cost']);
  const seen = new Set<string>();
  return rs.map((r) => {
    if (r.cells.length !== sec.header.length) {
      throw new PbParseError('pb.badRow', r.line, {
        expected: sec.header.length,
        found: r.cells.length,
      });
    }
    const id = (r.cells[col.get('project_id') as number] as string).trim();
    const costText = r.cells[col.get('cost') as number] as string;
    const cost = parseDecimal(costText);
    if (!cost || cost.sign() < 0)
      throw new PbParseError('pb.badCost', r.line, { project: id, value: costText });
    if (id === '' || seen.has(id))
      throw new PbParseError('pb.duplicateProject', r.line, { project: id });
    seen.add(id);
    return { id, cost, fields: fieldsOf(r, sec.header, skip) };
  });
}

/** Reads vote rows one at a time against the projects; remembers the voters seen. */
class VoteReader {
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
