// Kits issued and never merged back (adv27): the main chain records that a kit left for a
// venue, but no file of it came back. The venue's check-ins, walk-ins and counts on that
// laptop are then missing from the record; the seal asks to confirm it (naming the venue and
// the kit), and the Acta prints it on the devices page, so a venue is not dropped in silence.
import type { Db } from '../platform/db';
import { cached } from '../platform/statements';
import { selfKit } from './venues';
import { MERGE_TABLE } from './venues-conflicts';

export interface UnreturnedKit {
  kitId: string;
  /** The code printed on the slip and in the Sedes screen: the kit id's first 8 characters. */
  kitCode: string;
  venue: string;
  createdAt: string;
}

/** On the main workshop: every issued kit of which no device (file or carried copy) was merged. */
export function unreturnedKits(db: Db): UnreturnedKit[] {
  if (!cached(db, MERGE_TABLE).get() || selfKit(db)) return [];
  const rows = cached(
    db,
    `SELECT k.id, k.created_at, v.name AS venue FROM venue_kit k JOIN venue v ON v.id = k.venue_id
      WHERE k.role = 'issued' AND NOT EXISTS (SELECT 1 FROM device d WHERE d.kit_id = k.id)
      ORDER BY k.created_at, k.id`,
  ).all() as { id: string; created_at: string; venue: string }[];
  return rows.map((r) => ({
    kitId: r.id,
    kitCode: r.id.slice(0, 8),
    venue: r.venue,
    createdAt: r.created_at,
  }));
}
