// Adversary adv30 (items 1 and 3: a kit file merged into main): a venue's kit is fixed to its
// venue (fac28): its door refuses another venue's check-ins and check-outs through dispatch, and a
// round of another venue run in the kit's file past the handlers is held at the merge
// (roundNotThisDevice). Attendance is not: the merge applies a kit's `attendance.checkedIn`,
// `checkedOut` and `checkInUndone` by id whatever venue they are at.
//
// What the attacker does: in the kit's file (venue B), past the door's handler (the core's
// checkOut/checkIn on the file, as the person holding the kit and its key can), checks out a
// person who is present at the main venue A and checks in another person at A; signs the kit's
// head with the kit's own key (signDeviceHead), and merges the kit back as usual.
// What the record then says: main's log holds, from the kit of B, a check-out at A (the person
// is no longer present at A: holders and quorum of A's next round move) and a check-in at A that
// nobody at A's door made; the merge report holds nothing back; `minka check` is intact.
// Severity: MEDIUM (the kit-to-venue guarantee fac28 asked for stops at rounds: a kit can move
// presence, so vote holders, at a venue it never was at; main's own door could too, but there it
// is main's act at its own door, here it is attributed to a venue that had no say).
// Fixed at stop 30 (venues-apply.ts: held as 'attendanceOtherVenue', named in the merge
// report); run as a plain test. Suggested fix was: in applyEvents, hold (e.g. 'attendanceOtherVenue') a kit's checkedIn whose venue
// is not the kit's, and a checkedOut / checkInUndone whose attendance row is not at the kit's
// venue; name such held events in the merge report and in minka check.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { tempDir, testCore } from '../helpers/tmp';
import type { Core } from '../../electron/core/core';
import { checkIn, checkOut } from '../../electron/attendance/attendance';
import { signDeviceHead } from '../../electron/venues/venues';
import { checkWorkshopFile } from '../../electron/check/check';

let main: Core;
let venue: Core;
let cleanups: (() => void)[];
let mainId: string;
let kitId: string;
let here: { id: string; name: string; date: string };
let there: { id: string; name: string; date: string };

beforeEach(async () => {
  const a = tempDir('minka-adv30-kit-a-');
  const b = tempDir('minka-adv30-kit-b-');
  cleanups = [a.cleanup, b.cleanup];
  main = testCore(a.dir);
  venue = testCore(b.dir, new Date('2026-05-15T14:00:00Z'));
  mainId = (await main.call('workshop:openDemo', {})).workshopId;
  const venues = (await main.call('workshop:get', { workshopId: mainId })).setup.venues.map(
    (v) => ({ id: v.id ?? '', name: v.name, date: v.date }),
  );
  [there, here] = venues as [typeof here, typeof here];
  const kit = await main.call('venues:prepareKit', { workshopId: mainId, venueId: here.id });
  writeFileSync(join(venue.dataDir, kit.value.fileName), Buffer.from(kit.value.base64, 'base64'));
  kitId = (await venue.call('workshop:open', { file: kit.value.fileName })).workshopId;
});

afterEach(() => {
  main.closeAll();
  venue.closeAll();
  for (const c of cleanups) c();
});

it("a kit's check-out and check-in at another venue are held by the merge, not applied", async () => {
  const reg = await main.call('registry:get', { workshopId: mainId });
  const openAtA = reg.attendance.filter(
    (r) => r.venueId === there.id && r.undoneAt === null && r.checkedOutAt === null,
  );
  const victim = openAtA[0];
  if (!victim) throw new Error('the demo has people present at its first venue');
  const seen = new Set(reg.attendance.map((r) => r.participantId));
  const stranger = reg.participants.find((p) => !seen.has(p.id));
  if (!stranger) throw new Error('the demo has people not checked in');
  // The door's handler refuses both on the kit ...
  expect(
    (await venue.dispatch('attendance:checkOut', { workshopId: kitId, id: victim.id })).ok,
  ).toBe(false);
  // ... the kit's holder writes them into the kit's file past it, and signs the kit's head.
  const w = venue.writable(kitId);
  checkOut(w.db, venue.env, victim.id);
  checkIn(w.db, venue.env, {
    participantId: stranger.id,
    venueId: there.id,
    day: there.date,
    signMethod: 'thumbprint',
    witness: '',
  });
  signDeviceHead(w.db, venue.dataDir);
  const back = await venue.call('venues:deviceFile', { workshopId: kitId });
  const merged = await main.call('venues:merge', {
    workshopId: mainId,
    file: { fileName: 'sede.minka', base64: back.base64 },
    proof: { withoutSlip: 'prueba' },
  });
  const after = (await main.call('registry:get', { workshopId: mainId })).attendance;
  const victimNow = after.find((r) => r.id === victim.id);
  const strangerAtA = after.filter(
    (r) => r.participantId === stranger.id && r.venueId === there.id,
  );
  const file = main.writable(mainId).path;
  main.closeAll();
  const check = await checkWorkshopFile(file);
  expect(merged.value.heldKinds.map((k) => k.why)).toContain('attendanceOtherVenue');
  console.log('[adv30 F2] held', JSON.stringify(merged.value.heldKinds));
  console.log('[adv30 F2] victim at A checked out by the kit:', victimNow?.checkedOutAt);
  console.log('[adv30 F2] stranger checked in at A by the kit:', strangerAtA.length);
  console.log('[adv30 F2] minka check ok', check.ok);
  // The kit of B moved nobody's presence at A.
  expect(victimNow?.checkedOutAt).toBeNull();
  expect(strangerAtA).toEqual([]);
});
