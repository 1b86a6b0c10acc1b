// The Sedes screen (issue 20): kits prepared on the main workshop, files incorporated, the
// devices and conflicts; on a venue laptop, its file to carry and the other laptop's file taken.
import { expect, type Page } from '@playwright/test';

export class SedesPage {
  constructor(readonly page: Page) {}

  get section() {
    return this.page.locator('[data-section=venues]');
  }
  get done() {
    return this.page.getByTestId('venues-done');
  }
  get error() {
    return this.page.getByTestId('venues-error');
  }
  get devices() {
    return this.page.getByTestId('venues-devices');
  }
  get conflicts() {
    return this.page.getByTestId('venues-conflict');
  }
  get summary() {
    return this.page.getByTestId('venues-conflict-summary');
  }
  get mergeFile() {
    return this.page.getByTestId('venues-merge-file');
  }
  get exchangeFile() {
    return this.page.getByTestId('venues-exchange-file');
  }
  get closingHead() {
    return this.page.getByTestId('venues-closing-head');
  }

  async open() {
    await this.section.click();
    await expect(this.page.getByTestId('venues')).toBeVisible();
  }

  /**
   * On a venue laptop: the closing head as its screen shows it now (re-read after changes made
   * elsewhere: through another section, then back), checked against what the core says.
   */
  async headNow(api: () => Promise<{ closing: { headFingerprint: string } | null }>) {
    await this.page.locator('[data-section=attendance]').click();
    await this.open();
    const want = (await api()).closing?.headFingerprint ?? '';
    await expect(this.closingHead).toHaveText(want);
    return want;
  }

  /** On a venue laptop: the file to carry, downloaded and saved at `path`. */
  async saveDeviceFile(path: string) {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId('venues-save-device').click();
    await (await download).saveAs(path);
    await expect(this.done).toContainText(/Archivo de la sede guardado/);
  }

  /** On a venue laptop: the other laptop's file, incorporated. */
  async takeSibling(path: string) {
    await this.exchangeFile.setInputFiles(path);
    await expect(this.error).toHaveCount(0);
    await expect(this.done).toBeVisible();
  }

  /** On the main workshop: a venue file with the head read from its slip. */
  async merge(path: string, slipHead: string) {
    await this.page.getByTestId('venues-slip-head').fill(slipHead);
    await this.mergeFile.setInputFiles(path);
    await expect(this.error).toHaveCount(0);
    await expect(this.done).toBeVisible();
  }

  async setLang(lang: 'es' | 'quz') {
    await this.page.locator(`.lang-toggle button[lang=${lang}]`).click();
  }
}
