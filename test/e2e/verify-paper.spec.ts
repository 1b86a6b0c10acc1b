// The Verify screen for a person holding a paper copy (issue 15): they type the first two
// groups of the fingerprint from their paper, open a PDF, and read in large type whether it
// is the file they hold, whether its key is known, and what was done to it afterwards.
// Screenshots of each case in es and quz go to MINKA_SHOTS (or test-results).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { addAnnotation } from '../helpers/pdf-update';
import { cosignWithOpenssl, makeP12 } from '../helpers/pades';
import { freshDataDir, startHost } from './host';
import { App, sealDemo } from './pages/app';
import { VerifyPage } from './pages/verify';

test('verify: the paper fingerprint prompt, a matching and a non-matching entry; new key, re-saved, altered afterwards, in es and quz', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const a = freshDataDir();
  const b = freshDataDir();
  const hostA = await startHost(a.dir);
  const hostB = await startHost(b.dir);
  try {
    const pdf = await sealDemo(hostA);
    // The same demo sealed on another computer, with another key.
    const other = await sealDemo(hostB);
    await hostB.stop();
    const files = {
      authentic: join(a.dir, 'acta.pdf'),
      newKey: join(a.dir, 'acta-otra-clave.pdf'),
      resaved: join(a.dir, 'acta-guardada-de-nuevo.pdf'),
      altered: join(a.dir, 'acta-anotada.pdf'),
    };
    // An official's digital signature appended: still authentic, and listed.
    writeFileSync(
      files.authentic,
      cosignWithOpenssl(pdf, makeP12('JUAN PEREZ QUISPE', 'Prueba', 'x'), 'JUAN PEREZ QUISPE'),
    );
    writeFileSync(files.newKey, other);
    writeFileSync(files.altered, addAnnotation(pdf, 2, 'S/ 9,999,999'));
    try {
      execFileSync('qpdf', ['--object-streams=generate', files.authentic, files.resaved], {
        stdio: 'ignore',
      });
    } catch (e) {
      // qpdf exits 3 on warnings and still writes the file.
      if ((e as { status?: number }).status !== 3) throw e;
    }
    const fp = (
      await hostA.api<{ fingerprint: string }>('minutes:verify', { base64: pdf.toString('base64') })
    ).fingerprint;
    const [g1, g2, g3, g4] = fp.split('-');

    const app = new App(page, hostA);
    await app.openVerify();
    const v = new VerifyPage(page);
    for (const lang of ['es', 'quz'] as const) {
      await app.language(lang);
      // Two groups match but are not proof (2^32 tries forge them): a weak match, said so.
      await v.paper.fill(`${g1}-${g2}`);
      await v.file.setInputFiles(files.authentic);
      await expect(v.verdict).toHaveAttribute('data-verdict', 'authentic');
      await expect(v.paperAnswer).toHaveAttribute('data-match', 'weak');
      if (lang === 'es') await expect(v.paperAnswer).toContainText('SOLO EN 8 DE 16 DÍGITOS');
      await v.paperAnswer.scrollIntoViewIfNeeded();
      await app.screenshot(`verify-paper-weak-${lang}`);
      // Typed as from paper: lower case, spaces instead of the dashes.
      await v.paper.fill([g1, g2, g3, g4].map((g) => g?.toLowerCase()).join(' '));
      await expect(v.paperAnswer).toHaveAttribute('data-match', 'yes');
      await expect(v.keyAnswer).toHaveAttribute('data-status', 'own');
      // The official's signature is listed once, with the signatures, not again as an addition.
      await expect(v.signatures.filter({ hasText: 'JUAN PEREZ QUISPE' })).toHaveCount(1);
      await expect(v.revisions).toHaveCount(0);
      await expect(v.pagesCheck).toHaveAttribute('data-tone', 'pass');
      // An official's signature was appended: described as such, never "no byte changed".
      await expect(v.docSigCheck).toHaveAttribute('data-tone', 'pass');
      if (lang === 'es')
        await expect(v.docSigCheck).toContainText(
          'válida para lo que Minka selló: ninguno de esos bytes cambió. Después solo se añadieron firmas digitales (1)',
        );
      await v.signaturesPanel.scrollIntoViewIfNeeded();
      await app.screenshot(`verify-cosigned-once-${lang}`);
      if (lang === 'es')
        await expect(v.paperAnswer).toContainText('SÍ: ES EL ACTA QUE USTED TIENE EN PAPEL');
      await v.showVerdict();
      await app.screenshot(`verify-authentic-paper-${lang}`);

      // A wrong entry: two other groups.
      await v.paper.fill('0000-1111');
      await expect(v.paperAnswer).toHaveAttribute('data-match', 'no');
      // The headline says it first: the intact file is not the Acta on the paper (adv27).
      await expect(v.verdict).toHaveAttribute('data-expectation', 'notPaper');
      if (lang === 'es') await expect(v.verdict).toContainText('NO ES EL ACTA DE SU PAPEL');
      await expect(v.verdict.locator('.word')).not.toContainText(
        lang === 'es' ? 'AUTÉNTICA' : 'CHIQAQ',
      );
      if (lang === 'es')
        await expect(v.paperAnswer).toContainText(
          'NO: ESTE ARCHIVO NO ES EL ACTA QUE USTED TIENE EN PAPEL',
        );
      await v.showVerdict();
      await app.screenshot(`verify-paper-mismatch-${lang}`);

      // The same workshop signed on another computer: a different key, in large type.
      await v.paper.fill(fp);
      await v.file.setInputFiles(files.newKey);
      await expect(v.verdict).toHaveAttribute('data-verdict', 'authentic');
      await expect(v.keyAnswer).toHaveAttribute('data-status', 'different');
      await expect(v.paperAnswer).toHaveAttribute('data-match', 'no');
      if (lang === 'es') await expect(v.keyAnswer).toContainText('CLAVE DISTINTA');
      await v.showVerdict();
      await app.screenshot(`verify-new-key-${lang}`);

      await v.file.setInputFiles(files.resaved);
      await expect(v.verdict).toHaveAttribute('data-verdict', 'resaved');
      await expect(v.paperAnswer).toHaveAttribute('data-match', 'yes');
      await v.showVerdict();
      await app.screenshot(`verify-resaved-${lang}`);

      await v.file.setInputFiles(files.altered);
      await expect(v.verdict).toHaveAttribute('data-verdict', 'alteredAfter');
      if (lang === 'es') await expect(v.revisions).toContainText('anotación en la página 2');
      // The pages Minka signed are identical, but beside this verdict that is no green tick.
      await expect(v.pagesCheck).toHaveAttribute('data-tone', 'note');
      await expect(v.pagesCheck).not.toContainText('✓');
      // Nor on the document signature, which holds over what Minka sealed only.
      await expect(v.docSigCheck).toHaveAttribute('data-tone', 'note');
      await expect(v.docSigCheck).not.toContainText('✓');
      if (lang === 'es') await expect(v.docSigCheck).not.toContainText('ningún byte cambió');
      await v.pagesCheck.scrollIntoViewIfNeeded();
      await app.screenshot(`verify-altered-checks-${lang}`);
      await v.showVerdict();
      await app.screenshot(`verify-altered-after-${lang}`);
    }
    // Trusting the other computer's key from its Acta: known from then on.
    await app.language('es');
    await v.file.setInputFiles(files.newKey);
    await expect(v.keyAnswer).toHaveAttribute('data-status', 'different');
    await page.getByTestId('trust-key').click();
    await expect(v.keyAnswer).toHaveAttribute('data-status', 'known');
    await v.file.setInputFiles(files.authentic);
    await expect(v.keyAnswer).toHaveAttribute('data-status', 'own');
    await v.file.setInputFiles(files.newKey);
    await expect(v.keyAnswer).toHaveAttribute('data-status', 'known');
    await expect(v.keyAnswer).toContainText('acta-otra-clave.pdf');
  } finally {
    await hostA.stop();
    a.cleanup();
    b.cleanup();
  }
});
