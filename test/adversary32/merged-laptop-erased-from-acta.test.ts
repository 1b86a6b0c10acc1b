// Adversary adv32, finding 10 (goal 2, the Acta provable; goal 4): a venue laptop merged into
// main can be erased from the Acta's device list — with its "merged without its closing slip"
// note — by deleting two rows, and `minka check` stays clean. checkVenues verifies each device
// listed in the `device` table (its chain, its signed head, what main applied from it); a kit
// whose device row is gone is not looked at, although its events are still in device_event and
// what main applied from them (the attendance, the rounds) stays in the tables. The device and
// venue_kit rows are never rebuilt from the main chain's merge and kit events
// (venues.kitPrepared, the merge event with its proof), so their absence is no finding; with the
// venue_kit row gone too, no kitNotReturned is asked either (finding 9).
//
// What the attacker does: a venue's file comes back without its closing slip (or with a head
// that does not match it: the facilitator changed it); they merge it with --no-slip and a
// reason, as Minka allows. Before sealing, with a SQLite tool (foreign keys off, as the sqlite3
// shell has them), they delete that kit's row from `device` and from `venue_kit`.
// What the record then says: `minka check` finds nothing and the seal asks nothing more; the
// Acta's page of venue devices no longer lists the laptop, its key, its head or that it was
// merged without its slip ("se perdió la boleta") — yet the venue's check-ins it brought are in
// the attendance the Acta prints and counts.
// Severity: HIGH (two row deletes, no hash touched, and the one printed line that told a reader
// a venue's record was not vouched for at the venue is gone).
// Suggested fix: rebuild `device` and `venue_kit` in the replay from the main chain (kit issued,
// merge events with their proof and heads) and name a row missing or changed; and verify every
// kit that has device_event rows, whether or not it has a device row.
// Fixed in stop 32 (electron/venues/venues-kit-rows.ts): every laptop a merge named, carried or
// whose events are held must have its device row with the key its merge named; check names it.
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { backAtMain, handOver, type MainFixture, venueLaptop } from '../helpers/venues-fixture';
import { eachMainWorkshop } from '../helpers/venues-each';
import { checkRecord } from '../../electron/check/check';
import { sealWarnings } from '../../electron/minutes/seal-warnings';
import { mergeVenue } from '../../electron/venues/venues-merge';
import { checkIn } from '../../electron/attendance/attendance';
import { collectSnapshot } from '../../electron/minutes/snapshot';

let m: MainFixture;
eachMainWorkshop('adv32-device-', (_d, f) => (m = f), 6);

it('a merged laptop erased from the device list is named by check', async () => {
  const v = await venueLaptop(m, 1, 'sede-b');
  const venue = m.venues[1]!;
  checkIn(v.db, v.env, {
    participantId: m.people[0]![0],
    venueId: venue.id,
    day: venue.date,
    signMethod: 'signature',
    witness: '',
  });
  backAtMain(m);
  const file = handOver(v);
  v.db.close();
  mergeVenue(m.db, m.env, file, { withoutSlip: 'se perdió la boleta' });
  expect(collectSnapshot(m.db).devices?.map((d) => d.proof)).toEqual([
    { kind: 'none', note: 'se perdió la boleta' },
  ]);
  const asked = sealWarnings(m.db).map((w) => w.id);
  expect(checkRecord(m.db).findings).toEqual([]);
  // The attacker: two rows, with a raw connection.
  m.db.pragma('wal_checkpoint(TRUNCATE)');
  const raw = new Database(m.file);
  raw.pragma('foreign_keys = OFF');
  raw.prepare('DELETE FROM device WHERE kit_id = ?').run(v.kitId);
  raw.prepare('DELETE FROM venue_kit WHERE id = ?').run(v.kitId);
  raw.close();
  // What the edit did: the Acta would list no device; the venue's check-in is still counted.
  expect(collectSnapshot(m.db).devices).toBeUndefined();
  expect(m.db.prepare('SELECT COUNT(*) FROM attendance').pluck().get()).toBe(1);
  expect(sealWarnings(m.db).map((w) => w.id)).toEqual(asked);
  // The correct behaviour: the check (which the seal runs first) names the missing laptop.
  expect(checkRecord(m.db).ok).toBe(false);
});
