// A workshop at two venues on two laptops (issue 20): two web hosts with their own data
// folders, a kit prepared on the main one through the Sedes screen, opened and filled on the
// other, carried back as a file, incorporated, its conflict settled on screen, and sealed.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import {
  checkInAll,
  chooseOfficial,
  enterCounts,
  firstWorkshopId,
  fourMembers,
  laptops,
  openWorkshop,
  pacchantaRound,
  SedesPage,
  sealFromScreen,
  twoVenueWorkshop,
} from './pages/sedes';

const CSV = join(process.cwd(), 'test/fixtures/registry/quechua-80.csv');
const shots = '/work/shots/20';

interface Reg {
  participants: { id: string; dni: string; surnames: string; givenNames: string }[];
  attendance: { participantId: string; venueId: string; undoneAt: string | null }[];
}
interface Setup {
  venues: { id: string; name: string }[];
}

test('two venues on two laptops: kit through the Sedes screen, filled on the other host, incorporated, conflict settled on screen, sealed', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  mkdirSync(shots, { recursive: true });
  const {
    data: { a: dataA, b: dataB },
    host: { a: hostA, b: hostB },
    ctx: { a: ctxA, b: ctxB },
    close,
  } = await laptops(browser, ['a', 'b'], { acceptDownloads: true });
  try {
    // ---- Main laptop: a fresh workshop with two venues on the same day and the CSV registry.
    const a = await ctxA.newPage();
    await a.goto(hostA.url);
    await expect(a.locator('body[data-ready="1"]')).toBeAttached();
    await a.locator('input[name=municipality]').fill('Municipalidad Distrital de Ocongate');
    await a.locator('input[name=title]').fill('Taller de priorización 2027');
    await a.locator('input[name=fiscalYear]').fill('2027');
    await a.getByRole('button', { name: 'Crear taller' }).click();
    await expect(a.getByRole('heading', { name: 'Configuración del taller' })).toBeVisible();
    await a.locator('input[name=ubigeo]').fill('081207');
    await a.locator('input[name=envelope]').fill('1 000 000');
    for (const [i, name, place] of [
      [0, 'Sede Ocongate', 'Auditorio municipal'],
      [1, 'Sede Pacchanta', 'Local comunal de Pacchanta'],
    ] as const) {
      await a.getByRole('button', { name: 'Añadir sede' }).click();
      await a.locator(`input[name=venue-name-${i}]`).fill(name);
      await a.locator(`input[name=venue-place-${i}]`).fill(place);
      await a.locator(`input[name=venue-date-${i}]`).fill('14/05/2026');
    }
    await a.getByLabel('Un voto por persona acreditada').check();
    await a.keyboard.press('Control+s');
    await expect(a.getByTestId('save-status')).toContainText('Guardado');

    await a.locator('[data-section=attendance]').click();
    await a.locator('[data-tab=registry]').click();
    await a.getByTestId('import-open').click();
    await a.getByTestId('import-file').setInputFiles(CSV);
    await expect(a.getByTestId('import-counts')).toContainText('80 personas');
    await a.getByTestId('import-confirm').click();
    await expect(a.getByTestId('registry-message')).toContainText('Importado de quechua-80.csv');
    await a.getByLabel('Seleccionar todas').check();
    await a.getByRole('button', { name: 'Acreditar', exact: true }).click();
    await expect(a.getByTestId('registry-message')).toContainText('80');

    const workshopId = await firstWorkshopId(hostA);
    const setup = (await hostA.api<{ setup: Setup }>('workshop:get', { workshopId })).setup;
    const [ocongate, pacchanta] = setup.venues;
    if (!ocongate || !pacchanta) throw new Error('two venues expected');
    const reg = await hostA.api<Reg>('registry:get', { workshopId });
    const [first, second] = reg.participants;
    if (!first || !second) throw new Error('registry expected');
    // Two admitted proposals and a show-of-hands round that will run at Pacchanta.
    const sectorId = (
      await hostA.api<{ setup: { sectors: { id: string }[] } }>('workshop:get', { workshopId })
    ).setup.sectors[0]?.id;
    const { items, round } = await pacchantaRound(hostA, workshopId, sectorId, pacchanta.id);
    // The first person signs in at the main venue…
    await checkInAll(hostA, workshopId, [first.id], ocongate.id, 'signature');

    // The kit for Pacchanta, through the Sedes screen: a file downloaded.
    const s = new SedesPage(a);
    await s.section.click();
    await expect(a.getByText('Todavía no se incorporó ninguna sede.')).toBeVisible();
    await s.venue.selectOption({ label: 'Sede Pacchanta' });
    const kitDownload = a.waitForEvent('download');
    await s.prepare.click();
    const kit = await kitDownload;
    await expect(s.done).toContainText('Kit de Sede Pacchanta descargado');
    await expect(s.done).toContainText('1 ronda(s)');
    const kitPath = join(dataA.dir, kit.suggestedFilename());
    await kit.saveAs(kitPath);
    expect(kit.suggestedFilename()).toMatch(/^sede-.*pacchanta.*\.minka$/i);

    // ---- The venue's laptop: the kit carried on a USB stick into its own data folder.
    copyFileSync(kitPath, join(dataB.dir, kit.suggestedFilename()));
    const b = await ctxB.newPage();
    await openWorkshop(b, hostB, 'Ocongate');
    await expect(b.locator('[data-section=venues]')).toBeVisible();
    const idB = await firstWorkshopId(hostB);
    // …and again at Pacchanta the same day (the planted conflict); another person only there.
    await checkInAll(hostB, idB, [first.id, second.id], pacchanta.id, 'thumbprint');
    await hostB.api('voting:open', { workshopId: idB, roundId: round.value.id });
    await enterCounts(hostB, idB, round.value.id, items, [2, 1]);
    await hostB.api('voting:close', { workshopId: idB, roundId: round.value.id });
    // A venue copy cannot be sealed, nor merged into; its screen offers the file to carry back.
    const sb = new SedesPage(b);
    await sb.section.click();
    await expect(b.getByText('Esta laptop es una sede')).toBeVisible();
    await expect(sb.prepare).toHaveCount(0);
    const venueDownload = b.waitForEvent('download');
    await sb.saveDevice.click();
    const venueFile = await venueDownload;
    await expect(sb.done).toContainText('Archivo de la sede guardado');
    // Two counts on one screen (fac27 d19: "cadena de 42" beside "Eventos de la sede 29"): each
    // says what it counts, and the venue's own count is the closing slip's.
    const saved = (await sb.done.textContent()) ?? '';
    const [, whole, own] =
      /cadena completa: (\d+) eventos, (\d+) registrados en esta sede desde el kit/.exec(saved) ??
      [];
    expect(Number(own)).toBeGreaterThan(0);
    expect(Number(whole)).toBeGreaterThan(Number(own));
    await expect(b.getByTestId('venues-closing')).toContainText(
      `Eventos registrados en esta sede desde el kit${own}`,
    );
    // The closing slip: the head the room sees on screen and signs on paper.
    const closingHead = (await b.getByTestId('venues-closing-head').textContent()) ?? '';
    expect(closingHead).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/);
    const slipDownload = b.waitForEvent('download');
    await b.getByTestId('venues-print-slip').click();
    const slip = await slipDownload;
    await expect(sb.done).toContainText('Comprobante descargado');
    await slip.saveAs(join(shots, 'es-venue-slip.pdf'));
    await b.getByTestId('venues-closing').scrollIntoViewIfNeeded();
    await b.screenshot({ path: join(shots, 'es-sedes-venue-laptop.png') });
    await sb.setLang('quz');
    await b.screenshot({ path: join(shots, 'quz-sedes-venue-laptop.png') });
    await sb.setLang('es');
    const venuePath = join(dataA.dir, `pacchanta-vuelta.minka`);
    await venueFile.saveAs(venuePath);

    // ---- Back at the main laptop: incorporate, the conflict listed side by side.
    // Neither the slip's head nor "no slip" with a reason: the file cannot be chosen.
    await expect(s.mergeFile).toBeDisabled();
    // The kit as it left (never opened at a venue) is refused whole, saying why.
    await a.getByTestId('venues-no-slip').check();
    await a.getByTestId('venues-no-slip-note').fill('prueba');
    await s.mergeFile.setInputFiles(kitPath);
    await expect(s.error).toContainText('rechazado: el kit nunca se abrió en una laptop de sede');
    await expect(s.devices).toHaveCount(0);
    await a.getByTestId('venues-no-slip').uncheck();
    // A head that is not the file's (as if the file had been edited after the slip): refused.
    await a.getByTestId('venues-slip-head').fill('0000-0000-0000-0000');
    await s.mergeFile.setInputFiles(venuePath);
    await expect(s.error).toContainText(
      'el comprobante de Sede Pacchanta dice la huella 0000-0000-0000-0000, pero el archivo termina en',
    );
    await expect(s.devices).toHaveCount(0);
    await a.getByTestId('venues-slip-head').fill(closingHead.toLowerCase());
    await a.screenshot({ path: join(shots, 'es-sedes-merge-slip.png') });
    await s.mergeFile.setInputFiles(venuePath);
    await expect(s.error).toHaveCount(0);
    await expect(s.done).toContainText('pacchanta-vuelta.minka (Sede Pacchanta');
    await expect(s.done).toContainText('Conflictos nuevos: 1');
    await expect(s.done).toContainText(
      `Comprobante verificado: la huella ${closingHead} coincide.`,
    );
    await expect(a.getByTestId('venues-device-proof')).toHaveText('Coincide');
    await expect(s.devices.locator('tbody tr')).toHaveCount(1);
    await expect(s.devices.locator('tbody tr')).toContainText('Sede Pacchanta');
    await expect(s.conflicts).toHaveCount(1);
    const conflict = s.conflicts.first();
    await expect(conflict).toContainText('Misma persona registrada en dos sedes');
    // The person named as the door and the registry name them (surnames first).
    await expect(conflict.locator('h3')).toContainText(
      `${first.surnames.toUpperCase()}, ${first.givenNames} (`,
    );
    await expect(conflict).toContainText('Asistencia en Sede Ocongate, día 14/05/2026');
    await expect(conflict).toContainText('Asistencia en Sede Pacchanta, día 14/05/2026');
    await expect(s.summary).toContainText('1 abierto, 0 resueltos');

    // Sealing is refused while it is open, and the refusal names it.
    await sealFromScreen(a);
    await expect(a.getByTestId('minutes-message')).toContainText(
      `1 conflicto(s) entre sedes sin resolver (${first.surnames.toUpperCase()}, ${first.givenNames}`,
    );
    await a.getByTestId('minutes-message').scrollIntoViewIfNeeded();
    await a.screenshot({ path: join(shots, 'es-seal-refused.png') });
    await s.section.click();

    await conflict.scrollIntoViewIfNeeded();
    await a.screenshot({ path: join(shots, 'es-sedes-open.png') });
    await s.setLang('quz');
    await expect(s.conflicts.first()).toContainText('Kikin runa iskay sedepi qillqachisqa');
    await conflict.scrollIntoViewIfNeeded();
    await a.screenshot({ path: join(shots, 'quz-sedes-open.png') });
    await s.setLang('es');

    // Settle by keyboard: the reason is required.
    await conflict.getByRole('radio', { name: 'Taller principal' }).focus();
    await a.keyboard.press('Space');
    await conflict.getByTestId('venues-settle').focus();
    await a.keyboard.press('Enter');
    await expect(conflict.getByRole('alert')).toContainText('Escriba por qué');
    await conflict.getByTestId('venues-settle-note').focus();
    await a.keyboard.type('Firmó primero en Ocongate;');
    // The error leaves as soon as the reason is there; Shift+Enter adds a line, Enter settles.
    await expect(conflict.getByRole('alert')).toHaveCount(0);
    await a.keyboard.press('Shift+Enter');
    await a.keyboard.type('en Pacchanta lo registraron por error.');
    await expect(conflict.getByTestId('venues-settle-note')).toHaveValue(
      'Firmó primero en Ocongate;\nen Pacchanta lo registraron por error.',
    );
    await a.keyboard.press('Enter');
    await expect(conflict.getByTestId('venues-settled')).toContainText(
      'Resuelto: vale Taller principal. Firmó primero en Ocongate',
    );
    await expect(s.summary).toContainText('0 abiertos, 1 resuelto');
    await conflict.scrollIntoViewIfNeeded();
    await a.screenshot({ path: join(shots, 'es-sedes-settled.png') });
    await s.setLang('quz');
    await expect(conflict.getByTestId('venues-settled')).toContainText('Allichasqa');
    await conflict.scrollIntoViewIfNeeded();
    await a.screenshot({ path: join(shots, 'quz-sedes-settled.png') });
    await s.setLang('es');

    // Attendance includes the venue: the first person once (at Ocongate), the other person at Pacchanta.
    const after = await hostA.api<Reg>('registry:get', { workshopId });
    const live = after.attendance.filter((r) => r.undoneAt === null);
    expect(live.filter((r) => r.participantId === first.id).map((r) => r.venueId)).toEqual([
      ocongate.id,
    ]);
    expect(live.filter((r) => r.venueId === pacchanta.id).map((r) => r.participantId)).toEqual([
      second.id,
    ]);
    // The venue's counts arrived with its round.
    const totals = await hostA.api<{ items: { itemId: string; votes: number }[] }>(
      'voting:results',
      { workshopId, roundId: round.value.id },
    );
    expect(totals.items.map((i) => [i.itemId, i.votes])).toEqual([
      [items[0], 2],
      [items[1], 1],
    ]);

    // Seal: the official round is the venue's, then the Acta lists the device.
    await chooseOfficial(hostA, workshopId, round.value.id);
    const sealing = a.waitForEvent('download');
    await sealFromScreen(a);
    const pdfPath = join(dataA.dir, 'acta.pdf');
    await (await sealing).saveAs(pdfPath);
    await expect(a.getByTestId('sealed-fingerprint')).toHaveText(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/);
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-']).toString();
    expect(text).toContain('Sedes y dispositivos');
    expect(text).toMatch(/Sede Pacchanta/);
    expect(text).toContain('Firmó primero en Ocongate');
    // The column's header ("Comprobante de cierre") wraps onto two lines since layout 8 added the role.
    expect(text).toMatch(/Comprobante de\s/);
    expect(text).toContain('Coincide');
  } finally {
    await close();
  }
});

