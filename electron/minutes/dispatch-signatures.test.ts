// Issue 16 through dispatch: sealing with the facilitator's certificate or the municipality's
// PKCS#12, co-signing (minutes:cosign) with good and bad input — a wrong passphrase, a file
// that is not a certificate, a tampered Acta, oversized input — always a coded, translated
// error, never a crash.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t as translate } from '../../shared/i18n';
import type { Output, Result } from '../../shared/api';
import { tempDir, testCore } from '../../test/helpers/tmp';
import { makeP12, type TestCert } from '../../test/helpers/pades';
import type { Core } from '../core/core';

type Sealed = Output<'minutes:seal'>;
type Cosigned = Output<'minutes:cosign'>;

const tmp = tempDir('minka-dispatch-signatures-');
let core: Core;
let acta: string;
let official: TestCert;

beforeAll(async () => {
  core = testCore(tmp.dir);
  const { workshopId } = await core.call('workshop:openDemo', {});
  const sealed = (await core.dispatch('minutes:seal', {
    workshopId,
    lang: 'es',
    bilingual: true,
    slips: false,
    passphrase: null,
    facilitator: 'Rosa Quispe Mamani',
    confirm: true,
  })) as Result<Sealed>;
  if (!sealed.ok) throw new Error(sealed.error.message);
  acta = sealed.value.pdf.base64;
  official = makeP12('Juana Mamani Ccori', 'Comité de Vigilancia', 'clave de Juana');
}, 120_000);
afterAll(() => {
  core.closeAll();
  tmp.cleanup();
});

const cosign = async (input: unknown) =>
  (await core.dispatch('minutes:cosign', input)) as Result<Cosigned>;

