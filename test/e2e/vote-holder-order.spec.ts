// Who holds an organisation's vote when two of its presidents are in the room: the first in the
// event log, on the door screen too (the renderer computes it from what the door loads). From
// an empty folder: a workshop, the Padrón from a municipal CSV (Windows-1252, a title row, CARGO
// "Presidente" mapped to titular), one vote per organisation. Dionisio checks in, then Rosa: the
// door says the vote stays with Dionisio. Then the facilitator moves Rosa's check-in an hour
// "earlier" (event and row, re-chained: a clock set back); reopened, the door and the Resumen
// still give the vote to Dionisio, and the last arrivals keep the log's order.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { forge } from '../helpers/forge-event';
import { App, shots, withHost } from './pages/app';

const CSV = [
  'PADRÓN DE AGENTES PARTICIPANTES - PRESUPUESTO PARTICIPATIVO 2027;;;;;;;;',
  'N°;APELLIDO PATERNO;APELLIDO MATERNO;NOMBRES;DNI;SEXO;ORGANIZACIÓN;COMUNIDAD;CARGO',
  '1;Chambi;Mamani;Dionisio;10722233;M;Comunidad Campesina de Ccollpa;Ccollpa;Presidente',
  '2;Qispe;Ccori;Rosa;04417761;F;Comunidad Campesina de Ccollpa;Ccollpa;Presidente',
  '3;Huamán;Quispe;Teófilo;01234567;M;Comunidad Campesina de Pacchanta;Pacchanta;Presidente',
  '4;Ñahui;Condori;Eusebia;42000871;F;Comunidad Campesina de Pacchanta;Pacchanta;Presidente',
  '5;Mamani;Huaman;Fortunato;23981102;M;APAFA I.E. 50412;Ocongate;Presidente',
].join('\r\n');

const DIONISIO = 'CHAMBI MAMANI, Dionisio';
const ROSA = 'QISPE CCORI, Rosa';

async function checkIn(page: Page, dni: string, name: string) {
  await page.getByTestId('door-search').fill(dni);
  await page.getByTestId('door-search').press('Enter');
  await expect(page.getByTestId('door-flash')).toContainText(`${name} — ingreso registrado`);
}

test('two presidents of one organisation: the vote stays with the first in the log, the clock set back or not', async ({
  page,
}) => {
  test.setTimeout(180_000);
  mkdirSync(shots, { recursive: true });
  await page.setViewportSize({ width: 1366, height: 768 });
  const csv = join(tmpdir(), `padron-holders-${process.pid}.csv`);
  writeFileSync(csv, Buffer.from(CSV, 'latin1'));
  await withHost(async (host, dataDir) => {
    const app = new App(page, host);
    await app.home();
    await expect(page.locator('body[data-ready="1"]')).toBeAttached();
    await page.locator('input[name=municipality]').fill('Municipalidad Distrital de Ocongate');
    await page.locator('input[name=title]').fill('Taller 2027');
    await page.locator('input[name=fiscalYear]').fill('2027');
    await page.getByRole('button', { name: 'Crear taller' }).click();
    await expect(page.getByRole('heading', { name: 'Configuración del taller' })).toBeVisible();
    await page.getByRole('button', { name: 'Añadir sede' }).click();
    await page.locator('input[name=venue-name-0]').fill('Sede Ocongate');
    await page.locator('input[name=venue-place-0]').fill('Auditorio municipal');
    await page.locator('input[name=venue-date-0]').fill('14/05/2026');
    await page.keyboard.press('Control+s');
    await expect(page.getByTestId('save-status')).toContainText('Guardado');

    await app.section('attendance');
    await page.locator('[data-tab=registry]').click();
    await page.getByTestId('import-open').click();
    await page.getByTestId('import-file').setInputFiles(csv);
    await page.getByTestId('role-choice-presidente').selectOption({ label: 'Titular (agente)' });
    await page.getByTestId('import-confirm').click();
    await expect(page.getByTestId('registry-message')).toContainText('«Presidente» → Titular');
    await page.getByLabel('Seleccionar todas').check();
    await page.getByRole('button', { name: 'Acreditar', exact: true }).click();
    await expect(page.getByTestId('registry-message')).toContainText('5');

    // The door: Dionisio, then Rosa. Rosa's line says who holds Ccollpa's vote, and why.
    await page.locator('[data-tab=door]').click();
    await checkIn(page, '10722233', DIONISIO);
    await checkIn(page, '04417761', ROSA);
    await expect(page.getByTestId('door-vote-note')).toHaveText(
      `El voto de Comunidad Campesina de Ccollpa sigue con ${DIONISIO}, que ingresó antes.`,
    );
    await app.screenshot('holders-door-note-es');
    await app.language('quz');
    await expect(page.getByTestId('door-vote-note')).toContainText(DIONISIO);
    await app.screenshot('holders-door-note-quz');
    await app.language('es');

    // The facilitator sets Rosa's check-in an hour before Dionisio's, as a clock set back
    // would have recorded it, and re-chains the log.
    const list = await host.api<{ workshopId: string; file: string }[]>('workshop:list', {});
    await host.api('workshop:close', { workshopId: list[0]!.workshopId });
    const file = join(
      dataDir,
      readdirSync(dataDir).find((f) => f.endsWith('.minka'))!,
    );
    const ro = new Database(file, { readonly: true });
    const rows = ro
      .prepare(
        "SELECT e.seq AS seq, e.at AS at, a.id AS id FROM event e JOIN attendance a ON a.id = json_extract(e.payload, '$.id') WHERE e.type = 'attendance.checkedIn' ORDER BY e.seq",
      )
      .all() as { seq: number; at: string; id: string }[];
    ro.close();
    const [first, second] = rows as [(typeof rows)[0], (typeof rows)[0]];
    const back = new Date(Date.parse(first.at) - 3600_000).toISOString();
    forge(file, (d) => {
      d.prepare('UPDATE event SET at = ? WHERE seq = ?').run(back, second.seq);
      d.prepare('UPDATE attendance SET checked_in_at = ? WHERE id = ?').run(back, second.id);
    });

    // The app reopens the workshop it had open (the forged file, read afresh).
    await app.home();
    await expect(page.locator('body[data-ready="1"]')).toBeAttached();
    await app.section('attendance');
    await page.locator('[data-tab=door]').click();
    // The last arrivals in the log's order (Rosa on top although her time reads earlier), and
    // the vote beside Dionisio.
    const recent = page.locator('ul.recent li');
    await expect(recent.nth(0)).toContainText(ROSA);
    await expect(recent.nth(1)).toContainText(DIONISIO);
    await expect(recent.nth(1).getByTestId('holds-vote')).toHaveText('tiene el voto');
    await expect(recent.nth(0).getByTestId('holds-vote')).toHaveCount(0);
    await recent.nth(1).scrollIntoViewIfNeeded();
    await app.screenshot('holders-door-clock-back-es');
    await app.language('quz');
    await expect(recent.nth(1).getByTestId('holds-vote')).toBeVisible();
    await recent.nth(1).scrollIntoViewIfNeeded();
    await app.screenshot('holders-door-clock-back-quz');
    await app.language('es');

    // The Resumen lists the holders from the same presence.
    await page.locator('[data-tab=summary]').click();
    const holders = page.locator('table', { hasText: 'Comunidad Campesina de Ccollpa' });
    await expect(holders).toContainText(DIONISIO);
    await expect(holders).not.toContainText(ROSA);
  });
});
