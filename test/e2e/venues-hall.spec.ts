// Door and voting desk in one hall (issue 20, item 5): two laptops of one venue, each with its
// own data folder (two browser contexts, two web hosts), swap files at a break through the Sedes
// screen; the desk enters the show of hands for the people the door checked in; the files swap
// back; both go to the main workshop, merged with their slips, nothing twice, and it is sealed.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { RunningHost } from './host';
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

const shots = '/work/shots/20';

interface Reg {
  attendance: { participantId: string; venueId: string; undoneAt: string | null }[];
}

async function openOnly(page: Page, host: RunningHost) {
  await openWorkshop(page, host);
  await expect(page.locator('[data-section=venues]')).toBeVisible();
  return firstWorkshopId(host);
}

test('door and desk swap files at a break, the desk counts those present, both merged into main, sealed', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  mkdirSync(shots, { recursive: true });
  const { data, host, ctx, close } = await laptops(browser, ['main', 'door', 'desk'], {
    acceptDownloads: true,
  });
  const usb = join(data.main.dir, 'usb');
  mkdirSync(usb, { recursive: true });
  try {
    // ---- Main laptop: a fresh workshop, one venue (Pacchanta) besides the main one.
    const api = host.main.api.bind(host.main);
    const { workshopId, setup } = await twoVenueWorkshop(host.main);
    const pacchanta = setup.venues[1]?.id ?? '';
    const people = await fourMembers(host.main, workshopId);
    const { items, round } = await pacchantaRound(
      host.main,
      workshopId,
      setup.sectors[0]?.id,
      pacchanta,
    );
    // Two kits of Pacchanta: the door's (no rounds: they run on the desk) and the desk's.
    const kitNames: string[] = [];
    for (const [name, noRounds] of [
      ['door', true],
      ['desk', false],
    ] as const) {
      const k = await api<{ value: { base64: string; rounds: number; fileName: string } }>(
        'venues:prepareKit',
        { workshopId, venueId: pacchanta, noRounds },
      );
      expect(k.value.rounds).toBe(noRounds ? 0 : 1);
      // Named after the kit: the two never overwrite each other on one USB stick.
      expect(k.value.fileName).toMatch(
        noRounds
          ? /^sede-pacchanta-\d{4}-puerta-kit-\w+\.minka$/
          : /^sede-pacchanta-\d{4}-kit-\w+\.minka$/,
      );
      kitNames.push(k.value.fileName);
      writeFileSync(
        join(data[name].dir, `sede-pacchanta-${name}.minka`),
        Buffer.from(k.value.base64, 'base64'),
      );
    }
    expect(new Set(kitNames).size).toBe(2);

    // ---- The door: three people check in before the break; its file goes on the USB stick.
    const door = await ctx.door.newPage();
    door.setDefaultTimeout(20_000);
    const doorId = await openOnly(door, host.door);
    await checkInAll(host.door, doorId, people.slice(0, 3), pacchanta, 'signature');
    const sDoor = new SedesPage(door);
    await sDoor.open();
    await sDoor.saveDeviceFile(join(usb, 'puerta-descanso.minka'));

    // ---- The desk: nobody checked in here, so no count can be entered yet.
    const desk = await ctx.desk.newPage();
    desk.setDefaultTimeout(20_000);
    const deskId = await openOnly(desk, host.desk);
    await host.desk.api('voting:open', { workshopId: deskId, roundId: round.value.id });
    await expect(
      host.desk.api('voting:enterCount', {
        workshopId: deskId,
        roundId: round.value.id,
        itemId: items[0],
        operator: 'A',
        count: 1,
      }),
    ).rejects.toThrow(/countOverEntitled/);
    // It takes the door's file at the break: the door's three are present on the desk too.
    const sDesk = new SedesPage(desk);
    await sDesk.open();
    await sDesk.takeSibling(join(usb, 'puerta-descanso.minka'));
    await expect(sDesk.done).toContainText('puerta-descanso.minka');
    await expect(sDesk.done).toContainText('incorporado');
    await expect(sDesk.devices.locator('tbody tr')).toHaveCount(1);
    const present = await host.desk.api<Reg>('registry:get', { workshopId: deskId });
    expect(present.attendance.filter((a) => a.undoneAt === null)).toHaveLength(3);
    await desk.getByTestId('venues-exchange').scrollIntoViewIfNeeded();
    await desk.screenshot({ path: join(shots, 'es-sedes-exchange-desk.png') });
    await sDesk.setLang('quz');
    await expect(desk.getByTestId('venues-exchange')).toContainText('huñuy');
    await desk.screenshot({ path: join(shots, 'quz-sedes-exchange-desk.png') });
    await sDesk.setLang('es');
    // Taking the same file again adds nothing.
    await sDesk.takeSibling(join(usb, 'puerta-descanso.minka'));
    await expect(sDesk.done).toContainText('ya estaba incorporado');
    // Now the desk enters the show of hands for those present, and closes the round.
    await enterCounts(host.desk, deskId, round.value.id, items, [3, 2]);
    await host.desk.api('voting:close', { workshopId: deskId, roundId: round.value.id });
    const deskHead = await sDesk.headNow(() => host.desk.api('venues:get', { workshopId: deskId }));
    await sDesk.saveDeviceFile(join(usb, 'mesa.minka'));

    // ---- Swapped back: the door sees the desk's closed round; one more person after the break.
    await sDoor.takeSibling(join(usb, 'mesa.minka'));
    await expect(sDoor.done).toContainText('mesa.minka');
    // fac27: the door's own three check-ins came back in the desk's file; not "nuevos", and the
    // one held is named (the desk's record of taking the door's file), not just counted.
    await expect(sDoor.done).toContainText(
      '3 eventos de esta misma laptop volvieron en ese archivo (ya los tenía): no se cuentan como nuevos.',
    );
    await expect(sDoor.done).toContainText(
      'Retenidos (guardados en el archivo, sin aplicarse aquí): 1 registro de un intercambio anterior de esa laptop («Sede incorporada»)',
    );
    await sDoor.done.scrollIntoViewIfNeeded();
    await door.screenshot({ path: join(shots, 'es-sedes-exchange-door-back.png') });
    const doorRound = await host.door.api<{ rounds: { id: string; state: string }[] }>(
      'voting:list',
      { workshopId: doorId },
    );
    expect(doorRound.rounds.find((r) => r.id === round.value.id)?.state).toBe('closed');
    await checkInAll(host.door, doorId, people.slice(3), pacchanta, 'thumbprint');
    const doorHead = await sDoor.headNow(() => host.door.api('venues:get', { workshopId: doorId }));
    await sDoor.saveDeviceFile(join(usb, 'puerta.minka'));

    // ---- Main laptop: the desk's file first (it carries the door's copy), then the door's own.
    const main = await ctx.main.newPage();
    main.setDefaultTimeout(20_000);
    await openWorkshop(main, host.main, 'Ocongate');
    const s = new SedesPage(main);
    await s.open();
    // The two kits of Pacchanta, prepared in one minute, told apart by role and code (misc28).
    const code = (f: string | undefined) => /-kit-(\w+)\.minka$/.exec(f ?? '')?.[1] ?? '?';
    const issued = main.getByTestId('venues-kits-issued');
    await expect(issued).toContainText(`Sede Pacchanta · Solo puerta · kit ${code(kitNames[0])} (`);
    await expect(issued).toContainText(
      `Sede Pacchanta · Mesa de votación · kit ${code(kitNames[1])} (`,
    );
    await issued.scrollIntoViewIfNeeded();
    await main.screenshot({ path: join(shots, 'es-sedes-main-kits-issued.png') });
    await s.merge(join(usb, 'mesa.minka'), deskHead);
    await expect(s.done).toContainText(`la huella ${deskHead} coincide`);
    // The door known only from the copy the desk carried: the seal waits for its own file.
    // The devices are listed by kit id (random): one row each, in either order.
    const proofs = main.getByTestId('venues-device-proof');
    await expect(proofs).toHaveCount(2);
    await expect(proofs.filter({ hasText: /Copia traída por la laptop/ })).toHaveCount(1);
    await expect(proofs.filter({ hasText: /^Coincide$/ })).toHaveCount(1);
    await s.merge(join(usb, 'puerta.minka'), doorHead);
    await expect(main.getByTestId('venues-device-proof')).toHaveText(['Coincide', 'Coincide']);
    // Merging again adds nothing; no conflict; four present, once each; the desk's counts.
    await s.merge(join(usb, 'mesa.minka'), deskHead);
    await expect(s.done).toContainText('nada nuevo');
    await expect(main.getByText('Ningún conflicto.')).toBeVisible();
    const reg = await api<Reg>('registry:get', { workshopId });
    const live = reg.attendance.filter((a) => a.undoneAt === null && a.venueId === pacchanta);
    expect(live.map((a) => a.participantId).sort()).toEqual([...people].sort());
    const totals = await api<{ items: { itemId: string; votes: number }[] }>('voting:results', {
      workshopId,
      roundId: round.value.id,
    });
    expect(totals.items.map((i) => [i.itemId, i.votes])).toEqual([
      [items[0], 3],
      [items[1], 2],
    ]);
    await s.devices.scrollIntoViewIfNeeded();
    await main.screenshot({ path: join(shots, 'es-sedes-main-door-desk.png') });

    // Sealed: the Acta lists both laptops of Pacchanta, each with its slip.
    await chooseOfficial(host.main, workshopId, round.value.id);
    // Each seal warning (here: no Comité de Vigilancia named) is confirmed on its own.
    await sealFromScreen(main);
    await expect(main.getByTestId('sealed-fingerprint')).toHaveText(
      /^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/,
    );
    const pdf = await api<{ base64: string }>('minutes:pdf', { workshopId });
    const pdfPath = join(shots, 'acta-door-desk.pdf');
    writeFileSync(pdfPath, Buffer.from(pdf.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-']).toString();
    expect(text).toContain('Sedes y dispositivos');
    expect(text.match(/Coincide/g)?.length).toBe(2);
  } finally {
    await close();
  }
});
