// Actas sealed by earlier builds (test/fixtures/acta/README.md), verified by this one. An Acta
// is checked page by page only when this build can redraw its layout (layouts 4 to 7);
// otherwise the verdict is "cannot check the pages", never "authentic" and never "tampered".
// The key's holder who alters a page and re-signs is refused by the redraw: each fixture is
// altered that way below. Layout 4's differences are named in electron/minutes/pdf/minutes-layouts.ts.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOrCreateKey } from '../../electron/platform/crypto/keys';
import { appendDocumentSignature } from '../../electron/platform/crypto/sign';
import { DRAWN_LAYOUTS } from '../../electron/minutes/pdf/minutes';
import { verifyMinutesPdf } from '../../electron/minutes/verify';
import { MINUTES_LAYOUT, MinutesPayload } from '../../shared/minutes/payload';
import { editVisibleText } from '../helpers/pdf-tamper';
import { tempDir } from '../helpers/tmp';

const FIXTURES = join(__dirname, '../fixtures/acta');
const t = tempDir('minka-older-layouts-');
afterAll(() => t.cleanup());

/** The fixture's key, as its holder has it (a data folder with the key file). */
function holderKey(folder: string) {
  const dir = join(t.dir, folder);
  mkdirSync(join(dir, 'keys'), { recursive: true });
  copyFileSync(
    join(FIXTURES, folder, 'facilitator-key.json'),
    join(dir, 'keys', 'facilitator-key.json'),
  );
  return loadOrCreateKey(dir, new Date('2026-05-16T22:40:00Z'), null);
}

/** Minka's sealed bytes with one visible figure changed, signed again with the real key. */
function alteredAndResigned(
  folder: string,
  pdf: Buffer,
  [from, to]: [string, string] = ['52', '53'],
): Buffer {
  const key = holderKey(folder);
  const body = pdf.subarray(0, pdf.lastIndexOf('%MINKA-SIGNATURE'));
  const edited = editVisibleText(body, from, to);
  if (!edited) throw new Error('no visible text to edit');
  return appendDocumentSignature(edited, key.privateKey, key.publicKeyB64);
}

