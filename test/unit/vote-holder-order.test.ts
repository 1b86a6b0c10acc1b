// Who holds an organisation's vote when two of its people of one role are present: the first
// check-in in the event log (README, "Quién tiene el voto"). Each case here gave the vote to the
// other person under the rule that read the check-in times:
// - two check-ins in the same minute (equal times: the registry's order decided);
// - the facilitator moving a check-in's time in the file, event and row, re-chained
//   (test/helpers/forge-event.ts);
// - a venue laptop whose clock was set back, merged into the main workshop;
// - a door and a desk of one hall whose clocks differ by an hour, the desk checking in after it
//   took the door's file at a break, both merged into main in either order.
// And one that the log cannot order (two laptops, neither had seen the other's check-in): it is
// the order the files are merged in, as the README says.
import { describe, expect, it } from 'vitest';
import { checkIn, checkInSeqs, listAttendance } from '../../electron/attendance/attendance';
import { holdersHere } from '../../electron/attendance/presence-here';
import { checkRecord } from '../../electron/check/check';
import { openWorkshopDb, type Db } from '../../electron/platform/db';
import { saveParticipant } from '../../electron/registry/registry';
import { signDeviceHead } from '../../electron/venues/venues';
import { mergeVenue } from '../../electron/venues/venues-merge';
import { closeRound } from '../../electron/voting/close-round';
import { enterCount } from '../../electron/voting/hands';
import { holderOf } from '../../electron/voting/holders';
import { roundDetail } from '../../electron/voting/round-reads';
import { openRound } from '../../electron/voting/voting';
import type { Env } from '../../electron/workshop/workshop';
import { presenceWith, registryFacts } from '../../shared/attendance/presence';
import { listOrganizations, listParticipants } from '../../electron/registry/registry';
import { forge } from '../helpers/forge-event';
import { eachMainWorkshop } from '../helpers/venues-each';
import {
  copyMain,
  handOver,
  type MainFixture,
  venueLaptop,
  type VenueLaptop,
} from '../helpers/venues-fixture';

let m: MainFixture;
/** Organisation 0's titular (Rosa 1) and a second titular of it, Elena, registered on main. */
let rosa: string;
let elena: string;
eachMainWorkshop(
  'minka-holder-order-',
  (_d, f) => {
    m = f;
    rosa = m.people[0]![0];
    elena = saveParticipant(m.db, m.env, {
      dni: '49999999',
      givenNames: 'Elena',
      // Before "Quispe Mamani, Rosa 1" in the registry's order: the old tie-break's favourite.
      surnames: 'Apaza Ccori',
      sex: 'F',
      language: 'quz',
      organizationId: m.orgs[0]!,
      role: 'titular',
      authorization: '',
      voice: 'voiceAndVote',
      accreditation: 'accredited',
    }).id;
  },
  3,
);

/** An env whose clock the test moves (a laptop's clock, set by whoever holds it). */
function clockEnv(start: string, prefix: string): Env & { set: (iso: string) => void } {
  let t = Date.parse(start);
  let n = 0;
  return {
    now: () => new Date((t += 1000)),
    newId: () => `${prefix}${String(++n).padStart(6, '0')}`,
    set: (iso) => (t = Date.parse(iso)),
  };
}

const arrive = (db: Db, env: Env, venue: { id: string; date: string }, pid: string) =>
  checkIn(db, env, {
    participantId: pid,
    venueId: venue.id,
    day: venue.date,
    signMethod: 'signature',
    witness: '',
  });

/** Organisation 0's holder as the core reads it (the close, the kiosk) and as the door does. */
function holders(db: Db, venue: { id: string; date: string }) {
  const where = { venueId: venue.id, day: venue.date };
  const close = holdersHere(db, where, 'perOrganization').holders.find(
    (h) => h.organizationId === m.orgs[0],
  )?.participantId;
  const door = presenceWith(registryFacts(listOrganizations(db), listParticipants(db)), {
    attendance: listAttendance(db),
    venueId: venue.id,
    day: venue.date,
    voteRule: 'perOrganization',
    quorum: { kind: 'none' },
  }).voteHolders.find((h) => h.organizationId === m.orgs[0])?.participantId;
  const kiosk = [rosa, elena].filter((p) => holderOf(db, where, p) !== undefined);
  return { close, door, kiosk };
}
const held = (pid: string) => ({ close: pid, door: pid, kiosk: [pid] });

