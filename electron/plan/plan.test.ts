// The plan check end to end: the demo workshop sealed, its demo final plan, and
// `minka verify --plan` in-process, as the oversight committee would run it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/helpers/cli';
import { demoDb, seal } from '../../test/helpers/minutes-fixture';
import { tempDir } from '../../test/helpers/tmp';
import { demoPlanFor, type DemoPlan } from '../demo/plan';
import type { Db } from '../platform/db';
import { verifyMinutesPdf } from '../minutes/verify';
import { checkPlan } from './service';
import { flatText, pdfInfo } from '../platform/pdf/poppler';
import { findDocumentSignature, verifyBytes } from '../platform/crypto/sign';
import { publicKeyFromRaw } from '../platform/crypto/keys';
import { testCore } from '../../test/helpers/tmp';
import type { Output } from '../../shared/api';

const { dir, cleanup } = tempDir('minka-plan-');
let db: Db;
let pdf: Buffer;
let plan: DemoPlan;
const pdfPath = join(dir, 'acta.pdf');
const planPath = join(dir, 'plan-final-2027.csv');

beforeAll(async () => {
  db = demoDb(dir);
  pdf = await seal(db, join(dir, 'data'));
  plan = demoPlanFor(db, '2026-05-16T23:00:00Z');
  writeFileSync(pdfPath, pdf);
  writeFileSync(planPath, plan.csv);
}, 60_000);

afterAll(() => {
  db.close();
  cleanup();
});

interface Json {
  complete: boolean;
  matched: { code: string; matchedBy: string; planLine: { lines: number[] } }[];
  amountChanged: {
    code: string;
    agreedCents: number;
    planCents: number;
    differenceCents: number;
    differencePercent: string;
  }[];
  missingFromPlan: { code: string; agreedCents: number }[];
  notInMinutes: { line: number; name: string; amountCents: number }[];
  rejectedButFunded: { code: string; reason: string; planLine: { line: number } }[];
  warnings: { key: string }[];
  plan: { fingerprint: string };
  minutes: { fingerprint: string; fiscalYear: number };
}

