// "Historia de los acuerdos": the demo's follow-up register printed through dispatch, read
// back with poppler as a reader would — the canal's history with its suspension, the 2026
// Acta's fingerprints, the register fingerprint on every page (recomputed from the attached
// JSON), the signature trailer when this computer has a key, and a sealed workshop printing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lang } from '../../shared/lang';
import type { Output } from '../../shared/api';
import { canonicalize } from '../../shared/canonical';
import { fingerprint } from '../../shared/fingerprint';
import { runCli } from '../../test/helpers/cli';
import { testCore, tempDir } from '../../test/helpers/tmp';
import type { Core } from '../core/core';
import { createKey, publicKeyFromRaw } from '../platform/crypto/keys';
import { readAttachments } from '../minutes/pdf-read';
import { sha256Hex, findDocumentSignature, verifyBytes } from '../platform/crypto/sign';
import { FOLLOWUP_REPORT_ATTACHMENT } from './followup-report';
import { flatText, pageTexts, pdfInfo } from '../platform/pdf/poppler';

type Register = Output<'followup:get'>;

const { dir, cleanup } = tempDir('minka-followup-pdf-');
let core: Core;
let workshopId: string;
let reg: Register;

beforeAll(async () => {
  core = testCore(join(dir, 'data'), new Date('2026-06-01T13:00:00Z'));
  workshopId = (await core.call('workshop:openDemo', {})).workshopId;
  reg = await core.call('followup:get', { workshopId });
});
afterAll(() => {
  core.closeAll();
  cleanup();
});

const print = async (lang: Lang = 'es') => {
  const out = await core.call('followup:reportPdf', { workshopId, lang, passphrase: null });
  return { out, pdf: Buffer.from(out.base64, 'base64') };
};

/** The text of one project's block: from its title to the next project's heavy rule (the next ● ○ ✗ … title). */
function block(text: string, title: string, next: string): string {
  const from = text.indexOf(title);
  const to = text.indexOf(next, from + title.length);
  expect(from, title).toBeGreaterThan(-1);
  expect(to, next).toBeGreaterThan(from);
  return text.slice(from, to);
}

