// A venue kit's own venue, from its signed statement (field test fac28, item 1): a kit's door
// and rounds belong to that venue only. Read here, below the features, because attendance and
// voting refuse other venues on a kit and venues/ (which writes kits) imports both of them.
import type { Db } from './db';
import { MinkaError } from './errors';
import { cached } from './statements';

export interface KitVenue {
  id: string;
  name: string;
}

/** This file's own kit statement (signed by the main laptop), or null when it is not a kit. */
function kitStatement(db: Db): Record<string, unknown> | null {
  // Cached: it runs before every check-in (the door's hot path prepares nothing new).
  const statement = cached(
    db,
    "SELECT k.statement FROM venue_kit k JOIN meta m ON m.key = 'device_kit' AND m.value = k.id WHERE k.role = 'self'",
  )
    .pluck()
    .get() as string | undefined;
  return statement === undefined ? null : (JSON.parse(statement) as Record<string, unknown>);
}

/** The venue this file is a kit of, or null when it is not a venue's copy. */
export function kitVenue(db: Db): KitVenue | null {
  const st = kitStatement(db);
  if (!st) return null;
  const text = (x: unknown) => (typeof x === 'string' ? x : '');
  return { id: text(st['venueId']), name: text(st['venueName']) };
}

/** A kit prepared without its venue's rounds: the venue's door, attendance only. */
export function isDoorOnlyKit(db: Db): boolean {
  const rounds = kitStatement(db)?.['rounds'];
  return Array.isArray(rounds) && rounds.length === 0;
}

/**
 * Refuse, on a venue's kit, anything recorded at another venue: that venue's laptop holds it,
 * and its merge would not carry this one's copy (`key` names the refusal for the screen).
 */
export function refuseOtherVenueOnKit(db: Db, venueId: string, key: string): void {
  const kit = kitVenue(db);
  if (kit && venueId !== kit.id) {
    const other = cached(db, 'SELECT name FROM venue WHERE id = ?').pluck().get(venueId) as
      string | undefined;
    throw new MinkaError('CONFLICT', key, { venue: kit.name, other: other ?? venueId });
  }
}
