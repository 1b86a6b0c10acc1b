// The door's second line after a check-in of someone who could hold their organisation's vote
// but does not: who does. Read from the same presence as every count (shared/attendance/
// presence.ts: the titular, else the suplente, else a delegate; within a role, the first
// check-in in the event log), so the door says what the tally and the Acta will.
import type { Presence } from '../../../../shared/attendance/presence';
import { isOpen } from '../../../../shared/attendance/presence';
import {
  displayName,
  type AttendanceRecord,
  type Organization,
  type Participant,
} from '../../../../shared/schemas/attendance';
import type { Params } from '../../../../shared/i18n';

export function voteHeldNote(
  checkInId: string | undefined,
  c: {
    attendance: readonly AttendanceRecord[];
    presence: Presence;
    maps: {
      personById: ReadonlyMap<string, Participant>;
      orgById: ReadonlyMap<string, Organization>;
    };
    venueId: string;
    day: string;
    t: (key: string, params?: Params) => string;
  },
): string | null {
  if (!checkInId) return null;
  const rec = c.attendance.find((r) => r.id === checkInId);
  if (!rec || !isOpen(rec) || rec.venueId !== c.venueId || rec.day !== c.day) return null;
  const p = c.maps.personById.get(rec.participantId);
  if (!p?.organizationId || p.accreditation !== 'accredited' || p.voice !== 'voiceAndVote')
    return null;
  const held = c.presence.voteHolders.find((h) => h.organizationId === p.organizationId);
  const holder = held ? c.maps.personById.get(held.participantId) : undefined;
  if (!held || !holder || held.participantId === p.id || held.basis === 'person') return null;
  const params = {
    org: c.maps.orgById.get(p.organizationId)?.name ?? '',
    name: displayName(holder),
    basis: c.t(`attendance.basis.${held.basis}`),
  };
  return holder.role === p.role
    ? c.t('attendance.door.voteHeldByFirst', params)
    : c.t('attendance.door.voteHeldBy', params);
}
