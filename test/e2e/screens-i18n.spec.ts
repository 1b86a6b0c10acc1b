// Every screen, every tab, in the three languages: no text that looks like a raw i18n key
// ("event.minutes.sealed"), no browser-language text from native controls. With
// MINKA_DOCS_SHOTS=1 (npm run docs:screenshots) it also rewrites the README's screenshots.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { withHost } from './pages/app';

const root = resolve(import.meta.dirname, '../..');
const shots = join(root, 'test-results', 'screens');
const docs = process.env['MINKA_DOCS_SHOTS'] === '1' ? join(root, 'docs') : null;
const esDir = join(root, 'shared', 'i18n', 'es');
const esKeys = readdirSync(esDir).flatMap((f) =>
  Object.keys(JSON.parse(readFileSync(join(esDir, f), 'utf8')) as Record<string, unknown>),
);
const namespaces = [
  ...new Set(esKeys.filter((k) => !k.startsWith('_')).map((k) => k.split('.')[0])),
].join('|');
const RAW_KEY = new RegExp(`\\b(?:${namespaces})\\.[a-zA-Z]+(?:\\.[a-zA-Z0-9]+)*\\b`, 'g');
/** Text a browser writes in its own language on native controls. */
const BROWSER_TEXT =
  /Choose File|No file chosen|Browse…|Elegir archivos|Ningún archivo seleccionado/;

async function assertTranslated(page: Page, where: string): Promise<void> {
  const text = await page.locator('body').innerText();
  const raw = [...text.matchAll(RAW_KEY)]
    .map((m) => m[0])
    .filter((k) => !/\.(minka|pdf|csv|json|pb|xlsx)$/.test(k));
  expect(raw, `raw keys on ${where}`).toEqual([]);
  // (In English, Minka's own "No file chosen" is legitimately the same words.)
  if (!where.startsWith('en/'))
    expect(text, `browser-language text on ${where}`).not.toMatch(BROWSER_TEXT);
  // Native file inputs show browser text: every one must be hidden behind a labelled button.
  let visibleFileInputs = 0;
  for (const input of await page.locator('input[type=file]').all()) {
    const box = await input.boundingBox();
    if (box && box.width > 2 && box.height > 2) visibleFileInputs++;
  }
  expect(visibleFileInputs, `visible native file inputs on ${where}`).toBe(0);
}

async function visitTabs(page: Page, lang: string, section: string): Promise<void> {
  const tabs = page.locator('[data-tab]');
  const n = await tabs.count();
  if (n === 0) {
    await assertTranslated(page, `${lang}/${section}`);
    return;
  }
  for (let i = 0; i < n; i++) {
    const tab = tabs.nth(i);
    const name = (await tab.getAttribute('data-tab')) ?? String(i);
    await tab.click();
    await assertTranslated(page, `${lang}/${section}/${name}`);
    if (lang !== 'en')
      await page.screenshot({ path: join(shots, `${lang}-${section}-${name}.png`) });
  }
}

test('every screen in es, quz and en shows translated text only', async ({ page }) => {
  test.setTimeout(240_000);
  mkdirSync(shots, { recursive: true });
  await withHost(async (host) => {
    await page.goto(host.url);
    await expect(page.locator('body[data-ready="1"]')).toBeAttached();
    await page.getByTestId('open-demo').click();
    await expect(page.locator('[data-section=setup]')).toBeVisible();
    for (const lang of ['es', 'quz', 'en']) {
      await page.locator(`.lang-toggle button[lang=${lang}]`).click();
      await expect(page.locator('html')).toHaveAttribute(
        'lang',
        lang === 'es' ? /^es/ : lang === 'quz' ? /^qu/ : /^en/,
      );
      const sections: string[] = [];
      for (const el of await page.locator('[data-section]').all())
        sections.push((await el.getAttribute('data-section')) ?? '');
      expect(sections.length).toBeGreaterThan(6);
      for (const s of sections) {
        await page.locator(`[data-section=${s}]`).click();
        await expect(page.locator(`[data-section=${s}][aria-current=page]`)).toBeVisible();
        await page.waitForLoadState('networkidle');
        // Registro lists the log's events by name: wait for them, they are what is checked.
        if (s === 'record') await expect(page.locator('main table tbody tr').first()).toBeVisible();
        await assertTranslated(page, `${lang}/${s}`);
        if (lang !== 'en') await page.screenshot({ path: join(shots, `${lang}-${s}.png`) });
        if (docs && lang === 'es' && s === 'setup')
          await page.screenshot({ path: join(docs, 'screenshot-setup-es.png') });
        if (docs && lang === 'quz' && s === 'record')
          await page.screenshot({ path: join(docs, 'screenshot-record-quz.png') });
        await visitTabs(page, lang, s);
      }
    }
  });
});

test('home, verification and plan comparison screens in es, quz and en', async ({ page }) => {
  mkdirSync(shots, { recursive: true });
  await withHost(async (host) => {
    await page.goto(host.url);
    await expect(page.locator('body[data-ready="1"]')).toBeAttached();
    for (const lang of ['es', 'quz', 'en']) {
      await page.locator(`.lang-toggle button[lang=${lang}]`).click();
      await assertTranslated(page, `${lang}/home`);
      if (docs && lang === 'es')
        await page.screenshot({ path: join(docs, 'screenshot-home-es.png') });
      for (const [open, name] of [
        ['open-verify', 'verify'],
        ['open-plan', 'plan'],
      ] as const) {
        await page.getByTestId(open).click();
        await assertTranslated(page, `${lang}/${name}`);
        if (lang !== 'en') await page.screenshot({ path: join(shots, `${lang}-home-${name}.png`) });
        await page.goto(host.url);
        await expect(page.locator('body[data-ready="1"]')).toBeAttached();
      }
    }
  });
});
