// Adversary adv30b, finding 2 (goal 2): the lot that takes out a double vote's extra ballot is
// a pure function of the laptops' close hashes, and the facilitator chooses the second laptop's
// close (its time, to the second) after the first laptop's close is known: they compute the lot
// for each second beforehand and close when it draws the ballot they want out.
//
// What the attacker does: an accomplice (Ayllu 3's titular) votes P-001 at the first laptop in kit
// order and again at the second, where one honest voter chose P-004. The first laptop closes. On
// the second, before closing, the facilitator tries the close at the next few seconds inside a
// transaction rolled back (or on a byte copy of the file), computes joinedKioskBox exactly as
// venues-ballot-draw.ts does from the two closes, and closes for real at a second whose lot draws
// the P-004 ballot. No forging, no key, no edit: an ordinary close on an ordinary clock.
// What the record then says: P-001 two ballots from one person, the honest P-004 ballot drawn out
// "by lot"; the conflict names the accomplice, the ruling "moves nothing", check and the Acta
// present it as the impartial draw of the README ("nobody picks").
// Severity: MEDIUM (one chosen ballot per extra vote; accomplices who vote twice turn each double
// vote into a chosen swap, under a draw the record calls impartial).
// Suggested fix: seed the lot with something fixed before any laptop's close can be chosen and
// outside the key holder's reach (e.g. the kits' issue hashes committed on main before the venue
// day plus every laptop's voter marks, not the closes), or draw from the box of the laptop whose
// mark came later, or take the double voter's extra ballot out of every side's expected value in
// the Acta (print the result with and without it); at least, do not call the seed "fixed".
import { expect, it } from 'vitest';
import type { BallotContent } from '../../shared/schemas/voting';
import { type MainFixture, handOver, venueLaptop, seqEnv } from '../helpers/venues-fixture';
import { eachMainWorkshop } from '../helpers/venues-each';
import { ballotRound, present, tallyOf } from '../helpers/ballot-queues';
import type { Db } from '../../electron/platform/db';
import { castKioskBallot } from '../../electron/voting/kiosk';
import { closeRound } from '../../electron/voting/close-round';
import { openRound } from '../../electron/voting/voting';
import { joinedKioskBox } from '../../electron/venues/venues-ballot-draw';
import type { LaptopBallots } from '../../electron/venues/venues-ballot-laptops';
import { mergeVenue } from '../../electron/venues/venues-merge';
import { checkRecord } from '../../electron/check/check';

let m: MainFixture;
eachMainWorkshop('adv30b-lot-', (_d, f) => (m = f), 8);

type Row = {
  seq: number;
  at: string;
  actor: string;
  type: string;
  payload: string;
  prev_hash: string;
  hash: string;
};
const lastClose = (db: Db): Row =>
  db
    .prepare(
      "SELECT seq, at, actor, type, payload, prev_hash, hash FROM event WHERE type = 'voting.roundClosed' ORDER BY seq DESC LIMIT 1",
    )
    .get() as Row;
/** What the draw reads of a laptop (venues-ballot-laptops.ts), from its own file. */
const asLaptop = (db: Db, kitId: string, round: string, close: Row): LaptopBallots => {
  const keys = new Map<string, string>();
  for (const p of db
    .prepare("SELECT payload FROM event WHERE type = 'voting.voterMarked'")
    .pluck()
    .all() as string[]) {
    const x = JSON.parse(p) as { voterKey: string; roundId: string; participantId: string };
    if (x.roundId === round) keys.set(x.voterKey, x.participantId);
  }
  return {
    kitId,
    events: [],
    openedAt: null,
    close,
    voterKeys: keys,
    paper: new Map(),
    typed: 0,
    ballots: 0,
    joined: false,
  };
};

it.fails(
  'the facilitator cannot choose, by the second they close the last laptop, which ballot the lot draws out',
  async () => {
    const round = ballotRound(m, 'Votación con voto doble');
    const x = await venueLaptop(m, 1, 'desk-x');
    const y = await venueLaptop(m, 1, 'desk-y');
    const [first, second] = x.kitId < y.kitId ? [x, y] : [y, x];
    const vote = (db: typeof first, org: number, p: number) =>
      castKioskBallot(db.db, db.env, {
        roundId: round,
        participantId: m.people[org]![0],
        ballot: { choices: [m.proposals[p]!], points: null } satisfies BallotContent,
      });
    // First laptop: two honest voters and the accomplice (Ayllu 3) for P-001.
    present(
      m,
      first,
      [0, 1, 2].map((i) => m.people[i]![0]),
    );
    openRound(first.db, first.env, round);
    vote(first, 0, 1);
    vote(first, 1, 2);
    vote(first, 2, 0);
    closeRound(first.db, first.env, round);
    const firstClose = lastClose(first.db);
    // Second laptop: the accomplice again for P-001, one honest voter for P-004.
    present(
      m,
      second,
      [2, 3].map((i) => m.people[i]![0]),
    );
    openRound(second.db, second.env, round);
    vote(second, 2, 0);
    vote(second, 3, 3);
    // The facilitator previews the lot for a close at each of the next sixteen seconds.
    const base = Date.parse('2026-05-15T18:00:00Z');
    const closeAt = (k: number) => seqEnv(new Date(base + k * 1000 - 1000).toISOString(), 'close-');
    const drawsP4: boolean[] = [];
    for (let k = 0; k < 16; k++) {
      let close: Row | null = null;
      try {
        second.db.transaction(() => {
          closeRound(second.db, closeAt(k), round);
          close = lastClose(second.db);
          throw new Error('rollback');
        })();
      } catch {
        /* rolled back: the round is still open */
      }
      const box = joinedKioskBox(round, [
        asLaptop(first.db, first.kitId, round, firstClose),
        asLaptop(second.db, second.kitId, round, close!),
      ]).box;
      drawsP4.push(!box.some((b) => b.choices[0] === m.proposals[3]));
    }
    console.log('[adv30b F2] P-004 drawn out for a close at second k:', drawsP4);
    const k = drawsP4.indexOf(true);
    expect(k).toBeGreaterThanOrEqual(0);
    closeRound(second.db, closeAt(k), round);
    for (const v of [first, second]) {
      handOver(v);
      v.db.close();
    }
    for (const v of [first, second]) mergeVenue(m.db, m.env, v.file, { withoutSlip: 'prueba' });
    // What the record then says: P-001 twice (the accomplice's two ballots), P-004's honest ballot gone.
    expect(tallyOf(m, m.db, round)).toEqual([0, 0, 1, 2]);
    expect(checkRecord(m.db).findings).toEqual([]);
    // The README's promise: nobody picks the ballot drawn. It held only if every second drew alike.
    expect(new Set(drawsP4).size).toBe(1);
  },
);
