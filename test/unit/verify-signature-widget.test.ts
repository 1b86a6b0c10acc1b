// A signature field added after the seal counts as "a digital signature added afterwards" only
// when it cannot change what a reader sees. The attack this closes: an incremental update adds
// a signature field whose widget covers page 1 with an appearance painting other figures
// ("Budget envelope: S/ 9,850,000.00"), optionally co-signed afterwards; `minka verify` said
// AUTHENTIC while pdfsig said the seal no longer covers the whole document.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosignPdf } from '../../electron/minutes/cosign';
import { addPadesSignature, p12Signer } from '../../electron/minutes/pades';
import {
  isInvisibleSignatureWidget,
  PdfDoc,
  scanObjects,
} from '../../electron/minutes/pdf-objects';
import { verifyMinutesPdf } from '../../electron/minutes/verify';
import { runCli } from '../helpers/cli';
import { seal, votedDb } from '../helpers/minutes-fixture';
import { cosignWithOpenssl, makeP12, type TestCert } from '../helpers/pades';
import { addSignatureField, redrawFirstSignatureWidget } from '../helpers/pdf-update';
import { tempDir } from '../helpers/tmp';

const FAKE =
  'q 1 1 1 rg 40 560 520 150 re f Q BT /Hv 22 Tf 0 0 0 rg 50 680 Td (Budget envelope: S/ 9,850,000.00) Tj ET';
const STAMP = 'q 0 0 1 RG 2 w 1 1 198 58 re S Q BT /Helv 9 Tf 5 40 Td (Firmado digitalmente) Tj ET';

const t = tempDir('minka-sigwidget-');
let pdf: Buffer = Buffer.alloc(0);
let rosa: TestCert;
const PASS = 'clave';

/** pdfsig's lines "- Total document signed" / "- Not total document signed", in order. */
function pdfsigCoverage(file: Buffer, name: string): string {
  const path = join(t.dir, name);
  writeFileSync(path, file);
  try {
    return execFileSync('pdfsig', [path], { encoding: 'latin1' });
  } catch (e) {
    return String((e as { stdout?: string }).stdout ?? '');
  }
}

beforeAll(async () => {
  const db = votedDb(t.dir);
  pdf = await seal(db, t.dir);
  db.close();
  rosa = makeP12('Rosa Quispe', 'Prueba', PASS);
}, 120_000);
afterAll(() => t.cleanup());

