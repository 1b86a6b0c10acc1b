// Door and voting desk in one hall (issue 20, item 5): two kits of one venue swap files at a
// break, each incorporates the other's events; both files then merge into the main workshop in
// any order without duplicates; a copy edited in transit or a forked chain is refused, named.
import { sealWarningIds } from '../../test/helpers/minutes-fixture';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Json } from '../../shared/canonical';
import {
  copyMain,
  handOver,
  type MainFixture,
  venueLaptop,
  type VenueLaptop,
} from '../../test/helpers/venues-fixture';
import { eachMainWorkshop, refusal } from '../../test/helpers/venues-each';
import { checkIn, listAttendance } from '../attendance/attendance';
import { checkRecord } from '../check/check';
import { checkConsistency } from '../check/consistency';
import { sealWorkshop } from '../minutes/seal';
import { type Db, openWorkshopDb } from '../platform/db';
import { chainHash } from '../platform/events';
import { getRound, openRound } from '../voting/voting';
import { closeRound } from '../voting/close-round';
import { enterCount } from '../voting/hands';
import { roundDetail } from '../voting/round-reads';
import { chooseOfficialRound, officialWarnings } from '../results/official';
import { signDeviceHead } from './venues';
import { appliedDifferences } from './venues-applied';
import { checkVenues } from './venues-check';
import {
  listConflicts,
  listDevices,
  mergeVenue,
  settleConflict,
  stateDigest,
} from './venues-merge';

let dir: string;
let m: MainFixture;
eachMainWorkshop(
  'minka-siblings-',
  (d, f) => {
    dir = d;
    m = f;
  },
  6,
);

/** A laptop hands its file over at a break: head signed, WAL folded in. */
const give = (v: VenueLaptop) => {
  handOver(v);
  return v.file;
};
/** The other laptop takes it, and signs its own head (as the core does after each change). */
const take = (v: VenueLaptop, file: string) => {
  const r = mergeVenue(v.db, v.env, file, { withoutSlip: 'descanso' });
  signDeviceHead(v.db, v.dataDir);
  return r;
};
const checkInAt = (v: VenueLaptop, pid: string) => {
  const venue = m.venues[1]!;
  return checkIn(v.db, v.env, {
    participantId: pid,
    venueId: venue.id,
    day: venue.date,
    signMethod: 'signature',
    witness: '',
  });
};

/** A door (no rounds) and a desk at venue 1; the door checks in three, the desk takes its file. */
async function hall() {
  const door = await venueLaptop(m, 1, 'door', '2026-05-15T13:00:00Z', { noRounds: true });
  const desk = await venueLaptop(m, 1, 'desk', '2026-05-15T13:30:00Z');
  for (const [t] of m.people.slice(0, 3)) checkInAt(door, t);
  return { door, desk };
}

/** A copy of the main file, opened. */
const mainCopy = (name: string): Db => openWorkshopDb(copyMain(m, name));

