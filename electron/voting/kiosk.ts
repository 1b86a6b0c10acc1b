// The kiosk: a voter who holds a vote now casts one secret ballot into the box (ballot-box.ts).
import type { BallotContent } from '../../shared/schemas/voting';
import { voteUnitKey } from '../../shared/voting/eligibility';
import { MinkaError } from '../platform/errors';
import type { Db } from '../platform/db';
import { appendEvent } from '../platform/events';
import { dropInBox, foldWalAfterCast } from './ballot-box';
import { ballotCount, ballotRound, mustBeValid, roomForBallots } from './ballots';
import { holderOf } from './holders';
import { type Env, getSetup } from '../workshop/workshop';

/**
 * One ballot at the kiosk: the voter must hold a vote now (present, accredited, with vote),
 * and their vote (their organisation's, under one vote per organisation) must be unused.
 */
export function castKioskBallot(
  db: Db,
  env: Env,
  input: { roundId: string; participantId: string; ballot: BallotContent },
): { ballots: number } {
  const out = db
    .transaction(() => {
      const round = ballotRound(db, input.roundId);
      const holder = holderOf(db, round, input.participantId);
      if (!holder) throw new MinkaError('CONFLICT', 'voting.error.notEntitled');
      const key = voteUnitKey(getSetup(db).voteRule, holder);
      if (
        db
          .prepare('SELECT 1 FROM round_voter WHERE round_id = ? AND voter_key = ?')
          .get(round.id, key)
      )
        throw new MinkaError('CONFLICT', 'voting.error.alreadyVoted');
      mustBeValid(db, round, input.ballot);
      roomForBallots(db, round, 1);
      const n = ballotCount(db, round.id);
      // Into the box: no voter, no time, no serial, no event of its own (see ballot-box.ts).
      dropInBox(db, round.id, input.ballot);
      const votedAt = env.now().toISOString();
      db.prepare(
        'INSERT INTO round_voter (round_id, voter_key, participant_id, voted_at) VALUES (?, ?, ?, ?)',
      ).run(round.id, key, input.participantId, votedAt);
      // One event: who voted, without the ballot. The ballot enters the log at closing.
      appendEvent(db, new Date(votedAt), {
        type: 'voting.voterMarked',
        payload: {
          roundId: round.id,
          participantId: input.participantId,
          organizationId: holder.organizationId,
          // The key the vote is counted under (the person under one vote per person).
          voterKey: key,
        },
      });
      return { ballots: n + 1 };
    })
    .immediate();
  // Committed (durable) above. Each cast would otherwise leave one more version of the box page
  // in the -wal file beside the workshop, in casting order, until a checkpoint: one copy of that
  // file at a break would pair the box's growth with the voters' marks (adv27). Fold the WAL into
  // the file and truncate it now, whoever calls; if a reader keeps it from finishing, it retries.
  foldWalAfterCast(db);
  return out;
}
