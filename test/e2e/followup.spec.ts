import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { App, withHost } from './pages/app';

const root = resolve(import.meta.dirname, '../..');

const shots = process.env['MINKA_SHOTS'] ?? '/work/shots/followup';

/** Page object for the Seguimiento section. */
const followup = (page: Page) => ({
  screen: page.getByTestId('followup-screen'),
  tab: (id: 'projects' | 'years') => page.locator(`.followup [data-tab=${id}]`),
  row: (title: string) =>
    page
      .getByTestId('followup-project')
      .filter({ has: page.getByRole('button', { name: title, exact: true }) }),
  timeline: page.getByTestId('followup-timeline'),
  entries: page.getByTestId('followup-entries').locator('li'),
  message: page.getByTestId('followup-message'),
  back: page.getByTestId('followup-back'),
});

const CANAL = 'Mejoramiento del canal de riego Huaraqa–Ccochaccasa';
const ALPACAS = 'Construcción de cobertizos para alpacas en Sallani';
const WATER = 'Ampliación del sistema de agua potable de Upispata';

test('followup: the demo 2027 workshop reads its 2026 Acta and plan; the canal history; a note saved; the alpaca sheds carried into the proposals', async ({
  page,
}) => {
  mkdirSync(shots, { recursive: true });
  await withHost(async (host, dir) => {
    await new App(page, host).openDemo();
    await page.locator('[data-section=followup]').click();
    const f = followup(page);
    await expect(f.screen).toBeVisible();
    await expect(page.getByTestId('followup-years-line')).toHaveText(
      'Años guardados: 2026 · este taller: 2027',
    );
    // The years held: the 2026 Acta with its fingerprints and its recorded plan. The fingerprints
    // depend on the demo's 2026 payload, so they are read here and looked for in the timeline.
    await f.tab('years').click();
    const year = page.locator('[data-testid=followup-year][data-year="2026"]');
    await expect(year).toContainText('demo-qollqepata-2026.minka');
    await expect(year).toContainText('8 acordados, 3 rechazados');
    await expect(year).toContainText('plan-final-2026.csv');
    const fp = /^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/;
    const [minutesFp, keyFp, planFp] = await year.locator('code').allTextContents();
    expect([minutesFp, keyFp, planFp].every((x) => fp.test(x ?? ''))).toBe(true);
    await page.screenshot({ path: `${shots}/years-1366x768.png` });
    await f.tab('projects').click();

    // Counts on top: the 2026 Acta's 8 agreements and 3 rejections, one still waiting for money.
    await expect(page.getByTestId('followup-count-all').locator('.n')).toHaveText('11');
    await expect(page.getByTestId('followup-count-carryable').locator('.n')).toHaveText('1');
    // The one still waiting for money comes first, with its button.
    await expect(page.getByTestId('followup-project').first()).toHaveAttribute(
      'data-title',
      ALPACAS,
    );
    await expect(f.row(ALPACAS)).toContainText('No está en el plan');
    await expect(f.row(CANAL)).toContainText('Trasladado');
    await expect(f.row(CANAL)).toContainText('2456781');
    // The plaza the room rejected, funded and built anyway: its own mark and word, not an agreed one's.
    const plaza = f.row('Remodelación de la plaza principal con estatuas');
    await expect(plaza.locator('[data-state]')).toHaveAttribute(
      'data-state',
      'fundedAfterRejection',
    );
    await expect(plaza).toContainText('⚠ Financiado aunque el taller lo rechazó');
    await expect(page.getByTestId('followup-count-fundedAfterRejection')).toContainText('1');
    await plaza.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/projects-plaza-1366x768.png` });
    await page.screenshot({ path: `${shots}/projects-1366x768.png` });

    // The canal: agreed in 2026, left out of the plan, suspended by a resolution, carried as P-001.
    await f.row(CANAL).getByRole('button', { name: 'Ver historia' }).click();
    await expect(page.getByTestId('followup-timeline-title')).toHaveText(CANAL);
    await expect(f.entries).toHaveCount(4);
    expect(
      await Promise.all(
        (await f.entries.all()).map(
          async (li) =>
            `${await li.getAttribute('data-year')} ${await li.getAttribute('data-kind')}`,
        ),
      ),
    ).toEqual(['2026 agreed', '2026 notInPlan', '2026 suspended', '2027 carried']);
    await expect(f.entries.nth(0)).toContainText(
      'Acordado en el taller 2026 como P-001: S/ 1,100,000.00.',
    );
    await expect(f.entries.nth(0)).toContainText(`acta sellada, huella ${minutesFp} (20/05/2025)`);
    await expect(f.entries.nth(1)).toContainText(
      'No está en el plan final 2026 (se acordó S/ 1,100,000.00).',
    );
    await expect(f.entries.nth(1)).toContainText(`plan final, huella ${planFp}`);
    await expect(f.entries.nth(2)).toContainText('Suspendido.');
    await expect(f.entries.nth(2)).toContainText(
      '20/02/2026 — Resolución de Alcaldía N.º 045-2026-MDQ',
    );
    await expect(f.entries.nth(3)).toContainText(
      'Trasladado a las propuestas del taller 2027 como P-001.',
    );
    await expect(f.back).toBeFocused();
    await page.screenshot({ path: `${shots}/timeline-canal-1366x768.png` });
    await f.back.click();

    // A note: the water system was executed, says the liquidation report. Saved only once the core said so.
    await f.row(WATER).getByRole('button', { name: 'Ver historia' }).click();
    const form = page.getByTestId('followup-note-form');
    await form.locator('input[name=date]').fill('15/12/2026');
    await form.locator('input[name=note]').fill('Informe de liquidación N.º 012-2026-GDUR');
    await form.getByRole('button', { name: 'Guardar la nota' }).click();
    await expect(page.getByTestId('followup-note-result')).toHaveText('Nota guardada.');
    await expect(f.entries.last()).toHaveAttribute('data-kind', 'executed');
    await expect(f.entries.last()).toContainText(
      'nota, 15/12/2026 — Informe de liquidación N.º 012-2026-GDUR',
    );
    await page.screenshot({ path: `${shots}/timeline-note-1366x768.png` });
    await f.back.click();
    await expect(f.row(WATER)).toContainText('Ejecutado');

    // Carry the alpaca sheds into this workshop's proposals.
    await f.row(ALPACAS).getByTestId('followup-carry').click();
    await expect(f.message).toHaveText(
      `«${ALPACAS}» se trasladó a las propuestas de este taller como P-090. Revísela en Propuestas.`,
    );
    await expect(f.row(ALPACAS)).toContainText('Trasladado');
    await expect(page.getByTestId('followup-count-carryable')).toHaveCount(0);
    await page.screenshot({ path: `${shots}/carried-1366x768.png` });

    await page.locator('[data-section=proposals]').click();
    const row = page.getByTestId('proposal-table').locator('tr[data-code="P-090"]');
    await expect(row).toContainText(ALPACAS);
    await expect(row).toContainText('← 2026 P-005');
    await expect(row).toContainText('S/ 210,000.00');
    // Opened for review, the carried proposal shows the history it brings.
    await row.locator('[data-action=edit]').click();
    const history = page.getByTestId('carried-history');
    await expect(history).toContainText('Historia de años anteriores (3)');
    // Folded under the form so the form keeps its place on a small screen; one click opens it.
    await history.locator('summary').click();
    await expect(history.locator('li')).toHaveCount(3);
    await expect(history.locator('li').nth(1)).toContainText(
      'No está en el plan final 2026 (se acordó S/ 210,000.00).',
    );
    await expect(history.locator('li').nth(2)).toContainText(
      'Trasladado a las propuestas del taller 2027 como P-090.',
    );
    await page.mouse.wheel(0, -5000);
    await page.screenshot({ path: `${shots}/proposal-history-1366x768.png` });

    // The register printed for the oversight committee: a PDF that names the projects and the Acta.
    await page.locator('[data-section=followup]').click();
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('followup-print').click(),
    ]);
    await expect(f.message).toContainText('Guardado: historia-');
    const saved = join(dir, 'historia.pdf');
    await pdf.saveAs(saved);
    const text = execFileSync('pdftotext', ['-layout', saved, '-'], { encoding: 'utf8' });
    expect(text).toContain('Historia de los acuerdos');
    expect(text).toContain(minutesFp);
    expect(text).toContain(CANAL);
  });
});

/** The demo's 2027 final plan as `minka demo` writes it next to the workshop. */
function demoPlanCsv(dir: string): Buffer {
  execFileSync(
    process.execPath,
    [join(root, 'bin/minka.mjs'), 'demo', '--out', join(dir, 'cli', 'cli-demo.minka')],
    { cwd: root, env: { ...process.env, MINKA_LANG: 'en' } },
  );
  return readFileSync(join(dir, 'cli', 'plan-final-2027.csv'));
}

test('followup: a 2028 workshop imports the sealed 2027 demo file (2026 brought along), records the 2027 plan, separates and rejoins a CUI link, carries with a sector chosen; the sealed demo is read-only', async ({
  page,
}) => {
  mkdirSync(shots, { recursive: true });
  await withHost(async (host, dir) => {
    const demo = await host.api<{ workshopId: string; file: string }>('workshop:openDemo', {});
    await host.api('minutes:seal', {
      workshopId: demo.workshopId,
      lang: 'es',
      bilingual: false,
      slips: false,
      passphrase: null,
      confirm: true,
    });
    await host.api('workshop:close', { workshopId: demo.workshopId });
    const w = await host.api<{ workshopId: string; setup: Record<string, unknown> }>(
      'workshop:create',
      {
        title: 'Taller PP 2028',
        municipality: 'Municipalidad Distrital de Qollqepata',
        fiscalYear: 2028,
      },
    );
    // Sectors named otherwise than in 2026 and 2027: carrying asks for one.
    await host.api('workshop:saveSetup', {
      workshopId: w.workshopId,
      setup: {
        ...w.setup,
        sectors: [{ name: 'Infraestructura productiva' }, { name: 'Servicios básicos' }],
      },
    });
    await host.api('workshop:close', { workshopId: w.workshopId });
    const csv = demoPlanCsv(dir);

    await page.goto(host.url);
    await page.getByRole('button', { name: /Taller PP 2028/ }).click();
    await page.locator('[data-section=followup]').click();
    const f = followup(page);
    // An empty register opens on the years, with the import.
    await expect(page.getByTestId('followup-years-line')).toHaveText(
      'Aún no hay actas de años anteriores',
    );
    await page.getByTestId('followup-import-file').setInputFiles(join(dir, demo.file));
    const result = page.getByTestId('followup-import-result');
    await expect(result).toContainText('Guardado: se agregó el acta 2027');
    await expect(result).toContainText(
      'También se trajeron de ese archivo: años 2026, 1 planes y 1 notas.',
    );
    await expect(page.getByTestId('followup-years-line')).toHaveText(
      'Años guardados: 2026, 2027 · este taller: 2028',
    );
    // The same Acta again, from this computer's archive: already there.
    await page
      .getByTestId('followup-import')
      .getByRole('button', {
        name: /2027 · Municipalidad Distrital de Qollqepata · ya está en el registro/,
      })
      .click();
    await expect(result).toContainText('El acta 2027');
    await expect(result).toContainText('ya estaba en el registro');

    // The 2027 final plan: compared, one name match confirmed, kept.
    const y2027 = page.locator('[data-testid=followup-year][data-year="2027"]');
    await expect(y2027).toContainText('Aún no se registró el plan final de este año.');
    await y2027.getByTestId('followup-record-plan').click();
    await y2027
      .getByTestId('followup-plan-file')
      .setInputFiles({ name: 'plan-final-2027.csv', mimeType: 'text/csv', buffer: csv });
    await expect(y2027.getByTestId('plan-box-matched').locator('.n')).toHaveText('8');
    await expect(y2027.getByTestId('plan-box-missingFromPlan').locator('.n')).toHaveText('1');
    await y2027.getByTestId('plan-confirm-P-008').click();
    await expect(y2027.getByTestId('plan-pending')).toContainText('6');
    await page.screenshot({ path: `${shots}/plan-check-1366x768.png` });
    await y2027.getByTestId('followup-plan-save').click();
    await expect(y2027.getByTestId('followup-plan-saved')).toContainText(
      'Guardado: el plan plan-final-2027.csv quedó registrado para 2027.',
    );
    await expect(y2027).toContainText('plan-final-2027.csv');

    // The canal across two years, joined by its CUI; separated, then joined again.
    await f.tab('projects').click();
    await f.row(CANAL).getByRole('button', { name: 'Ver historia' }).click();
    await expect(page.getByTestId('followup-timeline-title')).toHaveText(CANAL);
    const links = page.getByTestId('followup-links');
    await expect(links).toContainText('2026 P-001 y 2027 P-001: tienen el mismo CUI.');
    await expect(f.entries.first()).toHaveAttribute('data-year', '2026');
    await expect(f.entries.last()).toHaveAttribute('data-year', '2027');
    await page.screenshot({ path: `${shots}/timeline-two-years-1366x768.png` });
    await links.getByRole('button', { name: 'No es el mismo proyecto' }).click();
    await expect(f.message).toHaveText(
      'Guardado: 2026 P-001 y 2027 P-001 son proyectos distintos.',
    );
    await expect(links).toContainText('2026 P-001 y 2027 P-001 se separaron.');
    await expect(f.entries.last()).toHaveAttribute('data-year', '2026');
    await links.getByRole('button', { name: 'Volver a unir' }).click();
    await expect(f.message).toHaveText(
      'Guardado: 2026 P-001 y 2027 P-001 vuelven a ser el mismo proyecto.',
    );
    await expect(f.entries.last()).toHaveAttribute('data-year', '2027');
    await f.back.click();

    // Carry the first project still waiting for money: no sector of that name here, so one is asked for.
    const first = page.getByTestId('followup-project').first();
    const title = (await first.getAttribute('data-title')) ?? '';
    await first.getByTestId('followup-carry').click();
    const ask = page.getByTestId('followup-need-sector');
    await expect(ask).toContainText('Este taller no tiene el sector');
    await page.getByTestId('followup-sector').selectOption({ label: 'Infraestructura productiva' });
    await page.screenshot({ path: `${shots}/carry-sector-1366x768.png` });
    await ask.getByRole('button', { name: 'Trasladar a las propuestas de este taller' }).click();
    await expect(f.message).toHaveText(
      `«${title}» se trasladó a las propuestas de este taller como P-001. Revísela en Propuestas.`,
    );
    await expect(ask).toHaveCount(0);

    // The sealed 2027 demo: its register is shown, its forms are not usable.
    await page.getByRole('button', { name: 'Cerrar taller' }).click();
    await page.getByRole('button', { name: /Presupuesto Participativo 2027/ }).click();
    await page.locator('[data-section=followup]').click();
    await expect(page.getByTestId('followup-sealed')).toBeVisible();
    await expect(page.getByTestId('followup-carry').first()).toBeDisabled();
    await f.row(ALPACAS).getByRole('button', { name: 'Ver historia' }).click();
    await expect(
      page.getByTestId('followup-note-form').getByRole('button', { name: 'Guardar la nota' }),
    ).toBeDisabled();
  });
});
