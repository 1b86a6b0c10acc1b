// Adversary adv30b, finding 5 (goal 2/3): with three piles of paper ballots and two serials read
// otherwise (a/b on 003, b/c on 005), the round has one conflict and one ruling, which names one
// laptop for every serial; the record it leaves is one `minka check` calls inconsistent, and the
// conflict cannot be ruled again: the Acta can never be sealed.
//
// What the attacker does (or an honest venue): three laptops type numbered papers. a and b read
// paper 003 otherwise, b and c read paper 005 otherwise (a did not type 005). Merged a, b, c: a is
// joined, b and c wait. The facilitator rules for a ("003 marks P-003, paper in hand").
// joinByRuling joins b without its 003 and c skipping only what c reads otherwise than a (none):
// c's 005 meets b's 005 already in the table. Everyone is "joined".
// What the record then says: 005 stands as b read it although nobody ruled on 005 (c's reading is
// gone), and `minka check` names the close ("does not hold exactly the ballots of the laptops
// joined") and "ballot …|006: cast_at outside the time of its event"; the seal is refused; a
// second ruling (for c, to settle 005) is refused with venues.error.alreadySettled. A facilitator
// who wants no Acta can produce this on purpose by typing one clashing serial on a third laptop.
// The merge order picks 005's reading too (a, b, c: b's; c, b, a: c's), though check then names
// the close either way.
// Severity: MEDIUM (a workshop that cannot be sealed by any ruling; one serial's reading chosen
// with no ruling on it).
// Suggested fix: a ruling on a ballot round names the reading that stands per clashing serial
// (or the conflict stays open until every clashing serial has one); joinByRuling skips, for each
// laptop, every serial read otherwise than the reading that stands (not only the chosen
// laptop's); the paper ballots a join brings keep their own entry times (006's cast_at).
// Fixed (venues-ballot-readings.ts): a ruling names the laptop whose reading stands for EACH
// clashing serial (`readings`, else the chosen laptop's where it read the serial); one that
// leaves a serial without a reading is refused naming it (venues.error.serialsUnruled), so the
// ruling for a alone is refused here and the ruling that names c for 005 settles the round.
// joinByRuling skips, for every laptop, each serial read otherwise than the reading that stands;
// `minka check` reads the readings from the settlement event. A joined paper ballot's cast_at
// equal to its own entry event's time is inside its window even when another laptop's close
// (a later time) precedes it in main's log (platform/replay.ts). The tally expected before
// pinned the bug ([0, 1, 1, 1, 2, 3, 3]: 005 as b read it, with no ruling on it); it is now the
// rulings' result, and a second ruling is refused because every serial has its reading.
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { type MainFixture, type VenueLaptop, venueLaptop } from '../helpers/venues-fixture';
import { eachMainWorkshop } from '../helpers/venues-each';
import { roundInput } from '../helpers/round-input';
import { paperPile, tallyOf } from '../helpers/ballot-queues';
import { sealWarningIds } from '../helpers/minutes-fixture';
import { createRound } from '../../electron/voting/voting';
import { checkRecord } from '../../electron/check/check';
import { sealWorkshop } from '../../electron/minutes/seal';
import {
  listConflicts,
  mergeVenue,
  openConflictCount,
  settleConflict,
} from '../../electron/venues/venues-merge';
import { chooseOfficialRound, officialWarnings } from '../../electron/results/official';

let dir: string;
let m: MainFixture;
eachMainWorkshop('adv30b-piles-', (d, f) => ((dir = d), (m = f)), 12);

it('one ruling on three piles of papers: after the ruling, the record is consistent and can be sealed', async () => {
  const venue = m.venues[1]!;
  const round = createRound(
    m.db,
    m.env,
    roundInput(
      { venueId: venue.id, day: venue.date },
      {
        title: 'Cédulas en tres mesas',
        kind: 'ballot',
        ballotType: 'approval',
        maxChoices: 1,
        doubleEntry: true,
        itemIds: m.proposals,
      },
    ),
  ).id;
  const a = await venueLaptop(m, 1, 'desk-a');
  const b = await venueLaptop(m, 1, 'desk-b');
  const c = await venueLaptop(m, 1, 'desk-c');
  const type = (v: VenueLaptop, papers: [string, number][], who: number[]) =>
    paperPile(m, v, round, papers, who);
  type(
    a,
    [
      ['001', 0],
      ['002', 1],
      ['003', 2],
    ],
    [0, 1, 2],
  );
  type(
    b,
    [
      ['003', 0],
      ['004', 1],
      ['005', 1],
    ],
    [3, 4, 5],
  );
  type(
    c,
    [
      ['005', 3],
      ['006', 3],
      ['007', 3],
    ],
    [6, 7, 8],
  );
  for (const v of [a, b, c]) mergeVenue(m.db, m.env, v.file, { withoutSlip: 'prueba' });
  const conflict = listConflicts(m.db).find((x) => x.subject === round)!;
  console.log('[adv30b F5] sides', JSON.stringify(conflict.sides.map((s) => s.what)));
  // A ruling that names a's readings alone leaves 005 (which a did not type) without one:
  // refused, naming 005; nothing moves.
  const before = tallyOf(m, m.db, round);
  let partial = '';
  try {
    settleConflict(m.db, m.env, { id: conflict.id, choice: a.kitId, note: 'La 003 marca P-003' });
  } catch (e) {
    partial = String(e);
  }
  console.log('[adv30b F5] ruling for a alone', partial);
  expect(partial).toContain('venues.error.serialsUnruled');
  expect(partial).toContain('005');
  expect([tallyOf(m, m.db, round), openConflictCount(m.db)]).toEqual([before, 1]);
  // The ruling names the reading that stands per clashing serial: 003 as a read it, 005 as c.
  settleConflict(m.db, m.env, {
    id: conflict.id,
    choice: a.kitId,
    note: 'La 003 marca P-003; la 005 marca P-004',
    readings: { '005': c.kitId },
  });
  const tally = tallyOf(m, m.db, round);
  console.log('[adv30b F5] tally after the ruling', tally);
  expect(openConflictCount(m.db)).toBe(0);
  const findings = checkRecord(m.db).findings;
  console.log('[adv30b F5] findings', findings);
  chooseOfficialRound(m.db, m.env, { roundId: round, confirmed: officialWarnings(m.db, round) });
  const warnings = sealWarningIds(m.db, 'es');
  let sealed = false;
  try {
    await sealWorkshop(
      m.db,
      join(dir, 'main-data'),
      new Date('2026-05-16T22:00:00Z'),
      { lang: 'es', bilingual: false, slips: false, passphrase: null, acknowledged: warnings },
      checkRecord,
    );
    sealed = true;
  } catch (e) {
    console.log('[adv30b F5] seal refused', String(e));
  }
  console.log('[adv30b F5] sealed', sealed, 'warnings', warnings);
  // 001 P-001, 002 P-002, 003 P-003 (a), 004 P-002, 005 P-004 (c), 006 and 007 P-004. (The
  // expectation here was the bug's own: 005 as b read it, [0, 1, 1, 1, 2, 3, 3].)
  expect(tally).toEqual([0, 1, 1, 2, 3, 3, 3]);
  // A second ruling: every serial has its reading, the conflict is settled.
  let again = '';
  try {
    settleConflict(m.db, m.env, { id: conflict.id, choice: c.kitId, note: 'La 005 marca P-004' });
  } catch (e) {
    again = String(e);
  }
  console.log('[adv30b F5] second ruling', again);
  expect(again).toContain('venues.error.alreadySettled');
  expect([findings, sealed]).toEqual([[], true]);
});
