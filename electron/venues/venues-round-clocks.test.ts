// The round-day check reads every desk's opening (adv31 F4), a counts ruling included: main
// applies the counts of the desk prepared first, and a ruling for another desk applies its
// counts and close but keeps main's opening (venues-ruling.ts). The chosen desk's opening on
// the day before is then named; a desk whose counts are not in the record is not.
import { expect, it } from 'vitest';
import {
  backAtMain,
  handOver,
  seqEnv,
  type MainFixture,
  type VenueLaptop,
  venueLaptop,
} from '../../test/helpers/venues-fixture';
import { eachMainWorkshop } from '../../test/helpers/venues-each';
import { present } from '../../test/helpers/ballot-queues';
import { checkCheckInDays } from '../check/check-in-days';
import { sealWarnings } from '../minutes/seal-warnings';
import { closeRound } from '../voting/close-round';
import { enterCount } from '../voting/hands';
import { openRound } from '../voting/voting';
import { listConflicts, mergeVenue, settleConflict } from './venues-merge';

let m: MainFixture;
eachMainWorkshop('adv31-round-clocks-', (_d, f) => (m = f), 4);

it('a counts ruling for a desk that opened the round the day before names the round', async () => {
  const round = m.rounds[1]!; // 15/05 at Sede Lauramarca
  const first = await venueLaptop(m, 1, 'first', '2026-05-15T15:00:00Z'); // 15/05 10:00 Lima
  const eve = await venueLaptop(m, 1, 'eve', '2026-05-14T23:00:00Z'); // 14/05 18:00 Lima
  const run = (v: VenueLaptop, n: number) => {
    present(
      m,
      v,
      [0, 1].map((i) => m.people[i]![0]),
    );
    openRound(v.db, v.env, round);
    for (const p of m.proposals)
      enterCount(v.db, v.env, { roundId: round, itemId: p, operator: 'A', count: n });
    v.env = seqEnv('2026-05-15T16:00:00Z', `${n}-close-`); // both close on 15/05
    closeRound(v.db, v.env, round);
    handOver(v);
    v.db.close();
  };
  run(first, 1);
  run(eve, 2);
  backAtMain(m);
  mergeVenue(m.db, m.env, first.file, { withoutSlip: 'prueba' });
  mergeVenue(m.db, m.env, eve.file, { withoutSlip: 'prueba' });
  const named = () => ({
    check: checkCheckInDays(m.db).rounds?.find((r) => r.roundId === round)?.opened ?? null,
    seal: sealWarnings(m.db).some((w) => w.id === `roundDayOffClock:${round}`),
  });
  // The first desk's counts stand: the other desk's opening is not the record's.
  expect(named()).toEqual({ check: null, seal: false });
  const c = listConflicts(m.db).find((x) => x.kind === 'roundCounts')!;
  settleConflict(m.db, m.env, { id: c.id, choice: eve.kitId, note: 'La mesa de la víspera' });
  expect(named()).toEqual({ check: '2026-05-14', seal: true });
});
