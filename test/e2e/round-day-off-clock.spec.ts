// adv30 F2 on the screens: a round created for the demo's 14/05 and voted today (the door and
// the round left on the venue's saved day). Record → Verify names it with its day and the
// clock's; the seal asks to confirm it (es, and the warning in quz).
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { App, shots, withHost } from './pages/app';
import { VotingPage } from './pages/voting';

/** Today in the workshop's zone (the demo's: Lima), dd/mm/yyyy. */
const today = () =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'America/Lima',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(new Date());

test('a round voted on another day than its own: named by Record → Verify and at the seal', async ({
  page,
}) => {
  test.setTimeout(120_000);
  mkdirSync(shots, { recursive: true });
  await page.setViewportSize({ width: 1366, height: 768 });
  await withHost(async (host) => {
    const app = new App(page, host);
    const s = await VotingPage.openDemo(app);
    const title = 'Prioridades de hoy';
    await s.createRound(title, 'sector');
    for (const op of ['A', 'B'] as const) {
      if (op === 'B') await page.getByRole('button', { name: 'Operador B' }).click();
      await s.countInput('1', op).focus();
      for (const n of [3, 2, 1, 1, 0, 0]) {
        await page.keyboard.type(String(n));
        await page.keyboard.press('Enter');
      }
    }
    await expect(page.getByTestId('count-progress')).toContainText('6 de 6 conteos finales');
    await s.closeRound(title);
    const d = today();
    const line = `«${title}» (Sede central), del 14/05/2026: abierta el ${d} y cerrada el ${d} según el reloj.`;

    await app.section('record');
    await page.getByRole('button', { name: 'Verificar la cadena' }).click();
    await expect(page.getByTestId('chain-verdict')).toContainText('Cadena íntegra');
    const off = page.getByTestId('check-in-days-off');
    await expect(off.locator('strong')).toHaveText(
      'Votaciones abiertas o cerradas en otro día que el suyo (1):',
    );
    await expect(off).toContainText(line);
    await off.scrollIntoViewIfNeeded();
    await app.screenshot('round-day-record-es');

    await app.section('minutes');
    const warn = page.locator('input[name^="confirm-warning-roundDayOffClock:"]');
    await expect(warn).toHaveCount(1);
    await expect(page.getByTestId('seal-warnings')).toContainText(
      `La votación «${title}» (Sede central) es del 14/05/2026, pero según el reloj se abrió el ${d} y se cerró el ${d}`,
    );
    await page.locator('input[name="confirm-seal"]').check();
    for (const w of await page.locator('input[name^="confirm-warning-"]').all())
      if (!(await w.getAttribute('name'))?.startsWith('confirm-warning-roundDayOffClock'))
        await w.check();
    await warn.scrollIntoViewIfNeeded();
    await app.screenshot('round-day-seal-es');
    await expect(page.getByTestId('seal')).toBeDisabled();
    await warn.check();
    await expect(page.getByTestId('seal')).toBeEnabled();
    await app.language('quz');
    await expect(page.getByTestId('seal-warnings')).toContainText(
      `«${title}» akllanakuyqa (Sede central) 14/05/2026 p'unchawpaqmi`,
    );
    await warn.scrollIntoViewIfNeeded();
    await app.screenshot('round-day-seal-quz');
  });
});