describe('minka verify --plan', () => {
  it('lists the demo plan in the five categories, in JSON', async () => {
    const r = await runCli(['verify', pdfPath, '--plan', planPath, '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as Json;
    expect(j.complete).toBe(true);
    expect(j.minutes.fiscalYear).toBe(2027);
    expect(j.amountChanged.map((m) => m.code)).toEqual([plan.story.cut]);
    expect(j.amountChanged[0]?.differencePercent).toBe('-20.0');
    expect(j.missingFromPlan.map((m) => m.code)).toEqual([plan.story.dropped]);
    expect(j.rejectedButFunded.map((m) => [m.code, m.reason])).toEqual([
      [plan.story.rejectedFunded, 'notKeyNeed'],
    ]);
    expect(j.notInMinutes.map((l) => l.name)).toEqual(plan.story.unproposed);
    const renamed = j.matched.find((m) => m.code === plan.story.renamed);
    expect(renamed?.matchedBy).toBe('name');
    const split = j.matched.find((m) => m.code === plan.story.split);
    expect(split).toMatchObject({ matchedBy: 'cui', planLine: { lines: [5, 6] } });
    expect(j.matched.length + j.amountChanged.length + j.missingFromPlan.length).toBe(10);
    expect(j.warnings.map((w) => w.key)).toContain('plan.import.otherYears');
  });

  it('prints the same result in plain language, with both fingerprints', async () => {
    const r = await runCli(['verify', pdfPath, '--plan', planPath], 'es');
    expect(r.code).toBe(0);
    const v = await verifyMinutesPdf(pdf);
    expect(r.out).toContain(`huella ${v.fingerprint}`);
    expect(r.out).toMatch(/huella del archivo [0-9A-F]{4}-/);
    expect(r.out).toContain('Acordado pero ausente del plan (1):');
    expect(r.out).toContain('En el plan aunque el taller lo rechazó (1):');
    expect(r.out).toContain('En el plan pero no en el acta (2):');
    expect(r.out).toContain('-20.0\u00a0%');
  });

  it('checks the signature first: tampered minutes are never compared', async () => {
    const bad = Buffer.from(pdf);
    const at = Math.floor(bad.length / 2);
    bad.writeUInt8((bad.readUInt8(at) ^ 0x01) & 0xff, at);
    const badPath = join(dir, 'tampered.pdf');
    writeFileSync(badPath, bad);
    const r = await runCli(['verify', badPath, '--plan', planPath, '--json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as { error: string; matched?: unknown };
    expect(j.error).toMatch(/not authentic/);
    expect(j.matched).toBeUndefined();
  });

  it('names the plan file problem and exits 1 when lines could not be read', async () => {
    const broken = join(dir, 'broken.csv');
    writeFileSync(broken, 'Proyecto;Monto\nCanal;mil soles\n');
    const r = await runCli(['verify', pdfPath, '--plan', broken], 'es');
    expect(r.code).toBe(1);
    expect(r.err).toContain('Línea 2, columna «Monto»: «mil soles» no es un monto en soles.');
    const missing = await runCli(['verify', pdfPath, '--plan', join(dir, 'nope.csv')]);
    expect(missing.code).toBe(1);
  });

  it('re-runs with decisions: an undone name match moves both sides to their own lists', async () => {
    const v = await verifyMinutesPdf(pdf);
    const first = await checkPlan(v, Buffer.from(plan.csv));
    const named = first.report.matched.find((m) => m.code === plan.story.renamed);
    if (!named) throw new Error('renamed project not matched');
    const again = await checkPlan(v, Buffer.from(plan.csv), {
      decisions: [{ agreedKey: named.key, planLine: named.plan.line, verdict: 'undone' }],
    });
    expect(again.report.missingFromPlan.map((m) => m.code)).toContain(plan.story.renamed);
    expect(again.report.notInMinutes.map((l) => l.line)).toContain(named.plan.line);
    expect(again.plan.sha256).toBe(first.plan.sha256);
  });
});

describe('plan channels and the printed report', () => {
  const input = () => ({
    minutes: { base64: pdf.toString('base64'), fileName: 'acta.pdf' },
    plan: { fileName: 'plan-final-2027.csv', base64: Buffer.from(plan.csv).toString('base64') },
    sheet: null,
    mapping: null,
    decisions: [],
  });

  it('answers plan:check through dispatch, and refuses minutes that are not authentic', async () => {
    const core = testCore(join(dir, 'data'));
    const ok = await core.dispatch('plan:check', input());
    expect(ok.ok).toBe(true);
    const value = (ok as { value: Output<'plan:check'> }).value;
    expect(value.report.missingFromPlan.map((m) => m.code)).toEqual([plan.story.dropped]);
    expect(value.plan.mapping).toMatchObject({
      cui: 4,
      name: 5,
      amount: 7,
      pim: 8,
      devengado: 10,
      year: 0,
    });
    const bad = await core.dispatch('plan:check', {
      ...input(),
      minutes: { base64: Buffer.from('%PDF-1.7 nothing').toString('base64'), fileName: 'x.pdf' },
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', key: 'plan.error.minutesNotAuthentic' },
    });
  });

  it('prints the report with both fingerprints, the categories, and the signature of the facilitator key', async () => {
    const core = testCore(join(dir, 'data'));
    const r = await core.dispatch('plan:reportPdf', { ...input(), lang: 'es', passphrase: null });
    if (!r.ok) throw new Error(r.error.key);
    const out = (r as { value: Output<'plan:reportPdf'> }).value;
    expect(out.signed).toBe(true);
    const bytes = Buffer.from(out.base64, 'base64');
    const text = flatText(bytes);
    const v = await verifyMinutesPdf(pdf);
    const check = (await checkPlan(v, Buffer.from(plan.csv))).plan;
    expect(text).toContain(v.fingerprint);
    expect(text).toContain(check.fingerprint);
    expect(text).toContain(check.sha256);
    for (const h of [
      'En el plan con el monto acordado',
      'En el plan con otro monto',
      'Acordados pero ausentes del plan',
      'En el plan aunque el taller los rechazó',
      'En el plan pero no en el acta',
      'Planpi huk qullqiwan',
    ])
      expect(text).toContain(h);
    expect(text).toMatch(/-20\.0[ \u00a0]%/);
    expect(pdfInfo(bytes).get('Title')).toContain('Comparación del plan con el acta');
    const sig = findDocumentSignature(bytes);
    const key = sig ? publicKeyFromRaw(sig.publicKey) : null;
    expect(sig && key && verifyBytes(sig.body, sig.signature, key)).toBe(true);
    // The report is not minutes: the minutes verifier says so rather than calling it authentic.
    expect((await verifyMinutesPdf(bytes)).ok).toBe(false);
  });
});
