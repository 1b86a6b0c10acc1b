// The kiosk from the keyboard (field test "fac", item 1): a voter who marks 1, 3, 5 and presses
// Enter to finish must reach the review with the three choices; Enter never marks or unmarks
// the highlighted row, and the keys are written on the screen.
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { freshDataDir, startHost, type RunningHost } from './host';

const SHOTS = process.env.MINKA_SHOTS ?? 'test-results';
const kiosk = (page: Page) =>
  page.getByRole('dialog', { name: /Quiosco de votación|Akllana kiosko/ });

/** The demo from a fresh folder, a kiosk ballot round of `ballot` made, opened and on the kiosk. */
async function openKioskRound(
  page: Page,
  host: RunningHost,
  title: string,
  ballot: 'approval' | 'cumulative',
  field: { label: string; value: string },
) {
  await page.goto(host.url);
  await page.getByTestId('open-demo').click();
  await page.locator('[data-section=voting]').click();
  await page.getByRole('button', { name: 'Nueva ronda' }).click();
  await page.keyboard.type(title);
  const form = page.getByRole('form', { name: 'Nueva ronda de votación' });
  await form.locator('input[name=kind][value=ballot]').check();
  await form.getByLabel('Tipo de papeleta').selectOption(ballot);
  await form.getByLabel(field.label).fill(field.value);
  await form.getByRole('button', { name: 'Crear la ronda' }).click();
  await page.getByRole('button', { name: 'Abrir la ronda' }).click();
  await page.getByRole('button', { name: 'Abrir el quiosco' }).click();
  await expect(kiosk(page)).toBeVisible();
}

const openBallotRound = (page: Page, host: RunningHost, title: string, max: number) =>
  openKioskRound(page, host, title, 'approval', {
    label: 'Máximo de opciones por voto',
    value: String(max),
  });

const openPointsRound = (page: Page, host: RunningHost, title: string) =>
  openKioskRound(page, host, title, 'cumulative', { label: 'Puntos por votante', value: '10' });

/** Each test: its own empty data folder and web host at 1366×768, stopped and removed after. */
async function onFreshHost(page: Page, run: (host: RunningHost) => Promise<void>) {
  mkdirSync(SHOTS, { recursive: true });
  await page.setViewportSize({ width: 1366, height: 768 });
  const data = freshDataDir();
  const host = await startHost(data.dir);
  try {
    await run(host);
  } finally {
    await host.stop();
    data.cleanup();
  }
}

async function nextVoter(page: Page) {
  const search = kiosk(page).getByRole('textbox');
  await expect(search).toBeFocused();
  await search.press('ArrowDown');
  await search.press('ArrowUp');
  await search.press('Enter');
  await expect(page.getByTestId('kiosk-voter')).toBeVisible();
}

