// Every opening and close of each round on record, for the round-day check (roundsOffClock,
// shared/attendance/day-off-clock.ts; adv31 F4). A round run on venue desks is opened and closed
// on each desk; the round row keeps one opening (the desk joined first: venues-ballot-join.ts
// opens the round once, and a counts ruling, venues-ruling.ts, keeps main's) and the latest
// close. Read from the records instead: main's own openings and closes (events), and those of
// every desk whose close of the round was applied or joined here (device_event, copies of a
// sibling's events left out), so the order the desks were merged in does not change the days.
import type { Round } from '../../shared/schemas/voting';
import type { Db } from '../platform/db';
import { cached } from '../platform/statements';
import { ROUND_CLOSED_EVENT } from '../voting/round-freeze';
import { copiedEvents } from './venues-siblings';
import { hasTable } from './venues-clock';

const OPENED = 'voting.roundOpened';

type Clocks = { openings: string[]; closes: string[] };

/** Per round id: the times of its openings and closes, main's and its joined desks'. */
export function roundClocks(db: Db): Map<string, Clocks> {
  const out = new Map<string, Clocks>();
  const add = (rid: string, type: string, at: string) => {
    const c = out.get(rid) ?? { openings: [], closes: [] };
    (type === OPENED ? c.openings : c.closes).push(at);
    out.set(rid, c);
  };
  const types = JSON.stringify([OPENED, ROUND_CLOSED_EVENT]);
  const mine = cached(
    db,
    `SELECT json_extract(payload, '$.id') AS rid, type, at FROM event
      WHERE type IN (SELECT value FROM json_each(?))`,
  ).all(types) as { rid: string | null; type: string; at: string }[];
  for (const e of mine) if (e.rid) add(e.rid, e.type, e.at);
  if (!hasTable(db, 'device_event') || !hasTable(db, 'applied_event')) return out;
  const copies = copiedEvents(db);
  // A desk's openings and closes of a round count once one of its closes of it is applied here.
  const desks = cached(
    db,
    `SELECT d.kit_id, d.seq, json_extract(d.payload, '$.id') AS rid, d.type, d.at
       FROM device_event d
      WHERE d.type IN (SELECT value FROM json_each(?))
        AND EXISTS (SELECT 1 FROM device_event c JOIN applied_event a
                      ON a.kit_id = c.kit_id AND a.device_seq = c.seq
                     WHERE c.kit_id = d.kit_id AND c.type = ?
                       AND json_extract(c.payload, '$.id') = json_extract(d.payload, '$.id'))`,
  ).all(types, ROUND_CLOSED_EVENT) as {
    kit_id: string;
    seq: number;
    rid: string | null;
    type: string;
    at: string;
  }[];
  for (const e of desks) if (e.rid && !copies.has(`${e.kit_id}|${e.seq}`)) add(e.rid, e.type, e.at);
  return out;
}

/** The rounds with every opening and close on record, for roundsOffClock. */
export function withDeskClocks(db: Db, rounds: readonly Round[]) {
  const clocks = roundClocks(db);
  return rounds.map((r) => ({ ...r, ...clocks.get(r.id) }));
}
