// Check-ins filed under a day that is not the day on their clock (fac30 HIGH). The door files
// every check-in under its day (the venue's saved date), not the calendar day it happened: a
// venue date typed wrong (17/12 for 07/12) files the whole room under 17/12, and once the date
// is corrected the door, the rounds and the convocation go by the wrong day. Named per venue
// by `minka check` and the record screen, and asked at the seal (checkInDayOffClock:VENUE).
//
// The rule: a check-in is named when its clock day (checked_in_at in the workshop's time zone)
// is more than DAY_OFF_TOLERANCE calendar day away from its recorded day. One day is tolerated
// because a day's distance has honest causes: delegates from far communities checked in on
// arrival the evening before a meeting (the demo does this: Tinkiwasi's 15/05 check-ins are
// clocked on 14/05), the door's «Día siguiente» taken the evening before a two-day workshop's
// second day, and a saved time zone a few hours off that moves evening check-ins to the next
// day. A date typed one day wrong is therefore not named here; the door's banner says it live
// (renderer DoorDayBanner), and once the date is corrected venueDateMoved names the venue.
import { formatDate, localDay } from '../format';
import type { AttendanceRecord } from '../schemas/attendance';
import type { CheckInDaysCheck, VenueDatesCheck } from '../schemas/check';
import { venueDatesLines } from './convocation';

/** Calendar days a check-in's recorded day may be from its clock day without being named. */
export const DAY_OFF_TOLERANCE = 1;

type Arrival = Pick<AttendanceRecord, 'venueId' | 'day' | 'checkedInAt' | 'undoneAt'>;

const dayNumber = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);

/**
 * Per venue, its check-ins (undone ones left out) recorded under a day more than the tolerance
 * away from their clock day: how many of how many, and the first of them (recorded day, clock
 * day). In the venues' order.
 */
export function checkInsOffClock(
  venues: readonly { id: string; name: string }[],
  attendance: readonly Arrival[],
  timeZone: string,
): CheckInDaysCheck['venues'] {
  const byVenue = new Map<string, { count: number; total: number; first?: Arrival }>();
  for (const a of attendance) {
    if (a.undoneAt !== null) continue;
    const v = byVenue.get(a.venueId) ?? { count: 0, total: 0 };
    v.total++;
    const clock = localDay(a.checkedInAt, timeZone);
    if (Math.abs(dayNumber(a.day) - dayNumber(clock)) > DAY_OFF_TOLERANCE) {
      v.count++;
      if (!v.first || a.checkedInAt < v.first.checkedInAt) v.first = a;
    }
    byVenue.set(a.venueId, v);
  }
  return venues.flatMap((venue) => {
    const v = byVenue.get(venue.id);
    if (!v?.first) return [];
    return [
      {
        venueId: venue.id,
        name: venue.name,
        count: v.count,
        total: v.total,
        day: v.first.day,
        clock: localDay(v.first.checkedInAt, timeZone),
      },
    ];
  });
}

/** `minka check`'s and the record screen's lines, heading first. */
export function checkInDaysLines(c: CheckInDaysCheck): {
  key: string;
  params: Record<string, string | number>;
}[] {
  return [
    { key: 'check.checkInDays.heading', params: { count: c.venues.length } },
    ...c.venues.map((v) => ({
      key: 'check.checkInDays.venue',
      params: {
        venue: v.name,
        count: v.count,
        total: v.total,
        day: formatDate(v.day),
        clock: formatDate(v.clock),
      },
    })),
    { key: 'check.checkInDays.note', params: {} },
  ];
}

/** `minka check`'s warnings on days: venue dates off their check-ins, then check-ins off their clock. */
export function dayWarningLines(r: {
  venueDates?: VenueDatesCheck;
  checkInDays?: CheckInDaysCheck;
}): { key: string; params: Record<string, string | number> }[] {
  return [
    ...(r.venueDates ? venueDatesLines(r.venueDates) : []),
    ...(r.checkInDays ? checkInDaysLines(r.checkInDays) : []),
  ];
}
