// fac27, item 4: a facilitator's script typed six proposals back to back and two were lost.
// A save still in flight must neither wipe what is typed next nor let a second Enter save the
// same proposal twice (or be refused silently); each notice names the proposal it saved.
import { expect, test, type Page } from '@playwright/test';
import { freshDataDir, startHost } from './host';
import { App } from './pages/app';

const SHOTS = process.env.MINKA_SHOTS ?? 'test-results';

const screen = (page: Page) => ({
  form: page.getByTestId('proposal-form'),
  title: page.locator('input[name=title]'),
  message: page.getByTestId('proposals-message'),
  row: (code: string) => page.getByTestId('proposal-table').locator(`tr[data-code="${code}"]`),
});

/** One proposal typed as a hurried facilitator does: fields, Enter, no waiting. */
async function type(page: Page, title: string, cost: string) {
  const f = page.getByTestId('proposal-form');
  await f.locator('input[name=title]').fill(title);
  await f.locator('input[name=community]').fill('Huaraqa');
  await f.locator('input[name=cost]').fill(cost);
  await f.locator('input[name=cost]').press('Enter');
}

test('proposals typed back to back, and Enter pressed twice: every one saved once, none lost', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const data = freshDataDir();
  const host = await startHost(data.dir);
  try {
    await new App(page, host).openDemo();
    await page.locator('[data-section=proposals]').click();
    const s = screen(page);
    await expect(s.title).toBeFocused();
    // Each save answers slowly, as on a busy laptop: the next one is typed while it is in flight.
    await page.route('**/api/**', async (route) => {
      if (route.request().url().includes(encodeURIComponent('proposals:save')))
        await new Promise((r) => setTimeout(r, 400));
      await route.continue();
    });
    const titles = ['Cobertizo Uno', 'Cobertizo Dos', 'Cobertizo Tres', 'Cobertizo Cuatro'];
    for (const [i, title] of titles.entries()) await type(page, title, `${100 + i} 000`);
    // The queue is on screen while saves are in flight; the form is already clear for the next.
    await expect(page.getByTestId('proposal-queue')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/proposals-queue.png` });
    // Enter twice quickly on a fifth.
    await type(page, 'Cobertizo Cinco', '105 000');
    await page.locator('input[name=cost]').press('Enter');
    await expect(s.message).toHaveText(/Propuesta P-\d+ guardada: «Cobertizo Cinco»/);
    const { proposals } = await host.api<{ proposals: { code: string; title: string }[] }>(
      'proposals:get',
      {
        workshopId: (await host.api<{ workshopId: string }[]>('workshop:list', {}))[0]?.workshopId,
      },
    );
    const typed = [...titles, 'Cobertizo Cinco'];
    const ours = proposals.filter((p) => typed.includes(p.title));
    expect(ours.map((p) => p.title).sort()).toEqual(typed.sort());
    // Each saved once, with its own code, in the order typed.
    expect(new Set(ours.map((p) => p.code)).size).toBe(typed.length);
    for (const p of ours) await expect(s.row(p.code)).toContainText(p.title);
  } finally {
    await host.stop();
    data.cleanup();
  }
});
