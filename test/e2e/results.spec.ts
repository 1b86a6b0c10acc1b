import { mkdirSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  combinedScores,
  handsProfile,
  type ResultsProjectInput,
} from '../../shared/results/compute';
import { parseDecimal, Rational, tally } from '../../shared/tally';
import { type RunningHost } from './host';
import { App, withHost } from './pages/app';
import { roundInput } from '../helpers/round-input';

const SHOTS = process.env['MINKA_SHOTS'] ?? 'test-results/results';

interface Setup {
  envelopeCents: number;
  tieBreak: 'lexicographic' | 'cost' | 'supporters' | 'refuse';
  venues: { id: string; date: string }[];
}
interface Proposal {
  id: string;
  code: string;
  title: string;
  sectorId: string;
  estimatedCostCents: number;
  status: string;
}

/** A show-of-hands prioritisation round on every admitted proposal of the demo, counted and closed through the API. */
async function closedHandsRound(host: RunningHost, workshopId: string) {
  const { setup } = await host.api<{ setup: Setup }>('workshop:get', { workshopId });
  const venue = setup.venues[0] ?? { id: '', date: '' };
  const round = (
    await host.api<{ value: { id: string; itemIds: string[]; tieBreak: Setup['tieBreak'] } }>(
      'voting:create',
      {
        workshopId,
        round: roundInput(
          { venueId: venue.id, day: venue.date },
          { title: 'Priorización de proyectos' },
        ),
      },
    )
  ).value;
  await host.api('voting:open', { workshopId, roundId: round.id });
  const { entitled } = await host.api<{ entitled: number }>('voting:get', {
    workshopId,
    roundId: round.id,
  });
  const counts = new Map<string, number>();
  for (const [i, itemId] of round.itemIds.entries()) {
    const count = (i * 37 + 11) % (entitled + 1);
    counts.set(itemId, count);
    await host.api('voting:enterCount', {
      workshopId,
      roundId: round.id,
      itemId,
      operator: 'A',
      count,
    });
  }
  // Hidden while open: the results channel refuses.
  await expect(host.api('results:get', { workshopId, roundId: round.id })).rejects.toThrow(
    /results.error.notClosed/,
  );
  await host.api('voting:close', { workshopId, roundId: round.id });
  return { round, counts, setup };
}

/** The tally engine's selection for that round, computed here from the same record. */
async function engineSelection(
  host: RunningHost,
  workshopId: string,
  r: Awaited<ReturnType<typeof closedHandsRound>>,
) {
  const { proposals } = await host.api<{ proposals: Proposal[] }>('proposals:get', { workshopId });
  const crit = await host.api<{
    matrix: { votesWeight: number };
    totals: { proposalId: string; exact: string }[];
  }>('criteria:get', { workshopId });
  const exact = new Map(crit.totals.map((x) => [x.proposalId, x.exact]));
  const byId = new Map(proposals.map((p) => [p.id, p]));
  const rational = (text: string) => {
    const [n = '0', d] = text.split('/');
    return d ? Rational.of(BigInt(n), BigInt(d)) : (parseDecimal(n) ?? Rational.ZERO);
  };
  const projects: ResultsProjectInput[] = r.round.itemIds.map((id) => {
    const p = byId.get(id) as Proposal;
    return {
      code: p.code,
      costCents: p.estimatedCostCents,
      sectorId: p.sectorId,
      votes: r.counts.get(id) ?? 0,
      points: null,
      criteria: rational(exact.get(id) ?? '0'),
    };
  });
  const scores = new Map(
    [...combinedScores(projects, crit.matrix.votesWeight)].map(([c, s]) => [c, s.combined]),
  );
  const engine = tally(handsProfile(projects, r.setup.envelopeCents), {
    rule: 'greedy',
    tieBreak: r.round.tieBreak,
    scores,
  });
  return { order: engine.selectionOrder, titles: new Map(proposals.map((p) => [p.code, p.title])) };
}

/** The data-code of every element the locator matches, in document order. */
const codes = async (loc: Locator) =>
  Promise.all((await loc.all()).map(async (l) => (await l.getAttribute('data-code')) ?? ''));

