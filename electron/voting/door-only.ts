// A door laptop's kit (`minka kit --no-rounds`, "Solo puerta") leaves the venue's rounds to the
// voting desk's kit: main never applies a round from it. Its screens and CLI refuse to create,
// open, count, cast or close a round on it, rather than record votes nobody will count (adv27).
// Checked in the handlers only: the desk's rounds still apply to the door's copy at a swap.
import { MinkaError } from '../platform/errors';
import type { Db } from '../platform/db';

export function refuseOnDoorKit(db: Db): void {
  const kit = db
    .prepare(
      "SELECT k.statement FROM venue_kit k JOIN meta m ON m.key = 'device_kit' AND m.value = k.id WHERE k.role = 'self'",
    )
    .pluck()
    .get() as string | undefined;
  if (kit === undefined) return;
  const rounds = (JSON.parse(kit) as { rounds?: unknown }).rounds;
  if (Array.isArray(rounds) && rounds.length === 0)
    throw new MinkaError('CONFLICT', 'voting.error.doorOnlyKit');
}
