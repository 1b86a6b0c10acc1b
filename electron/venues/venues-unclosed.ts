// A ballot round's laptop that marked voters (or typed paper ballots) and never closed the round
// (adv30b F4): its box stayed on that laptop, so its ballots are in no close and were not joined
// (venues-ballot-join.ts joins a laptop at its close). Nothing here tells how anyone voted: the
// counts are voter marks and paper serials typed (by either typist, agreed or not: adv31 F1),
// read from the laptop's signed events. Named, not refused: `minka check` lists it (a warning,
// like the clocks) and the seal asks to confirm unclosedDesk:ROUND. A ruling on the round's
// conflict moves nothing for such a laptop, and does not stop it from being joined later: closed
// on that laptop and merged again, its ballots are joined and the round closed again (the seal
// then asks to confirm ballotsJoined).
import type { Db } from '../platform/db';
import { cached } from '../platform/statements';
import { getRound } from '../voting/voting';
import { selfKit } from './venues';
import { laptopBallots } from './venues-ballot-laptops';

export interface UnclosedDesk {
  roundId: string;
  title: string;
  venue: string;
  kitId: string;
  /** The kit code the laptop's slip prints (first 8 characters of its id). */
  kit: string;
  /** Vote units marked at its kiosk: their ballots are in its box, counted nowhere. */
  voters: number;
  /** Paper serials typed there by any typist and not voided, agreed or not (adv31 F1): a pile
   * only typist A typed is named too. Not joined either. */
  papers: number;
  /** It closed the round, but its close is held, not joined (adv32 F8): counted nowhere too. */
  held?: true;
}

/**
 * Every laptop of a ballot round that marked voters or typed papers and never closed it, or
 * closed it with its close held (not joined).
 */
export function unclosedDesks(db: Db): UnclosedDesk[] {
  // On a venue laptop nothing is joined (venues-ballot-join.ts): its rounds are its own.
  if (selfKit(db)) return [];
  const rounds = cached(
    db,
    `SELECT DISTINCT r.id FROM device_event d JOIN voting_round r
        ON r.id = json_extract(d.payload, '$.roundId')
      WHERE r.kind = 'ballot' AND d.type IN ('voting.voterMarked', 'voting.paperEntered')
      ORDER BY r.id`,
  )
    .pluck()
    .all() as string[];
  const venueOf = cached(
    db,
    'SELECT v.name FROM venue_kit k JOIN venue v ON v.id = k.venue_id WHERE k.id = ?',
  ).pluck();
  const out: UnclosedDesk[] = [];
  for (const rid of rounds)
    for (const l of laptopBallots(db, rid)) {
      if (l.voterKeys.size === 0 && l.typed === 0) continue;
      // A laptop that closed and is joined is counted. One that closed and is not joined is
      // held: its box did not match its voter marks, or a conflict left it out; a ruling for
      // another laptop then settles the round without it (adv32 F8), so it is named too.
      if (l.close && l.joined) continue;
      out.push({
        roundId: rid,
        title: getRound(db, rid).title,
        venue: (venueOf.get(l.kitId) as string | undefined) ?? '',
        kitId: l.kitId,
        kit: l.kitId.slice(0, 8),
        voters: l.voterKeys.size,
        papers: l.typed,
        ...(l.close ? { held: true as const } : {}),
      });
    }
  return out;
}