const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png` });

test('results: a closed prioritisation round selects what the tally engine selects, on screen and on the projector', async ({
  page,
}) => {
  test.setTimeout(120_000);
  mkdirSync(SHOTS, { recursive: true });
  await withHost(async (host) => {
    await new App(page, host).openDemo();
    await page.locator('[data-section=results]').click();
    const workshopId =
      (await host.api<{ workshopId: string }[]>('workshop:list', {}))[0]?.workshopId ?? '';

    // Criteria tab: the demo's scores; type one row by keyboard and watch the total.
    await page.locator('[data-tab=criteria]').click();
    await expect(page.getByTestId('scored-progress')).toContainText('65 de 65');
    const row = page.getByTestId('score-grid').locator('tr[data-code="P-002"]');
    await row.locator('input[name=score-poverty]').fill('10');
    await row.locator('input[name=score-services]').fill('10');
    await row.locator('input[name=score-technical]').fill('10');
    await row.locator('input[name=score-technical]').press('Enter');
    await expect(page.getByTestId('criteria-message')).toHaveText(
      'P-002: puntaje 100.00 guardado.',
    );
    await expect(row.getByTestId('total')).toHaveText('100.00');
    // Enter moved the cursor to the next proposal's first score.
    await expect(
      page.getByTestId('score-grid').locator('tr[data-row="2"] input[name=score-poverty]'),
    ).toBeFocused();
    await row.locator('input[name=score-poverty]').fill('11');
    await row.locator('input[name=score-poverty]').press('Enter');
    await expect(page.getByTestId('criteria-message')).toHaveText(
      'P-002: «11» no es un puntaje entre 0 y 10.',
    );
    await shot(page, 'criteria-es');

    const r = await closedHandsRound(host, workshopId);
    const expected = await engineSelection(host, workshopId, r);
    expect(expected.order.length).toBeGreaterThan(3);

    await page.locator('[data-tab=criteria]').click();
    await page.locator('[data-tab=results]').click();
    const ranking = page.getByTestId('ranking');
    await expect(ranking).toBeVisible();
    // The round closed through the API reaches the screen with the next refresh: wait for it
    // (an earlier round's list may be on screen for a moment), then compare.
    await expect(page.getByTestId('explanation').locator('li.chosen')).toHaveCount(
      expected.order.length,
    );
    // On screen, in the selection order: exactly the engine's.
    const onScreen = await codes(page.getByTestId('explanation').locator('li.chosen'));
    expect(onScreen).toEqual(expected.order);
    const selectedRows = await codes(ranking.locator('tr.selected'));
    expect([...selectedRows].sort()).toEqual([...expected.order].sort());
    const bar = await codes(page.getByTestId('envelope-bar').locator('.seg[data-code]'));
    expect(bar).toEqual(expected.order);
    await expect(page.getByTestId('results-summary')).toContainText(
      'Por puntaje, saltando lo que no cabe',
    );
    await shot(page, 'results-es');
    await page.getByTestId('explanation').scrollIntoViewIfNeeded();
    await shot(page, 'results-explanation-es');

    // The projector follows the round: the same selection, in large type.
    await page.locator('[data-action=projector]').click();
    const projector = page.getByTestId('projector');
    await expect(projector.getByTestId('projector-title')).toHaveText('Priorización de proyectos');
    const first = expected.order[0] ?? '';
    await expect(
      projector.getByTestId('projector-selected').locator(`li[data-code="${first}"]`),
    ).toContainText(expected.titles.get(first) ?? '');
    const pager = projector.getByTestId('projector-page');
    const pageText = (await pager.count()) > 0 ? await pager.textContent() : null;
    const shown: string[] = [];
    const pages = pageText ? Number(/de (\d+)/.exec(pageText)?.[1] ?? 1) : 1;
    for (let p = 0; p < pages; p++) {
      shown.push(...(await codes(projector.getByTestId('projector-selected').locator('li'))));
      if (p === 0) await shot(page, 'projector-es-1366x768');
      await page.keyboard.press('ArrowRight');
    }
    expect(shown).toEqual(expected.order);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await expect(projector.getByTestId('projector-selected').locator('li').first()).toBeVisible();
    await shot(page, 'projector-es-1920x1080');
    await page.keyboard.press('Escape');
    await expect(projector).toHaveCount(0);
    await page.setViewportSize({ width: 1366, height: 768 });

    // The demo's sector vote: the order of the sectors and the envelope split by votes.
    const sectorRound = page.locator('select[name=round] option', {
      hasText: 'Votación de sectores prioritarios',
    });
    await page
      .locator('select[name=round]')
      .selectOption((await sectorRound.getAttribute('value')) ?? '');
    await expect(page.locator('.bars li[data-sector]').first()).toBeVisible();
    await shot(page, 'results-sector-round-es');
    await page.locator('select[name=round]').selectOption(r.round.id);
    await expect(page.getByTestId('ranking')).toBeVisible();

    // Quechua: the same screens, one click away.
    await page.locator('.lang-toggle button[lang=quz]').click();
    await expect(page.getByTestId('ranking')).toBeVisible();
    await shot(page, 'results-quz');
    await page.locator('[data-tab=criteria]').click();
    await expect(page.getByTestId('score-grid')).toBeVisible();
    await shot(page, 'criteria-quz');
    await page.locator('[data-action=projector]').click();
    await expect(projector.getByTestId('projector-selected')).toBeVisible();
    await shot(page, 'projector-quz-1366x768');
    await page.keyboard.press('Escape');
  });
});
