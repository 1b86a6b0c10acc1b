// The convocation's notice: days from an invitation to the day the workshop met. One
// definition for every screen that shows it (the convocation tab, the minutes preview), the
// Acta's payload, the open-data export, the seal's warnings and `minka check` (adv29: a venue
// date saved after its check-ins made invitations sent 3 days before the day people met read
// as on time against the 7 the ordinance asks).
import { formatDate } from '../format';
import type { AttendanceRecord } from '../schemas/attendance';
import type { VenueDatesCheck } from '../schemas/check';
import type { StoredWorkshopSetup } from '../schemas/workshop';

/** Whole days between the day an invitation was sent and the workshop's first day. */
export function noticeDays(sentOn: string, workshopDate: string): number {
  return Math.round(
    (Date.parse(`${workshopDate}T00:00:00Z`) - Date.parse(`${sentOn}T00:00:00Z`)) / 86_400_000,
  );
}

type Venue = StoredWorkshopSetup['venues'][number];
type VenueDate = Pick<Venue, 'id' | 'date'>;
type Arrival = Pick<AttendanceRecord, 'venueId' | 'day' | 'undoneAt'>;

/**
 * The day people met at each venue: the day of its first check-in (the door's day, a calendar
 * day in the workshop's time zone; undone check-ins left out), or the venue's date while it has
 * none. A date saved after the check-ins does not move it.
 */
export function meetingDays(
  venues: readonly VenueDate[],
  attendance: readonly Arrival[],
): Map<string, string> {
  const first = firstCheckInDays(attendance);
  return new Map(venues.map((v) => [v.id, first.get(v.id) ?? v.date]));
}

/** Each venue's first check-in day (undone ones left out), for venues that have one. */
export function firstCheckInDays(attendance: readonly Arrival[]): Map<string, string> {
  const first = new Map<string, string>();
  for (const a of attendance) {
    if (a.undoneAt !== null) continue;
    const d = first.get(a.venueId);
    if (d === undefined || a.day < d) first.set(a.venueId, a.day);
  }
  return first;
}

/** The first day the workshop met, across its venues; null before venues are set. */
export function firstMeetingDay(
  venues: readonly VenueDate[],
  attendance: readonly Arrival[],
): string | null {
  const days = [...meetingDays(venues, attendance).values()].sort();
  return days[0] ?? null;
}

/** Sent with fewer days' notice than the ordinance asks, counted to `first`. */
export function isLate(sentOn: string, first: string | null, minNoticeDays: number): boolean {
  return first !== null && noticeDays(sentOn, first) < minNoticeDays;
}

export interface MovedVenue {
  venueId: string;
  name: string;
  /** The venue's saved date. */
  date: string;
  /** The day of its first check-in. */
  met: string;
}

/**
 * Venues whose first check-in is on another day than their saved date: the date was saved
 * after the check-ins (or never set right), so the venue table and the day people met disagree.
 * A venue that met over two days from its date is not one of them.
 */
export function movedVenues(
  venues: readonly (VenueDate & Pick<Venue, 'name'>)[],
  attendance: readonly Arrival[],
): MovedVenue[] {
  const met = meetingDays(venues, attendance);
  return venues.flatMap((v) => {
    const m = met.get(v.id) ?? v.date;
    return m === v.date ? [] : [{ venueId: v.id, name: v.name, date: v.date, met: m }];
  });
}

/** `minka check`'s and the record screen's lines for moved venue dates, in that order. */
export function venueDatesLines(v: VenueDatesCheck): {
  key: string;
  params: Record<string, string | number>;
}[] {
  return [
    { key: 'check.venueDates.heading', params: { count: v.moved.length } },
    ...v.moved.map((m) => ({
      key: 'check.venueDates.moved',
      params: { venue: m.name, date: formatDate(m.date), met: formatDate(m.met) },
    })),
    { key: 'check.venueDates.note', params: { late: v.late, days: v.days } },
    ...(v.sealedLate !== undefined
      ? [{ key: 'check.venueDates.sealedLate', params: { sealed: v.sealedLate, days: v.days } }]
      : []),
  ];
}
