// A message on screen follows a switch of language: what a write did, a problem the screen
// found, and an error coming back from the core (its code's key and params) read in Quechua
// once the person switches, not in the Spanish they were first written in. Each screen kept
// the sentence in its state before; it now keeps the key and its values (renderer/src/kit/notice.ts).
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { App, shots, withHost, type Lang } from './pages/app';
import { VotingPage } from './pages/voting';

type Params = Record<string, string>;
/** The catalogues as files (the spec runs without the app's JSON imports). */
const catalogues = Object.fromEntries(
  (['es', 'quz', 'en'] as const).map((lang) => {
    const dir = resolve(import.meta.dirname, '../../shared/i18n', lang);
    const texts: Record<string, string> = {};
    for (const f of readdirSync(dir))
      Object.assign(texts, JSON.parse(readFileSync(join(dir, f), 'utf8')) as object);
    return [lang, texts];
  }),
) as Record<Lang, Record<string, string>>;
/** A key's text with its values (the keys checked here have no plural forms). */
const t = (lang: Lang, key: string, params: Params = {}): string =>
  (catalogues[lang][key] ?? key).replace(/\{(\w+)\}/g, (m, name: string) => params[name] ?? m);

/** A Spanish sentence of `key` as a pattern, its values caught in the order of `names`. */
function pattern(key: string): { re: RegExp; names: string[] } {
  const template = catalogues.es[key];
  if (template === undefined) throw new Error(`no key ${key}`);
  const names: string[] = [];
  const source = template
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (!name) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(name);
      return '(.+?)';
    })
    .join('');
  return { re: new RegExp(`^${source}$`), names };
}

/**
 * The message reads `key` in Spanish; after a switch to Quechua, the same key and values in
 * Quechua (a different sentence); back in Spanish, the Spanish one again.
 */
async function followsLanguage(
  app: App,
  message: Locator,
  key: string,
  shot: string,
): Promise<void> {
  const { re, names } = pattern(key);
  await expect(message).toHaveText(re);
  const es = (await message.innerText()).trim();
  const m = re.exec(es);
  const params = Object.fromEntries(names.map((n, i) => [n, m?.[i + 1] ?? '']));
  const quz = t('quz', key, params);
  expect(quz, `${key} has a Quechua text of its own`).not.toBe(es);
  await app.language('quz');
  await expect(message).toHaveText(quz);
  await app.screenshot(`${shot}-quz`);
  await app.language('en');
  await expect(message).toHaveText(t('en', key, params));
  await app.language('es');
  await expect(message).toHaveText(es);
}

const button = (page: Page, key: string, lang: Lang = 'es') =>
  page.getByRole('button', { name: t(lang, key), exact: true });

test('messages on screen re-word after a switch of language: core errors with params, problems found, notices of success', async ({
  page,
}) => {
  test.setTimeout(180_000);
  mkdirSync(shots, { recursive: true });
  await withHost(async (host) => {
    const app = new App(page, host);
    await app.openDemo();

    // Registry: a DNI already held — the core's error, with the DNI and the name as params.
    await app.section('attendance');
    await page.locator('[data-tab=registry]').click();
    const dni = (await page.getByTestId('registry-table').locator('td.mono').first().innerText())
      .trim()
      .replace(/\D/g, '');
    expect(dni).toMatch(/^\d{8}$/);
    await button(page, 'attendance.registry.newPerson').click();
    await page.locator('[name=p-dni]').fill(dni);
    await page.locator('[name=p-given]').fill('Rosa');
    await page.locator('[name=p-surnames]').fill('Qispe');
    await button(page, 'setup.save').click();
    await followsLanguage(
      app,
      page.getByTestId('registry-message'),
      'attendance.error.duplicateDni',
      'message-registry-duplicate',
    );

    // Proposals: a problem the form found (a CUI of 3 digits), then a proposal saved.
    await app.section('proposals');
    const title = page.locator('input[name=title]');
    await expect(title).toBeFocused();
    await title.fill('Cobertizo comunal en Huaraqa');
    await page.locator('input[name=cui]').fill('123');
    await title.press('Enter');
    await followsLanguage(
      app,
      page.getByTestId('proposals-message'),
      'proposals.error.badCui',
      'message-proposals-cui',
    );
    await page.locator('input[name=cui]').fill('');
    await title.press('Enter');
    await expect(page.getByTestId('proposals-message')).toHaveText(/^Propuesta P-\d+ guardada$/);
    await followsLanguage(
      app,
      page.getByTestId('proposals-message'),
      'proposals.saved',
      'message-proposals-saved',
    );

    // Voting: the notice of a round opened (voting's notify).
    const voting = new VotingPage(page);
    await app.section('voting');
    await voting.createRound('Ronda de prueba', 'hands');
    await followsLanguage(app, voting.message, 'voting.opened', 'message-voting-opened');

    // Results, criteria: a score out of the scale, then a row saved.
    await app.section('results');
    await page.locator('[data-tab=criteria]').click();
    const row = page.getByTestId('score-grid').locator('tr[data-code="P-002"]');
    await row.locator('input[name=score-poverty]').fill('11');
    await row.locator('input[name=score-poverty]').press('Enter');
    await followsLanguage(
      app,
      page.getByTestId('criteria-message'),
      'results.criteria.badScore',
      'message-criteria-bad',
    );
    await row.locator('input[name=score-poverty]').fill('9');
    await row.locator('input[name=score-poverty]').press('Enter');
    await followsLanguage(
      app,
      page.getByTestId('criteria-message'),
      'results.criteria.scored',
      'message-criteria-scored',
    );

    // Minutes: a due date that is not one (found by the screen, thrown to the screen's act),
    // then the closing remarks saved.
    await app.section('minutes');
    await page.locator('[name=agreement-text]').fill('Mantener el canal');
    await page.locator('[name=agreement-due]').fill('31/02/2027');
    await button(page, 'minutes.ui.addAgreement').click();
    await followsLanguage(
      app,
      page.getByTestId('minutes-message'),
      'minutes.ui.badDate',
      'message-minutes-date',
    );
    await page.locator('textarea[name=closing]').fill('Se cerró el taller a las 17:00.');
    await button(page, 'minutes.ui.saveClosing').click();
    await followsLanguage(
      app,
      page.getByTestId('minutes-message'),
      'minutes.ui.closingSaved',
      'message-minutes-closing',
    );

    // Registro, export: the file written.
    await app.section('record');
    await page.getByTestId('export-open').click();
    await followsLanguage(app, page.getByTestId('export-message'), 'export.done', 'message-export');
  });
});
