import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { freshDataDir, startHost } from './host';
import { App } from './pages/app';

const shots = process.env['MINKA_SHOTS'] ?? 'test-results';

test('official round: the facilitator picks the show-of-hands round on the Acta screen, confirms it is not the newest, and the sealed Acta follows it', async ({
  page,
}) => {
  const data = freshDataDir();
  const host = await startHost(data.dir);
  try {
    await new App(page, host).openDemo();
    await page.locator('[data-section=minutes]').click();
    const panel = page.getByTestId('official-panel');
    // The demo chose its ballot round.
    await expect(page.getByTestId('official-chosen')).toContainText(
      'Ronda oficial: «Priorización de proyectos 2027»',
    );
    const hands = await panel
      .locator('option', { hasText: 'Conteo a mano alzada' })
      .getAttribute('value');
    await panel.locator('select[name="official-round"]').selectOption(hands ?? '');
    const choose = page.getByTestId('choose-official');
    await expect(page.getByTestId('official-warnings')).toContainText(
      'No es la ronda de priorización cerrada más reciente.',
    );
    await expect(choose).toBeDisabled();
    await panel.locator('input[name="confirm-notLatest"]').check();
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/official-choose-1366x768.png` });
    await choose.click();
    await expect(page.getByTestId('minutes-message')).toContainText(
      '«Conteo a mano alzada de propuestas admitidas» es ahora el resultado oficial',
    );
    await expect(page.getByTestId('official-chosen')).toContainText('Conteo a mano alzada');

    await page.locator('input[name="confirm-seal"]').check();
    // The seal's own warnings (an empty committee, a settlement after a close): each ticked.
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
      'Resultado oficial: la ronda «Conteo a mano alzada de propuestas admitidas»',
    );
    expect(text).toContain(
      'Confirmado por el facilitador al elegirla: No es la ronda de priorización cerrada más reciente.',
    );
    expect(text).toContain('Rondas cerradas que esta lista no sigue');
    expect(text).toContain('Según Conteo a mano alzada de propuestas admitidas · Por puntaje');
    expect(text).not.toMatch(/· greedy/);
  } finally {
    await host.stop();
  }
});
