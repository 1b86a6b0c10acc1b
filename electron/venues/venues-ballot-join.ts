// A ballot round run on more than one laptop of a venue (two kiosk queues, two piles of numbered
// paper ballots typed on two laptops): each laptop's ballots are other people's ballots (a kiosk's
// come with its own voter marks) or other papers (a paper ballot's serial is the paper), so on
// the main workshop the round's result is their UNION, not one laptop's "counts" against
// another's. Which laptop's ballots count is never chosen by a person: every laptop that closed
// the round is joined, in the order of kit ids, whatever order the files arrive in.
//
// What the join cannot settle on its own is listed as the round's conflict (venues-ballot-facts):
//  - one vote holder marked on two laptops (voted twice): leaving a laptop out would drop every
//    other voter there, and no ballot can be told apart (the boxes are anonymous), so nobody can
//    say which ballot is theirs. One ballot per extra vote is drawn out by lot, fixed by the
//    laptops' closes (venues-ballot-draw.ts), at the join: a ruling records why and moves nothing,
//    since a ruling that chose a laptop or voided both would let its author pick among outcomes
//    anyone can compute beforehand;
//  - one paper serial read differently on two laptops (the same paper typed twice): the second
//    laptop's papers wait until a ruling names the laptop whose readings stand, with the paper in
//    hand (as typists A and B are reconciled on one laptop, paper.ts); no paper is left out;
//  - a laptop that never closed the round (or whose ballots this workshop refuses).
// On a venue laptop (a sibling's file) nothing is joined: the rounds stay as before, and the
// conflict is settled on main.
import { MinkaError } from '../platform/errors';
import type { Db } from '../platform/db';
import { cached } from '../platform/statements';
import { forgetFrozen, ROUND_CLOSED_EVENT } from '../voting/round-freeze';
import { getRound, openRound } from '../voting/voting';
import { closedKioskBallots, refillBox } from '../voting/ballot-box';
import { ballotRound, mustBeValid } from '../voting/ballots';
import { applyEvents, type P, s } from './venues-apply';
import { type LaptopBallots, laptopBallots, serialClashes } from './venues-ballot-laptops';
import { joinedKioskBox } from './venues-ballot-draw';
import type { BallotContent } from '../../shared/schemas/voting';
import { sameBallot } from '../../shared/voting';

/**
 * Join one laptop's ballots into this workshop's round (inside a savepoint: all or nothing).
 * The round is opened (or taken back to open) for this transaction, the laptop's paper entries
 * and its close (which brings its box back, with its voter marks) applied through the store
 * functions, and the round closed again: at the latest close and from the earliest opening of
 * the laptops joined, so the order of merges leaves the same round. Returns the device events
 * applied, or the reason it could not be joined.
 */
