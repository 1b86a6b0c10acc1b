// Two kiosk queues for one ballot round at one venue (ballotconf): two desk laptops of Pacchanta
// run the same round, each for the people in its queue, and Rosa votes in both. On the main
// workshop the round is the union of both boxes (no ruling picks a laptop), one ballot drawn out
// by the lot the laptops' closes fix for Rosa's extra vote, and the Sedes screen shows a conflict
// that names her, says that every laptop's ballots count, and is settled with a reason that
// moves nothing.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { RunningHost } from './host';
import { roundInput } from '../helpers/round-input';
import {
  checkInAll,
  DAY,
  firstWorkshopId,
  fourMembers,
  laptops,
  openWorkshop,
  SedesPage,
  twoVenueWorkshop,
} from './pages/sedes';

const shots = '/work/shots/ballotconf';

async function openOnly(page: Page, host: RunningHost) {
  await openWorkshop(page, host);
  await expect(page.locator('[data-section=venues]')).toBeVisible();
  return firstWorkshopId(host);
}

/**
 * The main workshop with Pacchanta's round of two proposals (P-001, P-002) and two desk kits of
 * Pacchanta, each written into its laptop's data folder.
 */
async function pacchantaBallots(
  host: Record<'main' | 'a' | 'b', RunningHost>,
  data: Record<'main' | 'a' | 'b', { dir: string }>,
  doubleEntry: boolean,
) {
  const api = host.main.api.bind(host.main);
  const { workshopId, setup } = await twoVenueWorkshop(host.main);
  const pacchanta = setup.venues[1]?.id ?? '';
  const people = await fourMembers(host.main, workshopId);
  const items: string[] = [];
  for (const i of [1, 2]) {
    const p = await api<{ value: { id: string } }>('proposals:save', {
      workshopId,
      proposal: {
        code: `P-00${i}`,
        title: `Canal de riego ${i}`,
        description: '',
        sectorId: setup.sectors[0]?.id,
        community: 'Pacchanta',
        organizationId: null,
        estimatedCostCents: 100_000_00 * i,
        beneficiaries: 100,
        cui: '',
        cofinancingCents: 0,
        carriedFrom: '',
      },
    });
    await api('proposals:review', {
      workshopId,
      review: { proposalId: p.value.id, decision: 'admitted', reason: null, explanation: '' },
    });
    items.push(p.value.id);
  }
  const round = (
    await api<{ value: { id: string } }>('voting:create', {
      workshopId,
      round: roundInput(
        { venueId: pacchanta, day: DAY },
        {
          title: 'Votación Pacchanta',
          kind: 'ballot',
          ballotType: 'approval',
          maxChoices: 1,
          itemIds: items,
          doubleEntry,
        },
      ),
    })
  ).value.id;
  for (const name of ['a', 'b'] as const) {
    const k = await api<{ value: { base64: string } }>('venues:prepareKit', {
      workshopId,
      venueId: pacchanta,
      noRounds: false,
    });
    writeFileSync(
      join(data[name].dir, `sede-pacchanta-${name}.minka`),
      Buffer.from(k.value.base64, 'base64'),
    );
  }
  return { api, workshopId, pacchanta, people, items, round };
}

