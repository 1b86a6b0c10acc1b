// Adversary adv32, finding 1 (hostile input; the seal blocked, a laptop's ballots kept out): a
// paper serial spelt `__proto__` (the serial rule, /^[A-Za-z0-9_-]+$/, allows it) read otherwise
// on two laptops makes the round's conflict impossible to rule. rulingReadings looks the serial
// up in the ruling's readings as a plain object (`readings[serial]`): `{}['__proto__']` is
// Object.prototype, never undefined, so every ruling (naming the serial or not, choosing either
// laptop) is refused as venues.error.badChoice; and the settle channel's zod record drops a
// `__proto__` key anyway, so the ruling cannot name it either. (Serials `constructor`,
// `toString`, `valueOf` … break the same way when the ruling names only a laptop.)
//
// What the attacker does: at a venue desk run on two laptops, a typist (or the facilitator)
// types one paper as serial `__proto__` on both laptops, reading it otherwise.
// What the record then says: the second laptop's whole pile (here paper 003, which nobody
// disputes) never joins the round; the conflict stays open whatever the room decides with the
// paper in hand, so the workshop cannot be sealed (venues.error.openConflicts) — or the round's
// result stands without that laptop for as long as nobody seals.
// Severity: LOW (needs a deliberately odd serial; blocks rather than falsifies, but there is no
// way out of it inside Minka).
// Suggested fix: read readings with Object.hasOwn / a Map (and build the settle input's record
// with Object.create(null) or z.map), or forbid serials that are Object.prototype names.
// Fixed in stop 32 (venues-ballot-readings.ts): a ruling's readings are read by own key only.
import { expect, it } from 'vitest';
import { type MainFixture, venueLaptop } from '../helpers/venues-fixture';
import { eachMainWorkshop, refusal } from '../helpers/venues-each';
import { ballotRound, paperPile, paperReadings } from '../helpers/ballot-queues';
import { listConflicts, mergeVenue, settleConflict } from '../../electron/venues/venues-merge';
import { venueChannels } from '../../shared/channels/venues';
import { checkRecord } from '../../electron/check/check';

let m: MainFixture;
eachMainWorkshop('adv32-proto-', (_d, f) => (m = f), 8);

it('a paper serial spelt __proto__ read otherwise on two laptops can be ruled', async () => {
  const round = ballotRound(m, 'Cédulas en dos mesas', true);
  const a = await venueLaptop(m, 1, 'desk-a');
  const b = await venueLaptop(m, 1, 'desk-b');
  paperPile(
    m,
    a,
    round,
    [
      ['001', 0],
      ['__proto__', 1],
    ],
    [0, 1],
  );
  paperPile(
    m,
    b,
    round,
    [
      ['__proto__', 2],
      ['003', 3],
    ],
    [2, 3],
  );
  for (const v of [a, b]) mergeVenue(m.db, m.env, v.file, { withoutSlip: 'prueba' });
  const conflict = listConflicts(m.db).find((x) => x.subject === round);
  expect(conflict?.settled).toBe(null);
  // The room looks at the paper: laptop a read it right. The ruling as the screen sends it
  // (JSON across the bridge, parsed by the channel's own schema).
  const wire = `{"workshopId":"w","id":"${conflict?.id}","choice":"${a.kitId}","note":"Con la cédula a la vista","readings":{"__proto__":"${a.kitId}"}}`;
  const input = venueChannels['venues:settle'].input.parse(JSON.parse(wire));
  expect(refusal(() => settleConflict(m.db, m.env, input))).toBe('no error');
  // Paper 003, which nobody disputes, is counted; __proto__ as laptop a read it.
  expect(paperReadings(m, m.db, round)).toEqual({ '001': 0, ['__proto__']: 1, '003': 3 });
  expect(checkRecord(m.db).findings).toEqual([]);
});
