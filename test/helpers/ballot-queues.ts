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
import { handOver, type MainFixture, type VenueLaptop } from './venues-fixture';

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
  closeRound(v.db, v.env, round);
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
