import { expect, test } from '@playwright/test';
import { App, withHost } from './pages/app';

const shots = process.env['MINKA_SHOTS'] ?? 'test-results';

test('setup lock: after the prioritisation round closed the envelope is locked with why; a reopening records who and why', async ({
  page,
}) => {
  // withHost also removes the data folder (this test used to leave it behind).
  await withHost(async (host) => {
    await new App(page, host).openDemo();
    await page.locator('[data-section=setup]').click();
    await expect(page.getByTestId('setup-locked')).toContainText(
      'Bloqueado desde que se cerró la ronda «Priorización de proyectos 2027»',
    );
    await expect(page.locator('input[name="envelope"]')).toBeDisabled();
    await expect(page.locator('select[name="tieBreak"]')).toBeDisabled();
    await page.screenshot({ path: `${shots}/setup-locked-1366x768.png` });
    await expect(page.getByTestId('reopen-setup')).toBeDisabled();
    await page.locator('input[name="reopen-by"]').fill('Ing. Rosa Huamán');
    await page.locator('input[name="reopen-reason"]').fill('El monto de la ordenanza era otro');
    await page.getByTestId('reopen-setup').click();
    await expect(page.getByTestId('setup-locked')).toHaveCount(0);
    await expect(page.getByTestId('setup-lock')).toContainText(
      'Ing. Rosa Huamán: El monto de la ordenanza era otro',
    );
    await expect(page.locator('input[name="envelope"]')).toBeEnabled();
  });
});