test('kiosk: Enter after marking 1, 3, 5 reviews the three choices, never unmarks one; the keys are on screen', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await onFreshHost(page, async (host) => {
    await openBallotRound(page, host, 'Quiosco con teclado', 3);
    const k = kiosk(page);
    await nextVoter(page);
    const options = k.locator('.kiosk-items .kiosk-choice');
    await expect(options.nth(0)).toBeFocused();
    // A fresh ballot (picked with Enter in the search) shows no error; Enter on it empty does.
    await expect(k.getByRole('alert')).toHaveCount(0);
    await page.keyboard.press('Enter');
    await expect(k.getByRole('alert')).toHaveText(
      'No marcó ninguna opción. Marque una propuesta, o elija «Voto en blanco» (tecla 0).',
    );
    await expect(page.getByTestId('kiosk-review')).toHaveCount(0);
    await page.keyboard.press('1');
    await page.keyboard.press('3');
    await page.keyboard.press('5');
    await expect(k.locator('.kiosk-tally')).toHaveText('Eligió 3 de 3');
    await expect(page.getByTestId('kiosk-keys')).toHaveText(
      'Teclado: 1 a 9 marcan o desmarcan una opción · 0 voto en blanco · Enter revisa el voto (no marca nada) · Esc cancela.',
    );
    await page.screenshot({ path: `${SHOTS}/kiosk-keys-ballot-es.png` });
    // Enter, as anyone would press to finish: the review, with all three choices.
    await page.keyboard.press('Enter');
    const review = page.getByTestId('kiosk-review');
    await expect(review).toBeVisible();
    await expect(review.locator('li .kiosk-num')).toHaveText(['1', '3', '5']);
    await expect(page.getByTestId('kiosk-keys')).toHaveText(
      'Teclado: Enter confirma el voto · Esc vuelve a la papeleta para cambiarlo.',
    );
    await page.screenshot({ path: `${SHOTS}/kiosk-keys-review-es.png` });
    // Esc goes back with the marks kept; Enter on a focused option still does not toggle it.
    await page.keyboard.press('Escape');
    await options.nth(2).focus();
    await page.keyboard.press('Enter');
    await expect(review.locator('li .kiosk-num')).toHaveText(['1', '3', '5']);
    await page.keyboard.press('Enter');
    await expect(k.getByRole('status')).toHaveText('Voto registrado. ¡Gracias!');
    await expect(page.getByTestId('kiosk-count')).toHaveText('Votaron 1 de 29');

    // Quechua: the same hint, in the voter's language.
    await page.keyboard.press('Enter');
    await nextVoter(page);
    await expect(k.getByRole('alert')).toHaveCount(0);
    await k.getByRole('button', { name: 'Runasimi' }).click();
    await page.keyboard.press('2');
    await expect(page.getByTestId('kiosk-keys')).toContainText('Enter akllayta qhawarichin');
    await page.screenshot({ path: `${SHOTS}/kiosk-keys-ballot-quz.png` });
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('kiosk-keys')).toContainText('Enter akllayta takyachin');
    await page.screenshot({ path: `${SHOTS}/kiosk-keys-review-quz.png` });
  });
});

test('kiosk: a fresh points ballot shows no error (fac27 c13); only Enter on an empty ballot does; the hint is in Quechua', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await onFreshHost(page, async (host) => {
    await openPointsRound(page, host, 'Quiosco con puntos');
    const k = kiosk(page);
    await nextVoter(page);
    await page.waitForTimeout(300);
    await expect(k.getByRole('alert')).toHaveCount(0);
    await page.screenshot({ path: `${SHOTS}/kiosk-fresh-points-es.png` });
    await k.getByRole('button', { name: 'Votar' }).click();
    await expect(k.getByRole('alert')).toHaveText(
      'No marcó ninguna opción. Marque una propuesta, o elija «Voto en blanco» (tecla 0).',
    );
    await page.keyboard.press('Escape');
    await nextVoter(page);
    await page.waitForTimeout(300);
    await expect(k.getByRole('alert')).toHaveCount(0);
    await k.getByRole('button', { name: 'Runasimi' }).click();
    await expect(k.getByRole('alert')).toHaveCount(0);
    // The keyboard hint is Quechua too (fac27 c14 read "Teclado:").
    await expect(page.getByTestId('kiosk-keys')).toHaveText(/^Teclakuna: /);
    await page.screenshot({ path: `${SHOTS}/kiosk-fresh-points-quz.png` });
  });
});