describe('the printed follow-up register of the demo (2026 in the 2027 workshop)', () => {
  it('tells the canal’s history — agreed, left out of the plan, suspended by resolution, carried — with its sources', async () => {
    const { out, pdf } = await print();
    expect(out.signed).toBe(false);
    expect(out.keyFingerprint).toBeNull();
    expect(findDocumentSignature(pdf)).toBeNull();
    expect(out.fileName).toMatch(
      /^historia-acuerdos-municipalidad-distrital-de-qollqepata-2027-[0-9A-F]{4}(-[0-9A-F]{4}){3}\.pdf$/,
    );
    const info = pdfInfo(pdf);
    expect(info.get('Page size')).toMatch(/^595\.28 x 841\.89 pts \(A4\)/);
    expect(info.get('Title')).toBe(
      'Historia de los acuerdos — Municipalidad Distrital de Qollqepata 2027',
    );

    const text = flatText(pdf);
    const canal = block(
      text,
      'Mejoramiento del canal de riego Huaraqa–Ccochaccasa',
      'Remodelación de la plaza principal',
    );
    expect(canal).toContain('CUI 2456781');
    expect(canal).toContain('Sector: Agricultura y ganadería');
    expect(canal).toContain('Estado: → Trasladado');
    expect(canal).toContain('Acordado en el taller 2026 como P-001: S/ 1,100,000.00.');
    expect(canal).toContain('No está en el plan final 2026 (se acordó S/ 1,100,000.00).');
    expect(canal).toContain('Suspendido.');
    expect(canal).toContain('Fuente: nota, 20/02/2026 — Resolución de Alcaldía N.º 045-2026-MDQ');
    expect(canal).toContain('Trasladado a las propuestas del taller 2027 como P-001.');
    // Carried already: no longer offered as pending.
    expect(canal).not.toContain('Pendiente');

    // The 2026 Acta and its plan, by their fingerprints, on the cover and as every entry's source.
    const acta = reg.minutes.find((m) => m.fiscalYear === 2026);
    if (!acta) throw new Error('no 2026 Acta in the demo register');
    const plan = acta.plans[0];
    if (!plan) throw new Error('no 2026 plan in the demo register');
    const cover = (pageTexts(pdf)[0] ?? '').replace(/\s+/g, ' ');
    for (const s of [
      acta.fingerprint,
      acta.keyFingerprint,
      plan.fingerprint,
      plan.fileName,
      acta.fileName,
      '8 acordados, 3 rechazados',
    ])
      expect(cover).toContain(s);
    expect(canal).toContain(`Fuente: acta sellada, huella ${acta.fingerprint} (20/05/2025)`);
    expect(canal).toContain(`Fuente: plan final, huella ${plan.fingerprint}`);
  });

  it('puts the pending project first, counts states with their marks, and carries the register as JSON', async () => {
    const { pdf } = await print();
    const pages = pageTexts(pdf).map((p) => p.replace(/\s+/g, ' '));
    const cover = pages[0] ?? '';
    expect(cover).toContain('Historia de los acuerdos');
    expect(cover).toContain('Rimanakuykunaq willakuynin');
    expect(cover).toContain('Registro de seguimiento del taller 2027 · años 2026, 2027');
    // Each state's box: its mark and count (read out of the boxes' row, so no order of words is asserted).
    for (const [mark, n, word] of [
      ['●', 4, 'Ejecutado'],
      // The plaza the room rejected and the plan funded: its own mark, never ◐ or ● as if agreed.
      ['⚠', 1, 'Financiado aunque el taller lo rechazó'],
      ['✗', 1, 'No está en el plan'],
      ['→', 2, 'Trasladado'],
      ['◐', 1, 'En el plan'],
      ['⊘', 2, 'Rechazado'],
    ] as const) {
      expect(cover).toMatch(new RegExp(`${mark} ?${n}\\b`));
      expect(cover).toContain(word);
    }
    expect(cover).toContain('Este documento no está firmado');
    const histories = pages.slice(1).join(' ');
    const first = histories.indexOf('Construcción de cobertizos para alpacas en Sallani');
    expect(first).toBeGreaterThan(-1);
    for (const p of reg.projects.filter((x) => !x.carryable))
      expect(histories.indexOf(p.title), p.title).toBeGreaterThan(first);
    expect(histories).toContain('⚠ Remodelación de la plaza principal con estatuas');
    expect(histories).toContain('Estado: ⚠ Financiado aunque el taller lo rechazó');
    expect(block(histories, 'Construcción de cobertizos', 'Ampliación de aulas')).toContain(
      'Pendiente: se puede trasladar — último monto acordado S/ 210,000.00',
    );

    const json = readAttachments(pdf, Date.now() + 20_000).get(FOLLOWUP_REPORT_ATTACHMENT);
    if (!json) throw new Error('no attachment');
    const doc = JSON.parse(json.toString('utf8')) as {
      format: string;
      register: Register;
      registerSha256: string;
      registerFingerprint: string;
    };
    expect(doc.format).toBe('minka-followup');
    expect(doc.register).toEqual(reg);
    // The fingerprint printed on every page is recomputed from the attachment alone.
    const sha = sha256Hex(canonicalize(doc.register));
    expect(doc.registerSha256).toBe(sha);
    expect(doc.registerFingerprint).toBe(fingerprint(sha));
    expect(cover).toContain(sha);
    pages.forEach((page, i) => {
      expect(page, `page ${i + 1}`).toContain(`Huella del registro: ${fingerprint(sha)}`);
      expect(page, `page ${i + 1}`).toContain(`Página ${i + 1}/${pages.length}`);
      expect(page, `page ${i + 1}`).toContain(
        'Historia de los acuerdos · taller 2027 · años 2026, 2027',
      );
    });
  });

  it('speaks Quechua or English when asked, with the same sentences as the screen', async () => {
    const quz = flatText((await print('quz')).pdf);
    expect(quz).toContain('Rimanakuykunaq willakuynin');
    expect(quz).toContain('Sayachisqa');
    const en = flatText((await print('en')).pdf);
    expect(en).toContain('History of the agreements');
    expect(en).toContain('Mejoramiento del canal de riego Huaraqa–Ccochaccasa');
    expect(en).toContain('Suspended.');
  });

  it('is signed with the facilitator’s key when this computer has one, and a changed byte breaks it', async () => {
    const key = await core.call('minutes:createKey', { passphrase: null });
    const { out, pdf } = await print();
    expect(out.signed).toBe(true);
    expect(out.keyFingerprint).toBe(key.fingerprint);
    expect(flatText(pdf)).toContain(`Este documento está firmado con la clave ${key.fingerprint}`);
    const sig = findDocumentSignature(pdf);
    const pub = sig ? publicKeyFromRaw(sig.publicKey) : null;
    if (!sig || !pub) throw new Error('no signature trailer');
    expect(verifyBytes(sig.body, sig.signature, pub)).toBe(true);
    const changed = Buffer.from(sig.body);
    const at = changed.length - 40;
    changed.writeUInt8(changed.readUInt8(at) ^ 1, at);
    expect(verifyBytes(changed, sig.signature, pub)).toBe(false);
  });

  it('is written by `minka followup FILE --pdf OUT.pdf`, which names the file', async () => {
    const demo = join(dir, 'cli', 'demo.minka');
    const out = join(dir, 'cli', 'historia.pdf');
    expect((await runCli(['demo', '--out', demo])).code).toBe(0);
    const r = await runCli(
      ['followup', demo, '--pdf', out, '--data', join(dir, 'cli', 'no-key')],
      'es',
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Historia de los acuerdos escrita en ${out}, sin firmar`);
    // With the facilitator's key in the data folder (as `minka seal` finds it), the print is signed.
    const keyed = join(dir, 'cli', 'keyed');
    createKey(keyed, new Date(), null);
    const signed = await runCli(
      ['followup', demo, '--pdf', join(dir, 'cli', 'signed.pdf'), '--data', keyed],
      'es',
    );
    expect(signed.out).toMatch(/firmada con la clave [0-9A-F]{4}-/);
    const text = flatText(readFileSync(out));
    expect(text).toContain('Mejoramiento del canal de riego Huaraqa–Ccochaccasa');
    expect(text).toContain('Suspendido.');
    // The register `minka followup --json` prints is the one printed and attached: same fingerprint.
    const json = await runCli(['followup', demo, '--json']);
    expect(text).toContain(
      `Huella del registro: ${fingerprint(sha256Hex(canonicalize(JSON.parse(json.out))))}`,
    );
  });

  it('prints from a sealed workshop too (reading only), where the register can no longer change', async () => {
    await core.call('minutes:seal', {
      workshopId,
      lang: 'es',
      bilingual: true,
      slips: false,
      passphrase: null,
      confirm: true,
    });
    const refused = await core.dispatch('followup:addNote', {
      workshopId,
      note: {
        ref: reg.projects[0]?.refs[0],
        fiscalYear: 2026,
        status: 'executed',
        date: '2026-06-01',
        note: 'Informe de liquidación',
      },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'SEALED' } });
    const { out, pdf } = await print();
    expect(out.signed).toBe(true);
    const text = flatText(pdf);
    expect(text).toContain('Mejoramiento del canal de riego Huaraqa–Ccochaccasa');
    expect(text).toContain('Suspendido.');
    expect(text).toContain(reg.minutes[0]?.fingerprint ?? 'missing');
  });
});
