// The follow-up register replayed from its events: each row from its event; the stored
// signed payloads, plan reports and carried histories against the hashes their events
// recorded.
import { createHash } from 'node:crypto';
import { checkSignedMinutes } from './signed';
import { allRows, byKey, type Db, type Ev, type Report, type Row, str } from '../platform/replay';

const sha256 = (text: unknown): string =>
  createHash('sha256').update(str(text), 'utf8').digest('hex');

export function replayFollowup(db: Db, evs: Ev[], r: Report): void {
  const minutes = new Map<string, Row>();
  const plans = new Map<string, Row>();
  const planHash = new Map<string, string>();
  const notes = new Map<string, Row>();
  const unlinks = new Map<string, Row>();
  const carries = new Map<string, Row>();
  const carryHash = new Map<string, string>();
  for (const e of evs) {
    if (e.type === 'followup.minutesImported') {
      const p = e.p;
      minutes.set(p.id, {
        fiscal_year: p.fiscalYear,
        source: p.source,
        file_name: p.fileName,
        imported_at: p.importedAt,
      });
    } else if (e.type === 'followup.planRecorded') {
      const p = e.p;
      plans.set(p.id, {
        minutes_id: p.minutesId,
        file_name: p.fileName,
        sha256: p.sha256,
        fingerprint: p.fingerprint,
        recorded_at: p.recordedAt,
      });
      planHash.set(p.id, p.reportSha256);
    } else if (e.type === 'followup.noteAdded') {
      const p = e.p;
      notes.set(p.id, {
        ref: p.ref,
        fiscal_year: p.fiscalYear,
        status: p.status,
        date: p.date,
        note: p.note,
        created_at: p.createdAt,
      });
    } else if (e.type === 'followup.unlinked') unlinks.set(`${e.p.a}|${e.p.b}`, {});
    else if (e.type === 'followup.relinked') unlinks.delete(`${e.p.a}|${e.p.b}`);
    else if (e.type === 'followup.carried') {
      carries.set(e.p.proposalId, { ref: e.p.ref, carried_at: e.p.carriedAt });
      carryHash.set(e.p.proposalId, e.p.historySha256);
    }
  }
  const mRows = allRows(db, 'followup_minutes');
  r.compare(
    'followup_minutes',
    minutes,
    byKey(mRows, (x) => str(x['id'])),
    ['fiscal_year', 'source', 'file_name', 'imported_at'],
  );
  for (const row of mRows) {
    if (sha256(row['payload']) !== str(row['id']))
      r.add('followup_minutes', str(row['id']), 'payload differs from its recorded hash');
    else if (!checkSignedMinutes(str(row['payload']), str(row['signature'])))
      r.add('followup_minutes', str(row['id']), 'signature does not hold');
  }
  const pRows = allRows(db, 'followup_plan');
  r.compare(
    'followup_plan',
    plans,
    byKey(pRows, (x) => str(x['id'])),
    ['minutes_id', 'file_name', 'sha256', 'fingerprint', 'recorded_at'],
  );
  for (const row of pRows) {
    const want = planHash.get(str(row['id']));
    if (want !== undefined && sha256(row['report']) !== want)
      r.add('followup_plan', str(row['id']), 'report differs from its recorded hash');
  }
  r.compare(
    'followup_note',
    notes,
    byKey(allRows(db, 'followup_note'), (x) => str(x['id'])),
    ['ref', 'fiscal_year', 'status', 'date', 'note', 'created_at'],
  );
  r.compare(
    'followup_unlink',
    unlinks,
    byKey(allRows(db, 'followup_unlink'), (x) => `${str(x['a'])}|${str(x['b'])}`),
    [],
  );
  const cRows = allRows(db, 'followup_carry');
  r.compare(
    'followup_carry',
    carries,
    byKey(cRows, (x) => str(x['proposal_id'])),
    ['ref', 'carried_at'],
  );
  for (const row of cRows) {
    const want = carryHash.get(str(row['proposal_id']));
    if (want !== undefined && sha256(row['history']) !== want)
      r.add('followup_carry', str(row['proposal_id']), 'history differs from its recorded hash');
  }
}
