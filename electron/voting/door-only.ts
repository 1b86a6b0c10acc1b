// A door laptop's kit (`minka kit --no-rounds`, "Solo puerta") leaves the venue's rounds to the
// voting desk's kit: main never applies a round from it. Its screens and CLI refuse to create,
// open, count, cast or close a round on it, rather than record votes nobody will count (adv27).
// Checked in the handlers only: the desk's rounds still apply to the door's copy at a swap.
import { MinkaError } from '../platform/errors';
import type { Db } from '../platform/db';
import { isDoorOnlyKit, refuseOtherVenueOnKit } from '../platform/kit-venue';
import { cached } from '../platform/statements';

export function refuseOnDoorKit(db: Db): void {
  if (isDoorOnlyKit(db)) throw new MinkaError('CONFLICT', 'voting.error.doorOnlyKit');
}

/**
 * A kit runs its own venue's rounds only (fac28, item 1): the Ocongate laptop opened the Tinki
 * round, and its merge held that back. Refused here, in the core, not only hidden on screen.
 */
export function refuseRoundOfOtherVenue(db: Db, roundId: string): void {
  const venueId = cached(db, 'SELECT venue_id FROM voting_round WHERE id = ?')
    .pluck()
    .get(roundId) as string | undefined;
  if (venueId !== undefined) refuseOtherVenueOnKit(db, venueId, OTHER_VENUE_ROUND);
}

export const OTHER_VENUE_ROUND = 'voting.error.otherVenueOnKit';
