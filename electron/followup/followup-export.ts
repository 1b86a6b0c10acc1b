// The `followup` key of `minka export`: the follow-up register's rows as stored (an archive
// keeps what the file holds, including minutes whose signature no longer verifies: the
// register's own readers leave those out, a check made from the archive must not).
import type { ExportFollowup } from '../../shared/schemas/export';
import type { Db } from '../platform/db';

const parse = (s: string): unknown => {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return s;
  }
};

function hasTable(db: Db, name: string): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !==
    undefined
  );
}

type Row = Record<string, string | number>;
const s = (x: string | number | undefined): string => String(x ?? '');
const n = (x: string | number | undefined): number => Number(x ?? 0);

export function exportFollowup(db: Db): ExportFollowup {
  // A read-only export of a file made before the register existed has no such tables.
  if (!hasTable(db, 'followup_minutes'))
    return { minutes: [], plans: [], notes: [], unlinks: [], carries: [] };
  const all = (sql: string) => db.prepare(sql).all() as Row[];
  return {
    minutes: all('SELECT * FROM followup_minutes ORDER BY fiscal_year, imported_at, id').map(
      (r) => ({
        id: s(r['id']),
        fiscalYear: n(r['fiscal_year']),
        payload: parse(s(r['payload'])),
        signature: s(r['signature']),
        source: s(r['source']),
        fileName: s(r['file_name']),
        importedAt: s(r['imported_at']),
      }),
    ),
    plans: all('SELECT * FROM followup_plan ORDER BY recorded_at, id').map((r) => ({
      id: s(r['id']),
      minutesId: s(r['minutes_id']),
      fileName: s(r['file_name']),
      sha256: s(r['sha256']),
      fingerprint: s(r['fingerprint']),
      report: parse(s(r['report'])),
      recordedAt: s(r['recorded_at']),
    })),
    notes: all('SELECT * FROM followup_note ORDER BY date, created_at, id').map((r) => ({
      id: s(r['id']),
      ref: s(r['ref']),
      fiscalYear: n(r['fiscal_year']),
      status: s(r['status']),
      date: s(r['date']),
      note: s(r['note']),
      createdAt: s(r['created_at']),
    })),
    unlinks: all('SELECT a, b FROM followup_unlink ORDER BY a, b').map((r) => ({
      a: s(r['a']),
      b: s(r['b']),
    })),
    carries: all('SELECT * FROM followup_carry ORDER BY carried_at, proposal_id').map((r) => ({
      proposalId: s(r['proposal_id']),
      ref: s(r['ref']),
      history: parse(s(r['history'])),
      carriedAt: s(r['carried_at']),
    })),
  };
}
