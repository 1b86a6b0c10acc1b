// Text that must fit at 1366×768 (field test 6, "cut text"): the sealed workshop's header keeps
// the municipality readable in every language (it wraps, never "M…"), and the paper ballot's
// legend lays its two columns side by side without the numbers of one running into the other.
import { mkdirSync } from 'node:fs';
import { expect, test, type Locator } from '@playwright/test';
import { App, sealDemo, shots, withHost, type Lang } from './pages/app';
import { VotingPage } from './pages/voting';

/** The element shows all its text: nothing clipped, nothing replaced by an ellipsis. */
async function showsAll(el: Locator): Promise<void> {
  const fit = await el.evaluate((e) => ({
    scroll: e.scrollWidth,
    client: e.clientWidth,
    width: e.getBoundingClientRect().width,
  }));
  expect(fit.scroll, 'text wider than its box (clipped)').toBeLessThanOrEqual(fit.client + 1);
  expect(fit.width).toBeGreaterThan(0);
}

test('the sealed header shows the whole municipality name in es, quz and en', async ({ page }) => {
  mkdirSync(shots, { recursive: true });
  await withHost(async (host) => {
    await sealDemo(host);
    const app = new App(page, host);
    await app.home();
    await page
      .getByRole('button', { name: /Qollqepata/ })
      .first()
      .click();
    await expect(page.getByTestId('acta-fingerprint')).toBeVisible();
    const title = page.locator('.topbar-title');
    for (const lang of ['es', 'quz', 'en'] as Lang[]) {
      await app.language(lang);
      await expect(title).toContainText('Qollqepata');
      if (lang !== 'en') await app.screenshot(`sealed-header-${lang}`);
      await showsAll(title);
      // The badges and the language buttons stay whole beside it.
      for (const badge of await page.locator('.topbar .chain-badge, .lang-toggle').all())
        await showsAll(badge);
    }
  });
});

test("the paper ballot's legend: the two columns do not overlap", async ({ page }) => {
  mkdirSync(shots, { recursive: true });
  await withHost(async (host) => {
    const app = new App(page, host);
    const voting = await VotingPage.openDemo(app);
    await voting.createRound('Papeletas en papel', 'ballot');
    const legend = page.locator('.paper-legend');
    await legend.scrollIntoViewIfNeeded();
    for (const lang of ['es', 'quz'] as Lang[]) {
      await app.language(lang);
      await legend.evaluate((e) => e.scrollIntoView({ block: 'center' }));
      await app.screenshot(`paper-legend-${lang}`);
      const items = await legend.locator('li').evaluateAll((lis) =>
        lis.map((li, i) => {
          const r = li.getBoundingClientRect();
          // A list marker hangs outside the item's box, to its left: count it in, measured
          // in the item's font, unless the number is drawn inside the item (::before).
          const style = getComputedStyle(li);
          const inside = getComputedStyle(li, '::before').content !== 'none';
          const ctx = document.createElement('canvas').getContext('2d');
          let marker = 0;
          if (!inside && ctx) {
            ctx.font = `${style.fontSize} ${style.fontFamily}`;
            marker = ctx.measureText(`${li.getAttribute('value') ?? i + 1}. `).width;
          }
          return { left: r.left - marker, right: r.right, top: r.top, bottom: r.bottom };
        }),
      );
      expect(items.length).toBeGreaterThan(2);
      for (let i = 0; i < items.length; i++)
        for (let j = i + 1; j < items.length; j++) {
          const a = items[i]!;
          const b = items[j]!;
          const apart =
            a.right <= b.left + 0.5 ||
            b.right <= a.left + 0.5 ||
            a.bottom <= b.top + 0.5 ||
            b.bottom <= a.top + 0.5;
          expect(apart, `legend items ${i + 1} and ${j + 1} overlap`).toBe(true);
        }
    }
  });
});

/**
 * The row is drawn whole: at each of its corners (and its middle) what the screen shows is the
 * row itself, not the kiosk's footer over it nor a scroller's edge cutting it off.
 */
async function inFullView(row: Locator, where: string): Promise<void> {
  const covered = await row.evaluate((li) => {
    const r = li.getBoundingClientRect();
    const points: [string, number, number][] = [
      ['top left', r.left + 2, r.top + 2],
      ['top right', r.right - 2, r.top + 2],
      ['middle', (r.left + r.right) / 2, (r.top + r.bottom) / 2],
      ['bottom left', r.left + 2, r.bottom - 2],
      ['bottom right', r.right - 2, r.bottom - 2],
    ];
    return points.flatMap(([name, x, y]) => {
      const hit = document.elementFromPoint(x, y);
      return hit && li.contains(hit)
        ? []
        : [`${name}: ${hit?.className || hit?.tagName || 'off screen'}`];
    });
  });
  expect(covered, `${where}: the row is not in full view`).toEqual([]);
}

test("the kiosk's footer never covers the ballot's rows: each one reached by Tab or scrolled to is in full view", async ({
  page,
}) => {
  test.setTimeout(120_000);
  mkdirSync(shots, { recursive: true });
  await withHost(async (host) => {
    const app = new App(page, host);
    const voting = await VotingPage.openDemo(app);
    // Every admitted proposal of the demo: its longest ballot.
    await voting.createRound('Papeleta larga', 'ballot');
    await page.getByRole('button', { name: 'Abrir el quiosco' }).click();
    const kiosk = voting.kiosk;
    const search = kiosk.getByRole('textbox');
    await expect(search).toBeFocused();
    await search.press('ArrowDown');
    await search.press('Enter');
    const rows = kiosk.locator('.kiosk-items > li');
    const options = kiosk.locator('.kiosk-items .kiosk-choice');
    await expect(options.first()).toBeFocused();
    // The Enter that picked the voter is not also a vote with nothing marked.
    await expect(kiosk.getByRole('alert')).toHaveCount(0);
    const n = await rows.count();
    expect(n, 'the demo ballot is long enough to scroll').toBeGreaterThan(20);
    for (const lang of ['es', 'quz'] as Lang[]) {
      await kiosk.locator(`.lang-toggle button[lang=${lang}]`).click();
      // An error in the footer makes it taller (two lines in Quechua).
      await page.keyboard.press('Enter');
      await expect(kiosk.getByRole('alert')).toBeVisible();
      // From the first option, Tab by Tab down to the last: each focused row in full view.
      await options.first().focus();
      for (let i = 1; i < n; i++) {
        await page.keyboard.press('Tab');
        await expect(options.nth(i)).toBeFocused();
        await inFullView(rows.nth(i), `${lang}, row ${i + 1} focused`);
        if (i === 6) await app.screenshot(`kiosk-row7-focused-${lang}`);
      }
      await app.screenshot(`kiosk-last-focused-${lang}`);
      // Back to the top, then the wheel down to the end: the last row above the footer.
      await options.first().focus();
      await inFullView(rows.first(), `${lang}, first row focused again`);
      await options.nth(3).hover();
      await page.mouse.wheel(0, 20_000);
      await expect(async () => inFullView(rows.last(), `${lang}, scrolled to the end`)).toPass();
      await app.screenshot(`kiosk-scrolled-end-${lang}`);
    }
  });
});
