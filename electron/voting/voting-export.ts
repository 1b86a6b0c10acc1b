// The `rounds` key of `minka export`: each round with its entries, its final ballots
// (anonymous: who voted is listed apart, as the tables keep it) and, once closed, its totals.
// A round still open is exported without counts, typed paper entries or ballots (issue 14,
// item 6: secret until closing); its kiosk ballots are in the box, exported with the close event.
import type { Db } from '../platform/db';
import { listRounds } from './voting';
import { roundBallots } from './ballots';
import { roundTotals } from './round-reads';

export function exportRounds(db: Db): unknown[] {
  // A read-only export of a file made before voting existed has no such tables.
  if (
    db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'voting_round'")
      .get() === undefined
  )
    return [];
  return listRounds(db).map((round) => {
    const open = round.state !== 'closed';
    return {
      ...round,
      withheld: open,
      handsEntries: db
        .prepare(
          'SELECT item_id AS itemId, operator, count, entered_at AS enteredAt FROM hands_entry WHERE round_id = ? ORDER BY item_id, operator',
        )
        .all(round.id)
        .map((h) => (open ? { ...(h as object), count: null } : h)),
      paperEntries: db
        .prepare(
          'SELECT serial, typist, choices, points, entered_at AS enteredAt FROM paper_entry WHERE round_id = ? ORDER BY serial, typist',
        )
        .all(open ? '' : round.id)
        .map((r) => {
          const x = r as {
            serial: string;
            typist: string;
            choices: string;
            points: string | null;
            enteredAt: string;
          };
          return {
            ...x,
            choices: JSON.parse(x.choices) as unknown,
            points: x.points ? (JSON.parse(x.points) as unknown) : null,
          };
        }),
      ballots: open
        ? []
        : roundBallots(db, round.id).map((b) => ({ serial: b.serial, ...b.content })),
      votedAtKiosk: db
        .prepare('SELECT participant_id FROM round_voter WHERE round_id = ? ORDER BY voted_at')
        .pluck()
        .all(round.id),
      totals: round.state === 'closed' ? roundTotals(db, round.id) : null,
    };
  });
}
