// adv27 (adversary, fac27): two voting desks at one venue enter different show-of-hands counts
// for the venue's round. Main applies the counts of the kit prepared first, whatever the merge
// order; the conflict is then settled for the OTHER desk ("vale 9702-…"), the Acta prints that
// settlement, and the official list is still computed from the counts the settlement rejected.
// No warning, no refusal, `check` ok. A facilitator who prepares a shadow desk kit first
// decides the venue's result, and the printed settlement makes it look settled for the room.
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { handOver, type MainFixture, venueLaptop } from '../helpers/venues-fixture';
import { eachMainWorkshop } from '../helpers/venues-each';
import { checkIn } from '../../electron/attendance/attendance';
import { sealWorkshop } from '../../electron/minutes/seal';
import { chooseOfficialRound, officialWarnings } from '../../electron/results/official';
import { openRound } from '../../electron/voting/voting';
import { enterCount } from '../../electron/voting/hands';
import { closeRound } from '../../electron/voting/close-round';
import { roundDetail } from '../../electron/voting/round-reads';
import { checkRecord } from '../../electron/check/check';
import { listConflicts, mergeVenue, settleConflict } from '../../electron/venues/venues-merge';

let dir: string;
let m: MainFixture;
eachMainWorkshop('adv27-counts-', (d, f) => ((dir = d), (m = f)), 6);

it('a counts conflict settled for one desk: the result follows that desk, or the seal refuses (adv27)', async () => {
  const shadow = await venueLaptop(m, 1, 'shadow'); // prepared first
  const desk = await venueLaptop(m, 1, 'desk');
  const venue = m.venues[1]!;
  const round = m.rounds[1]!;
  const run = (v: typeof desk, who: [string, string][], counts: number[]) => {
    for (const [t] of who)
      checkIn(v.db, v.env, {
        participantId: t,
        venueId: venue.id,
        day: venue.date,
        signMethod: 'signature',
        witness: '',
      });
    openRound(v.db, v.env, round);
    m.proposals.forEach((p, i) =>
      enterCount(v.db, v.env, { roundId: round, itemId: p, operator: 'A', count: counts[i]! }),
    );
    closeRound(v.db, v.env, round);
    handOver(v);
  };
  run(shadow, m.people.slice(0, 3), [3, 0, 0, 0]);
  const roomSaw = [0, 0, 0, 3];
  run(desk, m.people.slice(3, 6), roomSaw);
  // The room's desk is merged first: the order of files does not matter here.
  mergeVenue(m.db, m.env, desk.file, { withoutSlip: 'prueba' });
  mergeVenue(m.db, m.env, shadow.file, { withoutSlip: 'prueba' });
  const c = listConflicts(m.db).find((x) => x.kind === 'roundCounts');
  expect(c).toBeDefined();
  settleConflict(m.db, m.env, {
    id: c!.id,
    choice: desk.kitId,
    note: 'Es la mesa que vio la sala',
  });
  const applied = roundDetail(m.db, round).counts.map((x) => x.mine);
  chooseOfficialRound(m.db, m.env, { roundId: round, confirmed: officialWarnings(m.db, round) });
  const sealed = await sealWorkshop(
    m.db,
    join(dir, 'main-data'),
    new Date('2026-05-16T22:00:00Z'),
    { lang: 'es', bilingual: false, slips: false, passphrase: null },
    checkRecord,
  ).then(
    () => true,
    () => false,
  );
  // Sealed with the counts the settlement rejected ([3,0,0,0]) is the defect.
  expect({ sealed, counts: sealed ? applied : roomSaw }).toEqual({ sealed, counts: roomSaw });
});
