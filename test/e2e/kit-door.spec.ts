// A venue kit's door and rounds are its venue's only (field test fac28, item 1), and a present
// person found by the door's search is checked out from the keyboard (item 2). Two laptops: the
// main one prepares two kits for Sede Pacchanta (one would be enough; the second shows the merge
// report naming a round it held back), the venue laptop opens them.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { roundInput } from '../helpers/round-input';
import {
  DAY,
  fourMembers,
  laptops,
  openWorkshop,
  pacchantaRound,
  SedesPage,
  twoVenueWorkshop,
} from './pages/sedes';

const SHOTS = process.env.MINKA_SHOTS ?? '/work/shots/fixdoor';

interface Kit {
  value: { fileName: string; base64: string };
}
interface Reg {
  attendance: { id: string; participantId: string; venueId: string; checkedOutAt: string | null }[];
}

test("a kit's door and rounds are its venue's only; a present person found by search leaves by keyboard; a held round is named at the merge", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  mkdirSync(SHOTS, { recursive: true });
  // A third laptop for the second kit: one host keeps one open file per workshop, and both kits
  // are copies of the same workshop.
  const { data, host, ctx, close } = await laptops(browser, ['main', 'venue', 'desk'], {
    acceptDownloads: true,
  });
  let stick = '';
  try {
    // ---- Main: two venues, four members, a round at each venue.
    const { workshopId, setup } = await twoVenueWorkshop(host.main);
    const [ocongate, pacchanta] = setup.venues;
    if (!ocongate || !pacchanta) throw new Error('two venues expected');
    const people = await fourMembers(host.main, workshopId);
    const { items, round } = await pacchantaRound(
      host.main,
      workshopId,
      setup.sectors[0]?.id,
      pacchanta.id,
    );
    const other = await host.main.api<{ value: { id: string } }>('voting:create', {
      workshopId,
      round: roundInput(
        { venueId: ocongate.id, day: DAY },
        { title: 'Priorización Ocongate', itemIds: items },
      ),
    });
    // Two kits of Pacchanta: the first runs its round, the second only the door.
    const kits: Kit[] = [];
    for (let i = 0; i < 2; i++)
      kits.push(
        await host.main.api<Kit>('venues:prepareKit', { workshopId, venueId: pacchanta.id }),
      );
    const [kit, second] = kits as [Kit, Kit];
    writeFileSync(
      join(data.venue.dir, kit.value.fileName),
      Buffer.from(kit.value.base64, 'base64'),
    );

    // ---- The venue laptop: its door offers Pacchanta only.
    const v = await ctx.venue.newPage();
    await openWorkshop(v, host.venue);
    await v.locator('[data-section=attendance]').click();
    const venueField = v.locator('input[name=venue]');
    await expect(venueField).toHaveValue('Sede Pacchanta');
    await expect(venueField).toHaveAttribute('readonly', '');
    await expect(v.locator('select[name=venue]')).toHaveCount(0);
    await expect(v.getByTestId('kit-venue-only')).toHaveText(
      'Kit de esta sede: la puerta registra solo aquí.',
    );

    // Four people in by keyboard; then Rosa, found by the search, leaves, by keyboard alone.
    const search = v.getByTestId('door-search');
    for (const [dni, name] of [
      ['41000001', 'QUISPE MAMANI, Rosa'],
      ['41000002', 'CONDORI HUAMÁN, Juan'],
      ['41000003', 'HUILLCA CCAMA, Teodora'],
      ['41000004', 'APAZA TURPO, Mario'],
    ] as const) {
      await search.fill(dni);
      await expect(v.getByRole('option').first()).toContainText(`DNI ${dni}`);
      await search.press('Enter');
      await expect(v.getByTestId('door-flash')).toContainText(`${name} — ingreso registrado`);
    }
    await expect(v.getByTestId('present-count')).toContainText('4');
    await search.fill('quispe rosa');
    await expect(v.getByTestId('door-result-leave')).toHaveCount(1);
    await expect(v.getByRole('option').first()).toContainText('QUISPE MAMANI, Rosa');
    await search.press('Enter');
    const leave = v.getByTestId('door-leave');
    await expect(leave).toContainText('QUISPE MAMANI, Rosa ya está presente');
    await expect(v.getByTestId('door-leave-go')).toBeFocused();
    await v.screenshot({ path: `${SHOTS}/kit-door-leave-offered-es.png` });
    // Esc goes back to the search, nothing recorded; Enter twice records the leaving.
    await v.keyboard.press('Escape');
    await expect(leave).toHaveCount(0);
    await expect(search).toBeFocused();
    await search.press('Enter');
    await expect(v.getByTestId('door-leave-go')).toBeFocused();
    await v.keyboard.press('Enter');
    await expect(v.getByTestId('door-flash')).toContainText(
      'Salida registrada: QUISPE MAMANI, Rosa',
    );
    await expect(search).toBeFocused();
    await expect(search).toHaveValue('');
    await expect(v.getByTestId('present-count')).toContainText('3');
    await v.screenshot({ path: `${SHOTS}/kit-door-left-es.png` });
    const kitId = (await host.venue.api<{ workshopId: string }[]>('workshop:list', {}))[0]
      ?.workshopId;
    const reg = await host.venue.api<Reg>('registry:get', { workshopId: kitId });
    const rosa = reg.attendance.filter((r) => r.participantId === people[0]);
    expect(rosa.map((r) => [r.venueId, r.checkedOutAt !== null])).toEqual([[pacchanta.id, true]]);
    // She comes back: the same search and Enter checks her in again.
    await search.fill('quispe rosa');
    await expect(v.getByRole('option').first()).toContainText('QUISPE MAMANI, Rosa');
    await search.press('Enter');
    await expect(v.getByTestId('door-flash')).toContainText('Rosa — ingreso registrado');
    await expect(v.getByTestId('present-count')).toContainText('4');

    // Its voting screen lists Pacchanta's round only; a new round can only be Pacchanta's.
    await v.locator('[data-section=voting]').click();
    const list = v.locator('.round-list');
    await expect(list.locator('.round-name')).toHaveText(['1. Priorización Pacchanta']);
    await v.getByRole('button', { name: 'Nueva ronda' }).click();
    const form = v.getByRole('form', { name: 'Nueva ronda de votación' });
    await expect(form.getByRole('combobox', { name: /^Sede/ }).locator('option')).toHaveText([
      'Sede Pacchanta',
    ]);
    await v.screenshot({ path: `${SHOTS}/kit-voting-own-venue-es.png` });

    // A crafted call (the same API the screen uses) is refused, naming both venues.
    const refused = (p: Promise<unknown>) =>
      p.then(
        () => 'accepted',
        (e: Error) => e.message,
      );
    for (const [channel, input] of [
      ['voting:open', { workshopId: kitId, roundId: other.value.id }],
      ['voting:get', { workshopId: kitId, roundId: other.value.id }],
      [
        'attendance:checkIn',
        {
          workshopId: kitId,
          participantId: people[1],
          venueId: ocongate.id,
          day: DAY,
          signMethod: 'signature',
          witness: '',
        },
      ],
    ] as const) {
      const why = await refused(host.venue.api(channel, input));
      expect(why).toContain('otherVenueOnKit');
      expect(why).toContain('"venue":"Sede Pacchanta","other":"Sede Ocongate"');
    }
    // Its own round runs as before.
    await host.venue.api('voting:open', { workshopId: kitId, roundId: round.value.id });

    // ---- The second Pacchanta kit runs the round too. Only one kit runs a round (the lower kit
    // id, fixed when the kits were made): merged at main, the other one's opening of the round
    // is held back, and the report names the round.
    writeFileSync(
      join(data.desk.dir, second.value.fileName),
      Buffer.from(second.value.base64, 'base64'),
    );
    const opened = await host.desk.api<{ workshopId: string }>('workshop:open', {
      file: second.value.fileName,
    });
    await host.desk.api('voting:open', { workshopId: opened.workshopId, roundId: round.value.id });
    // Carried on a stick: outside main's data folder (which lists every file in it as a workshop).
    stick = mkdtempSync(join(tmpdir(), 'minka-stick-'));
    const m = await ctx.main.newPage();
    await openWorkshop(m, host.main);
    const s = new SedesPage(m);
    await s.open();
    const phrase = 'de «Priorización Pacchanta», ronda que no lleva esa laptop';
    const reports: string[] = [];
    for (const [n, [laptop, id]] of (
      [
        [host.venue, kitId ?? ''],
        [host.desk, opened.workshopId],
      ] as const
    ).entries()) {
      const file = await laptop.api<{ base64: string }>('venues:deviceFile', {
        workshopId: id,
      });
      const path = join(stick, `kit-${n + 1}.minka`);
      writeFileSync(path, Buffer.from(file.base64, 'base64'));
      const head = (
        await laptop.api<{ closing: { headFingerprint: string } | null }>('venues:get', {
          workshopId: id,
        })
      ).closing?.headFingerprint;
      await s.merge(path, head ?? '');
      await expect(s.done).toContainText(`kit-${n + 1}.minka`);
      const text = (await s.done.textContent()) ?? '';
      reports.push(text);
      if (!text.includes(phrase)) continue;
      await m.screenshot({ path: `${SHOTS}/main-merge-held-round-es.png` });
      await s.setLang('quz');
      await expect(s.done).toContainText('«Priorización Pacchanta» muyumanta');
      await m.screenshot({ path: `${SHOTS}/main-merge-held-round-quz.png` });
      await s.setLang('es');
    }
    // Exactly one of the two files had the round held back, and its report named it.
    expect(
      reports.filter((r) => r.includes(phrase)),
      reports.join('\n'),
    ).toHaveLength(1);
  } finally {
    await close();
    if (stick) rmSync(stick, { recursive: true, force: true });
  }
});

