// Paper serials of a ballot round read otherwise on two laptops (adv30b F5): a ruling names, for
// EACH such serial, the laptop whose reading stands, with the paper in hand. One laptop named
// for the whole round decided only the serials it read: a third laptop's serial read otherwise
// than a fourth's, which the named laptop never typed, was then read as whichever laptop joined
// first (the order of the files), and `minka check` named the close. Now a ruling that leaves a
// clashing serial without a reading is refused, naming the serials; the readings it names are
// recorded in its settlement event (signed in the main chain), which `minka check` reads.
import type { BallotContent } from '../../shared/schemas/voting';
import { MinkaError } from '../platform/errors';
import type { Db } from '../platform/db';
import { cached } from '../platform/statements';
import { type LaptopBallots, laptopBallots, serialClashes } from './venues-ballot-laptops';
import { SETTLE_EVENT } from './venues';

/** Clashing serials of this round (read otherwise somewhere), each with the laptops that read it. */
export function clashingSerials(db: Db, roundId: string, all: LaptopBallots[]) {
  const serials = new Set(all.flatMap((l) => serialClashes(db, roundId, l, all)));
  return new Map(
    [...serials]
      .sort()
      .map((s) => [s, all.filter((l) => l.paper.has(s)).map((l) => l.kitId)] as const),
  );
}

/**
 * The reading that stands per clashing serial for a ruling: the one named for it in `readings`,
 * else the chosen laptop's when it read that serial. Refused when a clashing serial is left
 * without one (venues.error.serialsUnruled, naming them), or when a reading is named for a serial
 * nobody read otherwise, or for a laptop that did not read it (badChoice): a ruling decides the
 * serials it names and nothing else.
 */
export function rulingReadings(
  db: Db,
  roundId: string,
  choice: string,
  readings: Readonly<Record<string, string>> = {},
): Map<string, string> {
  const clashes = clashingSerials(db, roundId, laptopBallots(db, roundId));
  const out = new Map<string, string>();
  for (const [serial, kit] of Object.entries(readings))
    if (!clashes.get(serial)?.includes(kit))
      throw new MinkaError('INVALID_INPUT', 'venues.error.badChoice');
  const unruled: string[] = [];
  for (const [serial, readers] of clashes) {
    // Own keys only: a serial spelt like an Object.prototype member (`__proto__`, `constructor`)
    // is not named by every ruling (adv32 F1).
    const named = Object.hasOwn(readings, serial) ? readings[serial] : undefined;
    const kit = named ?? (readers.includes(choice) ? choice : undefined);
    if (kit === undefined) unruled.push(serial);
    else out.set(serial, kit);
  }
  if (unruled.length)
    throw new MinkaError('INVALID_INPUT', 'venues.error.serialsUnruled', {
      serials: unruled.join(', '),
    });
  return out;
}

type Ruling = { choice: string; readings: Map<string, string> | null };
type Settlement = { choice: string; note: string; readings?: Record<string, string> };

/** The round's conflict row (settled or not), and its settlement events, latest first. */
function roundConflict(
  db: Db,
  roundId: string,
): {
  row: { settled_choice: string | null; settled_note: string | null };
  settlements: Settlement[];
} | null {
  const row = cached(
    db,
    "SELECT id, settled_choice, settled_note FROM merge_conflict WHERE kind = 'roundCounts' AND subject = ?",
  ).get(roundId) as
    { id: string; settled_choice: string | null; settled_note: string | null } | undefined;
  if (!row) return null;
  const settlements = (
    cached(
      db,
      "SELECT payload FROM event WHERE type = ? AND json_extract(payload, '$.id') = ? ORDER BY seq DESC",
    )
      .pluck()
      .all(SETTLE_EVENT, row.id) as string[]
  ).map((p) => JSON.parse(p) as Settlement);
  return { row, settlements };
}

const rulingOf = (x: Settlement): Ruling => ({
  choice: x.choice,
  readings: x.readings ? new Map(Object.entries(x.readings)) : null,
});

/**
 * The readings that stand in a ballot round, per serial, as its settled conflict's latest ruling
 * names them (a ruling from before adv30b F5 named one laptop for all: `choice`). null: the round's
 * conflict is not settled. Read from the settlement events of the main chain, not from the
 * conflict's row alone.
 */
export function ruledReadings(db: Db, roundId: string): Ruling | null {
  const c = roundConflict(db, roundId);
  if (c?.row.settled_choice == null) return null;
  const { settled_choice: choice, settled_note: note } = c.row;
  // The settlement that wrote the row (its choice and note): the latest one that matches.
  const x = c.settlements.find((y) => y.choice === choice && y.note === note);
  return x ? rulingOf(x) : { choice, readings: null };
}

/** The reading that stands for this serial: the ruled laptop's, among those given. */
export function standingReading(
  ruled: ReturnType<typeof ruledReadings>,
  serial: string,
  laptops: LaptopBallots[],
): BallotContent | undefined {
  if (!ruled) return undefined;
  const kit = ruled.readings ? ruled.readings.get(serial) : ruled.choice;
  return laptops.find((l) => l.kitId === kit)?.paper.get(serial);
}

/**
 * For `minka check` (adv32 F4): the readings the round's close was joined under. While its
 * conflict is settled, those of the ruling that stands; once a laptop merged later reopened it,
 * those of its latest ruling still, since the laptops that ruling joined stay joined (the new
 * one waits) until someone rules again. null: the round was never ruled.
 */
export function readingsJoinedUnder(db: Db, roundId: string): Ruling | null {
  const settled = ruledReadings(db, roundId);
  if (settled) return settled;
  const latest = roundConflict(db, roundId)?.settlements[0];
  return latest ? rulingOf(latest) : null;
}
