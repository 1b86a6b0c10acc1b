// A ruling on a round's counts decides which laptop's counts stand (adv27). Main applies a
// round from the kit that carries it first (roundOwner); when another laptop of the venue
// entered counts for the same round, the roundCounts conflict is settled by a person, and the
// settled side is then the one applied: its counts are entered again on main through the same
// store functions and the round closed again with them (a new close event: the frozen result,
// the Acta, the export and the tally all read the latest close). The result moved after the
// round closed, so the seal asks to confirm it and the Acta says so (lateRulings of counts).
// `minka check` compares main's closed result with the chosen laptop's (rulingMismatches).
import { canonicalize, type Json } from '../../shared/canonical';
import { MinkaError } from '../platform/errors';
import type { Db } from '../platform/db';
import { cached } from '../platform/statements';
import { forgetFrozen, ROUND_CLOSED_EVENT } from '../voting/round-freeze';
import { getRound } from '../voting/voting';
import type { DeviceEventRow } from './venues';
import { applyEvents } from './venues-apply';
import { isBallotRound, laptopBallots } from './venues-ballot-laptops';
import { ruledReadings } from './venues-ballot-readings';

/** The kit whose events gave main's latest close of this round (null: main's own, or none). */
export function appliedRoundKit(db: Db, roundId: string): string | null {
  const k = cached(
    db,
    `SELECT a.kit_id FROM event e JOIN applied_event a ON a.main_seq = e.seq
      WHERE e.type = ? AND json_extract(e.payload, '$.id') = ? ORDER BY e.seq DESC LIMIT 1`,
  )
    .pluck()
    .get(ROUND_CLOSED_EVENT, roundId) as string | undefined;
  return k ?? null;
}

const isKit = (db: Db, id: string) =>
  cached(db, "SELECT 1 FROM venue_kit WHERE id = ? AND role = 'issued'").get(id) !== undefined;

/**
 * Called by settleConflict (after the settlement row is written, so roundOwner names the chosen
 * kit): when the chosen laptop's counts are not the ones applied, apply them. Refused (the whole
 * settlement rolls back) when they cannot be: a ballot round (kiosk or paper ballots cannot be
 * taken out of main's box again), or counts this workshop refuses. Returns the device events
 * applied, for the settlement event.
 */
export function applyRuling(
  db: Db,
  roundId: string,
  choice: string,
): { from: string | null; seqs: number[] } | null {
  if (!isKit(db, choice)) return null;
  const round = getRound(db, roundId);
  const from = appliedRoundKit(db, roundId);
  if (round.state !== 'closed' || from === choice) return null;
  const events = cached(
    db,
    `SELECT seq, at, actor, type, payload, prev_hash, hash FROM device_event
      WHERE kit_id = ? AND type IN ('voting.countEntered', ?)
        AND (json_extract(payload, '$.roundId') = ? OR json_extract(payload, '$.id') = ?)
      ORDER BY seq`,
  ).all(choice, ROUND_CLOSED_EVENT, roundId, roundId) as DeviceEventRow[];
  const closes = events.some((e) => e.type === ROUND_CLOSED_EVENT);
  if (round.kind === 'ballot' || !closes)
    throw new MinkaError('CONFLICT', 'venues.error.rulingNotApplicable', { title: round.title });
  // The round is taken back to open for this one transaction: the chosen counts are entered
  // as the desk entered them, and closing freezes the result again.
  cached(db, "UPDATE voting_round SET state = 'open' WHERE id = ?").run(roundId);
  forgetFrozen(db, roundId);
  const out = applyEvents(db, choice, events);
  if (out.held.length || getRound(db, roundId).state !== 'closed')
    throw new MinkaError('CONFLICT', 'venues.error.rulingNotApplicable', { title: round.title });
  forgetFrozen(db, roundId);
  return { from, seqs: events.map((e) => e.seq) };
}

export interface RulingMismatch {
  conflictId: string;
  roundId: string;
  choice: string;
  /** The kit main's closed result came from (null: none, or main's own). */
  applied: string | null;
}

type Frozen = { frozen?: { inputs?: { counts?: Json; ballots?: Json } } };
/** The counts or ballots a close froze (null: none frozen, or no close). */
const resultOf = (payload: string | undefined): string | null => {
  if (payload === undefined) return null;
  const f = (JSON.parse(payload) as Frozen).frozen?.inputs;
  return f ? canonicalize({ counts: f.counts ?? null, ballots: f.ballots ?? null }) : null;
};

