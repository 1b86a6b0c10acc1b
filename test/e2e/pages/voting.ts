// The Voting screen: rounds created, opened and closed as the facilitator does it.
import { expect, type Page } from '@playwright/test';
import type { App } from './app';

export type RoundKind = 'sector' | 'hands' | 'ballot';

export class VotingPage {
  constructor(readonly page: Page) {}

  get message() {
    return this.page.getByTestId('voting-message');
  }
  get newRound() {
    return this.page.getByRole('button', { name: 'Nueva ronda' });
  }
  get form() {
    return this.page.getByRole('form', { name: 'Nueva ronda de votación' });
  }
  get name() {
    return this.page.getByLabel('Nombre de la ronda');
  }
  get results() {
    return this.page.getByTestId('round-results');
  }
  get kiosk() {
    return this.page.getByRole('dialog', { name: /Quiosco de votación|Akllana kiosko/ });
  }
  get ballots() {
    return this.page.getByTestId('round-ballots');
  }
  countRow(code: string) {
    return this.page.locator(`.count-table tr[data-item="${code}"]`);
  }
  countInput(code: string, op: 'A' | 'B') {
    return this.page.getByLabel(`Conteo de ${code}, operador ${op}`);
  }

  /** The demo workshop's Voting screen. */
  static async openDemo(app: App): Promise<VotingPage> {
    await app.openDemo();
    await app.section('voting');
    await expect(app.page.getByRole('heading', { name: 'Votación', exact: true })).toBeVisible();
    return new VotingPage(app.page);
  }

  /** Create a round (extra: fill more of the form) and open it. */
  async createRound(title: string, kind: RoundKind, extra?: () => Promise<void>): Promise<void> {
    await this.newRound.click();
    await expect(this.name).toBeFocused();
    await this.page.keyboard.type(title);
    await this.form.locator(`input[name=kind][value=${kind}]`).check();
    // The day is shown and typed dd/mm/yyyy, as everywhere (a native date input would follow
    // the browser's locale: 05/14/2026 in an English Chromium).
    await expect(this.form.getByLabel('Día', { exact: true })).toHaveValue(/^\d{2}\/\d{2}\/\d{4}$/);
    await extra?.();
    await this.form.getByRole('button', { name: 'Crear la ronda' }).click();
    await expect(this.message).toHaveText(`Ronda «${title}» creada (borrador).`);
    await expect(this.page.locator('.round-facts')).toContainText(/ · \d{2}\/\d{2}\/\d{4}/);
    await this.page.getByRole('button', { name: 'Abrir la ronda' }).click();
    await expect(this.message).toHaveText(`Ronda «${title}» abierta: ya se puede votar.`);
    // Focus goes on to what comes next, never to the page body.
    if (kind === 'ballot')
      await expect(this.page.getByRole('button', { name: 'Abrir el quiosco' })).toBeFocused();
    else await expect(this.page.locator('.count-input').first()).toBeFocused();
  }

  async closeRound(title: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Cerrar la ronda' }).click();
    await expect(this.page.getByRole('button', { name: 'Sí, cerrar' })).toBeFocused();
    await this.page.keyboard.press('Enter');
    await expect(this.message).toHaveText(
      `Ronda «${title}» cerrada; sus resultados ya se muestran.`,
    );
    await expect(this.page.locator('.round-head h2')).toBeFocused();
  }
}