test('two kiosk queues of one ballot round: both boxes count on main; a double vote is named, drawn out, and settled without picking a laptop', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  mkdirSync(shots, { recursive: true });
  const { data, host, ctx, close } = await laptops(browser, ['main', 'a', 'b'], {
    acceptDownloads: true,
  });
  const usb = join(data.main.dir, 'usb');
  mkdirSync(usb, { recursive: true });
  try {
    const { api, workshopId, pacchanta, people, items, round } = await pacchantaBallots(
      host,
      data,
      false,
    );
    // Queue A: Rosa and Juan vote P-001. Queue B: Teodora votes P-002, and Rosa again, P-002.
    const heads: Record<'a' | 'b', string> = { a: '', b: '' };
    for (const [name, who, choice] of [
      ['a', [people[0], people[1]], items[0]],
      ['b', [people[2], people[0]], items[1]],
    ] as const) {
      const page = await ctx[name].newPage();
      page.setDefaultTimeout(20_000);
      const id = await openOnly(page, host[name]);
      await checkInAll(host[name], id, [...who] as string[], pacchanta, 'signature');
      await host[name].api('voting:open', { workshopId: id, roundId: round });
      for (const participantId of who as readonly string[])
        await host[name].api('voting:cast', {
          workshopId: id,
          roundId: round,
          participantId,
          ballot: { choices: [choice], points: null },
        });
      await host[name].api('voting:close', { workshopId: id, roundId: round });
      const s = new SedesPage(page);
      await s.open();
      heads[name] = await s.headNow(() => host[name].api('venues:get', { workshopId: id }));
      await s.saveDeviceFile(join(usb, `cola-${name}.minka`));
    }

    const main = await ctx.main.newPage();
    main.setDefaultTimeout(20_000);
    await openWorkshop(main, host.main, 'Ocongate');
    const s = new SedesPage(main);
    await s.open();
    await s.merge(join(usb, 'cola-b.minka'), heads.b);
    await s.merge(join(usb, 'cola-a.minka'), heads.a);
    // Both boxes are in the round: 4 ballots for 3 voters, one drawn out by lot.
    const totals = await api<{ ballots: number; items: { itemId: string; votes: number }[] }>(
      'voting:results',
      { workshopId, roundId: round },
    );
    const votes = totals.items.map((i) => i.votes);
    expect(votes.reduce((n, v) => n + v, 0)).toBe(3);
    expect(votes[0]).toBeGreaterThanOrEqual(1);
    expect(votes[1]).toBeGreaterThanOrEqual(1);
    // The conflict: both laptops' ballots added; Rosa named on each side; the hint says why a
    // choice here changes no result. (Rosa's two check-ins are a conflict of their own.)
    const card = s.conflicts.filter({ hasText: 'Cédulas de una ronda en dos laptops' });
    await expect(card).toHaveCount(1);
    await expect(card.locator('.conflict-side')).toHaveCount(2);
    await expect(card).toContainText('2 cédulas, sumadas a la ronda');
    await expect(card).toContainText(
      'Marcados también en otra laptop: QUISPE MAMANI, Rosa (41000001)',
    );
    await expect(card.getByTestId('venues-ballots-hint')).toContainText(
      'por cada voto de más ya se sacó una cédula por sorteo, fijado por los cierres de las laptops; resolver solo deja escrito el porqué y no cambia el resultado',
    );
    await expect(card.locator('legend')).toHaveText(
      'Laptop a la que se refiere la resolución (no cambia el resultado)',
    );
    await card.scrollIntoViewIfNeeded();
    await main.screenshot({ path: join(shots, 'es-sedes-ballots-conflict.png') });
    await s.setLang('quz');
    await expect(main.getByTestId('venues-ballots-hint')).toContainText(
      'manam resultadota tikranchu',
    );
    await main.screenshot({ path: join(shots, 'quz-sedes-ballots-conflict.png') });
    await s.setLang('es');
    // Settled from the keyboard path the screen offers: a laptop, a reason, Resolver.
    await card.locator('input[type=radio]').first().check();
    await card
      .getByTestId('venues-settle-note')
      .fill('Rosa votó en las dos colas; se sacó una cédula por sorteo');
    await card.getByTestId('venues-settle').click();
    await expect(card.getByTestId('venues-settled')).toHaveText(
      /^Resuelto sin cambiar el resultado \(Sede Pacchanta · Código del kit [0-9a-f]{8}\)\. Rosa votó en las dos colas; se sacó una cédula por sorteo \(\d\d\/\d\d\/\d{4} \d\d:\d\d\)$/,
    );
    const after = await api<{ items: { votes: number }[] }>('voting:results', {
      workshopId,
      roundId: round,
    });
    expect(after.items.map((i) => i.votes)).toEqual(votes);
    await card.scrollIntoViewIfNeeded();
    await main.screenshot({ path: join(shots, 'es-sedes-ballots-settled.png') });
  } finally {
    await close();
  }
});

