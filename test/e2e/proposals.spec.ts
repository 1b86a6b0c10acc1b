import { expect, test, type Page } from '@playwright/test';
import { freshDataDir, startHost } from './host';
import { App } from './pages/app';

/** Page object for the Proposals screen. */
const screen = (page: Page) => ({
  form: page.getByTestId('proposal-form'),
  title: page.locator('input[name=title]'),
  code: page.locator('input[name=code]'),
  message: page.getByTestId('proposals-message'),
  row: (code: string) => page.getByTestId('proposal-table').locator(`tr[data-code="${code}"]`),
  rejectedRow: (code: string) =>
    page.getByTestId('rejected-list').locator(`tr[data-code="${code}"]`),
  rejectForm: page.getByTestId('reject-form'),
});

test('proposals: keyboard intake, a rejection needs reason and explanation, reconsideration; all survives a restart', async ({
  page,
}) => {
  const data = freshDataDir();
  let host = await startHost(data.dir);
  try {
    await new App(page, host).openDemo();
    await page.locator('[data-section=proposals]').click();
    const s = screen(page);
    await expect(s.title).toBeFocused();
    await expect(s.code).toHaveValue('P-090');
    await expect(page.getByTestId('rejected-list').locator('h2')).toHaveText(
      'Propuestas rechazadas (24)',
    );
    await expect(page.getByTestId('matters')).toContainText('minería informal de oro');
    await page.screenshot({ path: 'test-results/proposals-1366x768.png' });
    await page.getByTestId('matters').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/proposals-matters-1366x768.png' });
    await s.title.focus();

    // Keyboard only: title, Tab, community, Tab, beneficiaries with their unit in the one field
    // (the unit select follows the word), Tab past the unit and the proposer, cost, Enter.
    await page.keyboard.type('Cobertizo comunal para alpacas en Huaraqa');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Huaraqa');
    await page.keyboard.press('Tab');
    await page.keyboard.type('150 familias');
    await expect(s.form.locator('select[name=beneficiaryUnit]')).toHaveValue('families');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('250 000');
    await page.keyboard.press('Enter');
    await expect(s.message).toHaveText(
      'Propuesta P-090 guardada: «Cobertizo comunal para alpacas en Huaraqa»',
    );
    await expect(s.title).toBeFocused();
    await expect(s.title).toHaveValue('');
    await expect(s.code).toHaveValue('P-091');
    await expect(s.row('P-090')).toContainText('S/ 250,000.00');
    await expect(s.row('P-090')).toContainText('Pendiente');
    await expect(s.row('P-090')).toContainText('150 familias');

    // A second one straight away: the form stayed open. A unit outside the list is refused by
    // name, nothing saved; "45 estudiantes" then counts students.
    await page.keyboard.type('Letrinas para la escuela de Huaraqa');
    await s.form.locator('input[name=beneficiaries]').fill('45 vacas');
    await page.keyboard.press('Enter');
    await expect(s.message).toContainText('«45 vacas» no se entiende');
    await expect(s.row('P-091')).toHaveCount(0);
    await s.form.locator('input[name=beneficiaries]').fill('45 estudiantes');
    await page.screenshot({ path: 'test-results/proposal-form-units-1366x768.png' });
    await page.keyboard.press('Enter');
    await expect(s.message).toHaveText(
      'Propuesta P-091 guardada: «Letrinas para la escuela de Huaraqa»',
    );
    await expect(s.row('P-091')).toContainText('45 estudiantes');

    // Rejecting needs a reason from the taxonomy and a written explanation.
    await s.row('P-090').locator('[data-action=reject]').click();
    await s.rejectForm.getByRole('button', { name: 'Rechazar' }).click();
    await expect(s.message).toHaveText('Para rechazar P-090 elija un motivo de la lista');
    await s.rejectForm.locator('select[name=reason]').selectOption('duplicate');
    // A further reason besides the main one: the list (and the Acta) show both.
    await s.rejectForm.locator('input[name=alsoReason][value=procedural]').check();
    await s.rejectForm.getByRole('button', { name: 'Rechazar' }).click();
    await expect(s.message).toContainText('escriba una explicación');
    await s.rejectForm
      .locator('textarea[name=explanation]')
      .fill('Duplica la propuesta P-002 de la misma asociación');
    await page.screenshot({ path: 'test-results/reject-form-reasons-1366x768.png' });
    await s.rejectForm.getByRole('button', { name: 'Rechazar' }).click();
    await expect(s.message).toHaveText('P-090: Rechazada');
    await expect(s.row('P-090')).toHaveCount(0);
    await expect(s.rejectedRow('P-090')).toContainText(
      'Duplicada o ya financiada por otro programa',
    );
    await expect(s.rejectedRow('P-090').locator('.reason')).toHaveText([
      'Duplicada o ya financiada por otro programa',
      'Procedimiento (no acreditado, fuera de plazo, ficha incompleta, fuera del distrito)',
    ]);
    await page.screenshot({ path: 'test-results/rejected-two-reasons-1366x768.png' });
    await expect(s.rejectedRow('P-090')).toContainText(
      'Duplica la propuesta P-002 de la misma asociación',
    );
    await expect(page.getByTestId('rejected-list').locator('h2')).toHaveText(
      'Propuestas rechazadas (25)',
    );
    await s.rejectedRow('P-090').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/proposals-rejected-1366x768.png' });

    // Reconsidered: admitted, and the history shows both decisions.
    await s.rejectedRow('P-090').locator('[data-action=reconsider]').click();
    await expect(s.row('P-090')).toContainText('Admitida');
    await expect(s.row('P-090').locator('.history')).toContainText('Rechazada');
    await expect(s.rejectedRow('P-090')).toHaveCount(0);
    const fingerprint = await page.getByTestId('chain-fingerprint').locator('code').textContent();

    await host.stop();
    host = await startHost(data.dir);
    await page.goto(host.url);
    await page.getByRole('button', { name: /Taller de priorización/ }).click();
    await page.locator('[data-section=proposals]').click();
    await expect(s.row('P-090')).toContainText('Admitida');
    await expect(s.row('P-090')).toContainText('S/ 250,000.00');
    await expect(s.row('P-090')).toContainText('150 familias');
    await expect(s.row('P-090').locator('.history')).toContainText('Rechazada');
    await expect(s.row('P-091')).toContainText('Letrinas');
    await expect(s.code).toHaveValue('P-092');
    await expect(page.getByTestId('chain-fingerprint').locator('code')).toHaveText(
      fingerprint ?? '',
    );
    await page.locator('[data-section=record]').click();
    await expect(page.locator('table:not([data-testid=backup-list])')).toContainText(
      'Propuesta rechazada',
    );
    await page.getByRole('button', { name: 'Verificar la cadena' }).click();
    await expect(page.getByTestId('chain-verdict')).toContainText('Cadena íntegra');
  } finally {
    await host.stop();
    data.cleanup();
  }
});
