// A sealed Acta changed after signing through the page tree or the document, not the pages'
// own dictionaries (adversary finding, fixpdf): the page comparison skipped /Parent, so what a
// page inherits (CropBox, Rotate, MediaBox on a page-tree node; ISO 32000-1 §7.7.3.4), the
// tree's shape and document-level entries (XFA with NeedsRendering, OpenAction, JavaScript,
// PageLabels, the Info /Title every Acta shows as its window title) were never compared, and
// each of these files verified "authentic". Each attack here is also signed afterwards with
// the facilitator's real PAdES certificate (the key holder "sealing" the altered file), and
// applied inside the signed revision and re-signed with the real Minka key. Genuine files (as
// sealed, co-signed by an official, re-saved by qpdf) stay accepted.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyMinutesPdf } from '../../electron/minutes/verify';
import { decodeText, PdfDoc, PStr, scanObjects } from '../../electron/minutes/pdf-objects';
import { CERT_FILE } from '../../electron/minutes/pades';
import { appendDocumentSignature } from '../../electron/platform/crypto/sign';
import { loadOrCreateKey, type SigningKey } from '../../electron/platform/crypto/keys';
import type { VerifyResult } from '../../shared/minutes/verify-result';
import { runCli } from '../helpers/cli';
import { seal, votedDb } from '../helpers/minutes-fixture';
import { cosignWithOpenssl, makeP12, type TestCert } from '../helpers/pades';
import {
  onCatalog,
  onPagesRoot,
  pageUnderNewNode,
  withJavaScriptName,
  withTitle,
  withXfa,
  withXmp,
} from '../helpers/pdf-document-attacks';
import { tempDir } from '../helpers/tmp';

const deadline = () => Date.now() + 10_000;
const pageObjects = (pdf: Buffer) =>
  new PdfDoc(scanObjects(pdf, deadline())).pages().map((p) => p.n);

