// Attendance figures computed from an export document: who was present (a check-in not
// undone, at any venue), counted by venue, sex, organisation and organisation type. The
// open-data variant publishes them; a test compares them with the Acta's own figures.
import type { OrgType, Participant } from '../schemas/attendance';
import type { WorkshopExport } from '../schemas/export';
import type { OpenAttendance, SexCounts } from '../schemas/export-open';

function count(people: readonly Pick<Participant, 'sex'>[]): SexCounts {
  return {
    people: people.length,
    women: people.filter((p) => p.sex === 'F').length,
    men: people.filter((p) => p.sex === 'M').length,
    other: people.filter((p) => p.sex === 'X').length,
  };
}

export function attendanceFigures(
  doc: Pick<WorkshopExport, 'venues' | 'organizations' | 'participants' | 'attendance'>,
): OpenAttendance {
  const byId = new Map(doc.participants.map((p) => [p.id, p]));
  const orgs = new Map(doc.organizations.map((o) => [o.id, o]));
  const venuesOf = new Map<string, Set<string>>();
  for (const a of doc.attendance) {
    if (a.undoneAt !== null || !byId.has(a.participantId)) continue;
    const vs = venuesOf.get(a.participantId) ?? new Set<string>();
    vs.add(a.venueId);
    venuesOf.set(a.participantId, vs);
  }
  const present = doc.participants.filter((p) => venuesOf.has(p.id));
  const orgOf = (p: Participant) =>
    p.organizationId !== null ? orgs.get(p.organizationId) : undefined;
  const typeOf = (p: Participant): OrgType => orgOf(p)?.type ?? 'individual';
  const presentOrgs = doc.organizations.filter((o) =>
    present.some((p) => p.organizationId === o.id),
  );
  const types = [...new Set(present.map(typeOf))].sort();
  return {
    totals: {
      ...count(present),
      organizations: presentOrgs.length,
      voiceAndVote: present.filter((p) => p.voice === 'voiceAndVote').length,
      voiceOnly: present.filter((p) => p.voice === 'voiceOnly').length,
    },
    byVenue: doc.venues.map((v) => ({
      venueId: v.id,
      name: v.name,
      date: v.date,
      ...count(present.filter((p) => venuesOf.get(p.id)?.has(v.id))),
    })),
    byOrganizationType: types.map((type) => ({
      type,
      organizations: presentOrgs.filter((o) => o.type === type).length,
      ...count(present.filter((p) => typeOf(p) === type)),
    })),
    byOrganization: presentOrgs.map((o) => ({
      organizationId: o.id,
      name: o.type === 'individual' ? '' : o.name,
      type: o.type,
      ...count(present.filter((p) => p.organizationId === o.id)),
    })),
  };
}
