// A community registry whose CARGO column says Presidente / Secretaria (as real ones do), from an
// empty folder: the preview says who will count as an agent and waits for the operator to map
// each unrecognised office once; the mapping is recorded with the import; the door's quorum says
// what it counts and where roles are set, in the same words as the Padrón.
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { App, withHost } from './pages/app';

const FIXTURE = join(import.meta.dirname, '../fixtures/registry/cargos-presidente.csv');

async function filterAndSelect(page: Page, text: string) {
  await page.getByLabel('Filtrar por nombre, DNI, organización o comunidad').fill(text);
  await page.getByTestId('registry-table').locator('tbody input[type=checkbox]').first().check();
}

test('import with offices in CARGO: counts before confirming, a mapping chosen once, the door says what quorum counts', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await withHost(async (host) => {
    const app = new App(page, host);
    await app.home();
    await expect(page.locator('body[data-ready="1"]')).toBeAttached();
    await page.locator('input[name=municipality]').fill('Municipalidad Distrital de Ocongate');
    await page.locator('input[name=title]').fill('Taller 2027');
    await page.locator('input[name=fiscalYear]').fill('2027');
    await page.getByRole('button', { name: 'Crear taller' }).click();
    await expect(page.getByRole('heading', { name: 'Configuración del taller' })).toBeVisible();
    await page.getByRole('button', { name: 'Añadir sede' }).click();
    await page.locator('input[name=venue-name-0]').fill('Sede Ocongate');
    await page.locator('input[name=venue-place-0]').fill('Auditorio municipal');
    await page.locator('input[name=venue-date-0]').fill('14/05/2026');
    await page.keyboard.press('Control+s');
    await expect(page.getByTestId('save-status')).toContainText('Guardado');

    await app.section('attendance');
    await page.locator('[data-tab=registry]').click();
    await page.getByTestId('import-open').click();
    await page.getByTestId('import-file').setInputFiles(FIXTURE);

    // Before any choice: one agent (the APAFA's delegate), five offices waiting, no confirm.
    await expect(page.getByTestId('import-agents')).toContainText(
      'Serán agentes participantes 1 persona, en 1 de 4 organizaciones.',
    );
    await expect(page.getByTestId('import-roles-pending')).toContainText('5 cargos');
    await expect(page.getByTestId('import-roles')).toContainText('«Presidente»');
    await expect(
      page.getByTestId('import-roles').locator('tr', { hasText: '«Presidente»' }),
    ).toContainText('3, 11');
    await expect(page.getByTestId('import-confirm')).toBeDisabled();
    await page.getByTestId('import-roles').evaluate((el) => {
      el.scrollIntoView({ block: 'start' });
      window.scrollBy(0, -140);
    });
    await app.screenshot('import-roles-pending-es');

    for (const [key, label] of [
      ['presidente', 'Titular (agente)'],
      ['presidenta', 'Titular (agente)'],
      ['secretaria', 'Suplente (agente)'],
      ['secretario', 'Suplente (agente)'],
      ['tesorera', 'Participante (no es agente)'],
    ] as const)
      await page.getByTestId(`role-choice-${key}`).selectOption({ label });
    await expect(page.getByTestId('import-agents')).toContainText(
      'Serán agentes participantes 6 personas, en 3 de 4 organizaciones.',
    );
    await expect(page.getByTestId('import-not-agents')).toContainText(
      'No serán agentes: 5 participantes por su cargo, 1 con solo voz, 0 sin organización.',
    );
    await expect(page.getByTestId('import-roles-pending')).toHaveCount(0);
    // The section's heading just below the sticky screen header.
    const showRoles = () =>
      page.getByTestId('import-roles').evaluate((el) => {
        el.scrollIntoView({ block: 'start' });
        window.scrollBy(0, -140);
      });
    await showRoles();
    await app.screenshot('import-roles-es');
    await app.language('quz');
    await showRoles();
    await app.screenshot('import-roles-quz');
    await app.language('es');

    await page.getByTestId('import-confirm').click();
    await expect(page.getByTestId('registry-message')).toContainText(
      'Cargos elegidos: «Presidente» → Titular (agente) · «Secretaria» → Suplente (agente)',
    );
    // Persisted as the people's roles.
    await page.getByLabel('Filtrar por nombre, DNI, organización o comunidad').fill('10722233');
    await expect(page.getByTestId('registry-table').locator('tbody tr')).toContainText('Titular');

    // Everybody accredited, then Qquehuar's two officers back to pending: it keeps accredited
    // members and no agent. The Padrón names both figures, and the difference.
    await page.getByLabel('Filtrar por nombre, DNI, organización o comunidad').fill('');
    await page.getByLabel('Seleccionar todas').check();
    await page.getByRole('button', { name: 'Acreditar', exact: true }).click();
    // Wait for the accreditation itself (the import's message already holds a 12): acting
    // before it lands kept all twelve selected, and "Marcar pendiente" then took all twelve.
    const counts = page.getByTestId('registry-counts');
    await expect(counts).toContainText('12 personas acreditadas');
    for (const [i, dni] of ['67627625', '63492024'].entries()) {
      await filterAndSelect(page, dni);
      await page.getByRole('button', { name: 'Marcar pendiente' }).click();
      await expect(counts).toContainText(`${11 - i} personas acreditadas`);
    }
    await page.getByLabel('Filtrar por nombre, DNI, organización o comunidad').fill('');
    await expect(page.getByTestId('registry-counts')).toHaveText(
      '12 personas · 10 personas acreditadas · 2 pendientes · 2 organizaciones con agente acreditado',
    );
    await expect(page.getByTestId('registry-without-agent')).toContainText(
      '1 organización tiene personas acreditadas pero ningún agente acreditado',
    );

    // The door: what the quorum counts, in the Padrón's words, why one organisation is left
    // out, and the way to the Padrón.
    await page.locator('[data-tab=door]').click();
    await expect(page.getByTestId('quorum')).toHaveText(
      /^Falta quórum — organizaciones con agente presente: 0; mínimo necesario: \d+ \(de 2 con agente acreditado\)$/,
    );
    const why = page.getByTestId('quorum-why');
    await expect(why).toContainText('Cuenta las organizaciones con un agente acreditado presente');
    await expect(why).toContainText(
      '1 organización tiene personas acreditadas pero ningún agente: no cuenta.',
    );
    // The votes possible under one vote per organisation: the same 2 organisations.
    await expect(page.getByText('0 votos en sala de 2 posibles')).toBeVisible();
    await app.screenshot('door-quorum-roles-es');
    await app.language('quz');
    await app.screenshot('door-quorum-roles-quz');
    await app.language('es');
    await why.getByRole('button', { name: 'Abrir el Padrón' }).click();
    await expect(page.getByTestId('registry-counts')).toBeVisible();
  });
});
