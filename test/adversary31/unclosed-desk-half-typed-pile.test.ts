// Adversary adv31 (item 4, the unclosed-desk warning): a ballot round's laptop that never closed
// is named (unclosedDesk:ROUND) by its voter marks and by its paper ballots, but a paper counts
// there only once both typists' readings agree (venues-ballot-laptops.ts `l.paper`). A pile that
// only typist A typed (or that A and B read differently and nobody resolved) counts as nothing.
//
// What the attacker does: the round "Votación en dos mesas" at the second venue runs on two
// laptops. Desk a votes by kiosk and closes. At desk c a pile of four numbered paper ballots is
// typed by typist A only (typist B "never got to it"); the round is left open there and the file
// handed over. Both files are merged; the conflict's side for desk c reads "not closed, 0
// ballots, 0 voters", and the facilitator rules for desk a ("la mesa C no cerró").
// What the record then says: the round's result is desk a's three ballots; minka check has no
// finding and no unclosed desk; the seal asks nothing about desk c (no unclosedDesk:ROUND). The
// four papers typed at desk c, counted nowhere, are nowhere named: the ruling's screen showed
// desk c with nothing in it.
// Severity: MEDIUM (a whole pile of paper ballots dropped with every check quiet; the papers are
// in hand, but the record says the desk had none).
// Suggested fix: count, for an unclosed desk, every serial any typist entered and that was not
// voided (typed, agreed or not), e.g. `papers` = serials with a paperEntered and no void
// resolution, and name the desk when it is > 0; the conflict side could carry the same count.
import { expect, it } from 'vitest';
import { venueLaptop, handOver, type MainFixture } from '../helpers/venues-fixture';
import { eachMainWorkshop } from '../helpers/venues-each';
import { ballotRound, kioskQueue, present, tallyOf } from '../helpers/ballot-queues';
import { sealWarningIds } from '../helpers/minutes-fixture';
import { enterPaperBallot } from '../../electron/voting/paper';
import { openRound } from '../../electron/voting/voting';
import { checkRecord } from '../../electron/check/check';
import { listConflicts, mergeVenue, settleConflict } from '../../electron/venues/venues-merge';

let m: MainFixture;
eachMainWorkshop('adv31-half-typed-', (_d, f) => (m = f), 8);

it('a desk whose pile only typist A typed, left unclosed, is named', async () => {
  const round = ballotRound(m, 'Votación en dos mesas');
  const a = await venueLaptop(m, 1, 'desk-a');
  const c = await venueLaptop(m, 1, 'desk-c');
  kioskQueue(m, a, round, [0, 1, 2], [0, 0, 1]);
  present(
    m,
    c,
    [3, 4, 5].map((i) => m.people[i]![0]),
  );
  openRound(c.db, c.env, round);
  for (const serial of ['0101', '0102', '0103', '0104'])
    enterPaperBallot(c.db, c.env, {
      roundId: round,
      serial,
      typist: 'A',
      ballot: { choices: [m.proposals[3]!], points: null },
    });
  handOver(c); // typist B never typed; the round left open on desk c
  a.db.close();
  c.db.close();
  for (const v of [a, c]) mergeVenue(m.db, m.env, v.file, { withoutSlip: 'prueba' });
  expect(tallyOf(m, m.db, round)).toEqual([0, 0, 1]);

  const conflict = listConflicts(m.db).find((x) => x.subject === round)!;
  const sideC = conflict.sides.find((x) => x.source === c.kitId)!;
  // What the ruler sees: no agreed ballots, no voters, but the four papers typed there.
  expect(sideC.what).toMatchObject({ closed: false, ballots: 0, voters: 0, papers: 4 });
  settleConflict(m.db, m.env, { id: conflict.id, choice: a.kitId, note: 'La mesa C no cerró' });

  const record = checkRecord(m.db);
  expect(record.findings).toEqual([]);
  const warnings = sealWarningIds(m.db, 'es');
  console.log('[adv31 F1] unclosed', JSON.stringify(record.venues.unclosed), 'seal', warnings);
  // The correct expectation: desk c's four typed papers are named, by check and by the seal.
  expect(record.venues.unclosed?.map((d) => [d.kitId, d.papers])).toEqual([[c.kitId, 4]]);
  expect(warnings).toContain(`unclosedDesk:${round}`);
});
