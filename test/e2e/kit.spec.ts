import { expect, test } from '@playwright/test';
import { App, withHost } from './pages/app';

// The kit in a real browser: the tab bar's keyboard model (focus moves with the selection)
// and a Field's error beside its input, tied by aria-describedby; the unit test covers the logic.
test('tabs follow the arrow keys and Home/End; the convocation form reports and saves; a bad DNI is told beside its field', async ({
  page,
}) => {
  await withHost(async (host) => {
    await new App(page, host).openDemo();
    await page.locator('[data-section=attendance]').click();
    const registry = page.locator('[data-tab=registry]');
    await registry.click();
    await registry.focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('[data-tab=convocation]')).toHaveAttribute('aria-selected', 'true');
    await expect(page.locator('[data-tab=convocation]')).toBeFocused();
    await page.keyboard.press('Home');
    await expect(page.locator('[data-tab=door]')).toHaveAttribute('aria-selected', 'true');
    await page.locator('[data-tab=door]').focus();
    await page.keyboard.press('End');
    await expect(page.locator('[data-tab=print]')).toHaveAttribute('aria-selected', 'true');
    // The convocation form: useAction's error for a missing organisation, then a saved row.
    await page.locator('[data-tab=convocation]').click();
    const rows = page.getByTestId('invitations').locator('tbody tr');
    const before = await rows.count();
    await page.locator('[name=inv-date]').fill('01/05/2026');
    await page.getByRole('button', { name: 'Registrar invitación' }).click();
    await expect(page.locator('.banner.error')).toBeVisible();
    await page.locator('[name=inv-org]').selectOption({ index: 1 });
    await page.locator('[name=inv-channel]').selectOption('radio');
    await page.getByRole('button', { name: 'Registrar invitación' }).click();
    await expect(page.locator('.banner.error')).toHaveCount(0);
    await expect(rows).toHaveCount(before + 1);
    await page.locator('[data-tab=registry]').click();
    await page.getByRole('button', { name: 'Nueva persona' }).click();
    await page.locator('[name=p-dni]').fill('12ab');
    await page.locator('[name=p-given]').fill('Rosa');
    await page.locator('[name=p-role]').selectOption('delegate');
    await page.locator('[name=p-auth]').fill('Acta 3');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await expect(page.locator('.field-error')).toBeVisible();
    const described = await page.locator('[name=p-dni]').getAttribute('aria-describedby');
    expect(described).toBeTruthy();
    await expect(page.locator(`[id="${described}"]`)).toContainText('DNI');
    await page.locator('[name=p-dni]').fill('');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await expect(page.getByTestId('registry-message')).toBeVisible();
  });
});