/** qpdf's re-save of the file (the whole file rewritten, Minka's signature line dropped). */
function qpdf(dir: string, pdf: Buffer, name: string): Buffer {
  const src = join(dir, `${name}.pdf`);
  const out = join(dir, `${name}-qpdf.pdf`);
  writeFileSync(src, pdf);
  const r = spawnSync('qpdf', [src, out], { encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 3) throw new Error(r.stderr);
  return readFileSync(out);
}

const kinds = (r: VerifyResult) => r.revisions.map((x) => `${x.kind}:${x.subject}`);

describe('changes through the page tree and the document after sealing', () => {
  const t = tempDir('minka-pagetree-');
  let pdf: Buffer = Buffer.alloc(0);
  let all: number[] = [];
  let facilitator: TestCert;
  let key: SigningKey;
  const juan = makeP12('JUAN PEREZ QUISPE', 'Municipalidad', 'x');

  /** Every attack of the adversary, as a function of the file it is applied to. */
  const ATTACKS: [string, (p: Buffer) => Buffer][] = [
    ['CropBox on the page-tree root', (p) => onPagesRoot(p, '/CropBox [0 500 595.28 841.89]')],
    ['Rotate 180 on the page-tree root', (p) => onPagesRoot(p, '/Rotate 180')],
    ['MediaBox on the page-tree root', (p) => onPagesRoot(p, '/MediaBox [0 0 10 10]')],
    [
      'page 2 under a new node with a CropBox',
      (p) => pageUnderNewNode(p, pageObjects(p)[1] ?? 0, '/CropBox [0 0 100 100]'),
    ],
    ['XFA and NeedsRendering', withXfa],
    ['OpenAction JavaScript', (p) => onCatalog(p, '/OpenAction << /S /JavaScript /JS (1) >>')],
    ['JavaScript name', withJavaScriptName],
    ['PageLabels', (p) => onCatalog(p, '/PageLabels << /Nums [0 << /S /D /St 7 >>] >>')],
    ['Info Title', (p) => withTitle(p, 'Acta - resultado oficial: Carretera Tinkiwasi primero')],
    ['optional content', (p) => onCatalog(p, '/OCProperties << /OCGs [] /D << /OFF [] >> >>')],
    ['portfolio', (p) => onCatalog(p, '/Collection << /View /T >>')],
    ['catalog AA', (p) => onCatalog(p, '/AA << /WC << /S /JavaScript /JS (1) >> >>')],
    ['XMP title', (p) => withXmp(p, 'Acta oficial: Carretera Tinkiwasi primero')],
  ];

  beforeAll(async () => {
    const db = votedDb(t.dir);
    pdf = await seal(db, t.dir);
    db.close();
    all = pageObjects(pdf).map((_n, i) => i + 1);
    key = loadOrCreateKey(t.dir, new Date(), null);
    const cert = JSON.parse(readFileSync(join(t.dir, 'keys', CERT_FILE), 'utf8')) as {
      certificate: string;
      privateKey: string;
    };
    facilitator = { p12: Buffer.alloc(0), certPem: cert.certificate, keyPem: cert.privateKey };
  }, 120_000);
  afterAll(() => t.cleanup());

  it('genuine files stay accepted: sealed, co-signed by an official, re-saved by qpdf', async () => {
    expect((await verifyMinutesPdf(pdf)).verdict).toBe('authentic');
    const cosigned = cosignWithOpenssl(pdf, juan, 'JUAN PEREZ QUISPE');
    const c = await verifyMinutesPdf(cosigned);
    expect(c.verdict).toBe('authentic');
    expect(c.revisions).toEqual([{ kind: 'signature', page: null, subject: 'JUAN PEREZ QUISPE' }]);
    const r = await verifyMinutesPdf(qpdf(t.dir, pdf, 'sealed'));
    expect(r.verdict).toBe('resaved');
    expect(r.revisions).toEqual([]);
    expect((await verifyMinutesPdf(qpdf(t.dir, cosigned, 'cosigned'))).verdict).toBe('resaved');
  }, 120_000);

  it('a CropBox on the page-tree root: altered afterwards, every page named', async () => {
    const r = await verifyMinutesPdf(onPagesRoot(pdf, '/CropBox [0 500 595.28 841.89]'));
    expect(r.verdict).toBe('alteredAfter');
    expect(r.ok).toBe(false);
    expect(r.changedPages).toEqual(all);
    expect(r.revisions).toContainEqual({
      kind: 'pageView',
      page: null,
      subject: 'CropBox',
      pages: all,
    });
    expect(kinds(r)).toContain('pageTree:CropBox');
  });

  it('Rotate 180 and a MediaBox on the page-tree root: altered afterwards', async () => {
    const rot = await verifyMinutesPdf(onPagesRoot(pdf, '/Rotate 180'));
    expect(rot.verdict).toBe('alteredAfter');
    expect(rot.changedPages).toEqual(all);
    expect(kinds(rot)).toContain('pageView:Rotate');
    // Every Acta page sets its own MediaBox, which wins over the inherited one: no page is
    // drawn otherwise, but the page tree changed after signing and is named.
    const media = await verifyMinutesPdf(onPagesRoot(pdf, '/MediaBox [0 0 10 10]'));
    expect(media.verdict).toBe('alteredAfter');
    expect(kinds(media)).toContain('pageTree:MediaBox');
  });

  it('one page moved under a new page-tree node with its own CropBox: that page is named', async () => {
    const n = pageObjects(pdf)[1] ?? 0;
    const attacked = pageUnderNewNode(pdf, n, '/CropBox [0 0 100 100]');
    // The page dictionary is the sealed one but for /Parent.
    expect(pageObjects(attacked)).toEqual(pageObjects(pdf));
    const r = await verifyMinutesPdf(attacked);
    expect(r.verdict).toBe('alteredAfter');
    expect(r.changedPages).toEqual([2]);
    expect(r.revisions).toContainEqual({
      kind: 'pageView',
      page: 2,
      subject: 'CropBox',
      pages: [2],
    });
    expect(kinds(r)).toContain('pageTree:CropBox, Kids');
  });

  it('the crop after an official co-signed, and the co-signature after the crop: altered afterwards', async () => {
    const cosigned = cosignWithOpenssl(pdf, juan, 'JUAN PEREZ QUISPE');
    const after = await verifyMinutesPdf(onPagesRoot(cosigned, '/CropBox [0 500 595.28 841.89]'));
    expect(after.verdict).toBe('alteredAfter');
    expect(after.changedPages).toEqual(all);
    const before = await verifyMinutesPdf(
      cosignWithOpenssl(onPagesRoot(pdf, '/CropBox [0 500 595.28 841.89]'), juan, 'JUAN'),
    );
    expect(before.verdict).toBe('alteredAfter');
  });

  it('re-saved by qpdf: a crop is "re-saved and changed" naming the pages; the same boxes stay intact', async () => {
    // The crop, then qpdf (the adversary's acta-cropbox-qpdf).
    const cropThenSave = await verifyMinutesPdf(
      qpdf(t.dir, onPagesRoot(pdf, '/CropBox [0 500 595.28 841.89]'), 'crop'),
    );
    expect(cropThenSave.verdict).toBe('resavedDiffers');
    expect(cropThenSave.changedPages).toEqual(all);
    // qpdf, then the crop on the re-saved file's page-tree root.
    const saved = qpdf(t.dir, pdf, 'plain');
    const saveThenCrop = await verifyMinutesPdf(onPagesRoot(saved, '/CropBox [0 0 100 100]'));
    expect(saveThenCrop.verdict).toBe('resavedDiffers');
    expect(saveThenCrop.changedPages).toEqual(all);
    // A CropBox beyond every page's MediaBox (reduced to it, ISO 32000-1 §14.11.2), inherited,
    // then re-saved: every page shows the same, intact.
    const same = await verifyMinutesPdf(
      qpdf(t.dir, onPagesRoot(pdf, '/CropBox [-10 -10 900 900]'), 'same'),
    );
    expect(same.verdict).toBe('resaved');
    expect(same.changedPages).toEqual([]);
  }, 120_000);

  it('document-level entries that change what a reader shows or runs: altered afterwards, named', async () => {
    const expectNamed = async (attacked: Buffer, ...subjects: string[]) => {
      const r = await verifyMinutesPdf(attacked);
      expect(r.verdict).toBe('alteredAfter');
      expect(r.ok).toBe(false);
      for (const s of subjects) expect(r.revisions.map((x) => x.subject)).toContain(s);
      return r;
    };
    const xfa = await expectNamed(withXfa(pdf), 'XFA', 'NeedsRendering');
    expect(xfa.checks.find((c) => c.id === 'revisions')?.key).toBe(
      'minutes.check.revisionsAlterDocument',
    );
    await expectNamed(onCatalog(pdf, '/OpenAction << /S /JavaScript /JS (1) >>'), 'OpenAction');
    await expectNamed(withJavaScriptName(pdf), 'JavaScript');
    await expectNamed(
      onCatalog(pdf, '/PageLabels << /Nums [0 << /S /D /St 7 >>] >>\n/OpenAction [1 0 R /Fit]'),
      'PageLabels',
      'OpenAction',
    );
    await expectNamed(
      onCatalog(pdf, '/OCProperties << /OCGs [] /D << /OFF [] >> >>'),
      'OCProperties',
    );
    await expectNamed(onCatalog(pdf, '/Collection << /View /T >>'), 'Collection');
    await expectNamed(onCatalog(pdf, '/AA << /WC << /S /JavaScript /JS (1) >> >>'), 'AA');
    // XFA after an official's co-signature too.
    await expectNamed(withXfa(cosignWithOpenssl(pdf, juan, 'JUAN')), 'XFA', 'NeedsRendering');
  });

  it('a changed Info /Title (the window title every Acta asks readers to show): altered afterwards', async () => {
    const r = await verifyMinutesPdf(withTitle(pdf, 'Acta - resultado oficial: otro proyecto'));
    expect(r.verdict).toBe('alteredAfter');
    expect(r.revisions).toContainEqual({ kind: 'info', page: null, subject: 'Title' });
  });

  it('XMP metadata added later: accepted when it shows the sealed title, named when it shows another', async () => {
    const doc = new PdfDoc(scanObjects(pdf, deadline()));
    const title = doc.get(doc.dict(doc.o.objects.get(doc.o.info ?? -1))?.get('Title'));
    expect(title).toBeInstanceOf(PStr);
    const sealedTitle = decodeText((title as PStr).v);
    expect((await verifyMinutesPdf(withXmp(pdf, sealedTitle))).verdict).toBe('authentic');
    const r = await verifyMinutesPdf(withXmp(pdf, 'Acta oficial: Carretera Tinkiwasi primero'));
    expect(r.verdict).toBe('alteredAfter');
    expect(r.revisions).toContainEqual({ kind: 'info', page: null, subject: 'Metadata Title' });
  });

  it('every attack signed afterwards with the facilitator certificate is still not authentic', async () => {
    const wrong: string[] = [];
    for (const [name, attack] of ATTACKS) {
      const r = await verifyMinutesPdf(cosignWithOpenssl(attack(pdf), facilitator, 'Facilitador'));
      if (r.verdict !== 'alteredAfter') wrong.push(`${name}: ${r.verdict}`);
    }
    expect(wrong).toEqual([]);
  }, 300_000);

  it('every attack inside the signed revision, re-signed with the real Minka key: tampered', async () => {
    const body = pdf.subarray(0, pdf.lastIndexOf('%MINKA-SIGNATURE'));
    const wrong: string[] = [];
    for (const [name, attack] of ATTACKS) {
      const resigned = appendDocumentSignature(attack(body), key.privateKey, key.publicKeyB64);
      const r = await verifyMinutesPdf(resigned);
      if (r.verdict !== 'tampered') wrong.push(`${name}: ${r.verdict}`);
      const both = await verifyMinutesPdf(cosignWithOpenssl(resigned, facilitator, 'Facilitador'));
      if (both.verdict !== 'tampered') wrong.push(`${name} + PAdES: ${both.verdict}`);
    }
    expect(wrong).toEqual([]);
  }, 300_000);

  it('minka verify names the change and exits 1', async () => {
    const file = join(t.dir, 'acta-xfa.pdf');
    writeFileSync(file, withXfa(pdf));
    const es = await runCli(['verify', file, '--data', t.dir], 'es');
    expect(es.code).toBe(1);
    expect(es.err).toContain('ACTA AUTÉNTICA, ALTERADA DESPUÉS');
    expect(es.err).toMatch(
      /en lo que un lector muestra o ejecuta: (XFA, NeedsRendering|NeedsRendering, XFA)/,
    );
    expect(es.err).toContain('Después se cambió el documento: XFA');
    const crop = join(t.dir, 'acta-crop.pdf');
    writeFileSync(crop, onPagesRoot(pdf, '/CropBox [0 500 595.28 841.89]'));
    const en = await runCli(['verify', crop, '--data', t.dir], 'en');
    expect(en.code).toBe(1);
    expect(en.err).toContain(`How pages 1–${all.length} are shown`);
  }, 120_000);
});