describe('one laptop', () => {
  it('two check-ins in the same minute: the first in the log, not the first in the registry', () => {
    const venue = m.venues[0]!;
    // The laptop's clock reads the same instant for both (as a clock of minutes would).
    const frozen: Env = {
      now: () => new Date('2026-05-14T14:05:00Z'),
      newId: () => m.env.newId(),
    };
    const a = arrive(m.db, frozen, venue, rosa);
    const b = arrive(m.db, frozen, venue, elena);
    expect(a.checkedInAt).toBe(b.checkedInAt);
    expect(holders(m.db, venue)).toEqual(held(rosa));
    expect(b.checkInSeq).toBe(a.checkInSeq! + 1);
  });

  it('the facilitator moves the first check-in an hour later in the file: the vote does not move', () => {
    const venue = m.venues[0]!;
    const env = clockEnv('2026-05-14T14:00:00Z', 'x');
    const first = arrive(m.db, env, venue, rosa);
    arrive(m.db, env, venue, elena);
    expect(holders(m.db, venue)).toEqual(held(rosa));
    m.db.close();
    // Event and row both, re-chained: the chain verifies and the row matches its event.
    const later = '2026-05-14T15:00:00.000Z';
    forge(m.file, (d) => {
      d.prepare(
        "UPDATE event SET at = ? WHERE type = 'attendance.checkedIn' AND json_extract(payload, '$.id') = ?",
      ).run(later, first.id);
      d.prepare('UPDATE attendance SET checked_in_at = ? WHERE id = ?').run(later, first.id);
    });
    m.db = openWorkshopDb(m.file);
    expect(listAttendance(m.db).find((r) => r.id === first.id)?.checkedInAt).toBe(later);
    expect(holders(m.db, venue)).toEqual(held(rosa));
    // A round closed now freezes Rosa as the holder, and `minka check` agrees with it.
    const round = m.rounds[0]!;
    openRound(m.db, m.env, round);
    for (const item of m.proposals)
      enterCount(m.db, m.env, { roundId: round, itemId: item, operator: 'A', count: 1 });
    closeRound(m.db, m.env, round);
    expect(roundDetail(m.db, round).round.snapshot?.holders.map((h) => h.participantId)).toEqual([
      rosa,
    ]);
    const r = checkRecord(m.db);
    expect(r.chain.ok).toBe(true);
    expect(r.results.problems).toEqual([]);
  });
  it('the log positions read during a write that is rolled back are not kept', () => {
    const venue = m.venues[0]!;
    const env = clockEnv('2026-05-14T14:00:00Z', 'y');
    expect(() =>
      m.db.transaction(() => {
        arrive(m.db, env, venue, rosa);
        expect(checkInSeqs(m.db).size).toBe(1);
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    // Elena's check-in takes the seq Rosa's had; Rosa's, rolled back, is not in the map.
    const b = arrive(m.db, env, venue, elena);
    const a = arrive(m.db, env, venue, rosa);
    const seqs = checkInSeqs(m.db);
    expect([...seqs.entries()]).toEqual([
      [b.id, b.checkInSeq],
      [a.id, a.checkInSeq],
    ]);
    expect(holders(m.db, venue)).toEqual(held(elena));
  });
});

describe('venue laptops merged into the main workshop', () => {
  const venue = () => m.venues[1]!;
  const merge = (db: Db, file: string) => mergeVenue(db, m.env, file, { withoutSlip: 'prueba' });

  it('a venue laptop whose clock was set back: main gives the vote to the first in its chain', async () => {
    const door = await venueLaptop(m, 1, 'door');
    const env = clockEnv('2026-05-15T14:00:00Z', 'door-x');
    arrive(door.db, env, venue(), rosa);
    env.set('2026-05-15T13:00:00Z');
    arrive(door.db, env, venue(), elena);
    expect(holders(door.db, venue())).toEqual(held(rosa));
    merge(m.db, handOver(door));
    const times = new Map(listAttendance(m.db).map((r) => [r.participantId, r.checkedInAt]));
    expect(times.get(elena)! < times.get(rosa)!).toBe(true);
    expect(holders(m.db, venue())).toEqual(held(rosa));
  });

  it('door and desk an hour apart: what the desk took in at the break comes first, whichever file main merges first', async () => {
    const door = await venueLaptop(m, 1, 'door', '2026-05-15T14:00:00Z', { noRounds: true });
    const desk: VenueLaptop = await venueLaptop(m, 1, 'desk', '2026-05-15T13:00:00Z');
    arrive(door.db, door.env, venue(), rosa);
    mergeVenue(desk.db, desk.env, handOver(door), { withoutSlip: 'descanso' });
    signDeviceHead(desk.db, desk.dataDir);
    // Elena arrives at the desk after the break; the desk's clock reads an hour earlier.
    arrive(desk.db, desk.env, venue(), elena);
    expect(holders(desk.db, venue())).toEqual(held(rosa));
    const round = m.rounds[1]!;
    openRound(desk.db, desk.env, round);
    for (const item of m.proposals)
      enterCount(desk.db, desk.env, { roundId: round, itemId: item, operator: 'A', count: 1 });
    closeRound(desk.db, desk.env, round);
    handOver(door);
    handOver(desk);
    for (const [n, order] of [
      [door.file, desk.file],
      [desk.file, door.file],
    ].entries()) {
      const db = openWorkshopDb(copyMain(m, `order-${n}`));
      for (const f of order) merge(db, f);
      expect(holders(db, venue())).toEqual(held(rosa));
      expect(
        roundDetail(db, round).round.snapshot?.holders.find((h) => h.organizationId === m.orgs[0])
          ?.participantId,
      ).toBe(rosa);
      expect(checkRecord(db).results.problems).toEqual([]);
      db.close();
    }
  });

  it('two laptops that had not seen each other’s check-in: the file merged first comes first (the limit the README names)', async () => {
    const door = await venueLaptop(m, 1, 'door', '2026-05-15T13:00:00Z', { noRounds: true });
    const desk = await venueLaptop(m, 1, 'desk', '2026-05-15T13:30:00Z');
    arrive(door.db, door.env, venue(), rosa);
    arrive(desk.db, desk.env, venue(), elena);
    handOver(door);
    handOver(desk);
    const got: (string | undefined)[] = [];
    for (const [n, order] of [
      [door.file, desk.file],
      [desk.file, door.file],
    ].entries()) {
      const db = openWorkshopDb(copyMain(m, `apart-${n}`));
      for (const f of order) merge(db, f);
      got.push(holders(db, venue()).close);
      db.close();
    }
    expect(got).toEqual([rosa, elena]);
  });
});
