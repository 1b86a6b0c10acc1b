// The registry (organisations, participants, accreditation) and the convocation's
// invitations, replayed from their events.
import type { Organization, Participant } from '../../shared/schemas/attendance';
import { allRows, byKey, type Db, type Ev, type Report, type Row, str } from '../platform/replay';
import { type OrgRow, type ParticipantRow, rowToOrg, rowToParticipant } from './registry';

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
 * The registry the events say, keyed by the tables' ids. Organisations and participants saved
 * one by one carry their id in the event; rows from a CSV import are matched by DNI
 * (participants) or name (organisations), since the import event records the rows as read,
 * before ids were given. Given the events up to one point of the log, the registry as it
 * stood then (the quorum frozen at a round's close is recomputed from it).
 */
function expectedRegistry(evs: readonly Ev[], orgRows: Row[], rows: Row[], atPoint = false) {
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
  const orgOf = new Map<Row, { name: string | undefined; id: string | null }>();
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
      const keyName = new Map<string, string>();
      for (const o of e.p.data.organizations ?? []) {
        importedOrgs.set(o.name.toLowerCase(), pick(o, ORG_FIELDS));
        if (typeof o['key'] === 'string') keyName.set(o['key'], o.name.toLowerCase());
      }
      for (const x of e.p.data.participants ?? []) {
        const dni = x.dni ?? '';
        if (e.exact && dni && !importedAt.has(dni)) importedAt.set(dni, e.at);
        const row = pick(
          x,
          PARTICIPANT_FIELDS.filter(([k]) => k !== 'organizationId'),
        );
        // The organisation the import linked (importRegistry): one of its own, by key, or an
        // existing one by id. Kept aside: only the registry at a point of the log reads it.
        const key = typeof x['organizationKey'] === 'string' ? x['organizationKey'] : null;
        const ref = key === null ? x['organizationId'] : key;
        orgOf.set(row, {
          name: key === null ? undefined : keyName.get(key),
          id: typeof ref === 'string' ? ref : null,
        });
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
  const orgWant = new Map(orgs);
  for (const o of orgRows) {
    const id = str(o['id']);
    const imp = importedOrgs.get(str(o['name']).toLowerCase());
    if (!orgWant.has(id) && imp) orgWant.set(id, imp);
  }
  const want = new Map<string, Row>();
  const importedNoDniAt = new Map<string, string>();
  // At a point of the log, a row is as the import wrote it even if its DNI or organisation was
  // changed later: an entry whose DNI no row holds now is matched by names, and the
  // organisation is the one the import linked.
  const strayed = new Map<string, Row[]>();
  const orgIdByName = new Map<string, string | null>();
  if (atPoint) {
    const held = new Set(rows.map((x) => str(x['dni'])));
    for (const [dni, imp] of importedPeople)
      if (!held.has(dni)) strayed.set(nameKey(imp), [...(strayed.get(nameKey(imp)) ?? []), imp]);
    for (const o of orgRows) {
      const n = str(o['name']).toLowerCase();
      orgIdByName.set(n, orgIdByName.has(n) ? null : str(o['id']));
    }
  }
  const orgAt = (imp: Row, row: Row): unknown => {
    const ref = atPoint ? orgOf.get(imp) : undefined;
    if (!ref) return row['organization_id'];
    if (ref.name !== undefined) return orgIdByName.get(ref.name) ?? row['organization_id'];
    return ref.id;
  };
  for (const [id, p] of people) want.set(id, { ...p });
  for (const row of rows) {
    const id = str(row['id']);
    if (want.has(id)) continue;
    const imp =
      importedPeople.get(str(row['dni'])) ??
      (str(row['dni']) ? strayed.get(nameKey(row))?.shift() : undefined);
    if (imp) want.set(id, { ...imp, organization_id: orgAt(imp, row) });
    else if (!str(row['dni'])) {
      const entry = importedNoDni.get(nameKey(row))?.shift();
      if (!entry) continue;
      want.set(id, { ...entry.row, organization_id: orgAt(entry.row, row) });
      if (entry.at !== undefined) importedNoDniAt.set(id, entry.at);
    }
  }
  for (const [id, status] of accreditation) {
    const w = want.get(id);
    if (w) w['accreditation'] = status;
  }
  return { orgWant, want, createdAt, importedNoDniAt, importedAt, invitations };
}

export function replayRegistry(db: Db, evs: Ev[], r: Report): void {
  const orgRows = allRows(db, 'organization');
  const rows = allRows(db, 'participant');
  const { orgWant, want, createdAt, importedNoDniAt, importedAt, invitations } = expectedRegistry(
    evs,
    orgRows,
    rows,
  );
  r.compare(
    'organization',
    orgWant,
    byKey(orgRows, (x) => str(x['id'])),
    ORG_FIELDS.map(([, c]) => c),
  );
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

/**
 * The registry as the events `evs` (a prefix of the log) leave it, keyed by the tables' ids.
 * The import event records no ids: an imported person is found by the DNI the table holds now,
 * or, when that DNI was changed later, by names among the imported entries no row matches.
 */
export function registryAt(
  db: Db,
  evs: readonly Ev[],
  /** The two tables already read (the check reads them once for every round, issue 18). */
  read: { participant: Row[]; organization: Row[] } | null = null,
): { organizations: Organization[]; participants: Participant[] } {
  const rows = read?.participant ?? allRows(db, 'participant');
  const orgRows = read?.organization ?? allRows(db, 'organization');
  const { orgWant, want } = expectedRegistry(evs, orgRows, rows, true);
  const inTable = new Set(rows.map((x) => str(x['id'])));
  return {
    organizations: [...orgWant].map(([id, o]) => rowToOrg({ ...o, id } as unknown as OrgRow)),
    // In the table's order (the order the close read them in).
    participants: [
      ...rows.flatMap((x) => {
        const w = want.get(str(x['id']));
        return w ? [[str(x['id']), w] as const] : [];
      }),
      ...[...want].filter(([id]) => !inTable.has(id)),
    ].map(([id, p]) => rowToParticipant({ ...p, id } as unknown as ParticipantRow)),
  };
}