/**
 * `minka check`: every round whose counts conflict was settled for a laptop must have been
 * closed here with that laptop's counts or ballots (those of its own close event). An edited
 * applied_event link, or a ruling recorded without its counts applied, is named.
 */
export function rulingMismatches(db: Db): RulingMismatch[] {
  const rows = cached(
    db,
    "SELECT id, subject, settled_choice FROM merge_conflict WHERE kind = 'roundCounts' AND settled_at IS NOT NULL",
  ).all() as { id: string; subject: string; settled_choice: string }[];
  const out: RulingMismatch[] = [];
  for (const r of rows) {
    if (!isKit(db, r.settled_choice)) continue;
    // A ballot round: the chosen laptop's ballots must be joined (the union is checked whole,
    // ballotUnionMismatches); its result is never that laptop's alone.
    if (isBallotRound(db, r.subject)) {
      // …and so must every laptop whose reading of a paper serial it names (adv30b F5).
      const named = [r.settled_choice, ...(ruledReadings(db, r.subject)?.readings?.values() ?? [])];
      const laptops = laptopBallots(db, r.subject);
      if (named.some((k) => isKit(db, k) && !laptops.find((l) => l.kitId === k)?.joined))
        out.push({
          conflictId: r.id,
          roundId: r.subject,
          choice: r.settled_choice,
          applied: appliedRoundKit(db, r.subject),
        });
      continue;
    }
    const mine = cached(
      db,
      "SELECT payload FROM event WHERE type = ? AND json_extract(payload, '$.id') = ? ORDER BY seq DESC LIMIT 1",
    )
      .pluck()
      .get(ROUND_CLOSED_EVENT, r.subject) as string | undefined;
    if (mine === undefined) continue; // Not closed here: nothing shown, nothing applied yet.
    const theirs = cached(
      db,
      "SELECT payload FROM device_event WHERE kit_id = ? AND type = ? AND json_extract(payload, '$.id') = ? ORDER BY seq DESC LIMIT 1",
    )
      .pluck()
      .get(r.settled_choice, ROUND_CLOSED_EVENT, r.subject) as string | undefined;
    const applied = appliedRoundKit(db, r.subject);
    if (applied !== r.settled_choice || resultOf(mine) !== resultOf(theirs))
      out.push({ conflictId: r.id, roundId: r.subject, choice: r.settled_choice, applied });
  }
  return out;
}

export interface Reapplied {
  conflictId: string;
  roundId: string;
  title: string;
  /** Venue of the round and the kit code whose counts now stand. */
  venue: string;
  kit: string;
}

/**
 * Rulings that moved a closed result (their latest settlement applied the chosen laptop's
 * counts): the seal asks to confirm each, and the Acta prints it beside the settlement.
 */
export function reappliedRulings(db: Db): Reapplied[] {
  if (!cached(db, "SELECT 1 FROM sqlite_schema WHERE name = 'merge_conflict'").get()) return [];
  const last = new Map<string, { subject: string; choice: string; reapplied: boolean }>();
  for (const p of cached(
    db,
    "SELECT payload FROM event WHERE type = 'venues.conflictSettled' ORDER BY seq",
  )
    .pluck()
    .all() as string[]) {
    const x = JSON.parse(p) as { id: string; subject: string; choice: string; reapplied?: unknown };
    last.set(x.id, { subject: x.subject, choice: x.choice, reapplied: x.reapplied !== undefined });
  }
  const out: Reapplied[] = [];
  for (const [id, x] of last) {
    if (!x.reapplied) continue;
    const open = cached(db, 'SELECT settled_at IS NULL FROM merge_conflict WHERE id = ?')
      .pluck()
      .get(id) as number | undefined;
    if (open !== 0) continue;
    const r = cached(
      db,
      'SELECT r.title, v.name AS venue FROM voting_round r JOIN venue v ON v.id = r.venue_id WHERE r.id = ?',
    ).get(x.subject) as { title: string; venue: string } | undefined;
    out.push({
      conflictId: id,
      roundId: x.subject,
      title: r?.title ?? x.subject,
      venue: r?.venue ?? '',
      kit: x.choice.slice(0, 8),
    });
  }
  return out;
}