test("the summary names a delegate's authorisation only when one is recorded (fac28 item 3)", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { host, ctx, close } = await laptops(browser, ['main']);
  try {
    const { workshopId, setup } = await twoVenueWorkshop(host.main);
    const full = await host.main.api<{ setup: Record<string, unknown> }>('workshop:get', {
      workshopId,
    });
    await host.main.api('workshop:saveSetup', {
      workshopId,
      setup: { ...full.setup, voteRule: 'perOrganization' },
    });
    const venueId = setup.venues[0]?.id ?? '';
    for (const [i, [given, authorization]] of [
      ['Sin', ''],
      ['Con', 'Carta del 10/05/2026'],
    ].entries()) {
      const org = await host.main.api<{ value: { id: string } }>('registry:saveOrganization', {
        workshopId,
        organization: {
          name: `Comunidad Campesina Ayllu ${i + 1}`,
          type: 'comunidadCampesina',
          community: `Ayllu ${i + 1}`,
          standingProof: 'publicRegistry',
          standingRef: `P-${i + 1}`,
        },
      });
      const p = await host.main.api<{ value: { id: string } }>('registry:saveParticipant', {
        workshopId,
        participant: {
          dni: `4200000${i + 1}`,
          givenNames: given,
          surnames: 'Delegado Quispe',
          sex: 'F',
          language: 'quz',
          organizationId: org.value.id,
          role: 'delegate',
          authorization,
          voice: 'voiceAndVote',
          accreditation: 'accredited',
        },
      });
      await host.main.api('attendance:checkIn', {
        workshopId,
        participantId: p.value.id,
        venueId,
        day: DAY,
        signMethod: 'signature',
        witness: '',
      });
    }
    const page = await ctx.main.newPage();
    await openWorkshop(page, host.main);
    await page.locator('[data-section=attendance]').click();
    await page.locator('[data-tab=summary]').click();
    await expect(page.getByRole('row', { name: /DELEGADO QUISPE, Sin/ })).toContainText(
      'delegado/a — autorización no registrada',
    );
    await expect(page.getByRole('row', { name: /DELEGADO QUISPE, Con/ })).toContainText(
      'delegado/a (autorización: Carta del 10/05/2026)',
    );
    await expect(page.getByText('delegado/a con autorización')).toHaveCount(0);
    await page.getByRole('row', { name: /DELEGADO QUISPE, Sin/ }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/summary-delegate-es.png` });
    await page.locator('.lang-toggle button[lang=quz]').click();
    await expect(page.getByRole('row', { name: /DELEGADO QUISPE, Sin/ })).toContainText(
      'saqiy qillqa mana qillqasqachu',
    );
    await page.screenshot({ path: `${SHOTS}/summary-delegate-quz.png` });
  } finally {
    await close();
  }
});
