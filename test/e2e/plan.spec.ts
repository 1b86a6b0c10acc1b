import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { withHost } from './pages/app';

const root = resolve(import.meta.dirname, '../..');

/** What the demo final plan does (electron/demo/plan.ts; checked against the minutes in electron/plan/plan.test.ts). */
const story = {
  renamed: 'P-019',
  cut: 'P-023',
  dropped: 'P-026',
  rejectedFunded: 'P-063',
  confirm: 'P-008',
};

/** The demo's final plan as `minka demo` writes it next to the workshop. */
function demoPlanCsv(dir: string): Buffer {
  execFileSync(
    process.execPath,
    [join(root, 'bin/minka.mjs'), 'demo', '--out', join(dir, 'cli-demo.minka')],
    { cwd: root, env: { ...process.env, MINKA_LANG: 'en' } },
  );
  return readFileSync(join(dir, 'plan-final-2027.csv'));
}

/** Page object for the Reconciliation screen. */
const planScreen = (page: Page) => ({
  screen: page.getByTestId('plan-screen'),
  file: page.getByTestId('plan-file'),
  compare: page.getByTestId('plan-compare'),
  verified: page.getByTestId('plan-verified'),
  box: (id: string) => page.getByTestId(`plan-box-${id}`).locator('.n'),
  category: (id: string) => page.getByTestId(`plan-cat-${id}`),
  pending: page.getByTestId('plan-pending'),
  columns: page.getByTestId('plan-columns'),
  print: page.getByTestId('plan-print'),
  printed: page.getByTestId('plan-printed'),
});

const shots = process.env['MINKA_SHOTS'] ?? 'test-results';

test('plan: the demo minutes sealed, the demo final plan imported on the Reconciliation screen, its categories read on screen; a name match undone; the report printed', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await withHost(async (host, dir) => {
    // The sealed demo minutes sit in the data folder's archive, as after a real workshop.
    const demo = await host.api<{ workshopId: string }>('workshop:openDemo', {});
    const sealed = await host.api<{ pdf: { base64: string } }>('minutes:seal', {
      workshopId: demo.workshopId,
      lang: 'es',
      bilingual: true,
      slips: false,
      passphrase: null,
      confirm: true,
    });
    await host.api('workshop:close', { workshopId: demo.workshopId });
    const v = await host.api<{ fingerprint: string }>('minutes:verify', {
      base64: sealed.pdf.base64,
    });
    const csv = demoPlanCsv(dir);

    await page.goto(host.url);
    await page.getByTestId('open-plan').click();
    const p = planScreen(page);
    await expect(p.screen).toBeVisible();
    // The minutes: picked from the archive list by keyboard-reachable buttons.
    await page.getByRole('button', { name: new RegExp(v.fingerprint) }).click();
    await p.file.setInputFiles({ name: 'plan-final-2027.csv', mimeType: 'text/csv', buffer: csv });
    await expect(page.getByTestId('plan-file-chosen')).toContainText('plan-final-2027.csv');
    await p.compare.click();

    await expect(p.verified).toContainText(v.fingerprint);
    // The MEF columns were recognised.
    await expect(page.getByTestId('plan-map-cui')).toHaveValue('4');
    await expect(page.getByTestId('plan-map-amount')).toHaveValue('7');
    await expect(p.box('matched')).toHaveText('8');
    await expect(p.box('amountChanged')).toHaveText('1');
    await expect(p.box('missingFromPlan')).toHaveText('1');
    await expect(p.box('notInMinutes')).toHaveText('2');
    await expect(p.box('rejectedButFunded')).toHaveText('1');
    await expect(p.category('missingFromPlan')).toContainText(story.dropped);
    await expect(p.category('amountChanged')).toContainText(story.cut);
    await expect(p.category('amountChanged')).toContainText('-20.0 %');
    await expect(p.category('rejectedButFunded')).toContainText(story.rejectedFunded);
    await expect(p.category('notInMinutes')).toContainText('ESTADIO MUNICIPAL');
    await expect(p.pending).toContainText('7');
    await page.screenshot({ path: `${shots}/plan-report-1366x768.png` });
    // The column-mapping step stays folded when the guess read every line; open it to check.
    await p.columns.locator('summary').first().click();
    await expect(page.getByTestId('plan-map-name')).toBeVisible();
    await p.columns.screenshot({ path: `${shots}/plan-columns.png` });

    // A person confirms one name match and undoes the renamed project's.
    await page.getByTestId(`plan-confirm-${story.confirm}`).click();
    await expect(p.pending).toContainText('6');
    await page.getByTestId(`plan-undo-${story.renamed}`).click();
    await expect(p.box('missingFromPlan')).toHaveText('2');
    await expect(p.box('notInMinutes')).toHaveText('3');
    await expect(page.getByTestId('plan-undone')).toContainText(story.renamed);
    await p.category('missingFromPlan').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/plan-undone-1366x768.png` });

    const download = page.waitForEvent('download');
    await p.print.click();
    const d = await download;
    expect(d.suggestedFilename()).toMatch(/^comparacion-plan-.*\.pdf$/);
    await expect(p.printed).toContainText('firmado');
    await d.saveAs(`${shots}/plan-report.pdf`);
  });
});

test('plan: a plan file with unreadable lines names each line and field on screen', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await withHost(async (host) => {
    const demo = await host.api<{ workshopId: string }>('workshop:openDemo', {});
    await host.api('minutes:seal', {
      workshopId: demo.workshopId,
      lang: 'es',
      bilingual: true,
      slips: false,
      passphrase: null,
      confirm: true,
    });
    await host.api('workshop:close', { workshopId: demo.workshopId });
    await page.goto(host.url);
    await page.getByTestId('open-plan').click();
    await page.locator('.plan-archive button').first().click();
    // Windows-1252, `;`, a title row, decimal commas and one bad amount.
    const text =
      'PLAN DE INVERSIONES 2027;;\nCódigo;Nombre del proyecto;Monto (S/)\nP-019;Aula y cocina escolar en Mallmapampa;330.000,00\nP-005;Reservorio rústico para riego en Upispata;trescientos mil\n';
    await page.getByTestId('plan-file').setInputFiles({
      name: 'plan.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(text, 'latin1'),
    });
    await page.getByTestId('plan-compare').click();
    await expect(page.getByTestId('plan-errors')).toContainText(
      'Línea 4, columna «Monto (S/)»: «trescientos mil» no es un monto en soles.',
    );
    await expect(page.getByTestId('plan-map-code')).toHaveValue('0');
    await expect(page.getByTestId('plan-cat-matched')).toContainText('P-019');
  });
});
