// Finding F5: the facilitator sets the laptop's clock back and records a check-in "before" a
// round closed. The chain verifies (the time is chained as written), so `minka check` must name
// the step back; a clock corrected by seconds must not be flagged, and venue laptops whose
// clocks differ from the hall's are not compared with it, each checked on its own after a merge.
import { describe, expect, it } from 'vitest';
import { forge } from '../../test/helpers/forge-event';
import { handOver, type MainFixture, seqEnv, venueLaptop } from '../../test/helpers/venues-fixture';
import { eachMainWorkshop } from '../../test/helpers/venues-each';
import { checkIn } from '../attendance/attendance';
import { checkRecord, checkWorkshopFile } from '../check/check';
import { closeRound } from '../voting/close-round';
import { enterCount } from '../voting/hands';
import { getRound, openRound } from '../voting/voting';
import { clockStepMessage, clockWindowMessage } from '../../shared/clock-steps';
import { formatDateTime, formatSpan } from '../../shared/format';
import { t } from '../../shared/i18n';
import { requireSealWarnings, sealWarnings } from '../minutes/seal-warnings';
import { mergeVenue } from './venues-merge';
import { clockCheck, stepsBack } from './venues-clock';

let m: MainFixture;
eachMainWorkshop('minka-clock-', (_d, f) => {
  m = f;
});

const lastSeq = () => m.db.prepare('SELECT max(seq) FROM event').pluck().get() as number;
const atOf = (seq: number) =>
  m.db.prepare('SELECT at FROM event WHERE seq = ?').pluck().get(seq) as string;

/** Venue 0's round opened, counted and closed on the main laptop; the close's seq. */
function closeHall(): number {
  const round = m.rounds[0]!;
  for (const [titular] of m.people.slice(8, 11)) checkInAt(m.db, m.env, titular);
  openRound(m.db, m.env, round);
  for (const item of m.proposals)
    enterCount(m.db, m.env, { roundId: round, itemId: item, operator: 'A', count: 2 });
  closeRound(m.db, m.env, round);
  return lastSeq();
}

function checkInAt(db = m.db, env = m.env, person = m.people[0]![0], venue = m.venues[0]!) {
  return checkIn(db, env, {
    participantId: person,
    venueId: venue.id,
    day: venue.date,
    signMethod: 'signature',
    witness: '',
  });
}

describe('a clock running backwards on one laptop', () => {
  it('a check-in back-dated before the close and re-chained: named by the check, the close unmoved, a seal warning', async () => {
    const close = closeHall();
    const rec = checkInAt();
    const seq = lastSeq();
    // The adversary rewrites the check-in's time to 10 minutes before the close (event and
    // table alike) and re-chains: the chain and every replay hold.
    const forged = new Date(Date.parse(atOf(close)) - 600_000).toISOString();
    forge(m.file, (db) => {
      db.prepare('UPDATE event SET at = ? WHERE seq = ?').run(forged, seq);
      db.prepare('UPDATE attendance SET checked_in_at = ? WHERE id = ?').run(forged, rec.id);
    });
    const r = checkRecord(m.db);
    expect(r.findings).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.clock.backwards).toEqual([
      {
        kitId: null,
        venue: '',
        seq,
        type: 'attendance.checkedIn',
        at: forged,
        prevSeq: close,
        prevType: 'voting.roundClosed',
        prevAt: atOf(close),
        backSeconds: 600,
        events: 1,
      },
    ]);
    // Told with both times in the workshop's zone (Lima), the kinds named, and by how much.
    const step = r.clock.backwards[0]!;
    const msg = clockStepMessage(step, r.clock.timeZone, (k) => t('es', k));
    expect(t('es', msg.key, msg.params)).toBe(
      `El reloj de esta laptop retrocedió: el evento n.º ${seq} (Ingreso · attendance.checkedIn) quedó registrado el 13/05/2026 07:51, 10 min antes que el evento n.º ${close} (${t('es', 'event.voting.roundClosed')} · voting.roundClosed) del 13/05/2026 08:01 (1 evento hasta que el reloj volvió a avanzar).`,
    );
    // The close's snapshot (log order) does not count the back-dated check-in.
    expect(getRound(m.db, m.rounds[0]!).snapshot?.presentIds).not.toContain(m.people[0]![0]);
    // `minka check` on the file says it, and passes (a warning, not a broken record).
    const file = await checkWorkshopFile(m.file);
    expect(file.ok).toBe(true);
    expect(file.clock?.backwards.map((s) => s.seq)).toEqual([seq]);
    // The seal asks to confirm it.
    const w = sealWarnings(m.db).find((x) => x.id === 'clockBackwards');
    expect(w?.params).toMatchObject({ count: 1, seq, prevSeq: close, back: '10 min' });
    expect(w?.params['at']).toBe('13/05/2026 07:51');
    const others = sealWarnings(m.db)
      .map((x) => x.id)
      .filter((id) => id !== 'clockBackwards');
    expect(() => requireSealWarnings(m.db, others)).toThrow('minutes.error.sealUnconfirmed');
    expect(() => requireSealWarnings(m.db, [...others, 'clockBackwards'])).not.toThrow();
  });

  it('a clock corrected by 30 s is not flagged; by 3 minutes it is', () => {
    closeHall();
    const last = Date.parse(atOf(lastSeq()));
    // The clock put back 30 s (a time sync): two check-ins, then on.
    const synced = seqEnv(new Date(last - 31_000).toISOString(), 'sync');
    checkInAt(m.db, synced, m.people[1]![0]);
    checkInAt(m.db, synced, m.people[2]![0]);
    expect(clockCheck(m.db).backwards).toEqual([]);
    expect(checkRecord(m.db).clock.backwards).toEqual([]);
    // Put back 3 minutes: flagged, once for the run of events behind.
    const fixedBack = seqEnv(new Date(last - 181_000).toISOString(), 'back');
    checkInAt(m.db, fixedBack, m.people[3]![0]);
    checkInAt(m.db, fixedBack, m.people[4]![0]);
    const steps = clockCheck(m.db).backwards;
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ seq: lastSeq() - 1, events: 2, kitId: null });
    expect(steps[0]!.backSeconds).toBeGreaterThan(120);
  });

  it('a clock walked back a little at a time is found once the walk passes the tolerance', () => {
    const times = [
      '13:00:00',
      '13:00:50',
      '13:00:05',
      '12:58:00',
      '12:57:00',
      '12:59:00',
      '13:02:00',
    ];
    const rows = times.map((x, i) => ({
      seq: i + 1,
      type: 'attendance.checkedIn',
      at: `2026-05-14T${x}.000Z`,
    }));
    // 13:00:05 is 45 s behind the latest (13:00:50): not flagged. 12:58 is 2 min 50 s behind it:
    // flagged, with 12:57 in the same run; 12:59 is back within 2 minutes of it, the run ends.
    const steps = stepsBack(rows, { kitId: null, venue: '' });
    expect(steps.map((s) => [s.seq, s.prevSeq, s.backSeconds, s.events])).toEqual([[4, 2, 170, 2]]);
  });
});

