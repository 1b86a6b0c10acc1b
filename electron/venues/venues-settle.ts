// Settling one conflict between venue devices (venues-conflicts.ts lists them): a person names
// the side that stands and why; a settlement event records it in the main chain.
import { MinkaError } from '../platform/errors';
import { undoCheckIn } from '../attendance/attendance';
import type { Db } from '../platform/db';
import { appendEvent } from '../platform/events';
import { saveProposal } from '../proposals/proposals';
import { cached } from '../platform/statements';
import type { Env } from '../workshop/workshop';
import { selfKit, SETTLE_EVENT } from './venues';
import { type P, proposalInput } from './venues-apply';
import { applyRuling } from './venues-ruling';
import { joinByRuling } from './venues-ballot-join';
import { isBallotRound } from './venues-ballot-laptops';
import { rulingReadings } from './venues-ballot-readings';
import { type Conflict, type ConflictSide, listConflicts } from './venues-conflicts';

/**
 * Settle one conflict: `choice` is the side (kit id or 'main') that stands. A check-in
 * conflict undoes the other sides' check-ins; a proposal conflict saves the chosen version;
 * for votes, the decision and its reason are recorded; for a round's counts, the chosen
 * laptop's counts are applied if they were not (venues-ruling.ts: the round is closed again).
 */
export function settleConflict(
  db: Db,
  env: Env,
  input: {
    id: string;
    choice: string;
    note: string;
    /** A ballot round: per paper serial read otherwise, the laptop whose reading stands. */
    readings?: Record<string, string>;
  },
): Conflict {
  return db
    .transaction(() => {
      // On a venue laptop conflicts are shown, and settled on the main workshop (item 5).
      if (selfKit(db)) throw new MinkaError('CONFLICT', 'venues.error.settleOnMain');
      const c = listConflicts(db).find((x) => x.id === input.id);
      if (!c) throw new MinkaError('NOT_FOUND', 'venues.error.noConflict');
      if (c.settled) throw new MinkaError('CONFLICT', 'venues.error.alreadySettled');
      const chosen = c.sides.filter((x) => x.source === input.choice);
      if (!chosen.length) throw new MinkaError('INVALID_INPUT', 'venues.error.badChoice');
      const note = input.note.trim();
      if (!note) throw new MinkaError('INVALID_INPUT', 'venues.error.noteNeeded');
      if (c.kind === 'checkIn')
        for (const side of c.sides) {
          if (side.source === input.choice) continue;
          const row = cached(db, 'SELECT undone_at FROM attendance WHERE id = ?').get(side.ref) as
            { undone_at: string | null } | undefined;
          if (row && row.undone_at === null) undoCheckIn(db, env, side.ref, note);
        }
      if (c.kind === 'proposalEdit') {
        const v = chosen[chosen.length - 1] as ConflictSide;
        saveProposal(db, env, proposalInput(v.what as P));
      }
      // A ballot round: every paper serial read otherwise gets the reading that stands.
      const ballots = c.kind === 'roundCounts' && isBallotRound(db, c.subject);
      const readings = ballots
        ? rulingReadings(db, c.subject, input.choice, input.readings)
        : new Map<string, string>();
      if (!ballots && input.readings && Object.keys(input.readings).length)
        throw new MinkaError('INVALID_INPUT', 'venues.error.badChoice');
      const at = env.now().toISOString();
      cached(
        db,
        'UPDATE merge_conflict SET settled_choice = ?, settled_note = ?, settled_at = ? WHERE id = ?',
      ).run(input.choice, note, at, c.id);
      // The ruling decides whose counts stand: applied now if they were not (adv27).
      const ruled =
        c.kind === 'roundCounts' && !ballots ? applyRuling(db, c.subject, input.choice) : null;
      // A ballot round: the ruling joins, never removes (venues-ballot-join.ts).
      const joined =
        ballots && (input.choice !== 'main' || readings.size)
          ? joinByRuling(db, c.subject, input.choice, readings)
          : [];
      appendEvent(db, new Date(at), {
        type: SETTLE_EVENT,
        payload: {
          id: c.id,
          kind: c.kind,
          subject: c.subject,
          choice: input.choice,
          note,
          ...(ruled ? { reapplied: { from: ruled.from, seqs: ruled.seqs } } : {}),
          ...(joined.length ? { joined } : {}),
          ...(readings.size ? { readings: Object.fromEntries(readings) } : {}),
        },
      });
      return {
        ...c,
        settled: {
          choice: input.choice,
          note,
          at,
          ...(readings.size ? { readings: Object.fromEntries(readings) } : {}),
        },
      };
    })
    .immediate();
}
