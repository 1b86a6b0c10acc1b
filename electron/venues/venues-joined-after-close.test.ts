// A venue's ballot round on two laptops: when the second laptop's file is merged after the first
// one's close was applied here, the round is closed again with more ballots. The seal names it
// (ballotsJoined:ROUND) — the result shown after the first merge was not the final one. A round
// joined from one laptop only, closed once, is not named.
import { expect, it } from 'vitest';
import { type MainFixture, venueLaptop } from '../../test/helpers/venues-fixture';
import { eachMainWorkshop } from '../../test/helpers/venues-each';
import { ballotRound, kioskQueue, tallyOf } from '../../test/helpers/ballot-queues';
import { sealWarnings } from '../minutes/seal-warnings';
import { mergeVenue } from './venues-merge';
import { joinedAfterClose } from './venues-joined-after-close';

let m: MainFixture;
eachMainWorkshop('joined-after-close-', (_d, f) => (m = f), 8);

it('a round closed here, then joined with another laptop, is named at the seal; one laptop is not', async () => {
  const round = ballotRound(m, 'Votación en dos colas');
  const a = await venueLaptop(m, 1, 'desk-a');
  const b = await venueLaptop(m, 1, 'desk-b');
  kioskQueue(m, a, round, [0, 1, 2], [0, 0, 1]);
  kioskQueue(m, b, round, [3, 4, 5, 6], [3, 3, 3, 2]);
  a.db.close();
  b.db.close();

  mergeVenue(m.db, m.env, a.file, { withoutSlip: 'prueba' });
  expect(tallyOf(m, m.db, round)).toEqual([0, 0, 1]);
  expect(joinedAfterClose(m.db)).toEqual([]);
  expect(sealWarnings(m.db).filter((w) => w.id.startsWith('ballotsJoined:'))).toEqual([]);

  mergeVenue(m.db, m.env, b.file, { withoutSlip: 'prueba' });
  expect(tallyOf(m, m.db, round)).toEqual([0, 0, 1, 2, 3, 3, 3]);
  expect(joinedAfterClose(m.db)).toMatchObject([{ roundId: round, closes: 2 }]);
  expect(sealWarnings(m.db).filter((w) => w.id.startsWith('ballotsJoined:'))).toEqual([
    {
      id: `ballotsJoined:${round}`,
      key: 'minutes.ui.sealWarn.ballotsJoined',
      params: { title: 'Votación en dos colas', venue: m.venues[1]!.name },
    },
  ]);
});