test('one round counted on two laptops at one venue: both files incorporated with their slips, the counts conflict settled on screen, sealed', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  mkdirSync(shots, { recursive: true });
  const {
    data: { a: dataA, b: dataB },
    host: { a: hostA, b: hostB },
    ctx: { a: ctxA, b: ctxB },
    close,
  } = await laptops(browser, ['a', 'b']);
  try {
    // ---- Main laptop: a fresh workshop (through the API), one venue besides the main one.
    const { workshopId, setup } = await twoVenueWorkshop(hostA);
    const pacchanta = setup.venues[1];
    if (!pacchanta) throw new Error('two venues expected');
    const people = await fourMembers(hostA, workshopId);
    const { items, round } = await pacchantaRound(
      hostA,
      workshopId,
      setup.sectors[0]?.id,
      pacchanta.id,
    );
    // Two kits of one venue: the door's laptop and the voting desk's.
    const kits: Record<string, string> = {};
    for (const name of ['puerta', 'mesa']) {
      const k = await hostA.api<{ value: { base64: string } }>('venues:prepareKit', {
        workshopId,
        venueId: pacchanta.id,
      });
      kits[name] = k.value.base64;
    }

    // ---- At Pacchanta (laptops with their own data folder): both count the same round.
    const b = await ctxB.newPage();
    // A step that cannot happen fails in seconds, naming itself, not at the test's end.
    b.setDefaultTimeout(20_000);
    const heads: Record<string, string> = {};
    const codes: Record<string, string> = {};
    for (const [name, who, counts] of [
      ['puerta', people.slice(0, 3), [3, 1]],
      ['mesa', people.slice(3), [1, 0]],
    ] as const) {
      // One kit at a time in the venue data folder: one laptop, then the other.
      writeFileSync(join(dataB.dir, `${name}.minka`), Buffer.from(kits[name] ?? '', 'base64'));
      const opened = await hostB.api<{ workshopId: string }>('workshop:open', {
        file: `${name}.minka`,
      });
      const id = opened.workshopId;
      await checkInAll(hostB, id, who, pacchanta.id, 'signature');
      await hostB.api('voting:open', { workshopId: id, roundId: round.value.id });
      await enterCounts(hostB, id, round.value.id, items, counts);
      await hostB.api('voting:close', { workshopId: id, roundId: round.value.id });
      // The head the room reads on the venue's screen, as the slip prints it.
      await openWorkshop(b, hostB);
      await b.locator('[data-section=venues]').click();
      heads[name] = (await b.getByTestId('venues-closing-head').textContent()) ?? '';
      codes[name] =
        (await hostB.api<{ closing: { kitCode: string } | null }>('venues:get', { workshopId: id }))
          .closing?.kitCode ?? '';
      const file = await hostB.api<{ base64: string }>('venues:deviceFile', { workshopId: id });
      // Carried on a USB stick (not in the main data folder, so not in its list of workshops).
      mkdirSync(join(dataA.dir, 'usb'), { recursive: true });
      writeFileSync(
        join(dataA.dir, 'usb', `${name}-vuelta.minka`),
        Buffer.from(file.base64, 'base64'),
      );
      await hostB.api('workshop:close', { workshopId: id });
      mkdirSync(join(dataB.dir, 'guardado'), { recursive: true });
      renameSync(join(dataB.dir, `${name}.minka`), join(dataB.dir, 'guardado', `${name}.minka`));
    }

    // ---- Back at the main laptop: both files, each with its slip's head.
    const a = await ctxA.newPage();
    a.setDefaultTimeout(20_000);
    await openWorkshop(a, hostA, 'Ocongate');
    const s = new SedesPage(a);
    await s.section.click();
    for (const name of ['puerta', 'mesa']) {
      await a.getByTestId('venues-slip-head').fill(heads[name] ?? '');
      await s.mergeFile.setInputFiles(join(dataA.dir, 'usb', `${name}-vuelta.minka`));
      await expect(s.done).toContainText(`${name}-vuelta.minka (Sede Pacchanta`);
      await expect(s.done).toContainText(`la huella ${heads[name]} coincide`);
    }
    await expect(s.done).toContainText('Conflictos nuevos: 1');
    await expect(s.devices.locator('tbody tr')).toHaveCount(2);
    await expect(s.conflicts).toHaveCount(1);
    const conflict = s.conflicts.first();
    await expect(conflict).toContainText(
      'Conteos de una ronda ingresados en dos laptops: Priorización Pacchanta',
    );
    await expect(conflict).toContainText('2 conteo(s) o cédula(s)');
    // The two laptops are one venue: told apart by their kit codes, as their slips print them.
    await expect(conflict.getByRole('radio')).toHaveCount(2);
    await expect(conflict).toContainText('Sede Pacchanta · Código del kit');
    await conflict.scrollIntoViewIfNeeded();
    await a.screenshot({ path: join(shots, 'es-sedes-counts-open.png') });
    await s.setLang('quz');
    await expect(conflict).toContainText('Huk rondaq yupayninkuna iskay laptoppi');
    await a.screenshot({ path: join(shots, 'quz-sedes-counts-open.png') });
    await s.setLang('es');

    // Sealing waits for it.
    await chooseOfficial(hostA, workshopId, round.value.id);
    await sealFromScreen(a);
    await expect(a.getByTestId('minutes-message')).toContainText(
      '1 conflicto(s) entre sedes sin resolver (Priorización Pacchanta)',
    );
    await s.section.click();

    // Settled on screen: the door's tally stands, chosen by the kit code its slip printed.
    await conflict.getByRole('radio', { name: `Código del kit ${codes['puerta'] ?? ''}` }).check();
    await conflict
      .getByTestId('venues-settle-note')
      .fill('La mesa contó solo a quienes llegaron tarde; vale el conteo de la puerta.');
    await conflict.getByTestId('venues-settle').click();
    await expect(conflict.getByTestId('venues-settled')).toContainText(
      'Resuelto: vale Sede Pacchanta',
    );
    await expect(s.summary).toContainText('0 abiertos, 1 resuelto');
    await conflict.scrollIntoViewIfNeeded();
    await a.screenshot({ path: join(shots, 'es-sedes-counts-settled.png') });

    // Sealed: the Acta lists both laptops, the conflict and its settlement.
    await sealFromScreen(a);
    await expect(a.getByTestId('sealed-fingerprint')).toHaveText(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/);
    const pdf = await hostA.api<{ base64: string }>('minutes:pdf', { workshopId });
    const pdfPath = join(dataA.dir, 'acta-mesa.pdf');
    writeFileSync(pdfPath, Buffer.from(pdf.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-']).toString();
    expect(text).toContain('Conteos de una ronda ingresados en dos laptops');
    expect(text).toContain('vale el conteo de la puerta');
    expect(text.match(/Coincide/g)?.length).toBe(2);
  } finally {
    await close();
  }
});
