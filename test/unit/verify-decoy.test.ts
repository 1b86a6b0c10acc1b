// A decoy after the last update (adversary finding, fix-f3): an incremental update redefines a
// page (or the QR form every page places) and its xref points at the new object, which viewers
// show; then a byte copy of the original object is appended outside any xref. A reader that
// keeps the last "N 0 obj" in the file compares the copy and says "authentic". Objects are read
// through the xref chain, and object bytes after the signature that no xref points at are
// reported: "altered afterwards".
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyMinutesPdf } from '../../electron/minutes/verify';
import { PdfDoc, scanObjects } from '../../electron/minutes/pdf-objects';
import { seal, votedDb } from '../helpers/minutes-fixture';
import { addOverlay, appendUpdate, replaceQrForm } from '../helpers/pdf-update';
import { cosignWithOpenssl, makeP12 } from '../helpers/pades';
import { tempDir } from '../helpers/tmp';

/** The exact bytes of object n as the sealed file defines it ("n 0 obj … endobj"). */
function objectBytes(pdf: Buffer, n: number): Buffer {
  const o = scanObjects(pdf, Date.now() + 10_000);
  const at = o.offsets.get(n);
  if (at === undefined) throw new Error(`object ${n} not found`);
  const end = pdf.indexOf('endobj', at, 'latin1');
  return pdf.subarray(at, end + 'endobj'.length);
}

/** The decoy: the original object's bytes appended after everything, in no xref section. */
function withDecoy(attacked: Buffer, original: Buffer, n: number): Buffer {
  return Buffer.concat([attacked, Buffer.from('\n'), objectBytes(original, n), Buffer.from('\n')]);
}

function qrFormNumber(pdf: Buffer): number {
  const m = /(?:^|\n)(\d+) 0 obj\s*<<[^>]*\/Subtype \/Form[^>]*\/BBox \[0 0 1 1\]/.exec(
    pdf.toString('latin1'),
  );
  if (!m?.[1]) throw new Error('no QR form');
  return Number(m[1]);
}

