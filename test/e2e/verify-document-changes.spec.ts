// The Verify screen for an Acta changed after signing through the page tree or the document
// (adversary finding, fixpdf): a crop inherited from the page-tree root and an XFA form with
// /NeedsRendering each say "altered afterwards" and name what changed, in es and quz.
// Screenshots go to MINKA_SHOTS (or test-results).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { onPagesRoot, withXfa } from '../helpers/pdf-document-attacks';
import { freshDataDir, startHost } from './host';
import { App, sealDemo } from './pages/app';
import { VerifyPage } from './pages/verify';

test('verify: a crop on the page tree and an XFA form added after sealing are named', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const a = freshDataDir();
  const host = await startHost(a.dir);
  try {
    const pdf = await sealDemo(host);
    const crop = join(a.dir, 'acta-recortada.pdf');
    const xfa = join(a.dir, 'acta-xfa.pdf');
    writeFileSync(crop, onPagesRoot(pdf, '/CropBox [0 500 595.28 841.89]'));
    writeFileSync(xfa, withXfa(pdf));
    const app = new App(page, host);
    await app.openVerify();
    const v = new VerifyPage(page);
    for (const lang of ['es', 'quz'] as const) {
      await app.language(lang);
      await v.check(crop, 'alteredAfter');
      await expect(v.revisions).toContainText('CropBox');
      if (lang === 'es') await expect(v.revisions).toContainText('las páginas 1–');
      await v.revisions.scrollIntoViewIfNeeded();
      await app.screenshot(`verify-pagetree-crop-${lang}`);
      await v.check(xfa, 'alteredAfter');
      await expect(v.verdict).toContainText(/NeedsRendering, XFA|XFA, NeedsRendering/);
      if (lang === 'es')
        await expect(v.revisions).toContainText('Después se cambió el documento: XFA');
      await v.showVerdict();
      await app.screenshot(`verify-xfa-${lang}`);
    }
  } finally {
    await host.stop();
    a.cleanup();
  }
});
