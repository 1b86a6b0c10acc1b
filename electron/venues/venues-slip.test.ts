// The venue's closing slip against its own key holder, and counts the main workshop refuses
// (issue 20). The adversary holds the venue laptop and its key: they edit the events with raw
// SQLite, chain them again and sign the new head with the real device key. Only the head the
// room saw (the slip) tells; and a count above the people present here is a conflict to settle.
import { sealWarningIds } from '../../test/helpers/minutes-fixture';
import { copyFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { MinutesDevice } from '../../shared/minutes/payload-venues';
import { verifyMinutesPdf } from '../minutes/verify';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Json } from '../../shared/canonical';
import { fingerprint } from '../../shared/fingerprint';
import {
  copyMain,
  handOver,
  type MainFixture,
  venueLaptop,
  type VenueLaptop,
} from '../../test/helpers/venues-fixture';
import { eachMainWorkshop } from '../../test/helpers/venues-each';
import { runCli } from '../../test/helpers/cli';
import { MinkaError } from '../platform/classify-error';
import { sealWorkshop } from '../minutes/seal';
import { checkRecord } from '../check/check';
import { checkIn } from '../attendance/attendance';
import { openWorkshopDb } from '../platform/db';
import { chainHash, chainStatus } from '../platform/events';
import { signDeviceHead } from './venues';
import { checkVenues, compareActaDevices } from './venues-check';
import { listConflicts, listDevices, mergeVenue, settleConflict } from './venues-merge';
import { getRound, openRound } from '../voting/voting';
import { enterCount } from '../voting/hands';
import { closeRound } from '../voting/close-round';

let dir: string;
let m: MainFixture;
eachMainWorkshop('minka-slip-', (d, f) => {
  dir = d;
  m = f;
});

const refusal = (fn: () => unknown): { key: string; params: Record<string, unknown> } => {
  try {
    fn();
  } catch (e) {
    if (e instanceof MinkaError) return { key: e.key, params: e.params ?? {} };
    throw e;
  }
  return { key: 'no error', params: {} };
};

/** Three people checked in at the venue, its round counted (2 votes each) and closed. */
async function venueDay(): Promise<VenueLaptop> {
  const v = await venueLaptop(m, 1, 'tinkiwasi');
  const venue = m.venues[1]!;
  for (const [t] of m.people.slice(0, 3))
    checkIn(v.db, v.env, {
      participantId: t,
      venueId: venue.id,
      day: venue.date,
      signMethod: 'signature',
      witness: '',
    });
  openRound(v.db, v.env, m.rounds[1]!);
  for (const item of m.proposals)
    enterCount(v.db, v.env, { roundId: m.rounds[1]!, itemId: item, operator: 'A', count: 2 });
  closeRound(v.db, v.env, m.rounds[1]!);
  return v;
}

/** The head the room saw on the venue screen and the slip printed. */
const slipOf = (v: VenueLaptop) => fingerprint(chainStatus(v.db).head);

