// The open-data export holds no personal data: no DNI, no name of a private person, no
// signature mode or witness. Checked on the serialized file, as a reader would get it, for
// every person in the registry; and the option that makes representatives' names public.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_EXPORT_FORMAT, OpenExport } from '../../shared/schemas/export-open';
import { WorkshopExport } from '../../shared/schemas/export';
import { openDataExport } from '../../shared/export/open-data';
import { displayName } from '../../shared/schemas/attendance';
import { checkConsistency } from '../../electron/check/consistency';
import { exportWorkshop } from '../../electron/export/export';
import { migrate } from '../../electron/platform/migrations';
import { getSetup, initWorkshop, saveSetup } from '../../electron/workshop/workshop';
import { demoSetup } from '../../electron/demo/demo';
import { runCli } from '../helpers/cli';
import { fixedEnv } from '../helpers/store';
import { fullWorkshop } from '../helpers/full-workshop';
import { tempDir, testCore } from '../helpers/tmp';

/** Keys whose strings are hashes, keys or signatures (hex or base64), where digits run by chance. */
const CRYPTO_KEYS = new Set([
  'head',
  'hash',
  'payloadSha256',
  'pdfSha256',
  'signature',
  'publicKey',
  'sha256',
]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every string value of a JSON document that could hold a DNI, with its key. */
function strings(x: unknown, key = '', out: [string, string][] = []): [string, string][] {
  if (typeof x === 'string') {
    if (!CRYPTO_KEYS.has(key) && !UUID.test(x)) out.push([key, x]);
  } else if (Array.isArray(x)) x.forEach((v) => strings(v, key, out));
  else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) strings(v, k, out);
  return out;
}

/** The ways a person's name is written in the record: "Given Surnames", "SURNAMES, Given". */
function nameForms(p: { givenNames: string; surnames: string }): string[] {
  const forms = [displayName(p), `${p.givenNames} ${p.surnames}`.trim()];
  return forms.map((f) => f.normalize('NFC').toLocaleLowerCase('es'));
}

/** What a scan of the serialized file finds of the registry's people. */
function personalDataIn(text: string, full: WorkshopExport): string[] {
  const lower = text.normalize('NFC').toLocaleLowerCase('es');
  const found: string[] = [];
  for (const p of full.participants) {
    if (p.dni && text.includes(p.dni)) found.push(`DNI ${p.dni}`);
    for (const f of nameForms(p)) if (lower.includes(f)) found.push(`name ${f}`);
  }
  for (const a of full.attendance)
    if (a.witness && lower.includes(a.witness.toLocaleLowerCase('es')))
      found.push(`witness ${a.witness}`);
  for (const m of full.mattersRaised as { raisedBy: string }[])
    if (m.raisedBy && lower.includes(m.raisedBy.toLocaleLowerCase('es')))
      found.push(`raised by ${m.raisedBy}`);
  for (const c of full.committee as { name: string; dni: string }[]) {
    if (lower.includes(c.name.toLocaleLowerCase('es'))) found.push(`committee ${c.name}`);
    if (c.dni && text.includes(c.dni)) found.push(`committee DNI ${c.dni}`);
  }
  for (const c of full.criteria as { scores: { scoredBy: string }[] }[])
    for (const s of c.scores)
      if (s.scoredBy && lower.includes(s.scoredBy.toLocaleLowerCase('es')))
        found.push(`scored by ${s.scoredBy}`);
  return [...new Set(found)];
}

