// Adversary adv32, finding 11 (goal 1, a result seen must not change): once main's own desk has
// closed a ballot round with paper 001 as its typists agreed, a venue laptop reading 001
// otherwise forces a ruling in which main's reading cannot be chosen. rulingReadings builds the
// clashing serials' readers from the laptops only (clashingSerials over laptopBallots): main is
// never a reader, so a ruling for 'main' is refused as venues.error.serialsUnruled (001), and a
// ruling naming 'main' for 001 as badChoice. The only ruling that settles the conflict puts the
// laptop's reading in the table; not ruling leaves an open conflict the seal refuses.
//
// What the attacker does: the round of a venue is typed on main's desk; paper 001 reads P-001
// there, the round is closed and the room sees the result. The facilitator then types 001 as
// P-002 on a spare kit of that venue (both typists are them), closes the round there and merges.
// What the record then says: a conflict on the round, whose only possible ruling replaces 001's
// reading by the kit's: the closed result the room saw changes to P-002, "ruled", with the
// paper in hand showing P-001. (With main's round still open the same kit needs no ruling at
// all: finding 6.)
// (Ruled so, `minka check` then names the round's close as well, since main's own paper 003 is
// in no laptop: finding 7.)
// Severity: MEDIUM (needs a spare kit of that venue, which the facilitator issues; the change is
// recorded as a ruling with its note, but the room's reading of the paper cannot be what the
// ruling keeps).
// Suggested fix: list main as a reader of the serials its own table holds (its agreed reading a
// side of the conflict, choosable by 'main' or by name), and let a ruling keep it.
import { expect, it } from 'vitest';
import { type MainFixture, type VenueLaptop, venueLaptop } from '../helpers/venues-fixture';
import { eachMainWorkshop, refusal } from '../helpers/venues-each';
import { ballotRound, paperPile, paperReadings, present } from '../helpers/ballot-queues';
import { listConflicts, mergeVenue, settleConflict } from '../../electron/venues/venues-merge';
import { enterPaperBallot } from '../../electron/voting/paper';
import { openRound } from '../../electron/voting/voting';
import { closeRound } from '../../electron/voting/close-round';

let m: MainFixture;
eachMainWorkshop('adv32-mainreading-', (_d, f) => (m = f), 12);

it.fails('a ruling can keep main’s own reading of a paper a kit read otherwise', async () => {
  const round = ballotRound(m, 'Cédulas en la sede', true);
  const spare = await venueLaptop(m, 1, 'desk-spare');
  present(m, { db: m.db, env: m.env } as VenueLaptop, [m.people[5]![0], m.people[6]![0]]);
  openRound(m.db, m.env, round);
  for (const [serial, i] of [
    ['001', 0],
    ['003', 3],
  ] as const)
    for (const typist of ['A', 'B'] as const)
      enterPaperBallot(m.db, m.env, {
        roundId: round,
        serial,
        typist,
        ballot: { choices: [m.proposals[i]!], points: null },
      });
  closeRound(m.db, m.env, round); // the room sees 001 as P-001
  paperPile(
    m,
    spare,
    round,
    [
      ['001', 1],
      ['002', 2],
    ],
    [0, 1],
  );
  mergeVenue(m.db, m.env, spare.file, { withoutSlip: 'prueba' });
  const conflict = listConflicts(m.db).find((c) => c.subject === round)!;
  expect(conflict.sides.map((s) => s.source).sort()).toEqual([spare.kitId, 'main'].sort());
  // The correct behaviour: the paper in hand reads P-001, main's reading; the ruling keeps it.
  const ruled = refusal(() =>
    settleConflict(m.db, m.env, {
      id: conflict.id,
      choice: 'main',
      note: 'La cédula 001 marca P-001',
    }),
  );
  expect(ruled).toBe('no error');
  expect(paperReadings(m, m.db, round)['001']).toBe(0);
});
