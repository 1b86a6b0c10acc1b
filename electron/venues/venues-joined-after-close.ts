// Ballot rounds whose result on this workshop changed after it was closed here (stop 30): a
// venue's ballot round run on two laptops is the union of their ballots (venues-ballot-join.ts),
// joined as each laptop's file is merged. When the second laptop arrives after the first one's
// close was applied, the round is closed again with more ballots: a result the facilitator may
// already have shown or read out is not the final one. Read from the log: a round a merge joined
// whose close was logged more than once.
import type { Db } from '../platform/db';
import { ROUND_CLOSED_EVENT } from '../voting/round-freeze';
import { MERGE_EVENT } from './venues';

export interface JoinedAfterClose {
  roundId: string;
  title: string;
  venue: string;
  /** Closes logged for the round on this workshop (2 or more). */
  closes: number;
}

export function joinedAfterClose(db: Db): JoinedAfterClose[] {
  const joined = new Set<string>();
  for (const payload of db
    .prepare('SELECT payload FROM event WHERE type = ? ORDER BY seq')
    .pluck()
    .all(MERGE_EVENT) as string[]) {
    const list = (JSON.parse(payload) as { joined?: { roundId?: unknown }[] }).joined ?? [];
    for (const j of list) if (typeof j.roundId === 'string') joined.add(j.roundId);
  }
  const out: JoinedAfterClose[] = [];
  const closes = db.prepare(
    "SELECT COUNT(*) FROM event WHERE type = ? AND json_extract(payload, '$.id') = ?",
  );
  const round = db.prepare(
    'SELECT r.title, v.name AS venue FROM voting_round r LEFT JOIN venue v ON v.id = r.venue_id WHERE r.id = ?',
  );
  for (const roundId of joined) {
    const n = closes.pluck().get(ROUND_CLOSED_EVENT, roundId) as number;
    if (n < 2) continue;
    const r = round.get(roundId) as { title: string; venue: string | null } | undefined;
    out.push({ roundId, title: r?.title ?? roundId, venue: r?.venue ?? '', closes: n });
  }
  return out;
}
