// Loading the app logs no error in the browser console (field test "fac", item 8: two 404s
// for /favicon.ico on every load), nor does any request the page makes fail.
import { expect, test } from '@playwright/test';
import { freshDataDir, startHost } from './host';

test('a page load and opening a workshop log no console error and no failed request', async ({
  page,
}) => {
  const data = freshDataDir();
  const host = await startHost(data.dir);
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${m.text()} ${m.location().url}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
  });
  try {
    await page.goto(host.url);
    await page.getByTestId('open-demo').click();
    await page.locator('[data-section=attendance]').click();
    await page.reload();
    // The reload comes back to the screen it left (the workshop's attendance).
    await expect(page.locator('[data-section=attendance]')).toHaveAttribute('aria-current', 'page');
    // The favicon request comes after load, unannounced: give it the time a person would.
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
  } finally {
    await host.stop();
    data.cleanup();
  }
});
