// Ballot rounds whose result on this workshop changed after it was closed here (stop 30): a
// venue's ballot round run on two laptops is the union of their ballots (venues-ballot-join.ts),
// joined as each laptop's file is merged. When the second laptop arrives after the first one's
// close was applied, the round is closed again with more ballots: a result the facilitator may
// already have shown or read out is not the final one. Read from the log: a ballot round that
// laptops closed, whose close this workshop logged more than once.
import type { Db } from '../platform/db';
import { ROUND_CLOSED_EVENT } from '../voting/round-freeze';

export interface JoinedAfterClose {
  roundId: string;
  title: string;
  venue: string;
  /** Closes logged for the round on this workshop (2 or more). */
  closes: number;
}

export function joinedAfterClose(db: Db): JoinedAfterClose[] {
  // One query instead of reading every merge's and every ruling's `joined` list: a ballot round
  // is closed again here only by a join (at a merge, or by a ruling that joins a laptop's
  // papers), so a ballot round that laptops closed and whose close this log holds twice or more.
  const rows = db
    .prepare(
      `SELECT r.id AS roundId, r.title, coalesce(v.name, '') AS venue, COUNT(*) AS closes
         FROM event e
         JOIN voting_round r ON r.id = json_extract(e.payload, '$.id')
         LEFT JOIN venue v ON v.id = r.venue_id
        WHERE e.type = ? AND r.kind = 'ballot'
          AND EXISTS (SELECT 1 FROM device_event d
                       WHERE d.type = e.type AND json_extract(d.payload, '$.id') = r.id)
        GROUP BY r.id
       HAVING COUNT(*) >= 2
        ORDER BY min(e.seq)`,
    )
    .all(ROUND_CLOSED_EVENT) as JoinedAfterClose[];
  return rows;
}
