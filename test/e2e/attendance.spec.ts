import { expect, test, type Page } from '@playwright/test';
import { freshDataDir, startHost } from './host';
import { App, withHost } from './pages/app';

const count = async (page: Page) =>
  Number(await page.getByTestId('present-count').locator('.n').textContent());

/** Windows-1252 bytes, as Excel on a municipal PC saves "CSV (separado por comas)". */
function cp1252(text: string): Buffer {
  return Buffer.from(
    [...text].map(
      (ch) =>
        ({ ñ: 0xf1, á: 0xe1, é: 0xe9, í: 0xed, ó: 0xf3, ú: 0xfa, Ñ: 0xd1, º: 0xba })[ch] ??
        ch.charCodeAt(0),
    ),
  );
}

test('the door: search, Enter, undo, walk-in; everything survives a restart', async ({ page }) => {
  const data = freshDataDir();
  let host = await startHost(data.dir);
  try {
    await new App(page, host).openDemo();
    await page.locator('[data-section=attendance]').click();
    const search = page.getByTestId('door-search');
    await expect(search).toBeFocused();
    const before = await count(page);

    // Quechua spelling variants: typing "qori" finds the Ccori family too, below the names
    // written as typed (QORIMANYA).
    await search.fill('qori');
    await expect(page.locator('#door-results li').first()).toContainText('QORI');
    await expect(page.locator('#door-results li', { hasText: 'CCORI' }).first()).toBeVisible();
    await search.fill('ccori');
    await expect(page.locator('#door-results li').first()).toContainText('CCORI');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('door-flash')).toContainText('ingreso registrado');
    await expect.poll(() => count(page)).toBe(before + 1);
    await expect(search).toHaveValue('');
    await expect(search).toBeFocused();
    // The quorum line names the present and the needed each on its own ("29 de 16
    // organizaciones necesarias" read as nonsense once more were present than needed).
    const quorumLine =
      /^(Hay|Falta) quórum — organizaciones con agente presente: \d+; mínimo necesario: \d+ \(de \d+ con agente acreditado\)$/;
    await expect(page.getByTestId('quorum')).toHaveText(quorumLine);
    const shots = process.env['MINKA_SHOTS'];
    if (shots) await page.screenshot({ path: `${shots}/door-quorum-es-1366x768.png` });

    // Ctrl+Z in the search box edits the text; it never undoes a check-in.
    await page.keyboard.type('qor');
    await page.keyboard.press('Control+z');
    await expect.poll(() => count(page)).toBe(before + 1);
    // A mistake is undone by a deliberate click that names the person, and the record keeps it.
    const undo = page.getByTestId('door-undo');
    await expect(undo).toContainText(/Deshacer la llegada de CCORI/);
    await undo.click();
    await expect(page.getByTestId('door-flash')).toContainText(/Llegada de CCORI .* anulada/);
    await expect.poll(() => count(page)).toBe(before);

    // Somebody not on any list: Enter after a failed search registers nobody; the new
    // attendee is a deliberate click, and their sex is asked, never assumed.
    await search.fill('Xiomara Wankar');
    await expect(page.locator('#door-results li.none')).toBeVisible();
    await page.keyboard.press('Alt+2'); // thumbprint
    await page.keyboard.press('Enter');
    await expect(page.locator('input[name=walkin-given]')).toHaveCount(0);
    await page.getByTestId('walkin-open').click();
    await expect(page.locator('input[name=walkin-given]')).toHaveValue('Xiomara');
    await expect(page.locator('input[name=walkin-surnames]')).toHaveValue('Wankar');
    await expect(page.locator('select[name=walkin-sex]')).toHaveValue('');
    await page.locator('input[name=walkin-dni]').fill('1234567');
    await page.locator('input[name=walkin-dni]').press('Enter');
    await expect(page.getByTestId('door-flash')).toContainText('Indique el sexo');
    await expect(page.locator('select[name=walkin-sex]')).toBeFocused();
    await page.locator('select[name=walkin-sex]').selectOption('F');
    await page.locator('input[name=walkin-dni]').press('Enter');
    await expect(page.getByTestId('door-flash')).toContainText(
      'WANKAR, Xiomara registrado/a como nuevo asistente',
    );
    await expect(page.getByTestId('door-flash-note')).toContainText('Acreditación pendiente');
    await expect.poll(() => count(page)).toBe(before + 1);
    await search.fill('01234567');
    await expect(page.locator('#door-results li').first()).toContainText('DNI 01234567');
    await expect(page.locator('#door-results li').first()).toContainText('presente');
    const fingerprint = await page.getByTestId('chain-fingerprint').locator('code').textContent();

    await host.stop();
    host = await startHost(data.dir);
    await page.goto(host.url);
    await page.getByRole('button', { name: /Taller de priorización/ }).click();
    await page.locator('[data-section=attendance]').click();
    await expect.poll(() => count(page)).toBe(before + 1);
    await expect(page.getByTestId('chain-fingerprint').locator('code')).toHaveText(
      fingerprint ?? '',
    );
    // The summary's quorum column says the same two numbers, each named.
    await page.getByRole('tab', { name: 'Resumen' }).click();
    await expect(page.getByTestId('summary-venues').locator('tbody tr').first()).toContainText(
      /(Sí|No) — organizaciones presentes: \d+; mínimo: \d+/,
    );
    if (shots) await page.screenshot({ path: `${shots}/summary-quorum-es-1366x768.png` });
    await page.locator('[data-section=record]').click();
    await page.getByRole('button', { name: 'Verificar la cadena' }).click();
    await expect(page.getByTestId('chain-verdict')).toContainText('Cadena íntegra');
  } finally {
    await host.stop();
    data.cleanup();
  }
});