describe('door and desk in one hall', () => {
  it('the door taking the desk file: its own check-ins coming back are not new; what is held says why (fac27)', async () => {
    const { door, desk } = await hall();
    take(desk, give(door));
    const round = m.rounds[1]!;
    openRound(desk.db, desk.env, round);
    for (const item of m.proposals)
      enterCount(desk.db, desk.env, { roundId: round, itemId: item, operator: 'A', count: 2 });
    closeRound(desk.db, desk.env, round);
    const r = take(door, give(desk));
    // The desk applied the door's three check-ins: those copies are the door's own, back.
    expect(r.returned).toBe(3);
    expect(r.added).toBeGreaterThan(r.returned);
    // The one held (fac27's "1 retenidos") is the desk's record of taking the door's file.
    expect(r.held.map((h) => h.type)).toEqual(['venues.merged']);
  });

  it('exchange at a break: the desk counts those the door checked in; both merged in any order, nothing twice', async () => {
    const { door, desk } = await hall();
    const r1 = take(desk, give(door));
    expect(r1.added).toBeGreaterThan(3);
    // The desk now knows who is present, and can enter the show of hands for them.
    expect(listAttendance(desk.db).filter((a) => !a.undoneAt)).toHaveLength(3);
    const round = m.rounds[1]!;
    openRound(desk.db, desk.env, round);
    for (const item of m.proposals)
      enterCount(desk.db, desk.env, { roundId: round, itemId: item, operator: 'A', count: 2 });
    closeRound(desk.db, desk.env, round);
    // Taking the same file again adds nothing.
    expect(take(desk, door.file).added).toBe(0);
    // Swapped back: the door sees what the desk recorded; its own events came back as a copy.
    const r2 = take(door, give(desk));
    expect(r2.added).toBeGreaterThan(0);
    expect(getRound(door.db, round).state).toBe('closed');
    expect(roundDetail(door.db, round).counts.every((c) => c.status === 'final')).toBe(true);
    // After the break the door checks in one more.
    checkInAt(door, m.people[3]![0]);
    // Each laptop's tables replay from its own log (the kit's meta key is another matter).
    for (const v of [desk, door])
      expect(checkConsistency(v.db).problems.filter((p) => p.table !== 'meta')).toEqual([]);
    give(door);
    give(desk);
    const orders: ('door' | 'desk')[][] = [
      ['door', 'desk'],
      ['desk', 'door'],
      ['desk', 'door', 'desk', 'door'],
    ];
    const digests: string[] = [];
    for (const [n, order] of orders.entries()) {
      const db = mainCopy(`order-${n}`);
      for (const which of order)
        mergeVenue(db, m.env, which === 'door' ? door.file : desk.file, {
          withoutSlip: 'prueba',
        });
      digests.push(stateDigest(db));
      // Four present, once each; the counts applied; no conflict; every chain verifies.
      expect(listAttendance(db).filter((a) => !a.undoneAt)).toHaveLength(4);
      expect(listConflicts(db)).toEqual([]);
      expect(checkVenues(db).ok).toBe(true);
      expect(appliedDifferences(db)).toEqual([]);
      expect(checkConsistency(db).ok).toBe(true);
      const detail = roundDetail(db, round);
      expect(detail.counts.map((c) => c.status)).toEqual(m.proposals.map(() => 'final'));
      expect(listDevices(db).map((d) => d.proof?.kind)).toEqual(['none', 'none']);
      // The Acta's device page, in Spanish and in Quechua (MINKA_SHOTS=folder to look at it).
      const shots = process.env['MINKA_SHOTS'];
      if (shots && n === 0)
        for (const lang of ['es', 'quz'] as const) {
          const copy = join(dir, `acta-${lang}.minka`);
          db.pragma('wal_checkpoint(TRUNCATE)');
          copyFileSync(join(dir, `order-${n}.minka`), copy);
          const s = openWorkshopDb(copy);
          chooseOfficialRound(s, m.env, { roundId: round, confirmed: officialWarnings(s, round) });
          const sealed = await sealWorkshop(
            s,
            join(dir, 'main-data'),
            new Date('2026-05-16T22:00:00Z'),
            {
              lang,
              bilingual: false,
              slips: false,
              passphrase: null,
              acknowledged: sealWarningIds(s),
            },
            checkRecord,
          );
          writeFileSync(join(shots, `acta-door-desk-${lang}.pdf`), sealed.pdf);
          s.close();
        }
      db.close();
    }
    expect(new Set(digests).size).toBe(1);
  });

  it("the desk's file alone: the door's copy is applied, but the seal waits for the door's own file", async () => {
    const { door, desk } = await hall();
    take(desk, give(door));
    openRound(desk.db, desk.env, m.rounds[1]!);
    give(desk);
    const db = mainCopy('alone');
    const r = mergeVenue(db, m.env, desk.file, { withoutSlip: 'prueba' });
    expect(r.carried.map((c) => c.kitId)).toEqual([door.kitId]);
    expect(listAttendance(db).filter((a) => !a.undoneAt)).toHaveLength(3);
    const byKit = new Map(listDevices(db).map((d) => [d.kitId, d.proof]));
    expect(byKit.get(door.kitId)).toEqual({ kind: 'carried', by: desk.kitId });
    await expect(
      sealWorkshop(
        db,
        join(dir, 'main-data'),
        new Date('2026-05-16T22:00:00Z'),
        {
          lang: 'es',
          bilingual: false,
          slips: false,
          passphrase: null,
          acknowledged: sealWarningIds(db),
        },
        checkRecord,
      ),
    ).rejects.toMatchObject({ key: 'venues.error.carriedOnly' });
    // The door's own file vouches for it (nothing new to apply: the copy was all of it).
    const again = mergeVenue(db, m.env, door.file, { withoutSlip: 'prueba' });
    expect(again.added).toBe(0);
    expect(new Map(listDevices(db).map((d) => [d.kitId, d.proof])).get(door.kitId)).toEqual({
      kind: 'none',
      note: 'prueba',
    });
    db.close();
  });

  it('the same person checked in on both laptops: a conflict on the kit and on main, settled on main only', async () => {
    const { door, desk } = await hall();
    const pid = m.people[4]![0];
    checkInAt(door, pid);
    checkInAt(desk, pid);
    take(desk, give(door));
    const onKit = listConflicts(desk.db);
    expect(onKit.map((c) => c.kind)).toEqual(['checkIn']);
    expect(
      refusal(() =>
        settleConflict(desk.db, desk.env, { id: onKit[0]!.id, choice: door.kitId, note: 'x' }),
      ),
    ).toContain('venues.error.settleOnMain');
    give(desk);
    for (const order of [
      [door.file, desk.file],
      [desk.file, door.file],
    ]) {
      const db = mainCopy(`c-${order[0] === door.file ? 1 : 2}`);
      for (const f of order) mergeVenue(db, m.env, f, { withoutSlip: 'prueba' });
      const c = listConflicts(db);
      expect(c.map((x) => x.kind)).toEqual(['checkIn']);
      expect(c[0]!.sides.map((s) => s.source).sort()).toEqual([desk.kitId, door.kitId].sort());
      db.close();
    }
  });

  it('counts entered on both laptops: a roundCounts conflict', async () => {
    const { door, desk } = await hall();
    take(desk, give(door));
    take(door, give(desk));
    const round = m.rounds[1]!;
    openRound(desk.db, desk.env, round);
    openRound(door.db, door.env, round);
    for (const v of [door, desk])
      enterCount(v.db, v.env, { roundId: round, itemId: m.proposals[0]!, operator: 'A', count: 1 });
    take(desk, give(door));
    expect(listConflicts(desk.db).map((c) => c.kind)).toContain('roundCounts');
    give(desk);
    const db = mainCopy('counts');
    mergeVenue(db, m.env, desk.file, { withoutSlip: 'prueba' });
    mergeVenue(db, m.env, door.file, { withoutSlip: 'prueba' });
    expect(listConflicts(db).map((c) => c.kind)).toContain('roundCounts');
    db.close();
  });
});

