/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { formatInteger, formatSoles } from '../../shared/format';
import { App, withHost } from './pages/app';

const SHOTS = process.env['MINKA_SHOTS'] ?? 'test-results/projector';

interface RoundRef {
  id: string;
  title: string;
  kind: string;
  state: string;
}
interface Project {
  code: string;
  title: string;
  votes: number;
  costCents: number;
  selected: boolean;
  combined: string;
}

/**
 * Nothing wider than the window: neither the page nor the projector scrolls sideways. Below
 * 1366 px the app behind is itself wider than the window (the projector hides its scrollbars),
 * so there only the projector must fit.
 */
async function expectNoHorizontalOverflow(page: Page) {
  const m = await page.evaluate(() => {
    const doc = document.scrollingElement ?? document.documentElement;
    const proj = document.querySelector('[data-testid=projector]');
    return {
      doc: window.innerWidth >= 1366 ? doc.scrollWidth - doc.clientWidth : 0,
      projector: proj ? proj.scrollWidth - proj.clientWidth : 0,
    };
  });
  expect(m).toEqual({ doc: 0, projector: 0 });
}

test('projector: shows the round selected on Resultados (not the newest), whole titles, votes and amounts, legible at 1366×768 and 1920×1080, and another round chosen on the projector', async ({
  page,
}) => {
  test.setTimeout(120_000);
  mkdirSync(SHOTS, { recursive: true });
  await withHost(async (host) => {
    await new App(page, host).openDemo();
    await page.locator('[data-section=results]').click();
    const workshopId =
      (await host.api<{ workshopId: string }[]>('workshop:list', {}))[0]?.workshopId ?? '';

    // A closed prioritisation round that is NOT the one the core would project by itself.
    const current = await host.api<{ round: RoundRef | null }>('results:projector', {
      workshopId,
    });
    const { rounds } = await host.api<{ rounds: RoundRef[] }>('results:rounds', { workshopId });
    const picked = rounds.find(
      (r) => r.state === 'closed' && r.kind !== 'sector' && r.id !== current.round?.id,
    );
    if (!picked) throw new Error('the demo has no second closed prioritisation round');
    const res = await host.api<{ kind: string; value: { projects: Project[] } }>('results:get', {
      workshopId,
      roundId: picked.id,
    });
    const selected = res.value.projects.filter((p) => p.selected);
    const longest = [...selected].sort((a, b) => b.title.length - a.title.length)[0];
    if (!longest) throw new Error('the picked round selected nothing');
    // The titles come from the proposals as registered: the projector must show them whole.
    const { proposals } = await host.api<{ proposals: { code: string; title: string }[] }>(
      'proposals:get',
      { workshopId },
    );
    const fullTitle = proposals.find((p) => p.code === longest.code)?.title ?? '';
    expect(fullTitle).toBe(longest.title);
    expect(fullTitle.length).toBeGreaterThan(30);

    await page.locator('select[name=round]').selectOption(picked.id);
    await expect(page.getByTestId('ranking')).toBeVisible();
    await page.locator('[data-action=projector]').click();
    const projector = page.getByTestId('projector');
    const title = projector.getByTestId('projector-title');
    await expect(title).toHaveText(picked.title);
    expect(picked.title).not.toBe(current.round?.title);

    const sizes = [
      { width: 1366, height: 768 },
      { width: 1920, height: 1080 },
      // Older XGA and SVGA projectors; on the last one the long title has to wrap.
      { width: 1024, height: 768 },
      { width: 800, height: 600 },
    ];
    const fontSizes: number[] = [];
    for (const size of sizes) {
      await page.setViewportSize(size);
      await expect(title).toHaveText(picked.title);
      await expect(projector.getByTestId('projector-selected').locator('li').first()).toBeVisible();
      await expectNoHorizontalOverflow(page);
      await page.screenshot({ path: `${SHOTS}/projector-${size.width}x${size.height}-open.png` });
      // Page through until the longest title's row is on screen.
      const row = projector
        .getByTestId('projector-selected')
        .locator(`li[data-code="${longest.code}"]`);
      for (let i = 0; i < 10 && (await row.count()) === 0; i++)
        await page.keyboard.press('ArrowRight');
      await expect(row).toBeVisible();
      const name = row.locator('.name');
      await expect(name).toHaveText(fullTitle);
      // Whole: not clipped by its box, and the row sits inside the window.
      const clip = await name.evaluate((el) => ({
        x: el.scrollWidth - el.clientWidth,
        y: el.scrollHeight - el.clientHeight,
        bottom: el.getBoundingClientRect().bottom <= window.innerHeight,
      }));
      expect(clip).toEqual({ x: 0, y: 0, bottom: true });
      // Long titles wrap onto more lines rather than being cut with an ellipsis.
      expect(
        await name.evaluate((el) => {
          const css = getComputedStyle(el);
          return [css.whiteSpace, css.textOverflow];
        }),
      ).toEqual(['normal', 'clip']);
      if (size.width === 800) {
        const lines = await name.evaluate(
          (el) => el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight),
        );
        expect(lines).toBeGreaterThanOrEqual(2);
      }
      // The demo weighs a criteria matrix: the combined score that ordered the list, under it
      // the ballot's own count (fac28: the hands alone listed 21 below 19).
      await expect(projector.locator('.projector-row.head .votes')).toHaveText('Puntaje combinado');
      await expect(row.locator('.votes .figure')).toHaveText(longest.combined);
      await expect(row.locator('.votes .raw')).toHaveText(
        `${formatInteger(longest.votes)} ${longest.votes === 1 ? 'voto' : 'votos'}`,
      );
      await expect(row.locator('.amount')).toHaveText(formatSoles(longest.costCents));
      await expectNoHorizontalOverflow(page);
      fontSizes.push(await projector.evaluate((el) => parseFloat(getComputedStyle(el).fontSize)));
      await page.screenshot({ path: `${SHOTS}/projector-${size.width}x${size.height}.png` });
    }
    // Type scales with the screen.
    expect(fontSizes[1] ?? 0).toBeGreaterThan((fontSizes[0] ?? 0) * 1.3);

    // Another round chosen on the projector itself: the demo's sector vote.
    await page.setViewportSize({ width: 1920, height: 1080 });
    const other = rounds.find((r) => r.state === 'closed' && r.kind === 'sector');
    if (!other) throw new Error('the demo has no closed sector round');
    await projector.locator('select[name=projector-round]').selectOption(other.id);
    await expect(title).toHaveText(other.title);
    await expect(projector.getByTestId('projector-sectors')).toBeVisible();
    await expect(projector.getByTestId('projector-page')).toHaveCount(0);
    await expectNoHorizontalOverflow(page);
    await page.screenshot({ path: `${SHOTS}/projector-other-1920x1080.png` });

    await page.keyboard.press('Escape');
    await expect(projector).toHaveCount(0);
  });
});
