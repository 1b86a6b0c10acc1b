import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { withHost } from './pages/app';

const shots = process.env['MINKA_SHOTS'];

test('backups: automatic copy listed, back up now, restore into a new file after confirmation, save a copy to a USB folder', async ({
  page,
}) => {
  await withHost(async (host, dir) => {
    await page.goto(host.url);
    await expect(page.locator('body[data-ready="1"]')).toBeAttached();
    await page.getByTestId('open-demo').click();
    await page.locator('button[data-section=record]').click();
    const panel = page.getByTestId('backups');
    await expect(panel.getByRole('heading', { name: 'Copias de seguridad' })).toBeVisible();
    // Opening the demo was the first change seen by the scheduler: an automatic copy exists.
    await expect(panel.getByTestId('backup-list').locator('tbody tr')).toHaveCount(1);
    const fpAuto = await panel
      .getByTestId('backup-list')
      .locator('tbody tr')
      .first()
      .locator('code')
      .textContent();

    await panel.getByTestId('backup-now').click();
    await expect(panel.getByTestId('backup-message')).toContainText('Copia hecha');
    await expect(panel.getByTestId('backup-list').locator('tbody tr')).toHaveCount(2);
    await expect(panel.getByTestId('backup-list').locator('tbody tr').first()).toContainText(
      'Íntegra',
    );

    // Restore the oldest copy: a confirmation first, which says the current file is kept.
    await panel
      .getByTestId('backup-list')
      .locator('tbody tr')
      .last()
      .getByRole('button', { name: /Restaurar/ })
      .click();
    const confirm = panel.getByTestId('restore-confirm');
    await expect(confirm).toContainText('archivo NUEVO');
    await expect(confirm).toContainText('demo-qollqepata-2027.minka');
    if (shots) await page.screenshot({ path: join(shots, 'backups-confirm.png') });
    await expect(page.getByTestId('restore-yes')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(panel.getByTestId('backup-message')).toContainText(
      /Restaurado en demo-qollqepata-2027-restaurado-\d{8}-\d{6}\.minka/,
    );
    await expect(page.getByTestId('chain-fingerprint').locator('code')).toHaveText(fpAuto ?? '');
    const files = readdirSync(dir).filter((f) => f.endsWith('.minka'));
    expect(files).toHaveLength(2);

    // Save a copy to a "USB stick" folder typed in (web host).
    const usb = join(dir, 'usb');
    mkdirSync(usb);
    await panel.getByTestId('copy-folder').fill('/no/such/usb');
    await panel.getByTestId('copy-save').click();
    await expect(panel.getByTestId('backup-message')).toContainText(
      'No existe la carpeta /no/such/usb',
    );
    await panel.getByTestId('copy-folder').fill(usb);
    await page.keyboard.press('Enter');
    await expect(panel.getByTestId('backup-message')).toContainText(`Copia guardada en ${usb}`);
    expect(readdirSync(usb)).toHaveLength(1);
    if (shots) await page.screenshot({ path: join(shots, 'backups-panel.png'), fullPage: false });
  });
});
