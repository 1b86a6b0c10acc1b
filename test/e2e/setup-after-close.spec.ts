import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { freshDataDir, startHost } from './host';
import { App } from './pages/app';

// adv28 F2/F3: the time zone and fiscal year saved after the official round closed are a seal
// warning to tick, and the sealed Acta names its zone and the save, before → after.
test('a time zone and fiscal year saved after the close: a seal warning, and the Acta prints them before → after', async ({
  page,
}) => {
  const data = freshDataDir();
  const host = await startHost(data.dir);
  try {
    const app = new App(page, host);
    await app.openDemo();
    await app.section('setup');
    await page.locator('input[name=fiscalYear]').fill('2028');
    await page.locator('input[name=timeZone]').fill('America/Bogota');
    await page.keyboard.press('Control+s');
    await expect(page.getByTestId('save-status')).toContainText('Guardado');
    await app.section('minutes');
    const warning = page.locator('input[name="confirm-warning-setupAfterClose"]');
    await expect(warning).toBeVisible();
    await expect(page.locator('label', { has: warning })).toContainText(
      'después del cierre de la ronda oficial «Priorización de proyectos 2027» (año fiscal, zona horaria)',
    );
    await warning.scrollIntoViewIfNeeded();
    await app.screenshot('seal-setup-after-close');
    await page.locator('input[name="confirm-seal"]').check();
    for (const w of await page.locator('input[name^="confirm-warning-"]').all()) await w.check();
    const downloading = page.waitForEvent('download');
    await page.getByTestId('seal').click();
    const pdfPath = join(data.dir, 'acta.pdf');
    await (await downloading).saveAs(pdfPath);
    const text = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    );
    expect(text).toContain(
      'Todas las fechas y horas de esta acta están en la zona horaria America/Bogota.',
    );
    expect(text).toContain(
      'Configuración guardada después del cierre de «Priorización de proyectos 2027»',
    );
    expect(text).toContain('año fiscal 2027 → 2028; zona horaria America/Lima → America/Bogota.');
  } finally {
    await host.stop();
  }
});
