// Page objects for the e2e specs (STYLE.md: "page objects for screens"): the steps every spec
// repeated — a fresh data folder and a host around the test, open the demo, go to a section,
// switch the language, open the Verify screen, seal the demo through the API — said once.
import { expect, type Page } from '@playwright/test';
import { freshDataDir, startHost, type RunningHost } from '../host';

/** Where screenshots go: MINKA_SHOTS, or test-results. */
export const shots = process.env['MINKA_SHOTS'] ?? 'test-results';

export type Lang = 'es' | 'quz' | 'en';
/** The workshop's sections (renderer/src/screens/WorkshopScreen.tsx). */
export type Section =
  | 'setup'
  | 'followup'
  | 'attendance'
  | 'proposals'
  | 'voting'
  | 'results'
  | 'venues'
  | 'minutes'
  | 'verify'
  | 'record';

/** Run `fn` with a web host over a fresh, empty data folder; both are gone afterwards. */
export async function withHost<T>(
  fn: (host: RunningHost, dataDir: string) => Promise<T>,
): Promise<T> {
  const data = freshDataDir();
  const host = await startHost(data.dir);
  try {
    return await fn(host, data.dir);
  } finally {
    await host.stop();
    data.cleanup();
  }
}

/** The app shell: home screen, section menu, language toggle. */
export class App {
  constructor(
    readonly page: Page,
    readonly host: RunningHost,
  ) {}

  async home(): Promise<void> {
    await this.page.goto(this.host.url);
  }

  /** From the home screen: the demo workshop, opened. */
  async openDemo(): Promise<void> {
    await this.home();
    await this.page.getByTestId('open-demo').click();
  }

  /** From the home screen, without a workshop: the Verify screen. */
  async openVerify(): Promise<void> {
    await this.home();
    await this.page.getByTestId('open-verify').click();
  }

  async section(name: Section): Promise<void> {
    await this.page.locator(`[data-section=${name}]`).click();
  }

  async language(lang: Lang): Promise<void> {
    const button = this.page.locator(`.lang-toggle button[lang=${lang}]`);
    await button.click();
    await expect(button).toHaveAttribute('aria-pressed', 'true');
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `${shots}/${name}-1366x768.png` });
  }
}

/** The demo workshop sealed through the API (no key passphrase), closed; its PDF. */
export async function sealDemo(
  host: RunningHost,
  extra: { facilitator?: string } = {},
): Promise<Buffer> {
  const demo = await host.api<{ workshopId: string }>('workshop:openDemo', {});
  const sealed = await host.api<{ pdf: { base64: string } }>('minutes:seal', {
    workshopId: demo.workshopId,
    lang: 'es',
    bilingual: true,
    slips: false,
    passphrase: null,
    ...extra,
    confirm: true,
  });
  await host.api('workshop:close', { workshopId: demo.workshopId });
  return Buffer.from(sealed.pdf.base64, 'base64');
}