test('import a municipal spreadsheet: errors name the line, nothing is written until confirmed', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await withHost(async (host) => {
    await new App(page, host).openDemo();
    await page.locator('[data-section=attendance]').click();
    await page.locator('[data-tab=registry]').click();
    const counts = page.locator('.registry > p.muted');
    const before = await counts.textContent();
    await page.getByTestId('import-open').click();

    const bad =
      'Organización;Tipo;Comunidad;DNI;Apellidos;Nombres;Sexo;Cargo\r\n' +
      'C.C. Ñaupa Llaqta;Comunidad Campesina;Ñaupa Llaqta;1234568;Quispe Ccahuana;Nicolasa;F;Titular\r\n' +
      'C.C. Ñaupa Llaqta;Comunidad Campesina;Ñaupa Llaqta;123;Mamani;Justino;M;Suplente\r\n';
    await page
      .getByTestId('import-file')
      .setInputFiles({ name: 'padron-malo.csv', mimeType: 'text/csv', buffer: cp1252(bad) });
    await expect(page.getByText(/windows-1252/)).toBeVisible();
    await expect(page.getByTestId('import-errors')).toContainText('3');
    await expect(page.getByTestId('import-confirm')).toBeDisabled();

    const good = bad.replace(';123;', ';40112233;');
    await page
      .getByTestId('import-file')
      .setInputFiles({ name: 'padron.csv', mimeType: 'text/csv', buffer: cp1252(good) });
    await expect(page.getByTestId('import-counts')).toContainText(
      '1 organización nueva y 2 personas',
    );
    await expect(counts).toHaveText(before ?? '');
    await page.getByTestId('import-confirm').click();
    const done = page.getByTestId('registry-message');
    await expect(done).toContainText('Importado de padron.csv');
    // The confirmation is in sight and focused, not off-screen nor under the sticky header.
    await expect(done).toBeInViewport({ ratio: 1 });
    await expect(done).toBeFocused();
    const headerBottom = await page.evaluate(() => {
      const h = document.querySelector('header');
      return h ? h.getBoundingClientRect().bottom : 0;
    });
    expect((await done.boundingBox())?.y ?? 0).toBeGreaterThanOrEqual(headerBottom);
    await page.screenshot({
      path: `${process.env['MINKA_SHOTS'] ?? 'test-results'}/import-done-es.png`,
    });
    await page.getByLabel('Filtrar por nombre, DNI, organización o comunidad').fill('naupa');
    await expect(page.getByTestId('registry-table')).toContainText('01234568');
    await expect(page.getByTestId('registry-table')).toContainText('C.C. Ñaupa Llaqta');
  });
});

