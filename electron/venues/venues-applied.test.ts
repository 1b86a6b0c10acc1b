// What a merge applied against the device events it came from (issue 20). The adversary holds
// the main laptop and its key: the venue file is real and its slip matches, but what reached
// the main tables is not what the device recorded, either because the merge was run with an
// edited copy of the events (device_event stored verbatim, so every chain still verifies) or
// because the main event applied from it was rewritten with raw SQLite and the main chain
// hashed again. `minka check`, the seal and `minka verify --workshop` must all see it.
import { sealWarningIds } from '../../test/helpers/minutes-fixture';
import { copyFileSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Json } from '../../shared/canonical';
import { fingerprint } from '../../shared/fingerprint';
import type { MinutesDevice } from '../../shared/minutes/payload-venues';
import {
  handOver,
  type MainFixture,
  venueLaptop,
  type VenueLaptop,
} from '../../test/helpers/venues-fixture';
import { eachMainWorkshop } from '../../test/helpers/venues-each';
import { runCli } from '../../test/helpers/cli';
import { forge } from '../../test/helpers/forge-event';
import { checkIn } from '../attendance/attendance';
import { checkRecord } from '../check/check';
import { sealWorkshop } from '../minutes/seal';
import { keyFingerprintOf, rawPublicKey } from '../platform/crypto/keys';
import { signPayload } from '../platform/crypto/sign';
import type { Db } from '../platform/db';
import { appendEvent, chainHash, chainStatus } from '../platform/events';
import { chooseOfficialRound, officialWarnings } from '../results/official';
import { openRound } from '../voting/voting';
import { enterCount } from '../voting/hands';
import { closeRound } from '../voting/close-round';
import type { Env } from '../workshop/workshop';
import { headStatement, MERGE_EVENT } from './venues';
import { appliedDifferences } from './venues-applied';
import { applyEvents } from './venues-apply';
import { compareActaDevices } from './venues-check';
import { recordConflicts } from './venues-conflicts';
import { mergeVenue } from './venues-merge';
import { readVenueFile } from './venues-read';
import { checkSlip, proofPayload } from './venues-slip';

let dir: string;
let m: MainFixture;
eachMainWorkshop('minka-applied-', (d, f) => {
  dir = d;
  m = f;
});

/** Three people checked in at the venue, its round counted (2 votes each), closed or not. */
async function venueDay(close: boolean): Promise<VenueLaptop> {
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
  if (close) closeRound(v.db, v.env, m.rounds[1]!);
  handOver(v);
  return v;
}

/**
 * mergeVenue as the adversary runs it: the venue file read and vouched for by its slip through
 * Minka's own code, the device events stored verbatim, but applyEvents fed a copy whose first
 * count says 3 (three people were present, so the main workshop accepts it).
 */