describe('minutes:cosign and the PAdES seal through dispatch', () => {
  it('seals with the facilitator certificate Minka issues, once, bound to the key', async () => {
    const r = await core.call('minutes:verify', { base64: acta });
    expect(r.verdict).toBe('authentic');
    expect(r.signatures).toHaveLength(1);
    expect(r.signatures[0]).toMatchObject({
      subject: 'Rosa Quispe Mamani',
      certificate: 'minkaSeal',
      identity: 'boundToActa',
    });
    const file = JSON.parse(
      readFileSync(join(tmp.dir, 'keys', 'facilitator-certificate.json'), 'utf8'),
    ) as { keyFingerprint: string; certificate: string };
    expect(file.keyFingerprint).toBe(r.keyFingerprint);
    const cert = new X509Certificate(file.certificate);
    expect(cert.subject).toContain(`OU=Minka Ed25519 ${r.keyFingerprint}`);
    expect(cert.subject).toContain('O=Municipalidad Distrital de Qollqepata');
    expect(cert.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
  });

  it('co-signs an authentic Acta and answers the signed file with its verification', async () => {
    const r = await cosign({
      base64: acta,
      fileName: 'acta-qollqepata.pdf',
      p12: { base64: official.p12.toString('base64'), passphrase: 'clave de Juana' },
      reason: 'Conformidad',
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.pdf.fileName).toBe('acta-qollqepata-firmada.pdf');
    expect(r.value.result.verdict).toBe('authentic');
    expect(r.value.result.key?.status).toBe('own');
    expect(r.value.result.signatures.map((s) => [s.subject, s.identity])).toEqual([
      ['Rosa Quispe Mamani', 'boundToActa'],
      ['Juana Mamani Ccori', 'notCheckedOffline'],
    ]);
    // Twice: the second co-signature keeps both earlier ones.
    const again = await cosign({
      base64: r.value.pdf.base64,
      fileName: r.value.pdf.fileName,
      p12: { base64: official.p12.toString('base64'), passphrase: 'clave de Juana' },
      reason: '',
    });
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value.result.signatures).toHaveLength(3);
    expect(again.value.result.verdict).toBe('authentic');
  });

  it('a wrong passphrase is a clear, translated error, not a crash', async () => {
    const r = await cosign({
      base64: acta,
      fileName: 'acta.pdf',
      p12: { base64: official.p12.toString('base64'), passphrase: 'equivocada' },
      reason: '',
    });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', key: 'signatures.error.p12Passphrase' },
    });
    if (r.ok) return;
    expect(translate('es', r.error.key ?? '', r.error.params ?? {})).toBe(
      'La contraseña del certificado (.p12) no es correcta.',
    );
    expect(translate('quz', r.error.key ?? '', r.error.params ?? {})).toContain('.p12');
  });

  it('bad payloads: not a certificate, not a PDF, a tampered Acta, missing or oversized fields', async () => {
    const p12 = { base64: official.p12.toString('base64'), passphrase: 'clave de Juana' };
    const notP12 = await cosign({
      base64: acta,
      fileName: 'a.pdf',
      p12: { base64: Buffer.from('hola').toString('base64'), passphrase: 'x' },
      reason: '',
    });
    expect(notP12).toMatchObject({ ok: false, error: { key: 'signatures.error.p12Unreadable' } });
    const notPdf = await cosign({
      base64: Buffer.from('no es un pdf').toString('base64'),
      fileName: 'a.pdf',
      p12,
      reason: '',
    });
    expect(notPdf).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', key: 'signatures.error.notAuthentic' },
    });
    const bytes = Buffer.from(acta, 'base64');
    bytes[3000] = (bytes[3000] ?? 0) ^ 4;
    const tampered = await cosign({
      base64: bytes.toString('base64'),
      fileName: 'a.pdf',
      p12,
      reason: '',
    });
    expect(tampered).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        key: 'signatures.error.notAuthentic',
        params: { verdict: 'tampered' },
      },
    });
    for (const input of [
      {},
      { base64: acta, fileName: 'a.pdf', reason: '' },
      { base64: acta, fileName: 'a.pdf', p12: { base64: '', passphrase: 'x' }, reason: '' },
      {
        base64: acta,
        fileName: 'a.pdf',
        p12: { base64: 'x'.repeat(1_500_000), passphrase: '' },
        reason: '',
      },
      { base64: acta, fileName: 'a.pdf', p12, reason: 'x'.repeat(201) },
      { base64: 42, fileName: 'a.pdf', p12, reason: '' },
    ]) {
      const r = await cosign(input);
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
  });

  it('seals with the municipality PKCS#12 when given, and refuses its wrong passphrase before closing', async () => {
    const t2 = tempDir('minka-dispatch-signatures-p12-');
    const c2 = testCore(t2.dir);
    try {
      const { workshopId } = await c2.call('workshop:openDemo', {});
      const muni = makeP12(
        'Municipalidad Distrital de Qollqepata',
        'Municipalidad Distrital de Qollqepata',
        'muni',
      );
      const base = {
        workshopId,
        lang: 'es' as const,
        bilingual: true,
        slips: false,
        passphrase: null,
        confirm: true as const,
      };
      const wrong = await c2.dispatch('minutes:seal', {
        ...base,
        p12: { base64: muni.p12.toString('base64'), passphrase: 'no' },
      });
      expect(wrong).toMatchObject({ ok: false, error: { key: 'signatures.error.p12Passphrase' } });
      // Nothing was sealed: the workshop is still open for the right passphrase.
      const ok = (await c2.dispatch('minutes:seal', {
        ...base,
        p12: { base64: muni.p12.toString('base64'), passphrase: 'muni' },
      })) as Result<Sealed>;
      if (!ok.ok) throw new Error(ok.error.message);
      const r = await c2.call('minutes:verify', { base64: ok.value.pdf.base64 });
      expect(r.verdict).toBe('authentic');
      expect(r.signatures[0]).toMatchObject({
        subject: 'Municipalidad Distrital de Qollqepata',
        certificate: 'minkaSeal',
        identity: 'boundToActa',
      });
      expect(r.payload?.signer.certificate?.source).toBe('p12');
    } finally {
      c2.closeAll();
      t2.cleanup();
    }
  });
});
