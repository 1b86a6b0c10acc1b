// The kiosk's blank vote (issue 13, item 10), as a voter at the kiosk meets it: nothing marked
// is never a vote; "Voto en blanco" (or the 0 key) is a choice reviewed before confirming;
// marking an option undoes it and it undoes the options; a blank ballot counts in turnout and
// the results say how many were blank.
import { expect, test, type Page } from '@playwright/test';
import type { RunningHost } from './host';
import { App, withHost } from './pages/app';

const kiosk = (page: Page) =>
  page.getByRole('dialog', { name: /Quiosco de votación|Akllana kiosko/ });

async function openBallotRound(page: Page, host: RunningHost, title: string) {
  const app = new App(page, host);
  await app.openDemo();
  await app.section('voting');
  await page.getByRole('button', { name: 'Nueva ronda' }).click();
  await page.keyboard.type(title);
  const form = page.getByRole('form', { name: 'Nueva ronda de votación' });
  await form.locator('input[name=kind][value=ballot]').check();
  await form.getByLabel('Tipo de papeleta').selectOption('approval');
  await form.getByLabel('Máximo de opciones por voto').fill('2');
  await form.getByRole('button', { name: 'Crear la ronda' }).click();
  await page.getByRole('button', { name: 'Abrir la ronda' }).click();
  await expect(page.getByTestId('voting-message')).toHaveText(
    `Ronda «${title}» abierta: ya se puede votar.`,
  );
  await page.getByRole('button', { name: 'Abrir el quiosco' }).click();
  await expect(kiosk(page)).toBeVisible();
}

/** The first waiting voter, chosen deliberately (↓↑ then Enter); returns the ballot's name. */
async function nextVoter(page: Page): Promise<string> {
  const search = kiosk(page).getByRole('textbox');
  await expect(search).toBeFocused();
  await search.press('ArrowDown');
  await search.press('ArrowUp');
  await search.press('Enter');
  return (await page.getByTestId('kiosk-voter').textContent()) ?? '';
}

async function confirmed(page: Page, voted: number) {
  await kiosk(page).getByRole('button', { name: 'Confirmar mi voto' }).click();
  await expect(kiosk(page).getByRole('status')).toHaveText('Voto registrado. ¡Gracias!');
  await expect(page.getByTestId('kiosk-count')).toHaveText(`Votaron ${voted} de 29`);
  await page.keyboard.press('Enter');
}

