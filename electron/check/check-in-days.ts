// `minka check` on check-ins recorded off their clock day (fac30 HIGH): the door files a
// check-in under the venue's saved date, so a date typed wrong files the room under it. The
// rule and its one day's tolerance are in shared/attendance/day-off-clock.ts. A warning, like
// the venue dates: the seal asks to confirm it (checkInDayOffClock:VENUE). Rounds opened or
// closed on another day than their own likewise (roundDayOffClock:ROUND, adv30 F2), by every
// opening and close on record, venue desks' included (adv31 F4: whatever the merge order).
import type Database from 'better-sqlite3';
import {
  checkInsOffClock,
  checkInsTheEveBefore,
  roundsOffClock,
} from '../../shared/attendance/day-off-clock';
import type { CheckInDaysCheck } from '../../shared/schemas/check';
import { listArrivalClocks } from '../attendance/attendance';
import { getSetup } from '../workshop/workshop';
import { listRounds } from '../voting/voting';
import { withDeskClocks } from '../venues/venues-round-clocks';

export function checkCheckInDays(db: Database.Database): CheckInDaysCheck {
  const setup = getSetup(db);
  const clocks = listArrivalClocks(db);
  const rounds = listRounds(db);
  return {
    venues: checkInsOffClock(setup.venues, clocks, setup.timeZone),
    eve: checkInsTheEveBefore(setup.venues, clocks, setup.timeZone, rounds),
    rounds: roundsOffClock(withDeskClocks(db, rounds), setup.venues, setup.timeZone),
  };
}

/** Anything to report: check-ins or rounds off their clock day. */
export const hasDaysOffClock = (c: CheckInDaysCheck): boolean =>
  c.venues.length > 0 || (c.rounds ?? []).length > 0 || (c.eve ?? []).length > 0;
