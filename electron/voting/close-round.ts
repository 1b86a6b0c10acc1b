// Closing a round: every count final, the snapshot of who was entitled, the result frozen, and
// the kiosk's ballots out of the box into the close event.
import type { Round, RoundSnapshot } from '../../shared/schemas/voting';
import { MinkaError } from '../platform/errors';
import type { Db } from '../platform/db';
import { appendEvent } from '../platform/events';
import { boxContents, emptyBox, hasBox, truncateWal } from './ballot-box';
import { ballotCount, roundBallots } from './ballots';
import { countViews } from './hands';
import { currentHolders } from './holders';
import { paperViews } from './paper';
import { freezeRound, gatherInputs, quorumNow, ROUND_CLOSED_EVENT } from './round-freeze';
import { getRound, needState } from './voting';
import { type Env, getSetup } from '../workshop/workshop';

/** Close: every count final, no paper ballot pending, and the snapshot of who was entitled stored. */
export function closeRound(db: Db, env: Env, id: string): Round {
  const closed = db
    .transaction(() => {
      const round = getRound(db, id);
      needState(round, 'open');
      const { holders, presentIds } = currentHolders(db, round);
      if (round.kind === 'ballot') {
        const pending = paperViews(db, round).filter((p) => p.status !== 'final');
        if (pending.length)
          throw new MinkaError('CONFLICT', 'voting.error.paperPending', {
            count: pending.length,
            serials: pending
              .slice(0, 5)
              .map((p) => p.serial)
              .join(', '),
          });
        const n = ballotCount(db, id);
        if (n > holders.length)
          throw new MinkaError('CONFLICT', 'voting.error.moreBallotsThanEntitled', {
            ballots: n,
            entitled: holders.length,
          });
      } else {
        const counts = countViews(db, round, 'A');
        const open = counts.filter((c) => c.status !== 'final');
        if (open.length)
          throw new MinkaError('CONFLICT', 'voting.error.countsPending', { count: open.length });
        const over = counts.find((c) => (c.a ?? 0) > holders.length);
        if (over)
          throw new MinkaError('CONFLICT', 'voting.error.countOverEntitled', {
            count: over.a ?? 0,
            entitled: holders.length,
          });
      }
      const at = env.now().toISOString();
      const snapshot: RoundSnapshot = {
        at,
        venueId: round.venueId,
        day: round.day,
        voteRule: getSetup(db).voteRule,
        presentIds,
        holders: holders.map((h) => ({ ...h })),
        entitled: holders.length,
        // Ties within a role went by the check-ins' log order (presence.ts): `minka check`
        // re-counts this close by that rule, and older closes by check-in time.
        holdersBy: 'log',
      };
      // The result is frozen now, from the record as the room saw it closed: counts or
      // ballots, proposals, criteria, envelope, shares, rule and tie-break, and the outcome.
      const { json: frozen } = freezeRound(
        gatherInputs(db, round, {
          closedAt: at,
          entitled: holders.length,
          counts:
            round.kind === 'ballot'
              ? null
              : new Map(countViews(db, round, 'A').map((c) => [c.itemId, c.a ?? 0])),
          ballots: round.kind === 'ballot' ? roundBallots(db, id).map((b) => b.content) : null,
        }),
        quorumNow(db, round),
      );
      // The kiosk's ballots leave the box for the close event, in content order.
      const kiosk = round.kind === 'ballot' && hasBox(db) ? boxContents(db, id) : [];
      if (hasBox(db)) emptyBox(db, id);
      db.prepare(
        "UPDATE voting_round SET state = 'closed', closed_at = ?, snapshot = ? WHERE id = ?",
      ).run(at, JSON.stringify(snapshot), id);
      appendEvent(db, new Date(at), {
        type: ROUND_CLOSED_EVENT,
        payload: {
          id,
          snapshot,
          frozen,
          ...(round.kind === 'ballot'
            ? { kioskBallots: kiosk.map((b) => ({ choices: b.choices, points: b.points })) }
            : {}),
        },
      });
      return { ...round, state: 'closed' as const, closedAt: at, snapshot };
    })
    .immediate();
  // No WAL frame may keep the box as it grew (the box pages were zeroed by secure_delete).
  if (closed.kind === 'ballot') truncateWal(db);
  return closed;
}
