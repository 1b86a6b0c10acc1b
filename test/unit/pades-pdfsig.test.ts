// Issue 16: the sealed Acta carries a standard PDF signature that poppler's pdfsig validates,
// officials co-sign it (with Minka or another tool) and both pdfsig and `minka verify` keep
// saying it holds; a page edited afterwards and re-signed by the real key holder fails both.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealWorkshop } from '../../electron/minutes/seal';
import { checkRecord } from '../../electron/check/check';
import { cosignPdf } from '../../electron/minutes/cosign';
import { addPadesSignature, p12Signer } from '../../electron/minutes/pades';
import { verifyMinutesPdf } from '../../electron/minutes/verify';
import { runCli } from '../helpers/cli';
import { demoDb, SEAL_OPTS, sealWarningIds } from '../helpers/minutes-fixture';
import { cosignWithOpenssl, makeP12, type TestCert } from '../helpers/pades';
import { editVisibleText } from '../helpers/pdf-tamper';
import { addOverlay } from '../helpers/pdf-update';
import { tempDir } from '../helpers/tmp';

const t = tempDir('minka-pades-');
let sealed: Buffer;
let juana: TestCert;
let pedro: TestCert;

interface PdfsigSignature {
  valid: boolean;
  total: boolean;
  type: string;
  cn: string;
}

/** pdfsig's report, one entry per signature; the raw text for the failure message. */
function pdfsig(pdf: Buffer, name: string): { sigs: PdfsigSignature[]; text: string } {
  const file = join(t.dir, name);
  writeFileSync(file, pdf);
  let text: string;
  try {
    text = execFileSync('pdfsig', [file], { encoding: 'latin1' });
  } catch (e) {
    // pdfsig exits non-zero when a signature is invalid, and still prints its report.
    text = String((e as { stdout?: string }).stdout ?? '');
  }
  const sigs = text
    .split(/^Signature #\d+:$/m)
    .slice(1)
    .map((block) => ({
      valid: /Signature Validation: Signature is Valid\./.test(block),
      total: /- Total document signed/.test(block),
      type: /Signature Type: (\S+)/.exec(block)?.[1] ?? '',
      cn: /Signer Certificate Common Name: (.+)/.exec(block)?.[1] ?? '',
    }));
  return { sigs, text };
}

function cms(pdf: Buffer, n: number): string {
  const s = pdf.toString('latin1');
  const all = [...s.matchAll(/\/Contents\s*<([0-9a-fA-F]{2000,})>/g)];
  const hex = all[n]?.[1] ?? '';
  const file = join(t.dir, `cms-${n}.der`);
  writeFileSync(file, Buffer.from(hex.replace(/(00)+$/, ''), 'hex'));
  return execFileSync('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', file], {
    encoding: 'utf8',
  });
}

beforeAll(async () => {
  const db = demoDb(t.dir);
  sealed = (
    await sealWorkshop(
      db,
      join(t.dir, 'data'),
      new Date('2026-05-15T21:30:00Z'),
      {
        ...SEAL_OPTS,
        acknowledged: sealWarningIds(db),
        holder: 'Rosa Quispe Mamani',
      },
      checkRecord,
    )
  ).pdf;
  db.close();
  juana = makeP12('Juana Mamani Ccori', 'Comité de Vigilancia', 'clave de Juana');
  pedro = makeP12('Pedro Huamán Quispe', 'Gerencia de Planeamiento', 'otra clave');
  // Sealing the demo draws ~20 pages: on a loaded machine, more than the default 10 s.
}, 120_000);
afterAll(() => t.cleanup());

