// What the key holder confirmed when sealing is kept with the seal (stop 32): in the seal's
// event and in the signed payload, read back by `minka check`, its --json and Registro →
// Verificar, each in the reader's language. The key holder who edits either list afterwards
// (the event re-chained; the payload re-signed with the real key from the data folder and its
// pages drawn again) is named by the check; only both edited alike pass the file's own check,
// and then the fingerprint on every copy the room holds differs.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { SEAL_OPTS, seal, sealWarningIds } from '../../test/helpers/minutes-fixture';
import { sectorSplitWorkshop } from '../../test/helpers/sector-split-workshop';
import { forge, forgePayload } from '../../test/helpers/forge-event';
import { runCli } from '../../test/helpers/cli';
import { canonicalize } from '../../shared/canonical';
import { fingerprint } from '../../shared/fingerprint';
import { MinutesPayload } from '../../shared/minutes/payload';
import { confirmedAtSealLines } from '../../shared/minutes/confirmed-at-seal';
import { Core } from '../core/core';
import { checkWorkshopFile } from '../check/check';
import { loadOrCreateKey } from '../platform/crypto/keys';
import { appendDocumentSignature, sha256Hex } from '../platform/crypto/sign';
import type { Db } from '../platform/db';
import { chooseOfficialRound, officialWarnings } from '../results/official';
import { getSealed } from './minutes';
import { renderMinutes } from './pdf/minutes';
import { padesSignerFor, signForPdf, withPades } from './seal';
import { confirmedAtSeal } from './seal-confirmed';

let dir: string;
let file: string;
let data: string;
let confirmed: string[];
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'minka-seal-confirmed-'));
  file = join(dir, 'w.minka');
  data = join(dir, 'data');
  const { db, e, roundId } = sectorSplitWorkshop(file, false);
  try {
    chooseOfficialRound(db, e, { roundId, confirmed: officialWarnings(db, roundId) });
    // A fresh workshop with no Comité de Vigilancia, sealed in Quechua: two warnings to confirm.
    confirmed = sealWarningIds(db, 'quz');
    expect(confirmed).toEqual(expect.arrayContaining(['committeeEmpty']));
    expect(confirmed.length).toBeGreaterThanOrEqual(2);
    writeFileSync(
      join(dir, 'acta.pdf'),
      await seal(db, data, '2026-05-14T20:00:00Z', { lang: 'quz' }),
    );
  } finally {
    db.close();
  }
}, 60_000);
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const sealEvent = (db: Db) =>
  db.prepare("SELECT seq, payload FROM event WHERE type = 'minutes.sealed'").get() as {
    seq: number;
    payload: string;
  };

it('keeps what was confirmed in the seal event and the signed payload, and shows it in words', async () => {
  const db = new Database(file, { readonly: true });
  try {
    expect(JSON.parse(sealEvent(db).payload)).toMatchObject({ confirmed });
    const payload = JSON.parse(getSealed(db)?.payload ?? '{}') as MinutesPayload;
    expect(payload.sealWarningsConfirmed).toEqual(confirmed);
    const read = confirmedAtSeal(db) ?? [];
    expect(read.map((w) => w.id)).toEqual(confirmed);
    expect(read.find((w) => w.id === 'committeeEmpty')?.key).toBe(
      'minutes.ui.sealWarn.committeeEmpty',
    );
  } finally {
    db.close();
  }
  const check = await checkWorkshopFile(file);
  expect(check.ok).toBe(true);
  expect(check.minutes?.confirmed?.map((w) => w.id)).toEqual(confirmed);

  // `minka check`, in Spanish (the default) and as --json with each message.
  const cli = await runCli(['check', file], 'es');
  expect(cli.code).toBe(0);
  expect(cli.out).toContain(`Al sellar se confirmaron ${confirmed.length} advertencias`);
  expect(cli.out).toContain('Confirmo sellar sin comité.');
  const json = await runCli(['check', file, '--json'], 'en');
  const doc = JSON.parse(json.out) as {
    minutes: { confirmed: { id: string; message: string }[] };
  };
  expect(doc.minutes.confirmed.map((w) => w.id)).toEqual(confirmed);
  expect(doc.minutes.confirmed.find((w) => w.id === 'committeeEmpty')?.message).toMatch(
    /I confirm sealing without a committee/,
  );

  // Registro → Verificar (chain:verify) answers the same list.
  const core = new Core({ dataDir: data, host: 'cli' });
  try {
    const w = core.openPath(file);
    const v = await core.call('chain:verify', { workshopId: w.id });
    expect(v.sealConfirmed?.map((x) => x.id)).toEqual(confirmed);
  } finally {
    core.closeAll();
  }
}, 60_000);