interface Reg {
  participants: Array<{
    id: string;
    dni: string;
    role: string;
    surnames: string;
    givenNames: string;
  }>;
  attendance: Array<{
    participantId: string;
    undoneAt: string | null;
    checkedOutAt: string | null;
  }>;
}

test('twenty people by keyboard alone (a delegate and a walk-in among them), the host killed without warning: all twenty are there', async ({
  page,
}) => {
  const data = freshDataDir();
  let host = await startHost(data.dir);
  try {
    await new App(page, host).openDemo();
    await page.locator('[data-section=attendance]').click();
    const search = page.getByTestId('door-search');
    await expect(search).toBeFocused();
    const [summary] = await host.api<Array<{ workshopId: string }>>('workshop:list', {});
    const workshopId = summary?.workshopId ?? '';
    const reg = await host.api<Reg>('registry:get', { workshopId });
    const present = new Set(
      reg.attendance.filter((a) => !a.undoneAt && !a.checkedOutAt).map((a) => a.participantId),
    );
    const absent = reg.participants.filter((p) => !present.has(p.id) && p.dni);
    const delegate = absent.find((p) => p.role === 'delegate');
    expect(delegate, 'the demo has a delegate not yet checked in').toBeTruthy();
    const people = [delegate!, ...absent.filter((p) => p !== delegate).slice(0, 18)];
    const before = await count(page);

    for (const [i, p] of people.entries()) {
      await page.keyboard.type(p.dni);
      await expect(page.locator('#door-results li').first()).toContainText(`DNI ${p.dni}`);
      await page.keyboard.press('Enter');
      await expect.poll(() => count(page)).toBe(before + i + 1);
      await expect(search).toBeFocused();
    }
    await page.keyboard.type('Teodora Qquehue');
    await expect(page.locator('#door-results li.none')).toBeVisible();
    await page.getByTestId('walkin-open').click();
    await page.keyboard.type('40901122');
    await page.locator('select[name=walkin-sex]').selectOption('F');
    await page.locator('input[name=walkin-dni]').press('Enter');
    await expect.poll(() => count(page)).toBe(before + 20);
    await expect(page.getByTestId('door-flash')).toContainText('QQUEHUE, Teodora');

    // The acknowledged check-ins were committed: a dead battery loses none of them.
    await host.kill();
    host = await startHost(data.dir);
    const after = await host
      .api<Reg>('workshop:open', { file: 'demo-qollqepata-2027.minka' })
      .then((w) =>
        host.api<Reg>('registry:get', {
          workshopId: (w as unknown as { workshopId: string }).workshopId,
        }),
      );
    const nowPresent = new Set(
      after.attendance.filter((a) => !a.undoneAt && !a.checkedOutAt).map((a) => a.participantId),
    );
    for (const p of people)
      expect(nowPresent.has(p.id), `${p.surnames} present after the kill`).toBe(true);
    const walkIn = after.participants.find((p) => p.dni === '40901122');
    expect(walkIn && nowPresent.has(walkIn.id)).toBe(true);

    await page.goto(host.url);
    await page.getByRole('button', { name: /Taller de priorización/ }).click();
    await page.locator('[data-section=attendance]').click();
    await expect.poll(() => count(page)).toBe(before + 20);
    await page.locator('[data-section=record]').click();
    await page.getByRole('button', { name: 'Verificar la cadena' }).click();
    await expect(page.getByTestId('chain-verdict')).toContainText('Cadena íntegra');
  } finally {
    await host.stop();
    data.cleanup();
  }
});

test('the door: a new search that finds nobody does not leave the last person’s confirmation on screen', async ({
  page,
}) => {
  const data = freshDataDir();
  const host = await startHost(data.dir);
  try {
    await new App(page, host).openDemo();
    await page.locator('[data-section=attendance]').click();
    const search = page.getByTestId('door-search');
    await search.fill('ccori');
    await expect(page.locator('#door-results li').first()).toContainText('CCORI');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('door-flash')).toContainText('ingreso registrado');
    // The next person is not in the list: the green line must not read as their check-in.
    await search.pressSequentially('wxtz pfkd');
    await expect(page.locator('#door-results')).toContainText('Nadie con ese nombre o DNI');
    await expect(page.getByTestId('door-flash')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/door-nobody-after-checkin.png' });
  } finally {
    await host.stop();
    data.cleanup();
  }
});
