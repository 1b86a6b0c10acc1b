import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { App, withHost } from './pages/app';
import { MINUTES_LAYOUT } from '../../shared/minutes/payload';

/** Page objects for the Minutes and Verify screens. */
const minutes = (page: Page) => ({
  message: page.getByTestId('minutes-message'),
  agreementText: page.locator('textarea[name="agreement-text"]'),
  agreements: page.getByTestId('agreements'),
  committee: page.getByTestId('committee'),
  confirm: page.locator('input[name="confirm-seal"]'),
  seal: page.getByTestId('seal'),
  sealedFingerprint: page.getByTestId('sealed-fingerprint'),
});
const verify = (page: Page) => ({
  file: page.getByTestId('verify-file'),
  verdict: page.getByTestId('verdict'),
  fingerprint: page.getByTestId('verified-fingerprint'),
  content: page.getByTestId('verified-content'),
  typed: page.locator('input[name="typed-fingerprint"]'),
  found: page.getByTestId('found-list'),
});

const shots = process.env['MINKA_SHOTS'] ?? 'test-results';

test('minutes: agreements by keyboard, seal the demo from the UI, verify the PDF on the Verify screen; a tampered copy is refused', async ({
  page,
}) => {
  await withHost(async (host, dir) => {
    await new App(page, host).openDemo();
    await page.locator('[data-section=minutes]').click();
    const m = minutes(page);
    await expect(m.agreements.locator('li')).toHaveCount(5);
    await expect(m.committee.locator('tbody tr')).toHaveCount(5);

    // Keyboard first: type the agreement and press Enter.
    await m.agreementText.click();
    await page.keyboard.type(
      'La municipalidad publicará el acta en el local comunal de cada sede.',
    );
    await page.keyboard.press('Enter');
    await expect(m.message).toHaveText('Acuerdo guardado.');
    await expect(m.agreements.locator('li')).toHaveCount(6);
    await expect(m.agreementText).toBeFocused();
    await page.screenshot({ path: `${shots}/minutes-draft-1366x768.png` });

    // Sealing needs the explicit confirmation.
    await expect(m.seal).toBeDisabled();
    await m.confirm.check();
    const downloading = page.waitForEvent('download');
    await m.seal.click();
    const download = await downloading;
    const pdfPath = join(dir, 'acta-descargada.pdf');
    await download.saveAs(pdfPath);
    await expect(m.sealedFingerprint).toHaveText(
      /^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/,
    );
    const fingerprint = (await m.sealedFingerprint.textContent()) ?? '';
    await expect(m.message).toContainText(fingerprint);
    // Read-only now: no forms left to change the record.
    await expect(m.agreementText).toHaveCount(0);
    await page.locator('.screen-head h1').scrollIntoViewIfNeeded();
    await page.mouse.wheel(0, -5000);
    await page.screenshot({ path: `${shots}/minutes-sealed-1366x768.png` });

    // The Verify section: open the downloaded PDF.
    await page.locator('[data-section=verify]').click();
    const v = verify(page);
    await v.file.setInputFiles(pdfPath);
    await expect(v.verdict).toHaveAttribute('data-verdict', 'authentic');
    await expect(v.verdict).toContainText('AUTÉNTICA');
    await expect(v.fingerprint).toHaveText(fingerprint);
    // The layout it was drawn in, as `minka verify` prints it (adv28 F1).
    await expect(page.getByTestId('verified-layout')).toHaveAttribute(
      'data-layout',
      String(MINUTES_LAYOUT),
    );
    await expect(page.getByTestId('verified-layout')).toContainText(
      `Diseño del acta: ${MINUTES_LAYOUT} (el actual`,
    );
    await expect(v.content).toContainText('Municipalidad Distrital de Qollqepata');
    await expect(v.content).toContainText(
      'La municipalidad publicará el acta en el local comunal de cada sede.',
    );
    await v.verdict.scrollIntoViewIfNeeded();
    await page.mouse.wheel(0, 250);
    await page.screenshot({ path: `${shots}/verify-authentic-1366x768.png` });
    await v.content.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/verify-content-1366x768.png` });

    // One byte changed in a copy: refused, in large type.
    const bad = Buffer.from(readFileSync(pdfPath));
    const at = Math.max(bad.indexOf('Municipalidad'), 100);
    bad[at] = (bad[at] ?? 0) ^ 0x01;
    const badPath = join(dir, 'acta-alterada.pdf');
    writeFileSync(badPath, bad);
    await v.file.setInputFiles(badPath);
    await expect(v.verdict).toHaveAttribute('data-verdict', 'tampered');
    await expect(v.verdict).toContainText('ALTERADA');
    await v.verdict.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/verify-tampered-1366x768.png` });

    // From the home screen, without a workshop: the fingerprint typed from a paper copy finds it.
    await page.locator('.sidebar .close').click();
    await page.getByTestId('open-verify').click();
    await v.typed.fill(fingerprint.toLowerCase().replace(/-/g, ' ').slice(0, 9));
    await expect(v.found.locator('li')).toHaveCount(1);
    await v.found.locator('button').click();
    await expect(v.verdict).toHaveAttribute('data-verdict', 'authentic');
    await expect(v.fingerprint).toHaveText(fingerprint);
  });
});
