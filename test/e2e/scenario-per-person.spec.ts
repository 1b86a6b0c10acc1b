// A scenario from nothing, apart from the demo (whose data was made to fit the code): an
// empty data folder, a new workshop with one vote per person, 80 people with Quechua names
// imported from a Windows-1252 ';' municipal CSV, everybody checked in at the door by
// keyboard with partial names, a kiosk round, the Acta sealed; the counts are read back from
// the Acta's text with pdftotext.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { withHost } from './pages/app';

const CSV = join(process.cwd(), 'test/fixtures/registry/quechua-80.csv');
const shots = process.env['MINKA_SHOTS'] ?? 'test-results';

interface Row {
  dni: string;
  surnames: string;
  given: string;
  sex: 'F' | 'M';
}

function rows(): Row[] {
  const text = new TextDecoder('windows-1252').decode(readFileSync(CSV));
  return text
    .split(/\r\n/)
    .slice(1)
    .filter(Boolean)
    .map((line) => {
      const c = line.split(';');
      return {
        dni: c[1] ? c[1].padStart(8, '0') : '',
        surnames: c[2] ?? '',
        given: c[3] ?? '',
        sex: c[4] === 'Mujer' ? 'F' : 'M',
      };
    });
}

const plain = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
/** What a hurried operator types: given name, most of the first surname, two letters of the second. */
const partial = (r: Row) => {
  const [s1 = '', s2 = ''] = plain(r.surnames).split(' ');
  return `${plain(r.given)} ${s1.slice(0, Math.max(4, s1.length - 2))} ${s2.slice(0, 2)}`;
};

interface Reg {
  participants: {
    id: string;
    dni: string;
    surnames: string;
    givenNames: string;
    accreditation: string;
  }[];
  attendance: { participantId: string; undoneAt: string | null; checkedOutAt: string | null }[];
}

async function door(page: Page) {
  await page.locator('[data-section=attendance]').click();
  await page.locator('[data-tab=door]').click();
}

