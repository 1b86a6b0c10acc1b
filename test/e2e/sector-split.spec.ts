// Issue 14, item 4 on screen: a fresh data folder holding the case (the sector vote
// gives Salud S/ 299,000; P-006 at S/ 455,000 is the most voted) with the setup's sector
// split on. Resultados shows the split step by step and P-006 not selected; screenshots at
// 1366×768 in es and quz.
import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { buildSync } from 'esbuild';
import { freshDataDir, startHost } from './host';

/**
 * The workshop is written by the real store (test/helpers/sector-split-workshop.ts). The store
 * imports the JSON catalogues, which Playwright's loader cannot import: bundle the helper with
 * esbuild (as the Node build does) and load the bundle.
 */
function writeWorkshop(file: string, selectionRule: 'greedy' | 'mes' = 'greedy'): void {
  // Inside the repository, so that the bundle finds node_modules.
  const out = join(process.cwd(), 'test-results', `make-split-workshop-${process.pid}.cjs`);
  buildSync({
    entryPoints: ['test/helpers/sector-split-workshop.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    packages: 'external',
    outfile: out,
    logLevel: 'error',
  });
  const mod = createRequire(out)(out) as {
    sectorSplitWorkshop: (
      file: string,
      on: boolean,
      rule: 'greedy' | 'mes',
    ) => { db: { close(): void } };
  };
  mod.sectorSplitWorkshop(file, true, selectionRule).db.close();
  rmSync(out, { force: true });
}

const SHOTS = process.env['MINKA_SHOTS'] ?? 'test-results/sector-split';

test('results: the sector split step by step; P-006 is not selected against its sector share', async ({
  page,
}) => {
  test.setTimeout(60_000);
  mkdirSync(SHOTS, { recursive: true });
  const data = freshDataDir();
  writeWorkshop(join(data.dir, 'reparto.minka'));
  const host = await startHost(data.dir);
  try {
    await page.goto(host.url);
    await page.locator('.workshop-item').first().click();
    await page.locator('[data-section=results]').click();
    const round = page.locator('select[name=round]');
    const option = round.locator('option', { hasText: 'Priorización' }).last();
    await round.selectOption((await option.getAttribute('value')) ?? '');
    const steps = page.getByTestId('split-steps');
    await expect(steps).toBeVisible();
    const salud = page.getByTestId('split-table').locator('tr[data-sector="Salud"]');
    await expect(salud).toContainText('S/ 299,000.00');
    await expect(salud).toContainText('P-007');
    await expect(salud.locator('td').nth(5)).toContainText('P-006');
    await expect(page.getByTestId('split-remainder')).toContainText('S/ 41,000.00');
    await expect(
      page.getByTestId('ranking').locator('tr[data-code="P-006"]').getByTestId('outcome'),
    ).toHaveText('No alcanza');
    // The rule named is the split that selected, not the setup's "voraz".
    const summary = page.getByTestId('results-summary');
    await expect(summary).toContainText('Regla: Por sector: cada sector financia lo que cabe');
    await expect(summary).not.toContainText('voraz');
    await page.screenshot({ path: `${SHOTS}/results-split-es-1366x768.png` });
    // The projector names it too.
    await page.locator('[data-action=projector]').click();
    const projector = page.getByTestId('projector');
    await expect(projector.getByTestId('projector-rule')).toHaveText(
      'Regla: Por sector: cada sector financia lo que cabe en su parte del monto, luego el remanente',
    );
    await page.screenshot({ path: `${SHOTS}/projector-split-es-1366x768.png` });
    await page.keyboard.press('Escape');
    await expect(projector).toBeHidden();
    await steps.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/results-split-steps-es-1366x768.png` });
    await page.locator('.lang-toggle button[lang=quz]').click();
    await expect(steps.locator('h2')).toHaveText('Qullqi rakiy sapa sectorpaq');
    await steps.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/results-split-steps-quz-1366x768.png` });
    // The option on the setup screen: on, and locked since the prioritisation round closed.
    await page.locator('.lang-toggle button[lang=es]').click();
    await page.locator('[data-section=setup]').click();
    const splitBox = page.locator('input[name=sectorSplit]');
    await expect(splitBox).toBeChecked();
    await expect(splitBox).toBeDisabled();
    await splitBox.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/setup-split-es-1366x768.png` });
  } finally {
    await host.stop();
    data.cleanup();
  }
});

test('setup: a file saved with MES and the split (an older build) says the pair is not allowed and that the split applies', async ({
  page,
}) => {
  test.setTimeout(60_000);
  mkdirSync(SHOTS, { recursive: true });
  const data = freshDataDir();
  writeWorkshop(join(data.dir, 'reparto-mes.minka'), 'mes');
  const host = await startHost(data.dir);
  try {
    await page.goto(host.url);
    await page.locator('.workshop-item').first().click();
    await page.locator('.lang-toggle button[lang=es]').click();
    await page.locator('[data-section=setup]').click();
    const notice = page.getByTestId('mes-split-saved');
    await expect(notice).toContainText('una combinación que ya no se acepta');
    await expect(notice).toContainText(
      'Se aplica: Por sector: cada sector financia lo que cabe en su parte del monto, luego el remanente.',
    );
    await expect(notice).toContainText('Las reglas quedaron fijas');
    await expect(page.getByTestId('mes-split-conflict')).toHaveCount(0);
    await notice.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/setup-mes-split-older-es-1366x768.png` });
    await page.locator('.lang-toggle button[lang=quz]').click();
    await expect(notice).toContainText('Kay tallerqa ñawpaq versionwan');
    await page.screenshot({ path: `${SHOTS}/setup-mes-split-older-quz-1366x768.png` });
    // The results name the rule that ran, as the notice does.
    await page.locator('.lang-toggle button[lang=es]').click();
    await page.locator('[data-section=results]').click();
    const round = page.locator('select[name=round]');
    const option = round.locator('option', { hasText: 'Priorización' }).last();
    await round.selectOption((await option.getAttribute('value')) ?? '');
    await expect(page.getByTestId('split-steps')).toBeVisible();
    await expect(page.locator('body')).not.toContainText('Método de Partes Iguales (MES)');
  } finally {
    await host.stop();
    data.cleanup();
  }
});
