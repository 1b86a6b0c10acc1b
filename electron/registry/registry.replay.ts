// The registry (organisations, participants, accreditation) and the convocation's
// invitations, replayed from their events.
import { allRows, byKey, type Db, type Ev, type Report, type Row, str } from '../platform/replay';

const PARTICIPANT_FIELDS: [string, string][] = [
  ['dni', 'dni'],
  ['givenNames', 'given_names'],
  ['surnames', 'surnames'],
  ['sex', 'sex'],
  ['language', 'language'],
  ['organizationId', 'organization_id'],
  ['role', 'role'],
  ['authorization', 'authorization'],
  ['voice', 'voice'],
  ['accreditation', 'accreditation'],
];
const ORG_FIELDS: [string, string][] = [
  ['name', 'name'],
  ['type', 'type'],
  ['community', 'community'],
  ['standingProof', 'standing_proof'],
  ['standingRef', 'standing_ref'],
];

const pick = (p: Row, fields: [string, string][]): Row =>
  Object.fromEntries(fields.map(([k, col]) => [col, p[k] ?? null]));

/**
 * Organisations and participants saved one by one carry their id in the event; rows from a
 * CSV import are matched by DNI (participants) or name (organisations), since the import
 * event records the rows as read, before ids were given.
 */
export function replayRegistry(db: Db, evs: Ev[], r: Report): void {
  const orgs = new Map<string, Row>();
  const people = new Map<string, Row>();
  const importedPeople = new Map<string, Row>();
  const importedOrgs = new Map<string, Row>();
  const invitations = new Map<string, Row>();
  const accreditation = new Map<string, unknown>();
  const createdAt = new Map<string, string>();
  const importedAt = new Map<string, string>();
  // Imported people without a DNI: the event carries no id, so a row is matched by its names
  // (each imported entry once, in order).
  const importedNoDni = new Map<string, { row: Row; at: string | undefined }[]>();
  const nameKey = (x: Row) => `${str(x['given_names'])}|${str(x['surnames'])}`;
  for (const e of evs) {
    if (e.type === 'registry.organizationSaved') orgs.set(e.p.id, pick(e.p, ORG_FIELDS));
    else if (e.type === 'registry.participantSaved' || e.type === 'registry.walkInRegistered') {
      people.set(e.p.id, pick(e.p, PARTICIPANT_FIELDS));
      // Since migration 7 the event carries the row's creation time.
      if (e.p.createdAt !== undefined) createdAt.set(e.p.id, e.p.createdAt);
      accreditation.delete(e.p.id);
    } else if (e.type === 'registry.accreditationSet') {
      for (const id of e.p.participantIds) accreditation.set(id, e.p.status);
    } else if (e.type === 'registry.imported') {
      for (const o of e.p.data.organizations ?? [])
        importedOrgs.set(o.name.toLowerCase(), pick(o, ORG_FIELDS));
      for (const x of e.p.data.participants ?? []) {
        const dni = x.dni ?? '';
        if (e.exact && dni && !importedAt.has(dni)) importedAt.set(dni, e.at);
        const row = pick(
          x,
          PARTICIPANT_FIELDS.filter(([k]) => k !== 'organizationId'),
        );
        if (dni) importedPeople.set(dni, row);
        else {
          const list = importedNoDni.get(nameKey(row)) ?? [];
          list.push({ row, at: e.exact ? e.at : undefined });
          importedNoDni.set(nameKey(row), list);
        }
      }
    } else if (e.type === 'convocation.invitationLogged') {
      invitations.set(e.p.id, {
        organization_id: e.p.organizationId,
        sent_on: e.p.sentOn,
        channel: e.p.channel,
        note: e.p.note,
      });
    } else if (e.type === 'convocation.invitationRemoved') invitations.delete(e.p.id);
  }
  const orgRows = allRows(db, 'organization');
  const orgWant = new Map(orgs);
  for (const o of orgRows) {
    const id = str(o['id']);
    const imp = importedOrgs.get(str(o['name']).toLowerCase());
    if (!orgWant.has(id) && imp) orgWant.set(id, imp);
  }
  r.compare(
    'organization',
    orgWant,
    byKey(orgRows, (x) => str(x['id'])),
    ORG_FIELDS.map(([, c]) => c),
  );
  const rows = allRows(db, 'participant');
  const want = new Map<string, Row>();
  const importedNoDniAt = new Map<string, string>();
  for (const [id, p] of people) want.set(id, { ...p });
  for (const row of rows) {
    const id = str(row['id']);
    if (want.has(id)) continue;
    const imp = importedPeople.get(str(row['dni']));
    if (imp) want.set(id, { ...imp, organization_id: row['organization_id'] });
    else if (!str(row['dni'])) {
      const entry = importedNoDni.get(nameKey(row))?.shift();
      if (!entry) continue;
      want.set(id, { ...entry.row, organization_id: row['organization_id'] });
      if (entry.at !== undefined) importedNoDniAt.set(id, entry.at);
    }
  }
  for (const [id, status] of accreditation) {
    const w = want.get(id);
    if (w) w['accreditation'] = status;
  }
  r.compare(
    'participant',
    want,
    byKey(rows, (x) => str(x['id'])),
    PARTICIPANT_FIELDS.map(([, c]) => c),
  );
  for (const row of rows) {
    const id = str(row['id']);
    const when =
      createdAt.get(id) ?? importedNoDniAt.get(id) ?? importedAt.get(str(row['dni']) || '\u0000');
    if (when !== undefined && row['created_at'] !== when)
      r.add('participant', id, 'created_at differs from the event log');
  }
  r.compare(
    'invitation',
    invitations,
    byKey(allRows(db, 'invitation'), (x) => str(x['id'])),
    ['organization_id', 'sent_on', 'channel', 'note'],
  );
}