describe('venue laptops with their own clocks, merged', () => {
  it('laptops behind and ahead of the hall are not compared with it; a venue clock set back is named per device', async () => {
    // One venue laptop 40 minutes behind the hall's clock, one two days ahead.
    const behind = await venueLaptop(m, 1, 'behind', '2026-05-13T12:20:00Z');
    const ahead = await venueLaptop(m, 2, 'ahead', '2026-05-15T13:00:00Z');
    checkInAt(behind.db, behind.env, m.people[0]![0], m.venues[1]);
    checkInAt(ahead.db, ahead.env, m.people[1]![0], m.venues[2]);
    // On its own file, a venue laptop's events are not compared with the main laptop's before its kit.
    expect(clockCheck(behind.db).backwards).toEqual([]);
    const files = [handOver(behind), handOver(ahead)];
    behind.db.close();
    ahead.db.close();
    for (const f of files) mergeVenue(m.db, m.env, f);
    // The hall goes on after the merges (its events follow the devices' in the chain).
    closeHall();
    const r = checkRecord(m.db);
    expect(r.ok).toBe(true);
    expect(r.clock.backwards).toEqual([]);

    // A third laptop whose clock is set back an hour in the middle of its session.
    const third = await venueLaptop(m, 3, 'third', '2026-05-15T14:00:00Z');
    checkInAt(third.db, third.env, m.people[2]![0], m.venues[3]);
    const thirdSeq = third.db.prepare('SELECT max(seq) FROM event').pluck().get() as number;
    checkInAt(
      third.db,
      seqEnv('2026-05-15T13:00:00Z', 'third-back-'),
      m.people[3]![0],
      m.venues[3],
    );
    expect(clockCheck(third.db).backwards).toMatchObject([
      { kitId: third.kitId, seq: thirdSeq + 1, prevSeq: thirdSeq },
    ]);
    const f3 = handOver(third);
    third.db.close();
    mergeVenue(m.db, m.env, f3);
    const steps = checkRecord(m.db).clock.backwards;
    expect(steps).toMatchObject([
      {
        kitId: third.kitId,
        venue: m.venues[3]!.name,
        seq: thirdSeq + 1,
        type: 'attendance.checkedIn',
        prevSeq: thirdSeq,
        events: 1,
      },
    ]);
    expect(steps[0]!.backSeconds).toBeGreaterThan(3500);
  });
});

