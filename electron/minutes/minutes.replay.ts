// The closing before the seal (agreements, the oversight committee, the closing remarks),
// replayed from their events.
import {
  allRows,
  byKey,
  type Db,
  type Ev,
  inWindow,
  type Report,
  type Row,
  str,
} from '../platform/replay';

export function replayMinutes(db: Db, evs: Ev[], r: Report): void {
  const agreements = new Map<string, Row>();
  const added = new Map<string, Ev>();
  const members = new Map<string, Row>();
  let remarks: string | null = null;
  for (const e of evs) {
    if (e.type === 'minutes.agreementAdded') {
      // A new agreement goes after the others standing at the time.
      let position = -1;
      for (const a of agreements.values()) position = Math.max(position, Number(a['position']));
      const { id, text, responsible, due } = e.p;
      agreements.set(id, { position: position + 1, text, responsible, due });
      added.set(id, e);
    } else if (e.type === 'minutes.agreementEdited') {
      const { id, text, responsible, due } = e.p;
      const a = agreements.get(id);
      if (a) Object.assign(a, { text, responsible, due });
    } else if (e.type === 'minutes.agreementRemoved') agreements.delete(e.p.id);
    else if (e.type === 'minutes.memberAdded' || e.type === 'minutes.memberEdited')
      members.set(e.p.id, {
        position: e.p.position,
        participant_id: e.p.participantId,
        name: e.p.name,
        dni: e.p.dni,
        organization: e.p.organization,
        role: e.p.role,
      });
    else if (e.type === 'minutes.memberRemoved') members.delete(e.p.id);
    else if (e.type === 'minutes.closingRemarksSaved') remarks = e.p.text;
  }
  const rows = byKey(allRows(db, 'agreement'), (x) => str(x['id']));
  r.compare('agreement', agreements, rows, ['position', 'text', 'responsible', 'due']);
  for (const [id, row] of rows) {
    const e = added.get(id);
    if (e && !inWindow(row['created_at'], e))
      r.add('agreement', id, 'created_at outside the time of its event');
  }
  r.compare(
    'committee_member',
    members,
    byKey(allRows(db, 'committee_member'), (x) => str(x['id'])),
    ['position', 'participant_id', 'name', 'dni', 'organization', 'role'],
  );
  const draft: unknown = db
    .prepare('SELECT closing_remarks FROM minutes_draft WHERE id = 1')
    .pluck()
    .get();
  if ((draft ?? null) !== remarks)
    r.add('minutes_draft', '1', 'closing_remarks differs from the event log');
}