describe('the operator who wants another result', () => {
  type Row = {
    kit_id?: string;
    seq: number;
    at: string;
    actor: string;
    type: string;
    payload: string;
    prev_hash: string;
    hash: string;
  };
  /** Rewrite one event of a chain and recompute every later hash. */
  function rechain(rows: Row[], start: string, target: number, edit: (p: string) => string) {
    let prev = start;
    return rows.map((r) => {
      const payload = r.seq === target ? edit(r.payload) : r.payload;
      const hash = chainHash(prev, {
        seq: r.seq,
        at: r.at,
        actor: r.actor,
        type: r.type,
        payload: JSON.parse(payload) as Json,
      });
      const out = { ...r, payload, prev_hash: prev, hash };
      prev = hash;
      return out;
    });
  }

  it("the door's copy edited in the desk's file and re-signed with the desk's real key: refused", async () => {
    const { door, desk } = await hall();
    take(desk, give(door));
    give(desk);
    desk.db.close();
    // The desk's holder edits a check-in of the door's copy, re-chains it, and signs the desk's
    // head again with the desk's own key (in its data folder): the door's key is not theirs.
    const db = openWorkshopDb(desk.file);
    db.exec('DROP TRIGGER device_event_no_update');
    const rows = db
      .prepare('SELECT * FROM device_event WHERE kit_id = ? ORDER BY seq')
      .all(door.kitId) as Row[];
    const target = rows.find((r) => r.type === 'attendance.checkedIn')!.seq;
    const first = rows[0]!.prev_hash;
    for (const r of rechain(rows, first, target, (p) => p.replace('signature', 'thumbprint')))
      db.prepare(
        'UPDATE device_event SET payload = ?, prev_hash = ?, hash = ? WHERE kit_id = ? AND seq = ?',
      ).run(r.payload, r.prev_hash, r.hash, door.kitId, r.seq);
    db.prepare('DELETE FROM device_seal WHERE kit_id = ?').run(desk.kitId);
    expect(signDeviceHead(db, desk.dataDir)).toBe(true);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const main = mainCopy('edited');
    const msg = refusal(() => mergeVenue(main, m.env, desk.file, { withoutSlip: 'x' }));
    expect(msg).toContain('venues.refused.copySignature');
    expect(msg).toContain(door.kitId.slice(0, 8));
    // Nothing of it was merged.
    expect(listAttendance(main)).toHaveLength(0);
    main.close();
  });

  it("a forked chain of one laptop (the door's holder rewrites what the desk already copied): refused in either order, naming the door", async () => {
    const { door, desk } = await hall();
    take(desk, give(door));
    give(desk);
    give(door);
    door.db.close();
    const forked = join(dir, 'door-forked.minka');
    copyFileSync(door.file, forked);
    const db = openWorkshopDb(forked);
    db.exec('DROP TRIGGER event_no_update');
    const rows = db.prepare('SELECT * FROM event ORDER BY seq').all() as Row[];
    const target = rows.filter((r) => r.type === 'attendance.checkedIn').pop()!.seq;
    for (const r of rechain(rows, '0'.repeat(64), target, (p) =>
      p.replace('signature', 'thumbprint'),
    ))
      db.prepare('UPDATE event SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(
        r.payload,
        r.prev_hash,
        r.hash,
        r.seq,
      );
    db.prepare('DELETE FROM device_seal').run();
    expect(signDeviceHead(db, door.dataDir)).toBe(true);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const a = mainCopy('fork-a');
    mergeVenue(a, m.env, desk.file, { withoutSlip: 'x' });
    const ma = refusal(() => mergeVenue(a, m.env, forked, { withoutSlip: 'x' }));
    expect(ma).toContain('venues.refused.diverges');
    expect(ma).toContain(door.kitId.slice(0, 8));
    expect(ma).toContain(`"seq":${target}`);
    a.close();
    const b = mainCopy('fork-b');
    mergeVenue(b, m.env, forked, { withoutSlip: 'x' });
    const mb = refusal(() => mergeVenue(b, m.env, desk.file, { withoutSlip: 'x' }));
    expect(mb).toContain('venues.refused.fork');
    expect(mb).toContain(door.kitId.slice(0, 8));
    b.close();
    // The desk, offered the forked door file, refuses it too.
    const mc = refusal(() => mergeVenue(desk.db, desk.env, forked, { withoutSlip: 'x' }));
    expect(mc).toContain('venues.refused.diverges');
  });

  it('a kit of another venue, or its own file, is refused on a venue laptop', async () => {
    const { desk } = await hall();
    const other = await venueLaptop(m, 2, 'other');
    give(other);
    expect(refusal(() => take(desk, other.file))).toContain('venues.refused.otherVenue');
    give(desk);
    expect(refusal(() => take(desk, desk.file))).toContain('venues.refused.ownFile');
  });
});
