import { expect, test } from '@playwright/test';
import { freshDataDir, startHost } from './host';
import { App, withHost } from './pages/app';

test('create a workshop, fill setup, restart the host, reopen: everything is there', async ({
  page,
}) => {
  const data = freshDataDir();
  let host = await startHost(data.dir);
  try {
    await page.goto(host.url);
    await expect(page.locator('body[data-ready="1"]')).toBeAttached();
    await expect(
      page.getByRole('heading', { name: 'Talleres de presupuesto participativo' }),
    ).toBeVisible();

    await page.locator('input[name=municipality]').fill('Municipalidad Distrital de Ocongate');
    await page.locator('input[name=title]').fill('Taller de priorización');
    await page.locator('input[name=fiscalYear]').fill('2027');
    await page.getByRole('button', { name: 'Crear taller' }).click();

    await expect(page.getByRole('heading', { name: 'Configuración del taller' })).toBeVisible();
    const fp1 = await page.getByTestId('chain-fingerprint').locator('code').textContent();
    expect(fp1).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/);

    await page.locator('input[name=ubigeo]').fill('081207');
    await page.locator('input[name=envelope]').fill('3 850 000');
    await expect(page.getByTestId('envelope-preview')).toHaveText('S/ 3,850,000.00');
    await page.getByRole('button', { name: 'Añadir sede' }).click();
    await page.locator('input[name=venue-name-0]').fill('Sede Tinki');
    await page.locator('input[name=venue-place-0]').fill('Local comunal de Tinki');
    await page.locator('input[name=venue-date-0]').fill('14/05/2026');
    await page.getByRole('button', { name: 'Añadir sector' }).click();
    await page.locator('input[name=sector-6]').fill('Turismo');
    await page.locator('select[name=tieBreak]').selectOption('cost');
    await page.getByLabel('Un voto por persona acreditada').check();
    // Keyboard-first: Ctrl+S saves.
    await page.keyboard.press('Control+s');
    await expect(page.getByTestId('save-status')).toHaveText('Guardado (evento n.º 2)');
    const fp2 = await page.getByTestId('chain-fingerprint').locator('code').textContent();
    expect(fp2).not.toBe(fp1);

    await host.stop();
    host = await startHost(data.dir);
    await page.goto(host.url);
    await page.getByRole('button', { name: /Taller de priorización/ }).click();
    await expect(page.locator('input[name=ubigeo]')).toHaveValue('081207');
    await expect(page.locator('input[name=envelope]')).toHaveValue('3850000.00');
    await expect(page.locator('input[name=venue-name-0]')).toHaveValue('Sede Tinki');
    await expect(page.locator('input[name=venue-date-0]')).toHaveValue('14/05/2026');
    await expect(page.locator('input[name=sector-6]')).toHaveValue('Turismo');
    await expect(page.locator('select[name=tieBreak]')).toHaveValue('cost');
    await expect(page.getByLabel('Un voto por persona acreditada')).toBeChecked();
    await expect(page.getByTestId('chain-fingerprint').locator('code')).toHaveText(fp2 ?? '');

    await page.locator('[data-section=record]').click();
    await page.getByRole('button', { name: 'Verificar la cadena' }).click();
    await expect(page.getByTestId('chain-verdict')).toContainText('Cadena íntegra: 2 eventos');
  } finally {
    await host.stop();
    data.cleanup();
  }
});

test('switching language changes the screen; invalid input is named, not saved', async ({
  page,
}) => {
  await withHost(async (host) => {
    await new App(page, host).openDemo();
    await expect(page.getByRole('heading', { name: 'Configuración del taller' })).toBeVisible();
    await expect(page.locator('input[name=venue-name-3]')).toHaveValue('Sede Mallmapampa');
    await page.screenshot({ path: 'test-results/setup-es.png', fullPage: false });

    await page.getByRole('button', { name: 'Runasimi' }).click();
    await expect(page.getByRole('heading', { name: 'Huñunakuy allichay' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'quz');
    await page.screenshot({ path: 'test-results/setup-quz.png', fullPage: false });

    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { name: 'Workshop setup' })).toBeVisible();

    // The demo's envelope is locked (its prioritisation round closed): the year is not.
    await expect(page.locator('input[name=envelope]')).toBeDisabled();
    await page.locator('input[name=fiscalYear]').fill('dos mil');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('save-status')).toHaveText('Check the marked fields');
    await expect(page.getByText('A four-digit year between 2000 and 2100')).toBeVisible();
    // A message already on screen follows a switch of language (it used to stay in the one it
    // was written in).
    await page.getByRole('button', { name: 'Runasimi' }).click();
    await expect(page.getByTestId('save-status')).toHaveText('Unanchasqa kaqkunata qhawariy');
    await expect(page.getByText('Tawa yupayniyuq wata, 2000 - 2100')).toBeVisible();
    await page.getByRole('button', { name: 'Español' }).click();
    await expect(page.getByTestId('save-status')).toHaveText('Revise los campos marcados');
    await page.getByRole('button', { name: 'English' }).click();
    // A round's day left empty: "Date required", reworded after a switch.
    await page.locator('[data-section=voting]').click();
    await page.getByRole('button', { name: 'New round' }).click();
    const form = page.locator('form.round-form');
    await page.keyboard.type('Prueba');
    await form.getByLabel('Day', { exact: true }).fill('x');
    await form.locator('button[type=submit]').click();
    await expect(form.getByRole('alert')).toHaveText('Date required');
    await page.getByRole('button', { name: 'Runasimi' }).click();
    await expect(form.getByRole('alert')).toHaveText("P'unchaw kanan tiyan");
    await page.getByRole('button', { name: 'English' }).click();

    // The language choice survives a reload, and so does the screen (the workshop's voting).
    await page.reload();
    await expect(page.getByRole('button', { name: 'New round' })).toBeVisible();
  });
});
