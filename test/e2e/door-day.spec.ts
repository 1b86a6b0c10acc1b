// The door files check-ins under its day (the venue's saved date), not the day on the clock
// (fac30 HIGH): when the two differ it says so above the search, before anyone is checked in,
// with a way to Setup by keyboard. The demo's venues are dated May 2026, so on any other day
// the demo's door shows the warning; at its own date it does not.
import { expect, test } from '@playwright/test';
import { formatDate, localDay } from '../../shared/format';
import { App, shots, withHost } from './pages/app';

test('the door warns when its day is not today, and leads to Setup by keyboard', async ({
  page,
}) => {
  await withHost(async (host) => {
    const app = new App(page, host);
    await app.openDemo();
    await app.section('attendance');
    const search = page.getByTestId('door-search');
    await expect(search).toBeFocused();
    const banner = page.getByTestId('door-day-off');
    const today = formatDate(localDay(new Date().toISOString(), 'America/Lima'));
    await expect(banner).toContainText(
      `Los ingresos se registrarán como del día 14/05/2026, pero hoy es ${today}.`,
    );
    await expect(banner).toContainText('corríjala en Configuración antes de registrar a nadie');
    await expect(banner).toContainText('reloj de esta computadora');
    // Above the search, and fully on a 1366×768 screen.
    const b = await banner.boundingBox();
    const s = await search.boundingBox();
    expect(b && s && b.y + b.height <= s.y).toBe(true);
    expect(b && b.y + b.height <= 768).toBe(true);
    await page.screenshot({ path: `${shots}/door-day-off-es-1366x768.png` });
    await app.language('quz');
    await expect(banner).toContainText("14/05/2026 p'unchawpaq");
    await app.language('en');
    await expect(banner).toContainText('Check-ins will be recorded as day 14/05/2026');
    await page.screenshot({ path: `${shots}/door-day-off-en-1366x768.png` });
    await app.language('es');

    // Keyboard: from the search, one Shift+Tab reaches the way to Setup.
    await search.focus();
    await page.keyboard.press('Shift+Tab');
    await expect(page.getByTestId('door-day-setup')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('[data-section=setup]')).toHaveAttribute('aria-current', 'page');
  });
});

test('at the venue’s own date the door says nothing about the day', async ({ page }) => {
  await page.clock.install({ time: new Date('2026-05-14T09:00:00-05:00') });
  await withHost(async (host) => {
    const app = new App(page, host);
    await app.openDemo();
    await app.section('attendance');
    await expect(page.getByTestId('door-search')).toBeFocused();
    await expect(page.getByTestId('present-count')).toBeVisible();
    await expect(page.getByTestId('door-day-off')).toHaveCount(0);
  });
});