test('one vote per person, from an empty folder: 80 imported Quechua names, keyboard check-in, kiosk, Acta counts', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await withHost(async (host, dir) => {
    await page.goto(host.url);
    await expect(page.locator('body[data-ready="1"]')).toBeAttached();
    await page.locator('input[name=municipality]').fill('Municipalidad Distrital de Ocongate');
    await page.locator('input[name=title]').fill('Taller de priorización 2027');
    await page.locator('input[name=fiscalYear]').fill('2027');
    await page.getByRole('button', { name: 'Crear taller' }).click();
    await expect(page.getByRole('heading', { name: 'Configuración del taller' })).toBeVisible();
    await page.locator('input[name=ubigeo]').fill('081207');
    await page.locator('input[name=envelope]').fill('1 000 000');
    await page.getByRole('button', { name: 'Añadir sede' }).click();
    await page.locator('input[name=venue-name-0]').fill('Sede Ocongate');
    await page.locator('input[name=venue-place-0]').fill('Auditorio municipal');
    await page.locator('input[name=venue-date-0]').fill('14/05/2026');
    await page.getByLabel('Un voto por persona acreditada').check();
    await page.keyboard.press('Control+s');
    await expect(page.getByTestId('save-status')).toContainText('Guardado');

    // The municipal spreadsheet: Windows-1252, ';', DNIs that lost their leading zeros.
    await page.locator('[data-section=attendance]').click();
    await page.locator('[data-tab=registry]').click();
    await page.getByTestId('import-open').click();
    await page.getByTestId('import-file').setInputFiles(CSV);
    await expect(page.getByText(/windows-1252/)).toBeVisible();
    await expect(page.getByTestId('import-counts')).toContainText('80 personas');
    await page.getByTestId('import-confirm').click();
    await expect(page.getByTestId('registry-message')).toContainText('Importado de quechua-80.csv');
    // Everybody accredited at once (the committee's list).
    await page.getByLabel('Seleccionar todas').check();
    await page.getByRole('button', { name: 'Acreditar', exact: true }).click();
    await expect(page.getByTestId('registry-message')).toContainText('80');

    // The door, by keyboard with partial names: the wanted person each time.
    await door(page);
    const search = page.getByTestId('door-search');
    await expect(search).toBeFocused();
    const people = rows();
    expect(people).toHaveLength(80);
    // A "new attendee" whose name is an existing person's: the match is shown before any
    // new record, and choosing it checks her in (no duplicate in the registry).
    await search.fill('Rosa Waman Qori');
    await page.getByTestId('walkin-open').click();
    await page.locator('select[name=walkin-sex]').selectOption('F');
    await page.locator('input[name=walkin-given]').press('Enter');
    const alike = page.getByTestId('walkin-lookalikes');
    await expect(alike).toContainText('WAMAN QORI, Rosa');
    await alike
      .getByRole('button', { name: 'Es esta persona: registrar su ingreso' })
      .first()
      .click();
    await expect(page.getByTestId('door-flash')).toContainText('✓ WAMAN QORI, Rosa');
    await expect(page.getByTestId('present-count').locator('.n')).toHaveText('1');
    // A DNI already in the registry shows its owner too.
    await page.getByTestId('walkin-open').click();
    await page.locator('input[name=walkin-dni]').fill(people[1]?.dni ?? '');
    await page.locator('input[name=walkin-given]').fill('Rosa');
    await page.locator('select[name=walkin-sex]').selectOption('X');
    await page.locator('input[name=walkin-given]').press('Enter');
    await expect(alike).toContainText('HUAMÁN CCORI, Rosa');
    await page.getByRole('button', { name: 'Cancelar' }).click();
    let asked = 0;
    for (const [i, r] of people.entries()) {
      if (i === 0) continue; // checked in above
      await search.fill(partial(r));
      const list = page.locator('#door-results li');
      await expect(list.first()).toBeVisible();
      const names = await list.locator('strong').allTextContents();
      const at = names.indexOf(`${r.surnames}, ${r.given}`);
      expect(at, `${partial(r)} lists ${r.surnames}, ${r.given}`).toBeGreaterThanOrEqual(0);
      await search.press('Enter');
      const flash = page.getByTestId('door-flash');
      if ((await flash.textContent())?.includes('Hay dos personas parecidas') || at > 0) {
        // Two alike, or not first: the operator chooses with the arrows.
        asked++;
        await search.press('ArrowDown');
        await search.press('ArrowUp');
        for (let k = 0; k < at; k++) await search.press('ArrowDown');
        if (at === 0) await search.press('Enter');
        else await search.press('Enter');
      }
      await expect(flash).toContainText(`✓ ${r.surnames}, ${r.given}`);
      await expect(page.getByTestId('present-count').locator('.n')).toHaveText(String(i + 1));
      if (i === 1) await page.screenshot({ path: `${shots}/scenario-door-es-1366x768.png` });
    }
    const women = people.filter((r) => r.sex === 'F').length;
    await expect(page.getByTestId('quorum')).toContainText('Hay quórum');
    await page.getByRole('button', { name: 'Runasimi' }).click();
    // The last check-in's message follows the language switch (it stayed in Spanish before).
    await expect(page.getByTestId('door-flash')).toContainText('horapi haykusqan qillqasqa');
    await expect(page.getByTestId('door-flash')).not.toContainText('ingreso registrado');
    await search.fill('rosa waman');
    await page.screenshot({ path: `${shots}/scenario-door-quz-1366x768.png` });
    await page.getByRole('button', { name: 'Español' }).click();
    await search.fill('');

    // Every person checked in is the person meant: the record says so.
    const [summary] = await host.api<{ workshopId: string }[]>('workshop:list', {});
    const workshopId = summary?.workshopId ?? '';
    const reg = await host.api<Reg>('registry:get', { workshopId });
    const present = new Set(
      reg.attendance.filter((a) => !a.undoneAt && !a.checkedOutAt).map((a) => a.participantId),
    );
    expect(present.size).toBe(80);

    // Two admitted proposals (intake is tested in proposals.spec; here only the vote matters).
    const setup = await host.api<{ setup: { sectors: { id: string }[] } }>('workshop:get', {
      workshopId,
    });
    const ids: string[] = [];
    for (const [k, title] of [
      'Riego por aspersión en Pacchanta',
      'Puesto de salud de Tinki',
    ].entries()) {
      const { value: p } = await host.api<{ value: { id: string } }>('proposals:save', {
        workshopId,
        proposal: {
          code: `P-00${k + 1}`,
          title,
          description: '',
          sectorId: setup.setup.sectors[0]?.id,
          community: '',
          organizationId: null,
          estimatedCostCents: 300_000_00,
          beneficiaries: 100,
          cui: '',
          cofinancingCents: 0,
          carriedFrom: '',
        },
      });
      ids.push(p.id);
      await host.api('proposals:review', {
        workshopId,
        review: { proposalId: p.id, decision: 'admitted', reason: null, explanation: '' },
      });
    }

    // A kiosk round: the two Rosas of one APAFA both vote (one vote per person).
    await page.locator('[data-section=voting]').click();
    await page.getByRole('button', { name: 'Nueva ronda' }).click();
    await page.keyboard.type('Priorización 2027');
    await page.locator('input[name=kind][value=ballot]').check();
    await page.getByLabel('Tipo de papeleta').selectOption('approval');
    await page.getByLabel('Máximo de opciones por voto').fill('1');
    await page.getByRole('button', { name: 'Crear la ronda' }).click();
    await page.getByRole('button', { name: 'Abrir la ronda' }).click();
    await expect(page.getByTestId('round-vote-rule')).toHaveText('un voto por persona');
    await page.getByRole('button', { name: 'Abrir el quiosco' }).click();
    await expect(page.getByRole('dialog', { name: 'Quiosco de votación' })).toBeVisible();
    // By class, not by its (translated) name: the voter may switch the kiosk to Runasimi.
    const kiosk = page.locator('.kiosk');
    await expect(page.getByTestId('kiosk-count')).toHaveText('Votaron 0 de 80');
    await expect(page.getByTestId('kiosk-rule')).toHaveText('un voto por persona');
    const ksearch = kiosk.locator('.kiosk-search');
    const voters = [people[0], people[1], ...people.slice(12, 22)] as Row[];
    for (const [k, r] of voters.entries()) {
      await ksearch.fill(r.dni ? r.dni : partial(r));
      await ksearch.press('Enter');
      await expect(page.getByTestId('kiosk-voter')).toHaveText(`Voto de ${r.surnames}, ${r.given}`);
      await page.keyboard.press(k % 3 === 0 ? '2' : '1');
      if (k === 0)
        await page.screenshot({ path: `${shots}/scenario-kiosk-ballot-es-1366x768.png` });
      await kiosk.getByRole('button', { name: 'Votar' }).click();
      if (k === 0)
        await page.screenshot({ path: `${shots}/scenario-kiosk-review-es-1366x768.png` });
      await kiosk.getByRole('button', { name: 'Confirmar mi voto' }).click();
      await expect(page.getByTestId('kiosk-count')).toHaveText(`Votaron ${k + 1} de 80`);
      await page.keyboard.press('Enter');
    }
    // Rosa WAMAN QORI voted; Rosa HUAMÁN CCORI, same APAFA, still could — and did.
    // Of the three Rosas only Rosa WAMAN HUILLCA (who has not voted) is still waiting.
    await ksearch.fill('rosa');
    await expect(kiosk.locator('.kiosk-name')).toHaveText(['WAMAN HUILLCA, Rosa']);
    await kiosk.getByRole('button', { name: 'Runasimi' }).click();
    await ksearch.fill('wa');
    await page.screenshot({ path: `${shots}/scenario-kiosk-pick-quz-1366x768.png` });
    await kiosk.getByRole('button', { name: 'Español' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Cerrar la ronda' }).click();
    await page.getByRole('button', { name: 'Sí, cerrar' }).click();
    await expect(page.getByTestId('round-ballots')).toHaveText('12');

    // Choose the kiosk round as the official result (confirming each warning shown, e.g. no
    // criteria scored), then seal; the Acta's text carries every count.
    await page.locator('[data-section=minutes]').click();
    const official = page.getByTestId('official-panel');
    const kioskRound = await official
      .locator('option', { hasText: 'Priorización 2027' })
      .getAttribute('value');
    await official.locator('select[name="official-round"]').selectOption(kioskRound ?? '');
    for (const box of await official.locator('input[type=checkbox][name^="confirm-"]').all())
      await box.check();
    await page.getByTestId('choose-official').click();
    await expect(page.getByTestId('official-chosen')).toContainText('Priorización 2027');
    await page.locator('input[name="confirm-seal"]').check();
    // The seal's own warnings (an empty committee, a settlement after a close): each ticked.
    for (const w of await page.locator('input[name^="confirm-warning-"]').all()) await w.check();
    const downloading = page.waitForEvent('download');
    await page.getByTestId('seal').click();
    const pdfPath = join(dir, 'acta.pdf');
    await (await downloading).saveAs(pdfPath);
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    writeFileSync(join(shots, 'scenario-acta.txt'), text);
    expect(text.replace(/\s+/g, ' ')).toContain(
      'Habilitados al cerrar: 80 (un voto por persona); presentes: 80; votos: 12.',
    );
    expect(text).toContain('WAMAN QORI, Rosa');
    expect(text).toContain('HUAMÁN CCORI, Rosa');
    // The totals boxes: the figures on one line, their labels on the next.
    const lines = text.split('\n');
    const at = lines.findIndex((l) =>
      // "Con voto": who held a vote (layout 8), here everyone accredited and present.
      /Personas\s+Organizaciones\s+Mujeres\s+Varones\s+Sexo sin dato\s+Con voto/.test(l),
    );
    expect(at).toBeGreaterThan(0);
    // Everyone's sex is in the registry: none "sin dato".
    expect(lines[at - 1]?.trim().split(/\s+/).map(Number)).toEqual([
      80,
      19,
      women,
      80 - women,
      0,
      80,
    ]);
    expect(text).toContain('Votos en blanco: 0');
    console.log(
      `scenario: 80 checked in (${asked} needed a choice between close names), 12 kiosk ballots`,
    );
  });
});