test('kiosk: a name not on the list says why (voted, accreditation pending, not checked in), never how anyone voted', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await onFreshHost(page, async (host) => {
    await openBallotRound(page, host, 'Quiosco con motivos', 2);
    const k = kiosk(page);
    await nextVoter(page);
    const voter = ((await page.getByTestId('kiosk-voter').textContent()) ?? '').replace(
      /^Voto de /,
      '',
    );
    await page.keyboard.press('2');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect(k.getByRole('status')).toHaveText('Voto registrado. ¡Gracias!');
    await page.keyboard.press('Enter');

    // A walk-in checked in whose accreditation is pending: voice, no vote.
    const list = await host.api<{ workshopId: string; file: string }[]>('workshop:list', {});
    const id = list.find((w) => w.file.startsWith('demo'))?.workshopId ?? '';
    const rounds = await host.api<{ rounds: { id: string; title: string }[] }>('voting:list', {
      workshopId: id,
    });
    const roundId = rounds.rounds.find((r) => r.title === 'Quiosco con motivos')?.id ?? '';
    const detail = await host.api<{
      people: { name: string; dni: string; reason: string }[];
    }>('voting:notListed', { workshopId: id, roundId });
    const absent = detail.people.find((w) => w.reason === 'absent' && w.dni);
    expect(absent).toBeDefined();
    expect(detail.people.find((w) => w.name === voter)?.reason).toBe('voted');

    const search = k.getByRole('textbox');
    await search.fill(voter);
    await expect(page.getByTestId('kiosk-why')).toContainText(
      `${voter}: ya votó en esta ronda (o ya votó su organización).`,
    );
    await page.screenshot({ path: `${SHOTS}/kiosk-why-voted-es.png` });
    await search.fill(absent?.dni ?? '');
    await expect(page.getByTestId('kiosk-why')).toHaveText(
      `${absent?.name}: no registró su ingreso en esta sede y día. Para votar, regístrelo antes en la puerta.`,
    );
    // fac28: a colleague of the voter's organisation holds no vote (one per organisation, the
    // voter holds it), and hears so, not "ya votó".
    const colleague = detail.people.find((w) => w.reason === 'orgHeld');
    expect(colleague).toBeDefined();
    await search.fill(colleague?.dni || colleague?.name || '');
    await expect(page.getByTestId('kiosk-why')).toContainText(
      `${colleague?.name}: no tiene voto: el voto de`,
    );
    await page.screenshot({ path: `${SHOTS}/kiosk-why-no-vote-es.png` });
    const pending = detail.people.find((w) => w.reason === 'pending');
    if (pending) {
      await search.fill(pending.name);
      await expect(page.getByTestId('kiosk-why')).toContainText('su acreditación está pendiente');
    }
    await search.fill('Zzyzx Nadie');
    await expect(page.getByTestId('kiosk-no-match')).toHaveText(
      'Nadie con ese nombre o DNI está en el padrón.',
    );
    await search.fill(voter);
    await k.getByRole('button', { name: 'Runasimi' }).click();
    await expect(page.getByTestId('kiosk-why')).toContainText('kay muyupi akllarqanña');
    await page.screenshot({ path: `${SHOTS}/kiosk-why-voted-quz.png` });
  });
});

test('kiosk at 1366x768: with "Ya eligió 3" showing, option 6 is whole above the footer, and the key that marks it shows it (fac28)', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await onFreshHost(page, async (host) => {
    await openBallotRound(page, host, 'Quiosco de seis', 3);
    const k = kiosk(page);
    await nextVoter(page);
    const options = k.locator('.kiosk-items > li');
    expect(await options.count()).toBeGreaterThanOrEqual(6);
    for (const key of ['1', '2', '3', '4']) await page.keyboard.press(key);
    await expect(k.locator('.kiosk-tally')).toHaveText('Eligió 3 de 3');
    await expect(k.getByRole('alert')).toHaveText('Ya eligió 3: quite una para elegir otra.');
    // The footer stays one row: its buttons beside the count, not under it.
    const foot = await k.locator('.kiosk-foot').boundingBox();
    const cast = await k.getByRole('button', { name: 'Votar' }).boundingBox();
    const tally = await k.locator('.kiosk-tally').boundingBox();
    expect(cast && tally && cast.y < tally.y + tally.height).toBe(true);
    // Key 6 (refused: three chosen) still shows option 6 whole, above the footer.
    await page.keyboard.press('6');
    const six = options.nth(5);
    const inView = async () => {
      const box = await six.boundingBox();
      const list = await k.locator('.kiosk-items').boundingBox();
      return Boolean(
        box &&
        list &&
        foot &&
        box.y >= list.y &&
        box.y + box.height <= list.y + list.height &&
        box.y + box.height <= foot.y,
      );
    };
    await expect.poll(inView).toBe(true);
    await page.screenshot({ path: `${SHOTS}/kiosk-option6-1366-es.png` });
    // Unmark 1, mark 6: chosen and in sight.
    await page.keyboard.press('1');
    await page.keyboard.press('6');
    await expect(six).toHaveClass(/chosen/);
    await expect.poll(inView).toBe(true);
    await k.getByRole('button', { name: 'Runasimi' }).click();
    await page.keyboard.press('5');
    await expect(k.getByRole('alert')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/kiosk-option6-1366-quz.png` });
  });
});