function joinLaptop(
  db: Db,
  roundId: string,
  l: LaptopBallots,
  all: LaptopBallots[],
  /** Paper serials whose readings from this laptop are left out (a ruling kept another's). */
  skip: ReadonlySet<string> = new Set(),
) {
  const close = l.close;
  if (!close) return { why: 'notClosed' as const };
  const joined = all.filter((x) => x.joined || x.kitId === l.kitId);
  const lastClose = joined.map((x) => x.close?.at ?? '').reduce((a, b) => (b > a ? b : a), '');
  const firstOpen = joined
    .map((x) => x.openedAt ?? x.close?.at ?? '')
    .filter(Boolean)
    .reduce((a, b) => (b < a ? b : a));
  try {
    return db.transaction(() => {
      const round = getRound(db, roundId);
      if (round.state === 'draft')
        openRound(db, { now: () => new Date(firstOpen), newId: () => '' }, roundId);
      else if (round.state === 'closed') {
        // The box was emptied into the close event: its ballots go back in (content order,
        // random keys: nothing of who cast them), to leave again with the joined ones.
        cached(db, "UPDATE voting_round SET state = 'open' WHERE id = ?").run(roundId);
        refillBox(db, roundId, closedKioskBallots(db, roundId));
      }
      forgetFrozen(db, roundId);
      const events = l.events
        .filter((e) => e.type !== 'voting.roundOpened')
        .filter(
          (e) =>
            !e.type.startsWith('voting.paper') ||
            !skip.has(s((JSON.parse(e.payload) as P)['serial'])),
        )
        .map((e) => (e === close ? { ...e, at: lastClose } : e));
      // The box the close takes: every joined laptop's box, less the ballots drawn by lot for
      // extra votes (venues-ballot-draw.ts), whatever was cast or drawn at earlier joins.
      const box = joinedKioskBox(roundId, joined).box;
      const out = applyEvents(db, l.kitId, events, roundId, (rid) => {
        for (const b of box) mustBeValid(db, ballotRound(db, rid), b);
        refillBox(db, rid, box);
      });
      if (out.held.length || getRound(db, roundId).state !== 'closed')
        throw new MinkaError('CONFLICT', out.held[0]?.why ?? 'voting.error.not_closed');
      forgetFrozen(db, roundId);
      // Its openings are the round's opening here (the earliest laptop's): joined, not held.
      const opened = l.events.filter((e) => e.type === 'voting.roundOpened').map((e) => e.seq);
      return { seqs: [...opened, ...events.map((e) => e.seq)].sort((x, y) => x - y) };
    })();
  } catch (err) {
    forgetFrozen(db, roundId);
    if (err instanceof MinkaError) return { why: err.key };
    throw err;
  }
}

export type Joined = { kitId: string; roundId: string; seqs: number[] };
/** A laptop's close the join refused (a box that does not match its marks, a ballot refused here). */
export type JoinHeld = { kitId: string; roundId: string; seq: number; type: string; why: string };

/**
 * After a merge on the main workshop: every ballot round's laptops that are not joined yet and
 * can be (closed there, no paper serial read otherwise elsewhere) are joined, in kit id order;
 * a close the join refuses is returned with why, for the merge report to name.
 */
export function joinBallotLaptops(db: Db): { joined: Joined[]; held: JoinHeld[] } {
  const rounds = cached(
    db,
    `SELECT DISTINCT coalesce(json_extract(d.payload, '$.roundId'), json_extract(d.payload, '$.id')) AS rid
       FROM device_event d JOIN voting_round r
         ON r.id = coalesce(json_extract(d.payload, '$.roundId'), json_extract(d.payload, '$.id'))
      WHERE r.kind = 'ballot' AND d.type = ? ORDER BY rid`,
  )
    .pluck()
    .all(ROUND_CLOSED_EVENT) as string[];
  const joined: Joined[] = [];
  const held: JoinHeld[] = [];
  for (const rid of rounds) {
    const all = laptopBallots(db, rid);
    for (const l of all) {
      if (l.joined || !l.close) continue;
      if (serialClashes(db, rid, l, all).length) continue;
      const r = joinLaptop(db, rid, l, all);
      if ('seqs' in r) {
        joined.push({ kitId: l.kitId, roundId: rid, seqs: r.seqs });
        l.joined = true;
      } else
        held.push({
          kitId: l.kitId,
          roundId: rid,
          seq: l.close.seq,
          type: l.close.type,
          why: r.why,
        });
    }
  }
  return { joined, held };
}

/**
 * The join after a merge (joinBallotLaptops), as the merge report tells it for the file merged
 * (`kitId`, its events held by the merge `held`): its events held as another laptop's round and
 * then joined are not held; a close the join refused is, with why. `added`: the events the join
 * applied, its openings left out (joined as the round's opening here).
 */