it('names a list dropped from the seal event and the chain re-hashed (no key needed)', async () => {
  const db = new Database(file, { readonly: true });
  const seq = sealEvent(db).seq;
  db.close();
  forgePayload(file, seq, (p) => ({
    ...p,
    confirmed: (p['confirmed'] as string[]).filter((id) => id !== 'committeeEmpty'),
  }));
  const check = await checkWorkshopFile(file);
  expect(check.chain?.ok).toBe(true); // the forger re-hashed it
  expect(check.ok).toBe(false);
  expect(check.minutes?.problems).toContainEqual({
    key: 'minutes.checkDb.edited',
    params: { sections: 'sealWarningsConfirmed' },
  });
}, 60_000);

/** The key holder's re-seal: the payload re-signed with the real key, pages drawn again. */
async function resign(dropFromEventToo: boolean): Promise<{ before: string; after: string }> {
  const db = new Database(file);
  const row = getSealed(db);
  const seq = sealEvent(db).seq;
  db.close();
  if (!row) throw new Error('not sealed');
  const payload = MinutesPayload.parse(JSON.parse(row.payload));
  payload.sealWarningsConfirmed = confirmed.filter((id) => id !== 'committeeEmpty');
  const key = loadOrCreateKey(data, new Date('2026-05-14T20:00:00Z'), null);
  const { signed, signature } = signForPdf(payload, key);
  const drawn = await renderMinutes({
    payload,
    canonical: signed.canonical,
    signature,
    fingerprint: signed.fingerprint,
  });
  // The standard PDF signature too, with the facilitator's certificate in the data folder.
  const now = new Date('2026-05-14T20:00:00Z');
  const pades = await padesSignerFor(data, key, payload.workshop.municipality, now, SEAL_OPTS);
  const pdf = await withPades(
    appendDocumentSignature(drawn, key.privateKey, key.publicKeyB64),
    pades,
    { reason: 'Acta sellada con Minka', location: payload.workshop.municipality, signingTime: now },
  );
  forge(file, (raw) => {
    raw.exec('DROP TRIGGER minutes_no_update');
    raw
      .prepare(
        'UPDATE minutes SET payload = ?, payload_sha256 = ?, signature = ?, pdf = ?, pdf_sha256 = ? WHERE id = 1',
      )
      .run(signed.canonical, signed.payloadSha256, signed.signature, pdf, sha256Hex(pdf));
    const ev = JSON.parse(
      raw.prepare('SELECT payload FROM event WHERE seq = ?').pluck().get(seq) as string,
    ) as Record<string, unknown>;
    const next = {
      ...ev,
      payloadSha256: signed.payloadSha256,
      fingerprint: fingerprint(signed.payloadSha256),
      pdfSha256: sha256Hex(pdf),
      ...(dropFromEventToo ? { confirmed: payload.sealWarningsConfirmed } : {}),
    };
    raw.prepare('UPDATE event SET payload = ? WHERE seq = ?').run(canonicalize(next), seq);
  });
  return { before: fingerprint(row.payloadSha256), after: signed.fingerprint };
}

it('names a list dropped from the payload re-signed with the real key while the log keeps it', async () => {
  await resign(false);
  const check = await checkWorkshopFile(file);
  expect(check.ok).toBe(false);
  expect(check.minutes?.problems).toContainEqual({
    key: 'minutes.checkDb.edited',
    params: { sections: 'sealWarningsConfirmed' },
  });
}, 60_000);