describe('a decoy copy of a sealed object after the last update', () => {
  const t = tempDir('minka-decoy-');
  let pdf: Buffer = Buffer.alloc(0);
  let page2 = 0;
  beforeAll(async () => {
    const db = votedDb(t.dir);
    pdf = await seal(db, t.dir);
    db.close();
    page2 = new PdfDoc(scanObjects(pdf, Date.now() + 10_000)).pages()[1]?.n ?? 0;
  }, 120_000);
  afterAll(() => t.cleanup());

  it('the sealed file itself and a real co-signature stay authentic', async () => {
    expect((await verifyMinutesPdf(pdf)).verdict).toBe('authentic');
    const juan = makeP12('JUAN PEREZ QUISPE', 'Prueba', 'x');
    const r = await verifyMinutesPdf(cosignWithOpenssl(pdf, juan, 'JUAN PEREZ QUISPE'));
    expect(r.verdict).toBe('authentic');
    expect(r.revisions).toEqual([{ kind: 'signature', page: null, subject: 'JUAN PEREZ QUISPE' }]);
  });

  it('a page redrawn in an update, the original page copied after it: altered afterwards, page 2', async () => {
    const attacked = withDecoy(addOverlay(pdf, 2), pdf, page2);
    // What a viewer shows is the update's page (the xref's object), not the copy.
    const file = join(t.dir, 'decoy-page.pdf');
    writeFileSync(file, attacked);
    const seen = new PdfDoc(scanObjects(attacked, Date.now() + 10_000));
    expect(seen.o.xref).toBe(true);
    expect(seen.o.unreachable.some((at) => at >= pdf.length)).toBe(true);
    // qpdf (which follows the xref like viewers) sees the overlay's content on page 2.
    // (exit 3: warnings about the appended bytes; the object is still shown)
    const shown = spawnSync('qpdf', [`--show-object=${page2}`, file], { encoding: 'utf8' });
    expect(shown.stdout).toMatch(/\/Contents \[/);
    const r = await verifyMinutesPdf(attacked);
    expect(r.verdict).toBe('alteredAfter');
    expect(r.ok).toBe(false);
    expect(r.changedPages).toEqual([2]);
    expect(r.revisions).toContainEqual({ kind: 'pageContent', page: 2, subject: '' });
    expect(r.revisions).toContainEqual({ kind: 'other', page: null, subject: '' });
  });

  it('the QR form replaced on every page, the original form copied after it: altered afterwards', async () => {
    const qr = qrFormNumber(pdf);
    const attacked = withDecoy(replaceQrForm(pdf), pdf, qr);
    const r = await verifyMinutesPdf(attacked);
    expect(r.verdict).toBe('alteredAfter');
    const pages = new PdfDoc(scanObjects(pdf, Date.now() + 10_000)).pages().length;
    expect(r.changedPages).toEqual(Array.from({ length: pages }, (_x, i) => i + 1));
  });

  it('a decoy alone (object bytes in no xref section, nothing else changed) is named, not ignored', async () => {
    const r = await verifyMinutesPdf(withDecoy(pdf, pdf, page2));
    expect(r.verdict).not.toBe('authentic');
    expect(r.revisions).toContainEqual({ kind: 'other', page: null, subject: '' });
  });

  it('the decoy placed between the signed revision and the update: still altered afterwards', async () => {
    const decoyFirst = Buffer.concat([pdf, Buffer.from('\n'), objectBytes(pdf, page2)]);
    const attacked = addOverlay(decoyFirst, 2);
    const r = await verifyMinutesPdf(attacked);
    expect(r.verdict).toBe('alteredAfter');
    expect(r.changedPages).toEqual([2]);
  });

  it('the adversary signing the forged file afterwards does not make it authentic', async () => {
    const x = makeP12('X', 'Prueba', 'x');
    const page = withDecoy(addOverlay(pdf, 2), pdf, page2);
    const r = await verifyMinutesPdf(cosignWithOpenssl(page, x, 'X'));
    expect(r.verdict).not.toBe('authentic');
    expect(r.ok).toBe(false);
    const qr = withDecoy(replaceQrForm(pdf), pdf, qrFormNumber(pdf));
    const q = await verifyMinutesPdf(cosignWithOpenssl(qr, x, 'X'));
    expect(q.verdict).not.toBe('authentic');
    expect(q.ok).toBe(false);
  });

  it('an object redefined by two xref-listed updates is an ordinary later revision', async () => {
    // Two updates both redefine page 2 (the second restores the original drawing), each in
    // its own xref section: nothing unreachable, the page compares equal, only "other" bytes
    // Minka cannot name would make it differ; the newest definition is the one compared.
    const s = pdf.toString('latin1');
    const size = Number(/\/Size (\d+)/.exec(s.slice(s.lastIndexOf('trailer')))?.[1]);
    const root = Number(/\/Root (\d+) 0 R/.exec(s.slice(s.lastIndexOf('trailer')))?.[1]);
    const once = addOverlay(pdf, 2);
    const prev = Number([...once.toString('latin1').matchAll(/startxref\s+(\d+)/g)].at(-1)?.[1]);
    const body = objectBytes(pdf, page2)
      .toString('latin1')
      .replace(/^\d+ 0 obj\s*/, '')
      .replace(/\s*endobj$/, '');
    const restored = appendUpdate(once, new Map([[page2, body]]), size + 1, root, prev);
    const seen = new PdfDoc(scanObjects(restored, Date.now() + 10_000));
    expect(seen.o.xref).toBe(true);
    expect(seen.o.unreachable.filter((at) => at >= pdf.length)).toEqual([]);
    const r = await verifyMinutesPdf(restored);
    expect(r.changedPages).toEqual([]);
  });
});