export function joinForMerge(
  db: Db,
  kitId: string,
  held: readonly { seq: number; type: string; why: string; roundId?: string }[],
) {
  const r = joinBallotLaptops(db);
  const mine = new Set(r.joined.filter((j) => j.kitId === kitId).flatMap((j) => j.seqs));
  const applies = cached(
    db,
    "SELECT COUNT(*) FROM device_event WHERE kit_id = ? AND seq IN (SELECT value FROM json_each(?)) AND type <> 'voting.roundOpened'",
  ).pluck();
  return {
    joined: r.joined,
    held: [
      ...held.filter((h) => !mine.has(h.seq)),
      ...r.held
        .filter((h) => h.kitId === kitId)
        .map(({ seq, type, why, roundId }) => ({ seq, type, why, roundId })),
    ],
    added: r.joined.reduce(
      (n, j) => n + (applies.get(j.kitId, JSON.stringify(j.seqs)) as number),
      0,
    ),
  };
}

/**
 * A ruling on a ballot round's conflict decides only how each paper serial read otherwise on two
 * laptops is read: `readings` names, per clashing serial, the laptop whose reading stands
 * (venues-ballot-readings.ts). Every laptop not joined yet is joined, in kit id order, without
 * its readings of those serials that say otherwise than the reading that stands (whichever
 * laptop it is): nothing is taken out of the round and no laptop's other papers are left out.
 * Refused, naming why, when a laptop the ruling names (`kitId`, or one whose reading stands)
 * cannot be joined (it never closed the round, or a ballot this workshop refuses), or when a
 * serial does not end as ruled (its ruled reading only on a laptop joined without it).
 * Returns the device events applied, by laptop.
 */
export function joinByRuling(
  db: Db,
  roundId: string,
  kitId: string,
  readings: ReadonlyMap<string, string> = new Map(),
): Joined[] {
  const out: Joined[] = [];
  const round = getRound(db, roundId);
  const title = round.title;
  let all = laptopBallots(db, roundId);
  const standing = new Map<string, BallotContent>();
  for (const [serial, kit] of readings) {
    const b = all.find((l) => l.kitId === kit)?.paper.get(serial);
    if (!b) throw new MinkaError('INVALID_INPUT', 'venues.error.badChoice');
    standing.set(serial, b);
  }
  const named = new Set([kitId, ...readings.values()]);
  if (!readings.size && !all.some((l) => l.kitId === kitId)) return out;
  for (const l of [...all]) {
    const now = all.find((x) => x.kitId === l.kitId) as LaptopBallots;
    if (now.joined) continue;
    const skip = new Set(
      [...now.paper]
        .filter(([serial, b]) => {
          const st = standing.get(serial);
          return st !== undefined && !sameBallot(round.ballotType, st, b);
        })
        .map(([serial]) => serial),
    );
    // A serial read otherwise that this ruling does not decide keeps the laptop waiting.
    const open = serialClashes(db, roundId, now, all).filter((x) => !standing.has(x));
    const r = now.close
      ? open.length
        ? { why: 'clash' as const }
        : joinLaptop(db, roundId, now, all, skip)
      : { why: 'notClosed' as const };
    if ('seqs' in r) out.push({ kitId: now.kitId, roundId, seqs: r.seqs });
    else if (named.has(now.kitId))
      throw new MinkaError(
        'CONFLICT',
        r.why === 'notClosed' ? 'venues.error.ballotsNotClosed' : 'venues.error.ballotsNotJoined',
        { title },
      );
    all = laptopBallots(db, roundId);
  }
  // Each ruled serial now stands in this workshop's table as ruled.
  const table = cached(
    db,
    "SELECT choices, points FROM ballot WHERE round_id = ? AND serial = ? AND source = 'paper'",
  );
  for (const [serial, b] of standing) {
    const row = table.get(roundId, serial) as
      { choices: string; points: string | null } | undefined;
    const here = row && {
      choices: JSON.parse(row.choices) as string[],
      points: row.points ? (JSON.parse(row.points) as number[]) : null,
    };
    // Its reading is only on a laptop joined without it (an earlier ruling kept another): the
    // reading in the table stands, and a ruling may name it again.
    if (!here || !sameBallot(round.ballotType, here, b))
      throw new MinkaError('CONFLICT', 'venues.error.readingJoinedWithout', { serial, title });
  }
  return out;
}