test('kiosk: a blank vote is chosen on purpose and reviewed; nothing marked is never a vote; results count the blank ballots', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await withHost(async (host) => {
    await openBallotRound(page, host, 'Quiosco con voto en blanco');
    const k = kiosk(page);
    const blank = k.getByTestId('kiosk-blank');
    const votar = k.getByRole('button', { name: 'Votar' });

    // Voter 1: "Votar" with nothing marked does not cast and says what to do.
    await nextVoter(page);
    await votar.click();
    await expect(k.getByRole('alert')).toHaveText(
      'No marcó ninguna opción. Marque una propuesta, o elija «Voto en blanco» (tecla 0).',
    );
    await expect(page.getByTestId('kiosk-review')).toHaveCount(0);
    await expect(page.getByTestId('kiosk-count')).toHaveText('Votaron 0 de 29');
    // The 0 key chooses the blank vote, as numbered on screen; reviewed before confirming.
    await page.keyboard.press('0');
    await expect(blank).toHaveAttribute('aria-pressed', 'true');
    await expect(blank).toContainText('Voto en blanco');
    await page.screenshot({ path: 'test-results/kiosk-blank-es.png' });
    await votar.click();
    await expect(page.getByTestId('kiosk-review-blank')).toHaveText(
      /Voto en blanco: no elige ninguna propuesta\./,
    );
    await expect(page.getByTestId('kiosk-review').locator('li')).toHaveCount(1);
    await expect(k.getByRole('button', { name: 'Confirmar mi voto' })).toBeFocused();
    await page.screenshot({ path: 'test-results/kiosk-blank-review-es.png' });
    await confirmed(page, 1);

    // Voter 2: an option, then blank (the option is cleared), then an option again (blank is
    // cleared); back from the review to blank; the review shows what is cast.
    await nextVoter(page);
    const options = k.locator('.kiosk-items .kiosk-choice');
    await page.keyboard.press('1');
    await expect(options.nth(0)).toHaveAttribute('aria-pressed', 'true');
    await blank.click();
    await expect(options.nth(0)).toHaveAttribute('aria-pressed', 'false');
    await expect(blank).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('2');
    await expect(blank).toHaveAttribute('aria-pressed', 'false');
    await expect(options.nth(1)).toHaveAttribute('aria-pressed', 'true');
    await votar.click();
    await expect(page.getByTestId('kiosk-review').locator('li')).toHaveCount(1);
    await expect(page.getByTestId('kiosk-review-blank')).toHaveCount(0);
    await k.getByRole('button', { name: 'Volver a cambiar' }).click();
    await page.keyboard.press('2');
    await page.keyboard.press('0');
    await votar.click();
    await expect(page.getByTestId('kiosk-review-blank')).toBeVisible();
    await confirmed(page, 2);

    // Voter 3: two options by number keys; Quechua on the ballot for the screenshot.
    await nextVoter(page);
    await k.getByRole('button', { name: 'Runasimi' }).click();
    await expect(blank).toContainText("Ch'usaq akllay");
    await page.keyboard.press('0');
    await page.screenshot({ path: 'test-results/kiosk-blank-quz.png' });
    await k.getByRole('button', { name: 'Akllay', exact: true }).click();
    await page.screenshot({ path: 'test-results/kiosk-blank-review-quz.png' });
    await k.getByRole('button', { name: 'Yapamanta tikray' }).click();
    await k.getByRole('button', { name: 'Español' }).click();
    await page.keyboard.press('1');
    await page.keyboard.press('3');
    await expect(blank).toHaveAttribute('aria-pressed', 'false');
    await votar.click();
    await expect(page.getByTestId('kiosk-review').locator('li')).toHaveCount(2);
    await confirmed(page, 3);

    // The core refuses an empty ballot that does not say "blank", from any client.
    const list = await host.api<{ workshopId: string; file: string }[]>('workshop:list', {});
    const id = list.find((w) => w.file.startsWith('demo'))?.workshopId ?? '';
    const rounds = await host.api<{ rounds: { id: string; title: string }[] }>('voting:list', {
      workshopId: id,
    });
    const round = rounds.rounds.find((r) => r.title === 'Quiosco con voto en blanco');
    const detail = await host.api<{ voters: { participantId: string; voted: boolean }[] }>(
      'voting:get',
      { workshopId: id, roundId: round?.id },
    );
    const waiting = detail.voters.find((v) => !v.voted);
    const empty = await fetch(`${host.origin}/api/voting:cast`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-minka-token': host.token },
      body: JSON.stringify({
        workshopId: id,
        roundId: round?.id,
        participantId: waiting?.participantId,
        ballot: { choices: [], points: null },
      }),
    });
    expect(await empty.json()).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', key: 'voting.error.emptyBallot' },
    });
    expect(detail.voters.filter((v) => v.voted)).toHaveLength(3);

    await page.keyboard.press('Escape');
    await expect(k).toHaveCount(0);
    await expect(page.getByTestId('round-ballots')).toHaveText('3');
    await page.getByRole('button', { name: 'Cerrar la ronda' }).click();
    await page.getByRole('button', { name: 'Sí, cerrar' }).click();
    await expect(page.getByTestId('round-results')).toContainText(
      '3 votos de 29 con derecho · votos en blanco: 2',
    );
    const totals = await host.api<{ ballots: number; blank?: number }>('voting:results', {
      workshopId: id,
      roundId: round?.id,
    });
    expect(totals).toMatchObject({ ballots: 3, blank: 2 });
    await page.screenshot({ path: 'test-results/kiosk-blank-results-es.png' });
    // Resultados says it too, for the round chosen there.
    await page.locator('[data-section=results]').click();
    await page.locator('[data-tab=results]').click();
    await page.locator('select[name=round]').selectOption(round?.id ?? '');
    await expect(page.getByTestId('results-summary')).toContainText(
      '3 cédulas de 29 con derecho a voto · votos en blanco: 2',
    );
  });
});
