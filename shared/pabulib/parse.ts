// Parser for pabulib .pb files (https://pabulib.org/format). Linear in the input, and it
// refuses with a typed error naming the line rather than guessing.
import { parseDecimal } from '../tally/rational';
import { rows, type Row } from './csv';
import { PbParseError } from './errors';
import {
  PB_VOTE_TYPES,
  type PbElection,
  type PbProject,
  type PbVote,
  type PbVoteType,
} from './types';

/** Refuse inputs above this many characters (the CLI checks the file size before reading). */
export const PB_MAX_CHARS = 100 * 1024 * 1024;

type Section = 'meta' | 'projects' | 'votes';
const SECTIONS: readonly string[] = ['meta', 'projects', 'votes'];

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

export function parsePb(text: string, maxChars = PB_MAX_CHARS): PbElection {
  if (text.length > maxChars) throw new PbParseError('pb.tooLarge', 0, { limit: maxChars });
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const body: Record<Section, { line: number; header: string[] | null; rows: Row[] } | undefined> =
    {
      meta: undefined,
      projects: undefined,
      votes: undefined,
    };
  let current: Section | null = null;
  for (const r of rows(text)) {
    if (r.cells.every((c) => c.trim() === '')) continue; // empty lines are skipped
    const s = sectionOf(r);
    if (s) {
      if (body[s])
        throw new PbParseError('pb.duplicateSection', r.line, { section: s.toUpperCase() });
      body[s] = { line: r.line, header: null, rows: [] };
      current = s;
      continue;
    }
    const sec = current ? body[current] : undefined;
    if (!sec) throw new PbParseError('pb.contentOutsideSection', r.line);
    if (!sec.header) sec.header = r.cells.map((c) => c.trim());
    else sec.rows.push(r);
  }
  const get = (s: Section) => {
    const sec = body[s];
    if (!sec) throw new PbParseError('pb.missingSection', 0, { section: s.toUpperCase() });
    if (!sec.header) throw new PbParseError('pb.badHeader', sec.line, { section: s.toUpperCase() });
    return sec as { line: number; header: string[]; rows: Row[] };
  };
  const metaSec = get('meta');
  const projSec = get('projects');
  const voteSec = get('votes');

  const meta: Record<string, string> = {};
  for (const r of metaSec.rows) {
    if (r.cells.length !== 2)
      throw new PbParseError('pb.badRow', r.line, { expected: 2, found: r.cells.length });
    meta[(r.cells[0] as string).trim()] = r.cells[1] as string;
  }
  const budgetText = meta['budget'];
  if (budgetText === undefined)
    throw new PbParseError('pb.missingMeta', metaSec.line, { key: 'budget' });
  const budget = parseDecimal(budgetText);
  if (!budget || budget.sign() < 0)
    throw new PbParseError('pb.badBudget', metaLine(metaSec.rows, 'budget'), { value: budgetText });
  const vt = (meta['vote_type'] ?? 'approval').trim().toLowerCase();
  if (!(PB_VOTE_TYPES as readonly string[]).includes(vt)) {
    throw new PbParseError('pb.unknownVoteType', metaLine(metaSec.rows, 'vote_type'), { type: vt });
  }
  const voteType = vt as PbVoteType;

  const projects = parseProjects(projSec);
  const votes = parseVotes(voteSec, voteType, new Set(projects.map((p) => p.id)));
  checkCount(meta, 'num_projects', projects.length, metaSec.rows);
  checkCount(meta, 'num_votes', votes.length, metaSec.rows);
  return {
    meta,
    budget,
    voteType,
    projectColumns: projSec.header,
    voteColumns: voteSec.header,
    projects,
    votes,
  };
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

function parseProjects(sec: { line: number; header: string[]; rows: Row[] }): PbProject[] {
  const col = columns(sec, ['project_id', 'cost'], 'PROJECTS');
  const skip = new Set(['project_id', 'cost']);
  const seen = new Set<string>();
  return sec.rows.map((r) => {
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

function parseVotes(
  sec: { line: number; header: string[]; rows: Row[] },
  voteType: PbVoteType,
  known: Set<string>,
): PbVote[] {
  const col = columns(sec, ['voter_id', 'vote'], 'VOTES');
  const cumulative = voteType === 'cumulative';
  // Ordinal files may carry a points column; only cumulative ballots give it meaning.
  const skip = new Set(cumulative ? ['voter_id', 'vote', 'points'] : ['voter_id', 'vote']);
  const voters = new Set<string>();
  const vi = col.get('vote') as number;
  const pi = col.get('points');
  const idi = col.get('voter_id') as number;
  return sec.rows.map((r) => {
    if (r.cells.length !== sec.header.length) {
      throw new PbParseError('pb.badRow', r.line, {
        expected: sec.header.length,
        found: r.cells.length,
      });
    }
    const voterId = (r.cells[idi] as string).trim();
    if (voters.has(voterId))
      throw new PbParseError('pb.duplicateVoter', r.line, { voter: voterId });
    voters.add(voterId);
    const voteText = r.cells[vi] as string;
    const vote = present(voteText) ? voteText.split(',').map((s) => s.trim()) : [];
    // Short ballots (nearly all) are checked for repeats without allocating a Set.
    const inBallot = vote.length > 16 ? new Set<string>() : null;
    for (let k = 0; k < vote.length; k++) {
      const p = vote[k] as string;
      if (!known.has(p))
        throw new PbParseError('pb.unknownProject', r.line, { project: p, voter: voterId });
      if (inBallot ? inBallot.has(p) : vote.indexOf(p) !== k)
        throw new PbParseError('pb.duplicateVote', r.line, { project: p, voter: voterId });
      inBallot?.add(p);
    }
    const v: PbVote = { voterId, vote, fields: fieldsOf(r, sec.header, skip) };
    if (cumulative) {
      const pt = pi === undefined ? undefined : r.cells[pi];
      const points = present(pt) ? pt.split(',').map((s) => Number(s.trim())) : vote.map(() => 1);
      if (points.length !== vote.length || points.some((x) => !Number.isSafeInteger(x) || x < 0)) {
        throw new PbParseError('pb.badPoints', r.line, { voter: voterId });
      }
      v.points = points;
    }
    return v;
  });
}
