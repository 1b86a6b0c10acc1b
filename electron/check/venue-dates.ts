// `minka check` on the venues' dates (adv29): a venue whose first check-in is on another day
// than its saved date is named, with the convocation's late invitations counted to the day
// people met (shared/attendance/convocation.ts, the same count the Acta and the seal use), and
// what a sealed Acta prints when it counted otherwise (sealed before the count moved). A
// warning, like the clocks: the seal asks to confirm it, so it cannot fail the check the seal
// runs first.
import type Database from 'better-sqlite3';
import { firstMeetingDay, isLate, movedVenues } from '../../shared/attendance/convocation';
import type { VenueDatesCheck } from '../../shared/schemas/check';
import { listArrivals, listInvitations } from '../attendance/attendance';
import { getSealed } from '../minutes/minutes';
import { getSetup } from '../workshop/workshop';

/** The sealed Acta's count of late invitations, or undefined (not sealed, or unreadable). */
function sealedLate(db: Database.Database): number | undefined {
  const sealed = getSealed(db);
  if (!sealed) return undefined;
  try {
    const late = (JSON.parse(sealed.payload) as { convocation?: { late?: unknown } }).convocation
      ?.late;
    return typeof late === 'number' ? late : undefined;
  } catch {
    return undefined; // named by the minutes check (payloadUnreadable)
  }
}

export function checkVenueDates(db: Database.Database): VenueDatesCheck {
  const setup = getSetup(db);
  const attendance = listArrivals(db);
  const moved = movedVenues(setup.venues, attendance);
  const first = firstMeetingDay(setup.venues, attendance);
  const late = listInvitations(db).filter((i) =>
    isLate(i.sentOn, first, setup.minNoticeDays),
  ).length;
  const printed = moved.length ? sealedLate(db) : undefined;
  return {
    moved,
    late,
    days: setup.minNoticeDays,
    ...(printed !== undefined && printed !== late ? { sealedLate: printed } : {}),
  };
}