describe('minka export --open-data', () => {
  const t = tempDir('minka-open-');
  let full: WorkshopExport;
  let text = '';
  let fullText = '';

  beforeAll(async () => {
    const w = await fullWorkshop(t.dir);
    w.db.close();
    const out = join(t.dir, 'open.json');
    const r = await runCli(['export', w.path, '--open-data', '--out', out]);
    expect(r.code).toBe(0);
    text = readFileSync(out, 'utf8');
    const all = await runCli(['export', w.path]);
    fullText = all.out;
    full = WorkshopExport.parse(JSON.parse(fullText));
  }, 120_000);
  afterAll(() => t.cleanup());

  it('is its own format, valid against its schema', () => {
    const doc = OpenExport.parse(JSON.parse(text));
    expect(doc.format).toBe(OPEN_EXPORT_FORMAT);
    expect(doc.workshop.representativesPublic).toBe(false);
  });

  it('holds no DNI and no name, witness or signature of anyone in the registry', () => {
    // The scan finds them in the full export (so it can fail) and nothing in the open data.
    const inFull = personalDataIn(fullText, full);
    expect(inFull.filter((x) => x.startsWith('DNI')).length).toBeGreaterThanOrEqual(
      full.participants.filter((p) => p.dni).length,
    );
    expect(inFull.some((x) => x.startsWith('witness'))).toBe(true);
    expect(inFull.some((x) => x.startsWith('committee'))).toBe(true);
    expect(personalDataIn(text, full)).toEqual([]);
    // No 8-digit run in any text (ids and hashes aside), and no field that describes a person.
    expect(strings(JSON.parse(text)).filter(([, s]) => /(?<!\d)\d{8}(?!\d)/.test(s))).toEqual([]);
    expect(text).not.toMatch(
      /"(dni|givenNames|surnames|witness|signMethod|raisedBy|scoredBy|participantId|votedAtKiosk|holders)"/,
    );
  });

  it('keeps organisations and attendance counted by venue, sex and organisation type', () => {
    const doc = OpenExport.parse(JSON.parse(text));
    expect(doc.organizations.map((o) => o.id).sort()).toEqual(
      full.organizations.map((o) => o.id).sort(),
    );
    expect(doc.organizations.every((o) => o.representatives === null)).toBe(true);
    const present = new Set(
      full.attendance.filter((a) => a.undoneAt === null).map((a) => a.participantId),
    );
    const women = full.participants.filter((p) => present.has(p.id) && p.sex === 'F').length;
    expect(doc.attendance.totals).toMatchObject({ people: present.size, women });
    const sum = (xs: { people: number }[]) => xs.reduce((n, x) => n + x.people, 0);
    expect(sum(doc.attendance.byOrganizationType)).toBe(present.size);
    expect(doc.attendance.byVenue.map((v) => v.venueId)).toEqual(full.venues.map((v) => v.id));
    expect(doc.committee.every((m) => m.name === null)).toBe(true);
    expect(doc.rounds.filter((r) => r.state === 'closed').every((r) => r.items.length > 0)).toBe(
      true,
    );
    expect(doc.minutes?.payloadSha256).toBe(
      (full.minutes as { payloadSha256: string }).payloadSha256,
    );
  });

  it('names representatives (never their DNI) when the setup says their names are public', () => {
    const open = openDataExport({
      ...full,
      workshop: { ...full.workshop, representativesPublic: true },
    });
    const s = JSON.stringify(open);
    const reps = full.participants.filter(
      (p) => p.organizationId && ['titular', 'suplente', 'delegate'].includes(p.role),
    );
    const others = full.participants.filter(
      (p) =>
        !reps.includes(p) &&
        !(full.committee as { participantId: string | null }[]).some(
          (c) => c.participantId === p.id,
        ),
    );
    expect(reps.length).toBeGreaterThan(10);
    for (const p of reps) expect(s).toContain(`${p.givenNames} ${p.surnames}`);
    expect(others.length).toBeGreaterThan(5);
    expect(
      others
        .filter((p) => nameForms(p).some((f) => s.toLocaleLowerCase('es').includes(f)))
        .map((p) => p.id),
    ).toEqual([]);
    expect(full.participants.filter((p) => p.dni && s.includes(p.dni))).toEqual([]);
    expect(open.committee.every((m) => m.name !== null)).toBe(true);
  });
});

describe('the setup option for representatives\u2019 names (migration 8)', () => {
  it('is off in a file migrated from version 7, saved with the setup, and an edit behind the app is found', () => {
    const db = new Database(':memory:');
    migrate(db, 7);
    const env = fixedEnv();
    db.transaction(() => initWorkshop(db, env, 'w', demoSetup()))();
    migrate(db);
    expect(getSetup(db).representativesPublic).toBe(false);
    saveSetup(db, env, { ...getSetup(db), representativesPublic: true });
    expect(db.prepare('SELECT representatives_public FROM workshop').pluck().get()).toBe(1);
    expect(checkConsistency(db).ok).toBe(true);
    db.prepare('UPDATE workshop SET representatives_public = 0').run();
    expect(checkConsistency(db).problems.map((p) => p.what)).toContain(
      'representatives_public differs from the event log',
    );
    db.close();
  });

  it('reaches the open data through the screen channel', async () => {
    const t = tempDir('minka-open-core-');
    const core = testCore(t.dir);
    try {
      const { workshopId, setup } = await core.call('workshop:openDemo', {});
      const off = await core.call('workshop:export', { workshopId, openData: true });
      expect(off.fileName).toMatch(/^datos-abiertos-.*-2027\.json$/);
      expect(
        OpenExport.parse(JSON.parse(off.text)).organizations.every(
          (o) => o.representatives === null,
        ),
      ).toBe(true);
      await core.call('workshop:saveSetup', {
        workshopId,
        setup: { ...setup, representativesPublic: true },
      });
      const on = OpenExport.parse(
        JSON.parse((await core.call('workshop:export', { workshopId, openData: true })).text),
      );
      expect(on.organizations.some((o) => (o.representatives ?? []).length > 0)).toBe(true);
      const fullDoc = WorkshopExport.parse(
        JSON.parse((await core.call('workshop:export', { workshopId, openData: false })).text),
      );
      expect(fullDoc.participants.length).toBe(
        exportWorkshop(core.get(workshopId).db, new Date()).participants.length,
      );
    } finally {
      core.closeAll();
      t.cleanup();
    }
  });
});