describe('an Acta sealed under layout 4 (b8e76cc)', () => {
  const pdf = readFileSync(join(FIXTURES, 'layout4', 'acta.pdf'));

  it('verifies authentic, its pages redrawn by this build and compared byte for byte', async () => {
    expect(MINUTES_LAYOUT).toBeGreaterThan(4);
    expect(DRAWN_LAYOUTS).toContain(4);
    const r = await verifyMinutesPdf(pdf);
    expect(r.payload?.render?.layout).toBe(4);
    expect(r.verdict).toBe('authentic');
    expect(r.ok).toBe(true);
    expect(r.checks.find((c) => c.id === 'rendering')).toMatchObject({
      ok: true,
      key: 'minutes.check.renderOk',
    });
    for (const id of ['payloadHash', 'payloadSignature', 'documentSignature'] as const)
      expect(r.checks.find((c) => c.id === id)?.ok, id).toBe(true);
    expect(r.payload?.signer.publicKey).toBe(holderKey('layout4').publicKeyB64);
  });

  it("is drawn with its own wording, dates and quorum block, not today's", () => {
    const file = join(t.dir, 'layout4.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('14 de mayo de 2026');
    expect(text).toContain('desempate: por código');
    expect(text).toContain('cédulas: 23.');
    expect(text).toContain('(escala 0–10)');
    expect(text).not.toContain('Regla de quórum');
  });

  it('a figure altered and re-signed with its key is refused: the redraw differs', async () => {
    const r = await verifyMinutesPdf(alteredAndResigned('layout4', pdf));
    expect(r.verdict).toBe('tampered');
    expect(r.ok).toBe(false);
    for (const id of ['payloadHash', 'payloadSignature', 'documentSignature'] as const)
      expect(r.checks.find((c) => c.id === id)?.ok, id).toBe(true);
    expect(r.checks.find((c) => c.id === 'rendering')).toMatchObject({
      ok: false,
      key: 'minutes.check.renderBad',
    });
  });

  it('a wording of the old layout altered and re-signed is refused too (cédulas → votos)', async () => {
    const r = await verifyMinutesPdf(alteredAndResigned('layout4', pdf, ['cédulas', 'votosxx']));
    expect(r.verdict).toBe('tampered');
    expect(r.checks.find((c) => c.id === 'rendering')?.ok).toBe(false);
  });
});

// The same build's Actas of the shapes the demo does not have: the sector split (the method line
// said 'voraz', no column of what did not fit) and venue laptops (the device page without the
// slip column), with an addendum. Each trait of layout 4 is drawn by one of the three fixtures.
describe.each([
  ['layout4-split', 'acta.pdf', ['290', '299']],
  ['layout4-venues', 'acta.pdf', ['52', '53']],
  ['layout4-venues', 'addendum-2.pdf', ['2026', '2027']],
] as const)('%s/%s, sealed under layout 4', (folder, file, edit) => {
  const pdf = readFileSync(join(FIXTURES, folder, file));

  it('verifies authentic, pages redrawn and compared', async () => {
    const r = await verifyMinutesPdf(pdf);
    expect(r.payload?.render?.layout).toBe(4);
    expect(r.verdict).toBe('authentic');
    expect(r.checks.find((c) => c.id === 'rendering')).toMatchObject({ ok: true });
  });

  it('altered and re-signed with its key is refused by the redraw', async () => {
    const r = await verifyMinutesPdf(alteredAndResigned(folder, pdf, [...edit]));
    expect(r.verdict).toBe('tampered');
    expect(r.checks.find((c) => c.id === 'payloadSignature')?.ok).toBe(true);
    expect(r.checks.find((c) => c.id === 'rendering')?.ok).toBe(false);
  });
});

describe('an Acta sealed by the first layout-5 build (755469e)', () => {
  const pdf = readFileSync(join(FIXTURES, 'layout5-755469e', 'acta.pdf'));

  // Known gap, kept visible: after the bump to 5, the Acta's wording changed without another
  // bump (551f6e6 tie-break names and 'votos' for 'cédulas', 9add7e0 'escala de 0 a 10', the
  // quorum lines of the official round), so this build redraws a layout-5 payload otherwise
  // than that build did and the verdict is "tampered" for an untouched Acta. When the redraw
  // keeps each wording behind the layout number, this test fails: turn `it.fails` into `it`.
  it.fails('the untouched Acta verifies authentic, pages checked', async () => {
    const r = await verifyMinutesPdf(pdf);
    expect(r.payload?.render?.layout).toBe(5);
    expect(r.verdict).toBe('authentic');
  });

  it('today: the same untouched Acta, whose signatures hold, is called tampered by the page comparison alone', async () => {
    const r = await verifyMinutesPdf(pdf);
    expect(r.verdict).toBe('tampered');
    expect(r.checks.filter((c) => !c.ok).map((c) => c.key)).toEqual(['minutes.check.renderBad']);
  });
});

// The build that landed (stop 25, 002adcf) is the layout-5 Acta people hold; 755469e above was
// an intermediate commit of the same stop that never shipped. Every later change to the Acta's
// drawing must keep this one redrawn byte for byte, or bump the layout and keep 5's drawing.
describe('an Acta sealed by the landed layout-5 build (002adcf)', () => {
  const pdf = readFileSync(join(FIXTURES, 'layout5-002adcf', 'acta.pdf'));

  it('verifies authentic, pages redrawn and compared', async () => {
    const r = await verifyMinutesPdf(pdf);
    expect(r.payload?.render?.layout).toBe(5);
    expect(r.verdict).toBe('authentic');
    expect(r.checks.find((c) => c.id === 'rendering')).toMatchObject({ ok: true });
  });

  it('a figure altered and re-signed with the real key is refused', async () => {
    const r = await verifyMinutesPdf(alteredAndResigned('layout5-002adcf', pdf));
    expect(r.verdict).not.toBe('authentic');
    expect(r.ok).toBe(false);
    expect(r.checks.find((c) => c.id === 'rendering')?.ok).toBe(false);
  });
});

// Layout 6 (main at 4ef4d28, before the bump to 7 for kits never merged back): redrawn byte for byte.
describe('an Acta sealed by the last layout-6 build (4ef4d28)', () => {
  const pdf = readFileSync(join(FIXTURES, 'layout6-4ef4d28', 'acta.pdf'));

  it('verifies authentic, pages redrawn and compared', async () => {
    const r = await verifyMinutesPdf(pdf);
    expect(r.payload?.render?.layout).toBe(6);
    expect(r.verdict).toBe('authentic');
    expect(r.checks.find((c) => c.id === 'rendering')).toMatchObject({ ok: true });
  });

  it('a figure altered and re-signed with the real key is refused', async () => {
    const r = await verifyMinutesPdf(alteredAndResigned('layout6-4ef4d28', pdf));
    expect(r.verdict).not.toBe('authentic');
    expect(r.ok).toBe(false);
    expect(r.checks.find((c) => c.id === 'rendering')?.ok).toBe(false);
  });
});

// Layout 7 (main at 87b9304, the released build of stop 27, before the bump to 8): a venue
// workshop that draws layout 7's additions (a proposal changed after the close, a kit never
// merged back, a counts ruling that moved the result) and the doubled stop after a typed reason.
describe('an Acta sealed by the released layout-7 build (87b9304)', () => {
  const pdf = readFileSync(join(FIXTURES, 'layout7-87b9304', 'acta.pdf'));

  it('verifies authentic, pages redrawn and compared', async () => {
    const r = await verifyMinutesPdf(pdf);
    expect(r.payload?.render?.layout).toBe(7);
    const p = MinutesPayload.parse(r.payload);
    expect(p.unreturnedKits?.length).toBe(1);
    expect(p.basis?.proposalChanges?.length).toBeGreaterThan(0);
    expect(p.conflicts?.some((c) => c.reapplied)).toBe(true);
    expect(r.verdict).toBe('authentic');
    expect(r.checks.find((c) => c.id === 'rendering')).toMatchObject({ ok: true });
  });

  it('is drawn as layout 7 drew it: the doubled stop after the typed reason, no device role', () => {
    const file = join(t.dir, 'layout7.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Se corrigió el monto..');
    expect(text).toContain('kit emitido, nunca devuelto');
    expect(text).not.toContain('Solo puerta');
  });

  it('a figure altered and re-signed with the real key is refused', async () => {
    const r = await verifyMinutesPdf(
      alteredAndResigned('layout7-87b9304', pdf, ['200,000.00', '900,000.00']),
    );
    expect(r.verdict).toBe('tampered');
    expect(r.ok).toBe(false);
    expect(r.checks.find((c) => c.id === 'payloadSignature')?.ok).toBe(true);
    expect(r.checks.find((c) => c.id === 'rendering')?.ok).toBe(false);
  });

  it("layout 7's kit line altered and re-signed is refused too (nunca → luego)", async () => {
    const r = await verifyMinutesPdf(
      alteredAndResigned('layout7-87b9304', pdf, ['nunca devuelto', 'luego devuelto']),
    );
    expect(r.verdict).toBe('tampered');
    expect(r.checks.find((c) => c.id === 'rendering')?.ok).toBe(false);
  });
});