test('one paper serial typed on two laptops and read two ways: the second laptop’s papers wait, the card asks which laptop read it right, and the ruling adds every paper', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  mkdirSync(shots, { recursive: true });
  const { data, host, ctx, close } = await laptops(browser, ['main', 'a', 'b'], {
    acceptDownloads: true,
  });
  const usb = join(data.main.dir, 'usb');
  mkdirSync(usb, { recursive: true });
  try {
    const { api, workshopId, pacchanta, people, items, round } = await pacchantaBallots(
      host,
      data,
      true,
    );
    // Pile A: 001 for P-001, 003 for P-002. Pile B: the same paper 003, read as P-001, and 004.
    const heads: Record<'a' | 'b', string> = { a: '', b: '' };
    for (const [name, who, papers] of [
      [
        'a',
        [people[0], people[1]],
        [
          ['001', items[0]],
          ['003', items[1]],
        ],
      ],
      [
        'b',
        [people[2], people[3]],
        [
          ['003', items[0]],
          ['004', items[1]],
        ],
      ],
    ] as const) {
      const page = await ctx[name].newPage();
      page.setDefaultTimeout(20_000);
      const id = await openOnly(page, host[name]);
      await checkInAll(host[name], id, [...who] as string[], pacchanta, 'signature');
      await host[name].api('voting:open', { workshopId: id, roundId: round });
      for (const [serial, choice] of papers)
        for (const typist of ['A', 'B'] as const)
          await host[name].api('voting:enterPaper', {
            workshopId: id,
            roundId: round,
            serial,
            typist,
            ballot: { choices: [choice], points: null },
          });
      await host[name].api('voting:close', { workshopId: id, roundId: round });
      const s = new SedesPage(page);
      await s.open();
      heads[name] = await s.headNow(() => host[name].api('venues:get', { workshopId: id }));
      await s.saveDeviceFile(join(usb, `pila-${name}.minka`));
    }
    const main = await ctx.main.newPage();
    main.setDefaultTimeout(20_000);
    await openWorkshop(main, host.main, 'Ocongate');
    const s = new SedesPage(main);
    await s.open();
    await s.merge(join(usb, 'pila-b.minka'), heads.b);
    await s.merge(join(usb, 'pila-a.minka'), heads.a);
    // Votes of P-001 and P-002 (the results list them ranked).
    const votes = async () => {
      const r = await api<{ items: { itemId: string; votes: number }[] }>('voting:results', {
        workshopId,
        roundId: round,
      });
      return items.map((id) => r.items.find((i) => i.itemId === id)?.votes);
    };
    // Only pile B counts so far: its 003 (P-001) and 004 (P-002).
    expect(await votes()).toEqual([1, 1]);
    const card = s.conflicts.filter({ hasText: 'Cédulas de una ronda en dos laptops' });
    await expect(card).toHaveCount(1);
    const waiting = card.locator('.conflict-side', { hasText: 'todavía no sumadas' });
    await expect(waiting).toContainText(
      '2 cédulas, todavía no sumadas · Cédulas leídas distinto en otra laptop: 003',
    );
    await expect(card.locator('.conflict-side', { hasText: 'sumadas a la ronda' })).toContainText(
      '2 cédulas, sumadas a la ronda · Cédulas leídas distinto en otra laptop: 003',
    );
    // One choice per serial read otherwise (adv30b F5): here only 003.
    await expect(card.locator('legend')).toHaveText('Cédula 003: ¿qué laptop la leyó bien?');
    await card.scrollIntoViewIfNeeded();
    await main.screenshot({ path: join(shots, 'es-sedes-paper-conflict.png') });
    // With the paper in hand: pile A read 003 right (P-002).
    const pileA = await waiting.locator('strong').innerText();
    // Keyboard first: settling without a reading names what is missing; Space picks it.
    await card.getByTestId('venues-settle').click();
    await expect(card.getByRole('alert')).toHaveText(
      'Elija, para cada cédula en duda, la laptop que la leyó bien.',
    );
    await card.getByLabel(pileA, { exact: true }).focus();
    await main.keyboard.press('Space');
    await expect(card.getByLabel(pileA, { exact: true })).toBeChecked();
    await card.getByTestId('venues-settle-note').fill('La cédula 003 marca P-002');
    await card.getByTestId('venues-settle').click();
    await expect(card.getByTestId('venues-settled')).toContainText(
      `Resuelto: la cédula 003 se lee como la leyó ${pileA}. La cédula 003 marca P-002`,
    );
    // Every paper counts, 003 as pile A read it: P-001 once (001), P-002 twice (003, 004).
    expect(await votes()).toEqual([1, 2]);
    // The sides stay as found, said as then.
    await expect(card.locator('.conflict-side', { hasText: pileA })).toContainText(
      '2 cédulas, sin sumar cuando se halló el conflicto',
    );
    await card.scrollIntoViewIfNeeded();
    await main.screenshot({ path: join(shots, 'es-sedes-paper-settled.png') });
  } finally {
    await close();
  }
});
