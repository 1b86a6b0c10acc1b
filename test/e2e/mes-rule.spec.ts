// Field test fac28 from an empty data folder: MES chosen in setup says it needs ballots; a
// show-of-hands round under MES is refused at creation, saying why, in the screen's language;
// a kiosk round's results name the MES steps that ran (add1's raise, the completion); the
// round's .pb names its rule, and `minka tally` without --rule selects what the screen selected.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { withHost } from './pages/app';

const SHOTS = process.env['MINKA_SHOTS'] ?? 'test-results/mes-rule';

interface Setup {
  venues: { id: string; date: string }[];
  sectors: { id: string }[];
}
interface Priority {
  kind: 'priority';
  value: { projects: { code: string; selected: boolean }[] };
}

test('MES: refused for a show of hands, its steps named on the results, the .pb tallies the same', async ({
  page,
}) => {
  test.setTimeout(180_000);
  mkdirSync(SHOTS, { recursive: true });
  await page.setViewportSize({ width: 1366, height: 768 });
  await withHost(async (host, dir) => {
    await page.goto(host.url);
    await expect(page.locator('body[data-ready="1"]')).toBeAttached();
    await page.locator('input[name=municipality]').fill('Municipalidad Distrital de Ocongate');
    await page.locator('input[name=title]').fill('Taller descentralizado PP 2028');
    await page.locator('input[name=fiscalYear]').fill('2028');
    await page.getByRole('button', { name: 'Crear taller' }).click();
    await expect(page.getByRole('heading', { name: 'Configuración del taller' })).toBeVisible();
    await page.locator('input[name=envelope]').fill('1 000 000');
    await page.getByRole('button', { name: 'Añadir sede' }).click();
    await page.locator('input[name=venue-name-0]').fill('Sede Ocongate');
    await page.locator('input[name=venue-place-0]').fill('Salón consistorial');
    await page.locator('input[name=venue-date-0]').fill('14/05/2026');
    await expect(page.getByTestId('mes-ballots-hint')).toHaveCount(0);
    await page.locator('select[name=selectionRule]').selectOption('mes');
    await expect(page.getByTestId('mes-ballots-hint')).toContainText(
      'necesita rondas con cédulas o quiosco',
    );
    await page.getByTestId('mes-ballots-hint').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/setup-mes-hint-es.png` });
    await page.keyboard.press('Control+s');
    await expect(page.getByTestId('save-status')).toContainText('Guardado');

    const [summary] = await host.api<{ workshopId: string }[]>('workshop:list', {});
    const workshopId = summary?.workshopId ?? '';
    const { setup } = await host.api<{ setup: Setup }>('workshop:get', { workshopId });
    const venue = setup.venues[0] ?? { id: '', date: '' };
    // 11 organisations, each with its titular accredited and at the door.
    const voters: string[] = [];
    for (let i = 0; i < 11; i++) {
      const { value: org } = await host.api<{ value: { id: string } }>(
        'registry:saveOrganization',
        {
          workshopId,
          organization: {
            name: `C.C. Ayllu ${i + 1}`,
            type: 'comunidadCampesina',
            community: `Ayllu ${i + 1}`,
            standingProof: 'publicRegistry',
            standingRef: '',
          },
        },
      );
      const { value: p } = await host.api<{ value: { id: string } }>('registry:saveParticipant', {
        workshopId,
        participant: {
          dni: String(41000000 + i),
          givenNames: `Nazario ${i + 1}`,
          surnames: 'Quispe Mamani',
          sex: 'M',
          language: 'quz',
          organizationId: org.id,
          role: 'titular',
          authorization: '',
          voice: 'voiceAndVote',
          accreditation: 'accredited',
        },
      });
      await host.api('attendance:checkIn', {
        workshopId,
        participantId: p.id,
        venueId: venue.id,
        day: venue.date,
        signMethod: 'signature',
        witness: '',
      });
      voters.push(p.id);
    }
    const ids: string[] = [];
    for (const [k, cost] of [300_000_00, 500_000_00, 200_000_00, 450_000_00].entries()) {
      const { value: p } = await host.api<{ value: { id: string } }>('proposals:save', {
        workshopId,
        proposal: {
          code: `P-00${k + 1}`,
          title: `Proyecto ${k + 1}`,
          description: '',
          sectorId: setup.sectors[k]?.id,
          community: '',
          organizationId: null,
          estimatedCostCents: cost,
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

    // A show-of-hands prioritisation round is refused, the reason on screen.
    await page.locator('[data-section=voting]').click();
    await page.getByRole('button', { name: 'Nueva ronda' }).click();
    await page.keyboard.type('Priorización a mano alzada');
    await page.getByRole('button', { name: 'Crear la ronda' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'MES' })).toContainText(
      'necesita el voto de cada persona (cédulas o quiosco)',
    );
    await page.screenshot({ path: `${SHOTS}/voting-hands-refused-es.png` });

    // A kiosk round: plain MES would fund P-003 only; add1 and the completion fund more.
    const { value: round } = await host.api<{ value: { id: string } }>('voting:create', {
      workshopId,
      round: {
        title: 'Priorización final — cédulas',
        kind: 'ballot',
        ballotType: 'approval',
        maxChoices: 2,
        totalPoints: null,
        budgetCents: null,
        doubleEntry: false,
        tieBreak: null,
        venueId: venue.id,
        day: venue.date,
        itemIds: [],
      },
    });
    await host.api('voting:open', { workshopId, roundId: round.id });
    const ballots = [[2], [2], [3], [1], [1, 3], [2, 3], [1], [1, 2], [2], [3], [1]];
    for (const [i, participantId] of voters.entries())
      await host.api('voting:cast', {
        workshopId,
        roundId: round.id,
        participantId,
        ballot: { choices: (ballots[i] ?? []).map((k) => ids[k] ?? ''), points: null },
      });
    await host.api('voting:close', { workshopId, roundId: round.id });

    await page.locator('[data-section=results]').click();
    const ran = page.getByTestId('rule-ran');
    await expect(ran).toHaveAttribute('data-steps', 'mes add1 completion');
    await expect(ran).toContainText('se aumentó en S/ 9,091.00');
    await expect(ran).toContainText('Al final se completó con lo que aún cabía');
    await expect(page.getByTestId('explanation').locator('.badge').first()).toHaveText(
      'Partes iguales (add1)',
    );
    await page.screenshot({ path: `${SHOTS}/results-mes-add1-es.png`, fullPage: true });
    await page.getByRole('button', { name: 'English' }).click();
    await expect(ran).toContainText("each voter's share was raised by S/ 9,091.00");
    await page.getByTestId('explanation').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/results-mes-add1-en.png` });
    await page.getByRole('button', { name: 'Runasimi' }).click();
    await page.getByTestId('explanation').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/results-mes-add1-quz.png` });

    const res = await host.api<Priority>('results:get', { workshopId, roundId: round.id });
    const onScreen = res.value.projects
      .filter((p) => p.selected)
      .map((p) => p.code)
      .sort();
    expect(onScreen).toEqual(['P-001', 'P-002', 'P-003']);
    const pb = await host.api<{ text: string }>('voting:exportPb', {
      workshopId,
      roundId: round.id,
    });
    expect(pb.text).toContain('minka_rule;mes+add1+greedy');
    const file = join(dir, 'ronda.pb');
    writeFileSync(file, pb.text);
    const out = JSON.parse(
      execFileSync('node', ['bin/minka.mjs', 'tally', file, '--json'], { encoding: 'utf8' }),
    ) as { rule: string; ruleFrom: string; selected: string[] };
    expect(out).toMatchObject({ rule: 'mes+add1+greedy', ruleFrom: 'file', selected: onScreen });
  });
});
