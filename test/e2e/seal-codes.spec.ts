// After sealing, the header and the projector put the Acta's fingerprint (the code read aloud)
// first, and label the event log's as not the Acta's (field test "fac", item 9: three codes).
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { freshDataDir, startHost } from './host';

const SHOTS = process.env.MINKA_SHOTS ?? 'test-results';

test('after sealing: the Acta fingerprint first on the header and the projector, the log code labelled', async ({
  page,
}) => {
  test.setTimeout(120_000);
  mkdirSync(SHOTS, { recursive: true });
  await page.setViewportSize({ width: 1366, height: 768 });
  const data = freshDataDir();
  const host = await startHost(data.dir);
  try {
    await page.goto(host.url);
    await page.getByTestId('open-demo').click();
    await expect(page.getByTestId('chain-fingerprint')).toContainText('Huella del registro');
    await expect(page.getByTestId('acta-fingerprint')).toHaveCount(0);
    await page.locator('[data-section=minutes]').click();
    await page.locator('input[name="confirm-seal"]').check();
    // The seal's own warnings (an empty committee, a settlement after a close): each ticked.
    for (const w of await page.locator('input[name^="confirm-warning-"]').all()) await w.check();
    const downloading = page.waitForEvent('download');
    await page.getByTestId('seal').click();
    const name = (await downloading).suggestedFilename();
    const acta = /([0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4})\.pdf$/.exec(name)?.[1] ?? '';
    expect(acta).not.toBe('');
    const head = page.getByTestId('acta-fingerprint');
    await expect(head).toHaveText(`Huella del acta ${acta}`);
    await expect(page.getByTestId('chain-fingerprint')).toContainText(
      'Registro (no es la del acta)',
    );
    await expect(page.getByTestId('chain-fingerprint').locator('code')).not.toHaveText(acta);
    await page.screenshot({ path: `${SHOTS}/sealed-header-es.png` });

    await page.locator('[data-section=results]').click();
    await page.locator('[data-action=projector]').click();
    await expect(page.getByTestId('projector-acta')).toHaveText(`Huella del acta: ${acta}`);
    await page.screenshot({ path: `${SHOTS}/sealed-projector-es.png` });
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Runasimi' }).first().click();
    await expect(head).toHaveText(`Actap unanchan ${acta}`);
    await page.screenshot({ path: `${SHOTS}/sealed-header-quz.png` });
  } finally {
    await host.stop();
    data.cleanup();
  }
});
