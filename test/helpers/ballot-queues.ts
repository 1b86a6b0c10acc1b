// Two laptops of one venue running one ballot round (venues-ballot-*.test.ts): the round, the
// people checked in at each laptop, one kiosk queue voting, and the round's tally on a workshop.
import { checkIn } from '../../electron/attendance/attendance';
import type { Db } from '../../electron/platform/db';
import { castKioskBallot } from '../../electron/voting/kiosk';
import { closeRound } from '../../electron/voting/close-round';
import { enterPaperBallot } from '../../electron/voting/paper';
import { roundBallots } from '../../electron/voting/ballots';
import { createRound, openRound } from '../../electron/voting/voting';
import { roundInput } from './round-input';
import { handOver, type MainFixture, type VenueLaptop, venueLaptop } from './venues-fixture';

/** An approval round (one choice) at the second venue, every proposal an item. */
export function ballotRound(m: MainFixture, title: string, doubleEntry = false): string {
  const venue = m.venues[1]!;
  return createRound(
    m.db,
    m.env,
    roundInput(
      { venueId: venue.id, day: venue.date },
      {
        title,
        kind: 'ballot',
        ballotType: 'approval',
        maxChoices: 1,
        itemIds: m.proposals,
        ...(doubleEntry ? { doubleEntry } : {}),
      },
    ),
  ).id;
}

/** These participants checked in at the second venue on this laptop. */
export function present(m: MainFixture, v: VenueLaptop, people: string[]): void {
  const venue = m.venues[1]!;
  for (const p of people)
    checkIn(v.db, v.env, {
      participantId: p,
      venueId: venue.id,
      day: venue.date,
      signMethod: 'signature',
      witness: '',
    });
}

/** One kiosk queue: these organisations' titulars vote for these proposals (index), closed, handed over. */
export function kioskQueue(
  m: MainFixture,
  v: VenueLaptop,
  round: string,
  orgs: number[],
  choice: number[],
  /** false: the round left open on this laptop (an unclosed desk, adv30b F4). */
  close = true,
): void {
  const who = orgs.map((i) => m.people[i]![0]);
  present(m, v, who);
  openRound(v.db, v.env, round);
  who.forEach((p, k) =>
    castKioskBallot(v.db, v.env, {
      roundId: round,
      participantId: p,
      ballot: { choices: [m.proposals[choice[k]!]!], points: null },
    }),
  );
  if (close) closeRound(v.db, v.env, round);
  handOver(v);
}

/** The round's ballots on this workshop as proposal indexes, sorted. */
export const tallyOf = (m: MainFixture, db: Db, round: string): number[] =>
  roundBallots(db, round)
    .map((b) => m.proposals.indexOf(b.content.choices[0]!))
    .sort();

/** One pile of numbered paper ballots typed twice (typists A and B) on a laptop, closed, handed over. */
export function paperPile(
  m: MainFixture,
  v: VenueLaptop,
  round: string,
  papers: [serial: string, proposal: number][],
  who: number[],
): void {
  present(
    m,
    v,
    who.map((i) => m.people[i]![0]),
  );
  openRound(v.db, v.env, round);
  for (const [serial, i] of papers)
    for (const typist of ['A', 'B'] as const)
      enterPaperBallot(v.db, v.env, {
        roundId: round,
        serial,
        typist,
        ballot: { choices: [m.proposals[i]!], points: null },
      });
  closeRound(v.db, v.env, round);
  handOver(v);
  v.db.close();
}

/** The round's paper ballots on this workshop: serial → proposal index. */
export const paperReadings = (m: MainFixture, db: Db, round: string): Record<string, number> =>
  Object.fromEntries(
    (
      db
        .prepare(
          "SELECT serial, choices FROM ballot WHERE round_id = ? AND source = 'paper' ORDER BY serial",
        )
        .all(round) as { serial: string; choices: string }[]
    ).map((r) => [r.serial, m.proposals.indexOf((JSON.parse(r.choices) as string[])[0]!)]),
  );

/**
 * Three piles of one ballot round's numbered papers (adv30b F5), each typed twice on its laptop:
 * a 001–003, b 003–005, c 005–007; a and b read 003 otherwise (P-003 / P-001), b and c read 005
 * otherwise (P-002 / P-004); every other paper is read one way.
 */
export async function threePiles(m: MainFixture, title = 'Cédulas en tres mesas') {
  const round = ballotRound(m, title, true);
  const a = await venueLaptop(m, 1, 'desk-a');
  const b = await venueLaptop(m, 1, 'desk-b');
  const c = await venueLaptop(m, 1, 'desk-c');
  const piles: [VenueLaptop, [string, number][], number[]][] = [
    [
      a,
      [
        ['001', 0],
        ['002', 1],
        ['003', 2],
      ],
      [0, 1, 2],
    ],
    [
      b,
      [
        ['003', 0],
        ['004', 1],
        ['005', 1],
      ],
      [3, 4, 5],
    ],
    [
      c,
      [
        ['005', 3],
        ['006', 3],
        ['007', 3],
      ],
      [6, 7, 8],
    ],
  ];
  for (const [v, papers, who] of piles) paperPile(m, v, round, papers, who);
  return { round, a, b, c };
}
