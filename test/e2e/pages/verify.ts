// The Verify screen: a PDF opened, the fingerprint typed from paper, and the answers.
import { expect, type Page } from '@playwright/test';

export class VerifyPage {
  constructor(readonly page: Page) {}

  get paper() {
    return this.page.getByTestId('paper-fingerprint');
  }
  get file() {
    return this.page.getByTestId('verify-file');
  }
  get verdict() {
    return this.page.getByTestId('verdict');
  }
  get paperAnswer() {
    return this.page.getByTestId('paper-answer');
  }
  get keyAnswer() {
    return this.page.getByTestId('key-answer');
  }
  get revisions() {
    return this.page.getByTestId('revisions');
  }
  /** Each standard PDF signature listed. */
  get signatures() {
    return this.page.getByTestId('pdf-signature');
  }
  get signaturesPanel() {
    return this.page.getByTestId('pdf-signatures');
  }
  /** The check that the pages are what the signed content draws. */
  get pagesCheck() {
    return this.page.locator('.checks li[data-check=rendering]');
  }
  /** The check that the document signature holds (over what Minka sealed). */
  get docSigCheck() {
    return this.page.locator('.checks li[data-check=documentSignature]');
  }

  /** Open a PDF and wait for the verdict. */
  async check(path: string, verdict: string): Promise<void> {
    await this.file.setInputFiles(path);
    await expect(this.verdict).toHaveAttribute('data-verdict', verdict);
  }

  /** Scroll so the verdict sits just under the sticky header, the answers below it. */
  async showVerdict(): Promise<void> {
    await this.verdict.scrollIntoViewIfNeeded();
    const box = await this.verdict.boundingBox();
    if (box) await this.page.mouse.wheel(0, box.y - 110);
    // The scroll has landed when the verdict's top is where it was sent.
    await expect
      .poll(async () => Math.round((await this.verdict.boundingBox())?.y ?? 0))
      .toBeLessThan(130);
  }
}
