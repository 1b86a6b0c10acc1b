// Writer for the pabulib format, using the spec's key names (project_id, cost, voter_id,
// vote, points, budget, vote_type, num_projects, num_votes). parsePb(writePb(x)) equals x.
import { formatExact } from '../tally/rational';
import { quoteCell } from './csv';
import type { PbElection } from './types';

function line(cells: string[]): string {
  return cells.map(quoteCell).join(';');
}

export function writePb(e: PbElection): string {
  // The structural keys are always written so that the file is self-describing; the
  // counts are the true ones, so a writer cannot produce a file the parser refuses.
  const meta: Record<string, string> = { ...e.meta };
  meta['num_projects'] = String(e.projects.length);
  meta['num_votes'] = String(e.votes.length);
  if (meta['budget'] === undefined) meta['budget'] = formatExact(e.budget);
  if (meta['vote_type'] === undefined) meta['vote_type'] = e.voteType;
  const out: string[] = ['META', 'key;value'];
  for (const [k, v] of Object.entries(meta)) out.push(line([k, v]));

  const pCols = withColumns(
    e.projectColumns,
    ['project_id', 'cost'],
    e.projects.map((p) => p.fields),
  );
  out.push('PROJECTS', line(pCols));
  for (const p of e.projects) {
    out.push(
      line(
        pCols.map((c) =>
          c === 'project_id' ? p.id : c === 'cost' ? formatExact(p.cost) : (p.fields[c] ?? ''),
        ),
      ),
    );
  }

  const required =
    e.voteType === 'cumulative' ? ['voter_id', 'vote', 'points'] : ['voter_id', 'vote'];
  const vCols = withColumns(
    e.voteColumns,
    required,
    e.votes.map((v) => v.fields),
  );
  out.push('VOTES', line(vCols));
  for (const v of e.votes) {
    out.push(
      line(
        vCols.map((c) => {
          if (c === 'voter_id') return v.voterId;
          if (c === 'vote') return v.vote.join(',');
          if (c === 'points' && e.voteType === 'cumulative') return (v.points ?? []).join(',');
          return v.fields[c] ?? '';
        }),
      ),
    );
  }
  return out.join('\n') + '\n';
}

/** The declared columns, plus any required or used one they lack, in a stable order. */
function withColumns(
  declared: string[],
  required: string[],
  rows: Array<Record<string, string>>,
): string[] {
  const cols = [...declared];
  for (const r of required) if (!cols.includes(r)) cols.push(r);
  for (const f of rows) for (const k of Object.keys(f)) if (!cols.includes(k)) cols.push(k);
  return cols;
}