it('both lists edited alike pass the file alone, under another fingerprint than the room holds', async () => {
  const { before, after } = await resign(true);
  const check = await checkWorkshopFile(file);
  expect(check.minutes?.problems).toEqual([]);
  expect(check.minutes?.confirmed?.map((w) => w.id)).not.toContain('committeeEmpty');
  // What tells: every page of the Acta the room saw carries the original fingerprint.
  expect(after).not.toBe(before);
}, 60_000);

it('a key this build does not know (signed by a newer one) is named as unchecked, not as an edit', async () => {
  const db = new Database(file);
  const row = getSealed(db);
  db.close();
  if (!row) throw new Error('not sealed');
  const payload = { ...(JSON.parse(row.payload) as Record<string, unknown>), laterField: [1] };
  const key = loadOrCreateKey(data, new Date('2026-05-14T20:00:00Z'), null);
  const { signed } = signForPdf(payload, key);
  // signForPdf signs what it is given, the unknown key included (as a newer build would).
  expect(signed.canonical).toContain('"laterField"');
  forge(file, (raw) => {
    raw.exec('DROP TRIGGER minutes_no_update');
    raw
      .prepare('UPDATE minutes SET payload = ?, payload_sha256 = ?, signature = ? WHERE id = 1')
      .run(signed.canonical, signed.payloadSha256, signed.signature);
  });
  const problems = (await checkWorkshopFile(file)).minutes?.problems ?? [];
  expect(problems).toContainEqual({
    key: 'minutes.checkDb.newerPayload',
    params: { fields: 'laterField' },
  });
  expect(problems.map((x) => x.key)).not.toContain('minutes.checkDb.edited');
}, 60_000);

it('minka verify, from the PDF alone, names each warning confirmed by its kind and what it concerns', async () => {
  const v = await runCli(['verify', join(dir, 'acta.pdf'), '--data', data], 'es');
  expect(v.code).toBe(0);
  expect(v.out).toContain(
    `Al sellar, quien selló confirmó estas ${confirmed.length} advertencias (la lista va firmada en el acta`,
  );
  expect(v.out).toContain('  – Comité de Vigilancia vacío');
  expect(v.out).toContain('  – acta en un idioma que no es el de referencia (quz)');
});

it('names every kind of seal warning the seal can ask for (none falls to «unknown»)', () => {
  const sources = ['seal-warnings.ts', '../../shared/minutes/acta-lang.ts'].map((f) =>
    readFileSync(join(import.meta.dirname, f), 'utf8'),
  );
  const kinds = [
    ...new Set(
      sources.flatMap((s) =>
        [...s.matchAll(/\bid: '([A-Za-z]+)'|`([a-z][A-Za-z]+):\$\{/g)].map((m) => m[1] ?? m[2]),
      ),
    ),
  ];
  expect(kinds).toEqual(expect.arrayContaining(['committeeEmpty', 'unclosedDesk', 'heldDesk']));
  expect(kinds.length).toBeGreaterThanOrEqual(16);
  const payload = {
    rounds: [{ id: 'r1', title: 'Priorización' }],
    venues: [{ id: 'v1', name: 'Sede central' }],
    sealWarningsConfirmed: kinds.map((k) => `${k}:r1`),
  } as unknown as MinutesPayload;
  const lines = confirmedAtSealLines(payload) ?? [];
  expect(lines.map((l) => l.key)).not.toContain('minutes.confirmedAtSeal.other');
  expect(confirmedAtSealLines({ ...payload, sealWarningsConfirmed: ['madeUp:x'] })).toEqual([
    { key: 'minutes.confirmedAtSeal.other', params: { id: 'madeUp:x' } },
  ]);
  const eve = { ...payload, sealWarningsConfirmed: ['checkInEve:v1:2026-05-14'] };
  expect(confirmedAtSealLines(eve)).toEqual([
    {
      key: 'minutes.confirmedAtSeal.checkInEve',
      params: { name: 'Sede central', day: '14/05/2026' },
    },
  ]);
  expect(confirmedAtSealLines({ ...payload, sealWarningsConfirmed: undefined })).toBeNull();
});