/** The key holder rewrites the first count to `count`, chains every event again, signs again. */
function forgeCount(v: VenueLaptop, count: number): void {
  v.db.close();
  const db = openWorkshopDb(v.file);
  db.exec('DROP TRIGGER event_no_update');
  const rows = db.prepare('SELECT * FROM event ORDER BY seq').all() as {
    seq: number;
    at: string;
    actor: string;
    type: string;
    payload: string;
  }[];
  const target = rows.find((r) => r.type === 'voting.countEntered')!.seq;
  let prev = '0'.repeat(64);
  for (const r of rows) {
    const payload =
      r.seq === target ? r.payload.replace(/"count":\d+/, `"count":${count}`) : r.payload;
    const h = chainHash(prev, {
      seq: r.seq,
      at: r.at,
      actor: r.actor,
      type: r.type,
      payload: JSON.parse(payload) as Json,
    });
    db.prepare('UPDATE event SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(
      payload,
      prev,
      h,
      r.seq,
    );
    prev = h;
  }
  db.prepare('DELETE FROM device_seal').run();
  // The real device key, from the venue laptop's own data folder.
  expect(signDeviceHead(db, v.dataDir)).toBe(true);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

describe('the closing slip', () => {
  it('an edited venue file, re-signed with the venue key, is refused against the slip, naming the venue and both heads', async () => {
    const v = await venueDay();
    handOver(v);
    const slip = slipOf(v);
    forgeCount(v, 3);
    const r = refusal(() => mergeVenue(m.db, m.env, v.file, { slipHead: slip }));
    expect(r.key).toBe('venues.slip.differs');
    expect(r.params).toMatchObject({ venue: 'Sede Tinkiwasi', slip, file: 'tinkiwasi.minka' });
    expect(r.params['head']).not.toBe(slip);
    // Nothing of it was merged.
    expect(listDevices(m.db)).toEqual([]);
    // Without the slip it goes in, and the Acta's device page will say so with the reason.
    const merged = mergeVenue(m.db, m.env, v.file, { withoutSlip: 'el comprobante se mojó' });
    expect(merged.proof).toEqual({ kind: 'none', note: 'el comprobante se mojó' });
    expect(listDevices(m.db)[0]?.proof).toEqual({ kind: 'none', note: 'el comprobante se mojó' });
  });

  it('the honest file matches its slip however it is typed; a short or stale slip is refused', async () => {
    const v = await venueDay();
    handOver(v);
    const slip = slipOf(v);
    const head = chainStatus(v.db).head;
    // Eight digits are not enough: a forger could try edits until the first eight matched.
    expect(refusal(() => mergeVenue(m.db, m.env, v.file, { slipHead: slip.slice(0, 9) })).key).toBe(
      'venues.slip.tooShort',
    );
    expect(refusal(() => mergeVenue(m.db, m.env, v.file, { withoutSlip: '  ' })).key).toBe(
      'venues.slip.reasonNeeded',
    );
    // Something recorded after the slip was printed: the slip is behind the file.
    checkIn(v.db, v.env, {
      participantId: m.people[5]![0],
      venueId: m.venues[1]!.id,
      day: m.venues[1]!.date,
      signMethod: 'thumbprint',
      witness: '',
    });
    handOver(v);
    const behind = refusal(() => mergeVenue(m.db, m.env, v.file, { slipHead: slip }));
    expect(behind.key).toBe('venues.slip.behind');
    expect(behind.params).toMatchObject({ slip, slipEvents: 10, events: 11 });
    // A new slip, typed in lower case without dashes and with O for 0: it matches.
    const slip2 = slipOf(v).toLowerCase().replace(/-/g, '').replace(/0/g, 'o');
    expect(head).not.toBe(chainStatus(v.db).head);
    const r = mergeVenue(m.db, m.env, v.file, { slipHead: slip2 });
    expect(r.proof).toEqual({ kind: 'slip', head: chainStatus(v.db).head });
    expect(listDevices(m.db)[0]?.proof).toMatchObject({ kind: 'slip' });
    v.db.close();
  });

  it('a slip brought after a merge without one is recorded, nothing else merged', async () => {
    const v = await venueDay();
    handOver(v);
    const slip = slipOf(v);
    v.db.close();
    mergeVenue(m.db, m.env, v.file, { withoutSlip: 'llegó después' });
    const events = () =>
      m.db.prepare("SELECT COUNT(*) FROM event WHERE type = 'venues.merged'").pluck().get();
    expect(events()).toBe(1);
    const r = mergeVenue(m.db, m.env, v.file, { slipHead: slip });
    expect(r.added).toBe(0);
    expect(events()).toBe(2);
    expect(listDevices(m.db)[0]?.proof).toMatchObject({ kind: 'slip' });
    mergeVenue(m.db, m.env, v.file, { slipHead: slip });
    expect(events()).toBe(2);
  });
});

describe('a count this workshop refuses', () => {
  it('a count above the people present is a conflict: listed with both sides, sealing refused until settled', async () => {
    const v = await venueDay();
    handOver(v);
    // 40 votes where 3 were present: the count is not applied, and the round stays open here.
    forgeCount(v, 40);
    const r = mergeVenue(m.db, m.env, v.file, { withoutSlip: 'no se imprimió' });
    expect(r.held.map((h) => h.why)).toContain('voting.error.countOverEntitled');
    expect(getRound(m.db, m.rounds[1]!).state).toBe('open');
    const [c] = listConflicts(m.db);
    expect(c).toMatchObject({ kind: 'countRefused', subject: m.rounds[1], settled: null });
    expect(c!.sides.map((s) => s.source).sort()).toEqual(['main', v.kitId].sort());
    expect(c!.sides.find((s) => s.source === v.kitId)?.what).toEqual({ refused: 1, max: 40 });
    expect(c!.sides.find((s) => s.source === 'main')?.what).toEqual({
      entitled: 3,
      state: 'open',
    });
    expect(r.conflicts).toEqual([c!.id]);
    expect(checkVenues(m.db).ok).toBe(true);
    await expect(
      sealWorkshop(
        m.db,
        join(dir, 'main-data'),
        new Date('2026-05-16T22:00:00Z'),
        {
          lang: 'es',
          bilingual: false,
          slips: false,
          passphrase: null,
          acknowledged: sealWarningIds(m.db),
        },
        checkRecord,
      ),
    ).rejects.toMatchObject({ key: 'venues.error.openConflicts' });
    settleConflict(m.db, m.env, {
      id: c!.id,
      choice: 'main',
      note: 'Se recuenta con la hoja de conteo de la sede',
    });
    expect(listConflicts(m.db)[0]?.settled?.choice).toBe('main');
    // Settled for this workshop: the venue's tally sheet is entered here, the round closed, sealed.
    for (const item of m.proposals)
      enterCount(m.db, m.env, { roundId: m.rounds[1]!, itemId: item, operator: 'A', count: 2 });
    closeRound(m.db, m.env, m.rounds[1]!);
    const { chooseOfficialRound, officialWarnings } = await import('../results/official');
    chooseOfficialRound(m.db, m.env, {
      roundId: m.rounds[1]!,
      confirmed: officialWarnings(m.db, m.rounds[1]!),
    });
    const sealed = await sealWorkshop(
      m.db,
      join(dir, 'main-data'),
      new Date('2026-05-16T22:00:00Z'),
      {
        lang: 'es',
        bilingual: false,
        slips: false,
        passphrase: null,
        acknowledged: sealWarningIds(m.db),
      },
      checkRecord,
    );
    const shots = process.env['MINKA_SHOTS'];
    if (shots) writeFileSync(join(shots, 'acta-refused-es.pdf'), sealed.pdf);
    const verified = await verifyMinutesPdf(sealed.pdf);
    expect(verified.verdict).toBe('authentic');
    const p = verified.payload as { devices: MinutesDevice[]; conflicts: { kind: string }[] };
    expect(p.devices[0]?.proof).toEqual({ kind: 'none', note: 'no se imprimió' });
    expect(p.conflicts.map((c) => c.kind)).toEqual(['countRefused']);
    // `minka verify --workshop`: each device chain checked again against the Acta's heads.
    expect(compareActaDevices(m.db, p.devices).map((d) => d.status)).toEqual(['ok']);
    m.db.pragma('wal_checkpoint(TRUNCATE)');
    const copy = join(dir, 'edited.minka');
    copyFileSync(m.file, copy);
    const raw = new Database(copy);
    raw.exec('DROP TRIGGER device_event_no_update');
    raw
      .prepare(
        "UPDATE device_event SET payload = replace(payload, '\"count\":2', '\"count\":1') WHERE seq = (SELECT max(seq) FROM device_event WHERE type = 'voting.countEntered')",
      )
      .run();
    expect(compareActaDevices(raw, p.devices).map((d) => d.status)).toEqual(['broken']);
    raw.close();
    // The same through `minka verify ACTA.pdf --workshop`: exit 0 with the file, 1 with the copy.
    const acta = join(dir, 'acta.pdf');
    writeFileSync(acta, sealed.pdf);
    const good = await runCli(
      ['verify', acta, '--workshop', m.file, '--data', join(dir, 'main-data')],
      'es',
    );
    expect(good.err).toBe('');
    expect(good.code).toBe(0);
    expect(good.out).toMatch(
      /✓ Sede Tinkiwasi \(clave [0-9A-F-]+\): cadena verificada en el taller, 10 eventos/,
    );
    const alone = await runCli(['verify', acta, '--data', join(dir, 'main-data')], 'es');
    expect(alone.code).toBe(0);
    expect(alone.out).toContain(
      'El acta lista 1 laptop(s) de sede: sus cadenas de eventos no están en el PDF.',
    );
    const bad = await runCli(
      ['verify', acta, '--workshop', copy, '--data', join(dir, 'main-data')],
      'es',
    );
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(
      /✗ Sede Tinkiwasi \(clave [0-9A-F-]+\): la cadena del dispositivo en el taller no se verifica/,
    );
  });

  it('counts of one round from two laptops of one venue: one roundCounts conflict whatever the order; alone, the laptop that does not run it is listed too', async () => {
    const venue = m.venues[1]!;
    const laptops: VenueLaptop[] = [];
    for (const [name, who, count] of [
      ['puerta', m.people.slice(0, 3), 2],
      ['mesa', m.people.slice(3, 4), 1],
    ] as const) {
      const v = await venueLaptop(m, 1, name);
      for (const [t] of who)
        checkIn(v.db, v.env, {
          participantId: t,
          venueId: venue.id,
          day: venue.date,
          signMethod: 'signature',
          witness: '',
        });
      openRound(v.db, v.env, m.rounds[1]!);
      for (const item of m.proposals)
        enterCount(v.db, v.env, { roundId: m.rounds[1]!, itemId: item, operator: 'A', count });
      closeRound(v.db, v.env, m.rounds[1]!);
      handOver(v);
      v.db.close();
      laptops.push(v);
    }
    // The laptop that runs the round is fixed by the kits (the lowest kit id), not the order.
    const [owner, other] = [...laptops].sort((x, y) => x.kitId.localeCompare(y.kitId));
    const shape = () =>
      listConflicts(m.db).map((c) => [c.kind, c.subject, c.sides.map((x) => x.source).sort()]);
    const ab = openWorkshopDb(copyMain(m, 'ab'));
    const ba = openWorkshopDb(copyMain(m, 'ba'));
    try {
      // The other laptop alone: its counts are not applied, and that is said.
      mergeVenue(ab, m.env, other!.file);
      expect(listConflicts(ab).map((c) => [c.kind, c.sides.map((x) => x.source).sort()])).toEqual([
        ['roundCounts', ['main', other!.kitId].sort()],
      ]);
      mergeVenue(ab, m.env, owner!.file);
      mergeVenue(ba, m.env, owner!.file);
      mergeVenue(ba, m.env, other!.file);
      const want = [['roundCounts', m.rounds[1], [owner!.kitId, other!.kitId].sort()]];
      const saved = m.db;
      m.db = ab;
      expect(shape()).toEqual(want);
      m.db = ba;
      expect(shape()).toEqual(want);
      m.db = saved;
      expect(listConflicts(ab).map((c) => c.id)).toEqual(listConflicts(ba).map((c) => c.id));
    } finally {
      ab.close();
      ba.close();
    }
  });
});
