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

type Clocked = Arrival & { participantId: string };
/** A round's day, venue and close (shared/schemas/voting.ts Round). */
type ClosedRound = { day: string | null; venueId: string | null; closedAt: string | null };

/**
 * Check-ins recorded for a day, clocked on an earlier calendar day by someone checked in for
 * that earlier day as well (adv31 F3): the people of day 1 checked in for day 2 the evening
 * before, who then need not come back for day 2's rounds to count them. A delegate arriving
 * from far away the evening before has no check-in of their own that day, so is not named
 * (the demo's Tinkiwasi). Per venue and recorded day, in the venues' order then by day.
 * Who was checked in on the evening's day counts a check-in undone after a round of its day
 * and venue closed (`rounds`) too (adv32 F5): the undo does not unmake the presence that
 * round froze, and undoing day 1 once its rounds closed hid day 1's room carried into day 2.
 */
export function checkInsTheEveBefore(
  venues: readonly { id: string; name: string }[],
  attendance: readonly Clocked[],
  timeZone: string,
  rounds: readonly ClosedRound[] = [],
): NonNullable<CheckInDaysCheck['eve']> {
  const days = new Map<string, Set<string>>();
  const live = attendance.filter((a) => a.undoneAt === null);
  const frozen = (a: Clocked) =>
    a.undoneAt !== null &&
    rounds.some(
      (r) =>
        r.day === a.day &&
        (r.venueId === null || r.venueId === a.venueId) &&
        r.closedAt !== null &&
        r.closedAt < (a.undoneAt ?? ''),
    );
  for (const a of [...live, ...attendance.filter(frozen)]) {
    const d = days.get(a.participantId) ?? new Set<string>();
    d.add(a.day);
    days.set(a.participantId, d);
  }
  // Per venue, per recorded day: such check-ins, of how many.
  const byVenue = new Map<string, Map<string, { count: number; total: number }>>();
  for (const a of live) {
    const perDay = byVenue.get(a.venueId) ?? new Map<string, { count: number; total: number }>();
    const v = perDay.get(a.day) ?? { count: 0, total: 0 };
    v.total++;
    const clock = localDay(a.checkedInAt, timeZone);
    if (clock < a.day && days.get(a.participantId)?.has(clock)) v.count++;
    perDay.set(a.day, v);
    byVenue.set(a.venueId, perDay);
  }
  return venues.flatMap((venue) =>
    [...(byVenue.get(venue.id) ?? [])]
      .filter(([, v]) => v.count > 0)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([day, v]) => ({ venueId: venue.id, name: venue.name, day, ...v })),
  );
}

/** What a round needs here (shared/schemas/voting.ts Round). */
interface HeldRound {
  id: string;
  title: string;
  venueId: string | null;
  day: string | null;
  state: string;
  openedAt: string | null;
  closedAt: string | null;
  /**
   * Every other opening and close of the round on record (adv31 F4): a round run on venue
   * desks is opened and closed on each, and the row keeps one opening (the first desk joined).
   */
  openings?: readonly string[];
  closes?: readonly string[];
}

/**
 * Rounds opened or closed on another calendar day than their `day` (adv30 F2): a round's
 * presence is its venue's open check-ins of its `day`, so a second day's round held with the
 * door and the round left on the first day freezes the first day's quorum and vote holders.
 * No tolerance: a round is voted in the room on its day. Its opening is the earliest of the
 * row's and its `openings`, its close the latest of the row's and its `closes` (whatever order
 * the desks were joined in). Drafts and rounds without a day are left out; an open round's
 * close is null.
 */
export function roundsOffClock(
  rounds: readonly HeldRound[],
  venues: readonly { id: string; name: string }[],
  timeZone: string,
): NonNullable<CheckInDaysCheck['rounds']> {
  const day = (iso: string | null) => (iso ? localDay(iso, timeZone) : null);
  return rounds.flatMap((r) => {
    if (!r.day || r.state === 'draft') return [];
    const opened = day(earliest([r.openedAt, ...(r.openings ?? [])]));
    const closed = r.state === 'closed' ? day(latest([r.closedAt, ...(r.closes ?? [])])) : null;
    if ((opened ?? r.day) === r.day && (closed ?? r.day) === r.day) return [];
    const venue = venues.find((v) => v.id === r.venueId)?.name ?? '';
    return [{ roundId: r.id, title: r.title, venue, day: r.day, opened, closed }];
  });
}

const present = (xs: readonly (string | null)[]) => xs.filter((x): x is string => !!x);
const earliest = (xs: readonly (string | null)[]) =>
  present(xs).reduce<string | null>(
    (a, b) => (a === null || Date.parse(b) < Date.parse(a) ? b : a),
    null,
  );
const latest = (xs: readonly (string | null)[]) =>
  present(xs).reduce<string | null>(
    (a, b) => (a === null || Date.parse(b) > Date.parse(a) ? b : a),
    null,
  );

/** A round's line params: its day and the clock's days, dd/mm/yyyy ('—' for none). */
export function roundDayParams(r: NonNullable<CheckInDaysCheck['rounds']>[number]) {
  const d = (x: string | null) => (x ? formatDate(x) : '—');
  return {
    title: r.title,
    venue: r.venue,
    day: d(r.day),
    opened: d(r.opened),
    closed: d(r.closed),
  };
}

/** `minka check`'s and the record screen's lines, heading first. */
export function checkInDaysLines(c: CheckInDaysCheck): {
  key: string;
  params: Record<string, string | number>;
}[] {
  const rounds = c.rounds ?? [];
  const eve = c.eve ?? [];
  return [
    ...(c.venues.length ? venueLines(c) : []),
    ...(eve.length
      ? [
          { key: 'check.checkInEve.heading', params: { count: eve.length } },
          ...eve.map((v) => ({
            key: 'check.checkInEve.venue',
            params: { venue: v.name, day: formatDate(v.day), count: v.count, total: v.total },
          })),
          { key: 'check.checkInEve.note', params: {} },
        ]
      : []),
    ...(rounds.length
      ? [
          { key: 'check.roundDays.heading', params: { count: rounds.length } },
          ...rounds.map((r) => ({ key: 'check.roundDays.round', params: roundDayParams(r) })),
          { key: 'check.roundDays.note', params: {} },
        ]
      : []),
  ];
}

function venueLines(
  c: CheckInDaysCheck,
): { key: string; params: Record<string, string | number> }[] {
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
