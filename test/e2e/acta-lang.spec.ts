// fac27: with the interface in Quechua the seal drew the legal Acta in machine-drafted Quechua,
// nothing said so. The Acta's language is a choice in the seal panel, Spanish by default, and
// Quechua (or English) is a warning to confirm like the seal's others; the choice is signed.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { freshDataDir, startHost } from './host';

const SHOTS = process.env.MINKA_SHOTS ?? 'test-results';

test('seal panel: the Acta in Spanish whatever the screen language; Quechua asks to confirm that it is unreviewed', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const data = freshDataDir();
  const host = await startHost(data.dir);
  try {
    await page.goto(host.url);
    await page.getByTestId('open-demo').click();
    await page.getByRole('button', { name: 'Runasimi' }).first().click();
    await page.locator('[data-section=minutes]').click();
    const lang = page.getByTestId('acta-lang');
    await expect(lang).toHaveValue('es');
    const quzWarning = page.locator('input[name="confirm-warning-actaLang:quz"]');
    await expect(quzWarning).toHaveCount(0);

    await lang.selectOption('quz');
    await expect(quzWarning).toHaveCount(1);
    await page.locator('input[name="confirm-seal"]').check();
    for (const w of await page.locator('input[name^="confirm-warning-"]').all())
      if ((await w.getAttribute('name')) !== 'confirm-warning-actaLang:quz') await w.check();
    // Unconfirmed, the seal stays shut; the warning says what the Quechua text is.
    await expect(page.getByTestId('seal')).toBeDisabled();
    await expect(page.getByTestId('seal-warnings')).toContainText('máquinawan');
    await page.screenshot({ path: `${SHOTS}/acta-lang-quz-warning.png`, fullPage: true });
    // Back to Spanish: the warning (and its tick) goes; sealed, the signed language is Spanish.
    await quzWarning.check();
    await lang.selectOption('es');
    await expect(quzWarning).toHaveCount(0);
    await expect(page.getByTestId('seal')).toBeEnabled();
    const downloading = page.waitForEvent('download');
    await page.getByTestId('seal').click();
    const path = await (await downloading).path();
    const r = await host.api<{ verdict: string; payload: { render?: { lang: string } } | null }>(
      'minutes:verify',
      { base64: readFileSync(path).toString('base64') },
    );
    expect(r.verdict).toBe('authentic');
    expect(r.payload?.render?.lang).toBe('es');
  } finally {
    await host.stop();
    data.cleanup();
  }
});
