// Parser for pabulib .pb files (https://pabulib.org/format). Linear in the input, and it
// refuses with a typed error naming the line rather than guessing. It streams: text is
// pushed in chunks and each vote row is handed on as soon as it is read, so a caller that
// keeps votes compactly (the CLI) never holds the file, its rows or one object per vote.
// Errors are the ones a whole-text read gives, in the same order: a structural error
// (sections, quoting) anywhere wins; then missing sections and headers, META, PROJECTS,
// VOTES in file order, and the declared counts last.
import { parseDecimal } from '../tally/rational';
import { RowSplitter, type Row } from './csv';
import { columns, fieldsOf, present } from './cells';
import { PbParseError } from './errors';
import { VoteReader } from './vote-reader';
import type { Head } from './head';
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

function sectionOf(r: Row): Section | null {
  if (r.cells.length !== 1) return null;
  const name = (r.cells[0] as string).trim().toLowerCase();
  return SECTIONS.includes(name) ? (name as Section) : null;
}

// In its own file: the vote reader takes it too, and parse.ts imports the vote reader.
export type { Head };

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
