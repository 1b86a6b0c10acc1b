// Who the Comité de Vigilancia is elected among (DOMAIN.md: "elected among civil-society
// participants at the final workshop"): participating agents — accredited, with a vote, of a
// civil-society organisation (not a state body), and checked in at the workshop. The picker
// listed the whole registry, absent and unaccredited people included (field test "fac", item 5).
// A check-in counts even after checking out: they took part; an undone one does not.
import type { AttendanceRecord, Organization, Participant } from '../schemas/attendance';

export function committeeCandidates(
  participants: readonly Participant[],
  organizations: readonly Pick<Organization, 'id' | 'type'>[],
  attendance: readonly Pick<AttendanceRecord, 'participantId' | 'undoneAt'>[],
): Participant[] {
  const stateBodies = new Set(organizations.filter((o) => o.type === 'stateBody').map((o) => o.id));
  const came = new Set(attendance.filter((a) => a.undoneAt === null).map((a) => a.participantId));
  return participants.filter(
    (p) =>
      came.has(p.id) &&
      p.voice === 'voiceAndVote' &&
      p.accreditation === 'accredited' &&
      !stateBodies.has(p.organizationId ?? ''),
  );
}