describe('a signature field added after the seal (overlay attack)', () => {
  it('a signature widget painting over page 1 is "altered afterwards", naming the page; pdfsig agrees', async () => {
    const overlay = addSignatureField(pdf, 1, {
      rect: [0, 0, 595, 842],
      flags: 4,
      appearance: FAKE,
    });
    const r = await verifyMinutesPdf(overlay);
    expect(r.verdict).toBe('alteredAfter');
    expect(r.ok).toBe(false);
    expect(r.changedPages).toEqual([1]);
    expect(r.revisions).toContainEqual({
      kind: 'visibleSignature',
      page: 1,
      subject: 'Signature9',
    });
    expect(r.revisions).toContainEqual({
      kind: 'unsignedSignature',
      page: 1,
      subject: 'Signature9',
    });
    const file = join(t.dir, 'overlay.pdf');
    writeFileSync(file, overlay);
    const cli = await runCli(['verify', file, '--data', t.dir], 'en');
    expect(cli.code).toBe(1);
    expect(cli.err).toContain('AUTHENTIC MINUTES, ALTERED AFTERWARDS');
    expect(cli.out + cli.err).toContain('A visible signature mark was added later on page 1');
    expect(cli.out + cli.err).toContain('An empty (unsigned) signature field was added later.');
    // pdfsig: the seal's signature no longer covers the whole document, the field is unsigned.
    const text = pdfsigCoverage(overlay, 'overlay-pdfsig.pdf');
    expect(text).toContain('Not total document signed');
    expect(text).not.toContain('- Total document signed');
    // Minka refuses to lend a co-signature to it.
    await expect(
      cosignPdf({
        pdf: overlay,
        p12: rosa.p12,
        passphrase: PASS,
        reason: '',
        now: new Date(),
      }),
    ).rejects.toThrow();
  });

  it('the overlay co-signed afterwards (PAdES by Minka or OpenSSL) is still not authentic', async () => {
    const overlay = addSignatureField(pdf, 1, {
      rect: [0, 0, 595, 842],
      flags: 4,
      appearance: FAKE,
    });
    const byMinka = await addPadesSignature(overlay, p12Signer(rosa.p12, PASS), {
      reason: 'Conformidad',
      location: '',
      signingTime: new Date('2026-05-20T15:00:00Z'),
    });
    const byOpenssl = cosignWithOpenssl(overlay, rosa, 'ROSA');
    for (const signed of [byMinka, byOpenssl]) {
      const r = await verifyMinutesPdf(signed);
      expect(r.verdict).toBe('alteredAfter');
      expect(r.changedPages).toEqual([1]);
      expect(r.revisions).toContainEqual({
        kind: 'visibleSignature',
        page: 1,
        subject: 'Signature9',
      });
      expect(r.signatures.every((s) => s.valid)).toBe(true);
    }
    // pdfsig agrees that the seal's signature does not cover what was added.
    expect(pdfsigCoverage(byMinka, 'overlay-cosigned.pdf')).toContain('Not total document signed');
  });

  it('a signed signature drawn as a visible stamp (as ReFirma draws one) is reported, not authentic', async () => {
    const stamped = redrawFirstSignatureWidget(pdf, {
      rect: [350, 40, 550, 100],
      flags: 4,
      appearance: STAMP,
    });
    const r = await verifyMinutesPdf(stamped);
    expect(r.verdict).toBe('alteredAfter');
    expect(r.changedPages).toEqual([1]);
    expect(r.revisions.map((x) => x.kind)).toEqual(['visibleSignature']);
    expect(r.revisions[0]?.page).toBe(1);
    // Co-signed on top of it by Minka (the refusal bypassed), still reported.
    const cosigned = await addPadesSignature(stamped, p12Signer(rosa.p12, PASS), {
      reason: 'Conformidad',
      location: '',
      signingTime: new Date('2026-05-20T15:00:00Z'),
    });
    expect((await verifyMinutesPdf(cosigned)).verdict).toBe('alteredAfter');
  });

  it('an appearance on a zero-area or hidden widget counts only when it paints nothing', async () => {
    // Zero area, or hidden / no-view with a non-zero Rect, and a blank appearance: invisible.
    for (const o of [
      { rect: [0, 0, 0, 0] as [number, number, number, number], flags: 4, appearance: '% DSBlank' },
      { rect: [100, 100, 300, 200] as [number, number, number, number], flags: 6, appearance: '' },
      {
        rect: [100, 100, 300, 200] as [number, number, number, number],
        flags: 36,
        appearance: 'q Q',
      },
    ]) {
      const r = await verifyMinutesPdf(redrawFirstSignatureWidget(pdf, o));
      expect(r.verdict, JSON.stringify(o)).toBe('authentic');
      expect(r.changedPages).toEqual([]);
    }
    // Visible area, or an appearance that paints: not invisible.
    for (const o of [
      { rect: [100, 100, 300, 200] as [number, number, number, number], flags: 4, appearance: '' },
      { rect: [0, 0, 0, 0] as [number, number, number, number], flags: 4, appearance: STAMP },
      {
        rect: [100, 100, 300, 200] as [number, number, number, number],
        flags: 2,
        appearance: STAMP,
      },
    ]) {
      const r = await verifyMinutesPdf(redrawFirstSignatureWidget(pdf, o));
      expect(r.verdict, JSON.stringify(o)).toBe('alteredAfter');
      expect(r.revisions, JSON.stringify(o)).toContainEqual(
        expect.objectContaining({ kind: 'visibleSignature', page: 1 }),
      );
    }
  });

  it('an unsigned signature field added after the seal is reported even when invisible', async () => {
    const empty = addSignatureField(pdf, 1, { rect: [0, 0, 0, 0], flags: 4 });
    const r = await verifyMinutesPdf(empty);
    expect(r.verdict).toBe('alteredAfter');
    expect(r.changedPages).toEqual([]);
    expect(r.revisions).toEqual([{ kind: 'unsignedSignature', page: 1, subject: 'Signature9' }]);
  });

  it("Minka's own co-signature and the OpenSSL one are invisible widgets and keep the Acta authentic", async () => {
    const { pdf: cosigned, result } = await cosignPdf({
      pdf,
      p12: rosa.p12,
      passphrase: PASS,
      reason: 'Conformidad',
      now: new Date('2026-05-20T15:00:00Z'),
    });
    expect(result.verdict).toBe('authentic');
    const twice = cosignWithOpenssl(cosigned, makeP12('Pedro', 'Prueba', 'p'), 'PEDRO');
    expect((await verifyMinutesPdf(twice)).verdict).toBe('authentic');
    // Every signature widget in the file (the seal's, Minka's co-signature, OpenSSL's) is one
    // that shows nothing: /Rect [0 0 0 0], no appearance.
    const doc = new PdfDoc(scanObjects(twice, Date.now() + 20_000));
    const widgets = [...doc.o.objects.values()]
      .map((v) => doc.dict(v))
      .filter((d) => (d?.get('FT') as { v?: string } | undefined)?.v === 'Sig');
    expect(widgets.length).toBe(3);
    for (const w of widgets) expect(isInvisibleSignatureWidget(doc, w)).toBe(true);
  });
});