describe('PAdES on the sealed Acta (pdfsig)', () => {
  it('the sealed demo Acta: one PAdES B-B signature, valid, over the whole file', async () => {
    const { sigs, text } = pdfsig(sealed, 'acta.pdf');
    expect(sigs, text).toHaveLength(1);
    expect(sigs[0]).toEqual({
      valid: true,
      total: true,
      type: 'ETSI.CAdES.detached',
      cn: 'Rosa Quispe Mamani',
    });
    // B-B: signing-certificate-v2 signed, no signing-time attribute (the time is /M).
    const printed = cms(sealed, 0);
    expect(printed).toMatch(/signingCertificateV2/i);
    expect(printed).not.toMatch(/signingTime/i);
    expect(sealed.toString('latin1')).toMatch(/\/M \(D:20260515213000Z\)/);
    const r = await verifyMinutesPdf(sealed);
    expect(r.verdict).toBe('authentic');
    expect(r.signatures).toEqual([
      expect.objectContaining({
        subject: 'Rosa Quispe Mamani',
        organization: 'Municipalidad Distrital de Qollqepata',
        signedAt: '2026-05-15T21:30:00.000Z',
        valid: true,
        coversWholeFile: true,
        certificate: 'minkaSeal',
        identity: 'boundToActa',
      }),
    ]);
    // The payload, signed with Ed25519, names the certificate and the Acta prints it.
    expect(r.payload?.signer.certificate?.sha256).toBe(r.signatures[0]?.certSha256);
    const page = execFileSync('pdftotext', ['-layout', join(t.dir, 'acta.pdf'), '-'], {
      encoding: 'utf8',
    });
    expect(page).toContain('Firmas digitales');
    expect(page).toMatch(
      /Rosa Quispe Mamani \(Municipalidad Distrital de Qollqepata\),\s+15\/05\/2026/,
    );
  });

  it('after one Minka co-signature and after two (one by another tool), pdfsig and minka verify both hold', async () => {
    const one = await cosignPdf({
      pdf: sealed,
      p12: juana.p12,
      passphrase: 'clave de Juana',
      reason: 'Conformidad del Comité de Vigilancia',
      now: new Date('2026-05-20T15:00:00Z'),
    });
    const p1 = pdfsig(one.pdf, 'acta-1.pdf');
    expect(
      p1.sigs.map((s) => s.valid),
      p1.text,
    ).toEqual([true, true]);
    expect(p1.sigs.map((s) => s.total)).toEqual([false, true]);
    expect(p1.sigs[1]?.cn).toBe('Juana Mamani Ccori');
    expect(one.result.verdict).toBe('authentic');
    expect(one.result.signatures.map((s) => [s.subject, s.certificate, s.identity])).toEqual([
      ['Rosa Quispe Mamani', 'minkaSeal', 'boundToActa'],
      ['Juana Mamani Ccori', 'external', 'notCheckedOffline'],
    ]);

    // The second co-signature by another program (OpenSSL's CMS, an update written by hand).
    const two = cosignWithOpenssl(one.pdf, pedro, 'Pedro Huaman Quispe');
    const p2 = pdfsig(two, 'acta-2.pdf');
    expect(
      p2.sigs.map((s) => s.valid),
      p2.text,
    ).toEqual([true, true, true]);
    expect(p2.sigs.map((s) => s.total)).toEqual([false, false, true]);
    const r2 = await verifyMinutesPdf(two);
    expect(r2.verdict).toBe('authentic');
    expect(r2.signatures.map((s) => s.subject)).toEqual([
      'Rosa Quispe Mamani',
      'Juana Mamani Ccori',
      'Pedro Huamán Quispe',
    ]);
    expect(r2.signatures.every((s) => s.valid)).toBe(true);

    // And Minka co-signs on top of the other tool's signature: four, all valid.
    const three = await cosignPdf({
      pdf: two,
      p12: juana.p12,
      passphrase: 'clave de Juana',
      reason: '',
      now: new Date('2026-05-21T15:00:00Z'),
    });
    const p3 = pdfsig(three.pdf, 'acta-3.pdf');
    expect(
      p3.sigs.map((s) => s.valid),
      p3.text,
    ).toEqual([true, true, true, true]);
    expect(three.result.signatures).toHaveLength(4);

    // minka verify (the CLI) lists who signed, when, and what could not be checked offline.
    const cli = await runCli(['verify', join(t.dir, 'acta-2.pdf'), '--data', t.dir], 'es');
    expect(cli.code).toBe(0);
    expect(cli.out).toContain('AUTÉNTICA');
    expect(cli.out).toContain('Firmas digitales estándar (PAdES) en el archivo: 3');
    expect(cli.out).toContain(
      'Juana Mamani Ccori (Comité de Vigilancia) — 20/05/2026 10:00 — certificado externo — firma válida, identidad no comprobada sin conexión',
    );
  });

  it('a co-signed Acta with a page edited afterwards and re-signed by the real key holder fails pdfsig and minka verify', async () => {
    const one = await cosignPdf({
      pdf: sealed,
      p12: juana.p12,
      passphrase: 'clave de Juana',
      reason: '',
      now: new Date('2026-05-20T15:00:00Z'),
    });
    // The amount of the envelope on the pages, changed in the file itself …
    const edited = editVisibleText(one.pdf, '3,800,000', '9,800,000');
    if (!edited) throw new Error('the edit found no text');
    // … and signed again by Juana, who holds her key (the edit moved every later byte, so the
    // update is written by hand, as a tool that rebuilds the cross-references would).
    const resigned = cosignWithOpenssl(edited, juana, 'Juana Mamani Ccori');
    const p = pdfsig(resigned, 'acta-editada.pdf');
    expect(p.sigs).toHaveLength(3);
    // The newest signature holds over what it signed; the earlier ones no longer do.
    expect(
      p.sigs.map((s) => s.valid),
      p.text,
    ).toEqual([false, false, true]);
    const r = await verifyMinutesPdf(resigned);
    expect(r.verdict).toBe('tampered');
    expect(r.ok).toBe(false);
    const cli = await runCli(['verify', join(t.dir, 'acta-editada.pdf')], 'es');
    expect(cli.code).toBe(1);
    expect(cli.err).toContain('ALTERADA');

    // Edited by an incremental update instead (an overlay on page 1) and re-signed: every
    // signature holds for pdfsig (each over its own revision), but Minka sees the page changed.
    const overlaid = await addPadesSignature(
      addOverlay(one.pdf, 1),
      p12Signer(juana.p12, 'clave de Juana'),
      { reason: '', location: '', signingTime: new Date('2026-05-22T15:00:00Z') },
    );
    const ro = await verifyMinutesPdf(overlaid);
    expect(ro.verdict).toBe('alteredAfter');
    expect(ro.changedPages).toEqual([1]);
  });

  it('a wrong passphrase or a file that is not PKCS#12 is said plainly, and nothing is signed', async () => {
    await expect(
      cosignPdf({ pdf: sealed, p12: juana.p12, passphrase: 'mala', reason: '', now: new Date() }),
    ).rejects.toMatchObject({ key: 'signatures.error.p12Passphrase' });
    await expect(
      cosignPdf({
        pdf: sealed,
        p12: Buffer.from('no es un certificado'),
        passphrase: 'x',
        reason: '',
        now: new Date(),
      }),
    ).rejects.toMatchObject({ key: 'signatures.error.p12Unreadable' });
    // A tampered Acta is not co-signed.
    const bad = Buffer.from(sealed);
    bad[2000] = (bad[2000] ?? 0) ^ 1;
    await expect(
      cosignPdf({
        pdf: bad,
        p12: juana.p12,
        passphrase: 'clave de Juana',
        reason: '',
        now: new Date(),
      }),
    ).rejects.toMatchObject({ key: 'signatures.error.notAuthentic' });
  });

  it('minka cosign on the command line takes the passphrase only from MINKA_P12_PASSPHRASE', async () => {
    const acta = join(t.dir, 'acta.pdf');
    writeFileSync(acta, sealed);
    const p12 = join(t.dir, 'juana.p12');
    writeFileSync(p12, juana.p12);
    const out = join(t.dir, 'acta-cli.pdf');
    delete process.env['MINKA_P12_PASSPHRASE'];
    const none = await runCli(['cosign', acta, '--p12', p12, '--out', out], 'es');
    expect(none.code).toBe(1);
    expect(none.err).toContain('MINKA_P12_PASSPHRASE');
    process.env['MINKA_P12_PASSPHRASE'] = 'clave de Juana';
    try {
      const ok = await runCli(
        ['cosign', acta, '--p12', p12, '--out', out, '--reason', 'Visto'],
        'es',
      );
      expect(ok.code, ok.err).toBe(0);
      expect(ok.out).toContain('Acta firmada también por Juana Mamani Ccori');
      const p = pdfsig(readFileSync(out), 'acta-cli-check.pdf');
      expect(p.sigs.map((s) => s.valid)).toEqual([true, true]);
    } finally {
      delete process.env['MINKA_P12_PASSPHRASE'];
    }
  });
});