function forgedMerge(db: Db, env: Env, file: string, slip: string): void {
  const b = readVenueFile(file);
  const vouched = checkSlip(b, { slipHead: slip });
  const target = b.events.find((e) => e.type === 'voting.countEntered')!.seq;
  const edited = b.events.map((e) =>
    e.seq === target ? { ...e, payload: e.payload.replace(/"count":2/, '"count":3') } : e,
  );
  db.transaction(() => {
    db.prepare('INSERT INTO device (kit_id, public_key, adopted_at) VALUES (?, ?, ?)').run(
      b.kit.id,
      b.publicKey,
      b.events[0]?.at ?? '',
    );
    db.prepare('INSERT INTO device_seal (kit_id, length, head, signature) VALUES (?, ?, ?, ?)').run(
      b.kit.id,
      b.seal.length,
      b.seal.head,
      b.seal.signature,
    );
    const ins = db.prepare(
      'INSERT INTO device_event (kit_id, seq, at, actor, type, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const e of b.events)
      ins.run(b.kit.id, e.seq, e.at, e.actor, e.type, e.payload, e.prev_hash, e.hash);
    const applied = applyEvents(db, b.kit.id, edited);
    expect(applied.held).toEqual([]);
    const conflicts = recordConflicts(db);
    appendEvent(db, env.now(), {
      type: MERGE_EVENT,
      payload: {
        kitId: b.kit.id,
        venueId: b.statement.venueId,
        keyFingerprint: keyFingerprintOf(b.publicKey),
        head: b.head,
        length: b.length,
        added: b.events.length,
        held: [],
        conflicts,
        proof: proofPayload(vouched),
        devices: [{ kitId: b.kit.id, head: b.head, events: b.events.length }],
      },
    });
  })();
}

/** Raw SQLite on the main file: the first count applied from the device says 3, chain rehashed. */
function forgeMainCount(file: string): void {
  const db = new Database(file);
  const trigger = db
    .prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'event_no_update'")
    .pluck()
    .get() as string;
  db.exec('DROP TRIGGER event_no_update');
  const target = db
    .prepare(
      "SELECT e.seq FROM event e JOIN applied_event a ON a.main_seq = e.seq WHERE e.type = 'voting.countEntered' ORDER BY e.seq LIMIT 1",
    )
    .pluck()
    .get() as number;
  const rows = db.prepare('SELECT * FROM event WHERE seq >= ? ORDER BY seq').all(target) as {
    seq: number;
    at: string;
    actor: string;
    type: string;
    payload: string;
    prev_hash: string;
  }[];
  const first = JSON.parse(rows[0]!.payload) as { roundId: string; itemId: string };
  // The table the replay checks says 3 too.
  db.prepare(
    "UPDATE hands_entry SET count = 3 WHERE round_id = ? AND item_id = ? AND operator = 'A'",
  ).run(first.roundId, first.itemId);
  let prev = rows[0]!.prev_hash;
  for (const r of rows) {
    const payload = r.seq === target ? r.payload.replace(/"count":2/, '"count":3') : r.payload;
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
  db.exec(trigger);
  db.close();
}

const seal = () =>
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
  );

describe('what a merge applied, against the device events', () => {
  it('applyEvents fed an edited copy (device events stored verbatim, slip matches): check fails naming device, event and field; the seal refuses', async () => {
    const v = await venueDay(true);
    const slip = fingerprint(chainStatus(v.db).head);
    v.db.close();
    forgedMerge(m.db, m.env, v.file, slip);
    // The count (the close's frozen result, computed here from it, is not compared itself).
    const diffs = appliedDifferences(m.db);
    expect(diffs.map((d) => [d.kitId, d.field])).toEqual([[v.kitId, 'count']]);
    const c = checkRecord(m.db);
    expect(c.ok).toBe(false);
    // Every chain verifies and the tables agree with the log: only this check tells.
    expect(c.chain.ok).toBe(true);
    expect(c.consistency.ok).toBe(true);
    expect(c.findings).toEqual(
      diffs.map(
        (d) =>
          `device ${v.kitId} event ${d.deviceSeq}: ${d.field} differs from what main event ${d.mainSeq} applied`,
      ),
    );
    chooseOfficialRound(m.db, m.env, {
      roundId: m.rounds[1]!,
      confirmed: officialWarnings(m.db, m.rounds[1]!),
    });
    await expect(seal()).rejects.toMatchObject({ key: 'minutes.error.inconsistent' });
    // `minka check` says so, in the venue's words, and exits 1.
    m.db.pragma('wal_checkpoint(TRUNCATE)');
    const out = await runCli(['check', m.file], 'es');
    expect(out.code).toBe(1);
    expect(out.err).toMatch(
      /Dispositivo de Sede Tinkiwasi \(clave [0-9A-F-]+\): lo aplicado al taller no es lo que dicen sus eventos: .* difieren en «count»/,
    );
  });

  it('the applied main event rewritten and the main chain hashed again: check fails, the seal refuses', async () => {
    const v = await venueDay(false);
    const slip = fingerprint(chainStatus(v.db).head);
    v.db.close();
    mergeVenue(m.db, m.env, v.file, { slipHead: slip });
    expect(checkRecord(m.db).ok).toBe(true);
    m.db.pragma('wal_checkpoint(TRUNCATE)');
    m.db.close();
    forgeMainCount(m.file);
    const { openWorkshopDb } = await import('../platform/db');
    m.db = openWorkshopDb(m.file);
    const c = checkRecord(m.db);
    expect(c.chain.ok).toBe(true);
    expect(c.consistency.ok).toBe(true);
    expect(c.ok).toBe(false);
    expect(c.findings).toHaveLength(1);
    expect(c.findings[0]).toMatch(new RegExp(`^device ${v.kitId} event \\d+: count differs`));
    await expect(seal()).rejects.toMatchObject({ key: 'minutes.error.inconsistent' });
  });

  it('`minka verify --workshop`: an applied event rewritten, or the device key swapped and the head signed again, fails; the headline does not say authentic', async () => {
    const v = await venueDay(true);
    const slip = fingerprint(chainStatus(v.db).head);
    v.db.close();
    mergeVenue(m.db, m.env, v.file, { slipHead: slip });
    chooseOfficialRound(m.db, m.env, {
      roundId: m.rounds[1]!,
      confirmed: officialWarnings(m.db, m.rounds[1]!),
    });
    const sealed = await seal();
    const acta = join(dir, 'acta.pdf');
    writeFileSync(acta, sealed.pdf);
    m.db.pragma('wal_checkpoint(TRUNCATE)');
    const data = join(dir, 'main-data');
    const good = await runCli(['verify', acta, '--workshop', m.file, '--data', data], 'es');
    expect(good.code).toBe(0);
    expect(good.out).toContain('AUTÉNTICA');

    // The applied count rewritten in a copy of the main file, chain hashed again.
    const applied = join(dir, 'applied.minka');
    copyFileSync(m.file, applied);
    forgeMainCount(applied);
    const bad = await runCli(['verify', acta, '--workshop', applied, '--data', data], 'es');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(
      /✗ Sede Tinkiwasi \(clave [0-9A-F-]+\): lo que el taller aplicó no es lo que dice el dispositivo: .* difieren en «count»/,
    );
    expect(bad.out + bad.err).not.toContain('AUTÉNTICA');
    expect(bad.out + bad.err).not.toContain('exactamente el que se selló');
    expect(bad.err).toContain('EL PDF ES EL SELLADO, PERO EL TALLER NO COINCIDE CON EL ACTA');

    // Another key put in the device row, and the same head signed with it.
    const swapped = join(dir, 'swapped.minka');
    copyFileSync(m.file, swapped);
    const raw = new Database(swapped);
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const pub = rawPublicKey(publicKey).toString('base64');
    const s = raw.prepare('SELECT length, head FROM device_seal WHERE kit_id = ?').get(v.kitId) as {
      length: number;
      head: string;
    };
    raw.prepare('UPDATE device SET public_key = ? WHERE kit_id = ?').run(pub, v.kitId);
    raw
      .prepare('UPDATE device_seal SET signature = ? WHERE kit_id = ?')
      .run(
        signPayload(JSON.parse(headStatement(v.kitId, s.length, s.head)), privateKey).signature,
        v.kitId,
      );
    // The device check alone is satisfied: the new key signs the same head.
    const p = (await import('../minutes/verify')).verifyMinutesPdf;
    const listed = ((await p(sealed.pdf)).payload as { devices: MinutesDevice[] }).devices;
    expect(compareActaDevices(raw, listed).map((d) => d.status)).toEqual(['keyDiffers']);
    raw.close();
    const key = await runCli(['verify', acta, '--workshop', swapped, '--data', data], 'es');
    expect(key.code).toBe(1);
    expect(key.err).toContain(
      `✗ Sede Tinkiwasi: el acta dice clave ${listed[0]!.keyFingerprint}; en el taller el dispositivo tiene la clave ${keyFingerprintOf(pub)}.`,
    );
    expect(key.out + key.err).not.toContain('AUTÉNTICA');
  });
});

describe('applied_event accounts for every device event a merge took in', () => {
  /** The venue's day merged (round closed there), then the main file edited with raw SQLite. */
  async function mergedThenEdited(edit: (raw: Database.Database) => void): Promise<VenueLaptop> {
    const v = await venueDay(true);
    const slip = fingerprint(chainStatus(v.db).head);
    v.db.close();
    mergeVenue(m.db, m.env, v.file, { slipHead: slip });
    expect(checkRecord(m.db)).toMatchObject({ ok: true, findings: [] });
    m.db.pragma('wal_checkpoint(TRUNCATE)');
    m.db.close();
    forge(m.file, edit);
    const { openWorkshopDb } = await import('../platform/db');
    m.db = openWorkshopDb(m.file);
    return v;
  }
  const checkIns = (raw: Database.Database, kitId: string) =>
    raw
      .prepare(
        "SELECT seq FROM device_event WHERE kit_id = ? AND type = 'attendance.checkedIn' ORDER BY seq",
      )
      .pluck()
      .all(kitId) as number[];

  it('a deleted applied_event row (a venue check-in passed off as main’s own): check names device and event, the seal refuses', async () => {
    let seq = 0;
    const v = await mergedThenEdited((raw) => {
      const kit = raw.prepare('SELECT kit_id FROM device').pluck().get() as string;
      seq = checkIns(raw, kit)[1]!;
      raw.prepare('DELETE FROM applied_event WHERE kit_id = ? AND device_seq = ?').run(kit, seq);
    });
    const c = checkRecord(m.db);
    expect(c.chain.ok).toBe(true);
    expect(c.consistency.ok).toBe(true);
    expect(c.findings).toEqual([
      `device ${v.kitId} event ${seq} (attendance.checkedIn): merged and not held, yet no main event is linked to it (applied_event)`,
    ]);
    chooseOfficialRound(m.db, m.env, {
      roundId: m.rounds[1]!,
      confirmed: officialWarnings(m.db, m.rounds[1]!),
    });
    await expect(seal()).rejects.toMatchObject({ key: 'minutes.error.inconsistent' });
    m.db.pragma('wal_checkpoint(TRUNCATE)');
    const out = await runCli(['check', m.file], 'es');
    expect(out.code).toBe(1);
    expect(out.err).toContain(
      `El evento n.º ${seq} (attendance.checkedIn) del dispositivo ${v.kitId.slice(0, 8)} entró con una fusión que no lo retuvo, pero ningún evento del taller figura aplicado desde él`,
    );
  });

  it('the other way: a merge event rewritten to say it held an event that main events came from, chain hashed again', async () => {
    let seq = 0;
    const v = await mergedThenEdited((raw) => {
      const kit = raw.prepare('SELECT kit_id FROM device').pluck().get() as string;
      seq = checkIns(raw, kit)[0]!;
      const row = raw
        .prepare('SELECT seq, payload FROM event WHERE type = ? ORDER BY seq DESC LIMIT 1')
        .get(MERGE_EVENT) as { seq: number; payload: string };
      const p = JSON.parse(row.payload) as { held: number[] };
      raw
        .prepare('UPDATE event SET payload = ? WHERE seq = ?')
        .run(JSON.stringify({ ...p, held: [...p.held, seq] }), row.seq);
    });
    const c = checkRecord(m.db);
    expect(c.chain.ok).toBe(true);
    expect(c.findings).toEqual([
      `device ${v.kitId} event ${seq} (attendance.checkedIn): held by its merge, yet main events are linked to it (applied_event)`,
    ]);
  });

  it('and an applied_event row naming a device event the device never had', async () => {
    const v = await mergedThenEdited((raw) => {
      const kit = raw.prepare('SELECT kit_id FROM device').pluck().get() as string;
      const own = raw.prepare("SELECT min(seq) FROM event WHERE type = 'workshop.created'").pluck();
      raw
        .prepare('INSERT INTO applied_event (main_seq, kit_id, device_seq) VALUES (?, ?, ?)')
        .run(own.get(), kit, 999);
    });
    expect(checkRecord(m.db).findings).toEqual([
      `device ${v.kitId} event 999: applied_event links main event 1 to it, and the device has no such event`,
    ]);
  });
});