describe("a venue laptop's events outside its kit's window (misc28)", () => {
  it('before the kit was issued, after the merge that brought them: named by the check and the seal; inside: nothing', async () => {
    const later = seqEnv('2026-05-16T20:00:00Z', 'later-');
    // On time: opened at the venue two days after the kit, merged the day after.
    const ok = await venueLaptop(m, 1, 'ok', '2026-05-15T13:00:00Z');
    // 40 minutes behind the hall: its first events claim a time before its kit was made.
    const behind = await venueLaptop(m, 2, 'behind', '2026-05-13T12:20:00Z');
    // A day ahead: its events claim a time after the merge that brings them in.
    const ahead = await venueLaptop(m, 3, 'ahead', '2026-05-17T13:00:00Z');
    checkInAt(ok.db, ok.env, m.people[0]![0], m.venues[1]);
    checkInAt(behind.db, behind.env, m.people[1]![0], m.venues[2]);
    checkInAt(ahead.db, ahead.env, m.people[2]![0], m.venues[3]);
    // The venue laptop's own file says it already (its kit's signed time is in it).
    expect(clockCheck(behind.db).outside).toMatchObject([
      { kitId: behind.kitId, bound: 'beforeIssued', events: 2 },
    ]);
    expect(clockCheck(ok.db).outside).toEqual([]);
    const kitAt = (kit: string) =>
      (
        JSON.parse(
          m.db.prepare('SELECT statement FROM venue_kit WHERE id = ?').pluck().get(kit) as string,
        ) as { createdAt: string }
      ).createdAt;
    for (const v of [ok, behind, ahead]) {
      const f = handOver(v);
      v.db.close();
      mergeVenue(m.db, later, f);
    }
    const c = clockCheck(m.db);
    expect(c.backwards).toEqual([]);
    const mergeAt = m.db
      .prepare("SELECT at FROM event WHERE type = 'venues.merged' ORDER BY seq DESC LIMIT 1")
      .pluck()
      .get() as string;
    expect(c.outside).toMatchObject([
      {
        kitId: behind.kitId,
        venue: m.venues[2]!.name,
        bound: 'beforeIssued',
        boundAt: kitAt(behind.kitId),
        type: 'venues.deviceAdopted',
        events: 2,
      },
      {
        kitId: ahead.kitId,
        venue: m.venues[3]!.name,
        bound: 'afterReturned',
        boundAt: mergeAt,
        type: 'venues.deviceAdopted',
        events: 2,
      },
    ]);
    // Told in the workshop's zone (Lima), dd/mm/yyyy HH:mm, with the event's kind.
    const [before, after] = c.outside;
    const say = (w: typeof before) => {
      const x = clockWindowMessage(w!, c.timeZone, (k) => t('es', k));
      return t('es', x.key, x.params);
    };
    expect(say(before)).toBe(
      `La laptop de la sede ${m.venues[2]!.name} (kit ${behind.kitId.slice(0, 8)}) tiene 2 eventos con hora anterior a la emisión de su kit, el ${formatDateTime(kitAt(behind.kitId), 'America/Lima')} (hora firmada con la clave del taller): el primero, su evento n.º ${before!.seq} (${t('es', 'event.venues.deviceAdopted')} · venues.deviceAdopted), dice 13/05/2026 07:20; el más lejano, ${formatSpan(before!.apartSeconds)} antes.`,
    );
    expect(formatDateTime(kitAt(behind.kitId), 'America/Lima')).toMatch(/^13\/05\/2026 08:0\d$/);
    expect(say(after)).toMatch(
      /tiene 2 eventos con hora posterior a la incorporación que los trajo a este archivo, el 16\/05\/2026 15:00: el primero, su evento n\.º \d+ \(.*\), dice 17\/05\/2026 08:00; el más lejano, /,
    );
    // `minka check` carries it (a warning: the file is sound).
    const file = await checkWorkshopFile(m.file);
    expect(file.ok).toBe(true);
    expect(file.clock?.outside.map((w) => w.kitId)).toEqual([behind.kitId, ahead.kitId]);
    // The seal asks to confirm each laptop, by its kit.
    const ids = sealWarnings(m.db).map((w) => w.id);
    expect(ids).toContain(`clockOutsideKit:${behind.kitId}`);
    expect(ids).toContain(`clockOutsideKit:${ahead.kitId}`);
    expect(ids).not.toContain(`clockOutsideKit:${ok.kitId}`);
    expect(ids).not.toContain('clockBackwards');
    const w = sealWarnings(m.db, 'es').find((x) => x.id === `clockOutsideKit:${behind.kitId}`)!;
    expect(t('es', w.key, w.params)).toMatch(
      /registró 2 eventos con hora fuera del periodo de su kit: el primero, su evento n\.º \d+ del 13\/05\/2026 07:20, antes de que se emitiera el kit \(13\/05\/2026 08:0\d\)/,
    );
    const others = ids.filter((id) => id !== `clockOutsideKit:${ahead.kitId}`);
    expect(() => requireSealWarnings(m.db, others)).toThrow('minutes.error.sealUnconfirmed');
    expect(() => requireSealWarnings(m.db, ids)).not.toThrow();
  });
});
