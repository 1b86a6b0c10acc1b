// The Sedes screen (issue 20): kits prepared on the main workshop, files incorporated, the
// devices and conflicts; on a venue laptop, its file to carry and the other laptop's file taken.
// Below the page object, the steps the venue specs (venues*.spec.ts) share: the workshop with
// two venues, its people, proposals and round through the API, a workshop opened from the home
// screen, the counts entered, the official round chosen and the seal from the Acta screen.
import { type Browser, type BrowserContextOptions, expect, type Page } from '@playwright/test';
import { roundInput } from '../../helpers/round-input';
import { freshDataDir, type RunningHost, startHost } from '../host';

export class SedesPage {
  constructor(readonly page: Page) {}

  get section() {
    return this.page.locator('[data-section=venues]');
  }
  get venue() {
    return this.page.getByTestId('venues-kit-venue');
  }
  get prepare() {
    return this.page.getByTestId('venues-prepare');
  }
  get saveDevice() {
    return this.page.getByTestId('venues-save-device');
  }
  get done() {
    return this.page.getByTestId('venues-done');
  }
  get error() {
    return this.page.getByTestId('venues-error');
  }
  get devices() {
    return this.page.getByTestId('venues-devices');
  }
  get conflicts() {
    return this.page.getByTestId('venues-conflict');
  }
  get summary() {
    return this.page.getByTestId('venues-conflict-summary');
  }
  get mergeFile() {
    return this.page.getByTestId('venues-merge-file');
  }
  get exchangeFile() {
    return this.page.getByTestId('venues-exchange-file');
  }
  get closingHead() {
    return this.page.getByTestId('venues-closing-head');
  }

  async open() {
    await this.section.click();
    await expect(this.page.getByTestId('venues')).toBeVisible();
  }

  /**
   * On a venue laptop: the closing head as its screen shows it now (re-read after changes made
   * elsewhere: through another section, then back), checked against what the core says.
   */
  async headNow(api: () => Promise<{ closing: { headFingerprint: string } | null }>) {
    await this.page.locator('[data-section=attendance]').click();
    await this.open();
    const want = (await api()).closing?.headFingerprint ?? '';
    await expect(this.closingHead).toHaveText(want);
    return want;
  }

  /** On a venue laptop: the file to carry, downloaded and saved at `path`. */
  async saveDeviceFile(path: string) {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId('venues-save-device').click();
    await (await download).saveAs(path);
    await expect(this.done).toContainText(/Archivo de la sede guardado/);
  }

  /** On a venue laptop: the other laptop's file, incorporated. */
  async takeSibling(path: string) {
    await this.exchangeFile.setInputFiles(path);
    await expect(this.error).toHaveCount(0);
    await expect(this.done).toBeVisible();
  }

  /** On the main workshop: a venue file with the head read from its slip. */
  async merge(path: string, slipHead: string) {
    await this.page.getByTestId('venues-slip-head').fill(slipHead);
    await this.mergeFile.setInputFiles(path);
    await expect(this.error).toHaveCount(0);
    await expect(this.done).toBeVisible();
  }

  async setLang(lang: 'es' | 'quz') {
    await this.page.locator(`.lang-toggle button[lang=${lang}]`).click();
  }
}

export const DAY = '2026-05-14';

/**
 * Laptops, by name: each a web host over its own fresh data folder and a browser context at
 * 1366×768; `close` closes the contexts, stops the hosts and removes the folders.
 */
export async function laptops<K extends string>(
  browser: Browser,
  names: readonly K[],
  options: BrowserContextOptions = {},
) {
  const data = {} as Record<K, ReturnType<typeof freshDataDir>>;
  const host = {} as Record<K, RunningHost>;
  const ctx = {} as Record<K, Awaited<ReturnType<Browser['newContext']>>>;
  for (const n of names) data[n] = freshDataDir();
  for (const n of names) host[n] = await startHost(data[n].dir);
  for (const n of names)
    ctx[n] = await browser.newContext({ viewport: { width: 1366, height: 768 }, ...options });
  const close = async () => {
    for (const n of names) await ctx[n].close();
    for (const n of names) await host[n].stop();
    for (const n of names) data[n].cleanup();
  };
  return { data, host, ctx, close };
}

/** The workshop the venue specs run: Ocongate (main) and Pacchanta on one day, one vote per person. */
export async function twoVenueWorkshop(host: RunningHost) {
  const w = await host.api<{ workshopId: string; setup: Record<string, unknown> }>(
    'workshop:create',
    {
      title: 'Taller de priorización 2027',
      municipality: 'Municipalidad Distrital de Ocongate',
      fiscalYear: 2027,
    },
  );
  const workshopId = w.workshopId;
  await host.api('workshop:saveSetup', {
    workshopId,
    setup: {
      ...w.setup,
      ubigeo: '081207',
      envelopeCents: 1_000_000_00,
      voteRule: 'perPerson',
      venues: [
        { name: 'Sede Ocongate', place: 'Auditorio municipal', date: DAY },
        { name: 'Sede Pacchanta', place: 'Local comunal de Pacchanta', date: DAY },
      ],
    },
  });
  const setup = (
    await host.api<{
      setup: { venues: { id: string; name: string }[]; sectors: { id: string }[] };
    }>('workshop:get', { workshopId })
  ).setup;
  return { workshopId, setup };
}

/** Four accredited members with voice and vote, no organisation; their ids. */
export async function fourMembers(host: RunningHost, workshopId: string): Promise<string[]> {
  const people: string[] = [];
  for (const [i, [given, sur, sex]] of [
    ['Rosa', 'Quispe Mamani', 'F'],
    ['Juan', 'Condori Huamán', 'M'],
    ['Teodora', 'Huillca Ccama', 'F'],
    ['Mario', 'Apaza Turpo', 'M'],
  ].entries()) {
    const p = await host.api<{ value: { id: string } }>('registry:saveParticipant', {
      workshopId,
      participant: {
        dni: String(41000001 + i).padStart(8, '0'),
        givenNames: given,
        surnames: sur,
        sex,
        language: 'quz',
        organizationId: null,
        role: 'member',
        authorization: '',
        voice: 'voiceAndVote',
        accreditation: 'accredited',
      },
    });
    people.push(p.value.id);
  }
  return people;
}

/** Two admitted proposals and a show-of-hands round over them that will run at `venueId`. */
export async function pacchantaRound(
  host: RunningHost,
  workshopId: string,
  sectorId: string | undefined,
  venueId: string,
) {
  const items: string[] = [];
  for (const i of [1, 2]) {
    const p = await host.api<{ value: { id: string } }>('proposals:save', {
      workshopId,
      proposal: {
        code: `P-00${i}`,
        title: `Canal de riego ${i}`,
        description: '',
        sectorId,
        community: 'Pacchanta',
        organizationId: null,
        estimatedCostCents: 100_000_00 * i,
        beneficiaries: 100,
        cui: '',
        cofinancingCents: 0,
        carriedFrom: '',
      },
    });
    await host.api('proposals:review', {
      workshopId,
      review: { proposalId: p.value.id, decision: 'admitted', reason: null, explanation: '' },
    });
    items.push(p.value.id);
  }
  const round = await host.api<{ value: { id: string } }>('voting:create', {
    workshopId,
    round: roundInput({ venueId, day: DAY }, { title: 'Priorización Pacchanta', itemIds: items }),
  });
  return { items, round };
}

/** Each person checked in at `venueId` on DAY. */
export async function checkInAll(
  host: RunningHost,
  workshopId: string,
  people: readonly string[],
  venueId: string,
  signMethod: 'signature' | 'thumbprint',
) {
  for (const participantId of people)
    await host.api('attendance:checkIn', {
      workshopId,
      participantId,
      venueId,
      day: DAY,
      signMethod,
      witness: '',
    });
}

/** The show of hands for each item (operator A), in the items' order. */
export async function enterCounts(
  host: RunningHost,
  workshopId: string,
  roundId: string,
  items: readonly string[],
  counts: readonly number[],
) {
  for (const [i, itemId] of items.entries())
    await host.api('voting:enterCount', {
      workshopId,
      roundId,
      itemId,
      operator: 'A',
      count: counts[i],
    });
}

/** The round chosen as the official result, with its warnings confirmed. */
export async function chooseOfficial(host: RunningHost, workshopId: string, roundId: string) {
  const official = await host.api<{ candidates: { id: string; warnings: string[] }[] }>(
    'results:official',
    { workshopId },
  );
  await host.api('results:chooseOfficial', {
    workshopId,
    roundId,
    confirmed: official.candidates.find((c) => c.id === roundId)?.warnings ?? [],
  });
}

/** From the home screen: the workshop listed first (or the first whose entry has `name`). */
export async function openWorkshop(page: Page, host: RunningHost, name?: string) {
  await page.goto(host.url);
  await expect(page.locator('body[data-ready="1"]')).toBeAttached();
  const item = page.locator('.workshop-item', name ? { hasText: name } : {});
  await item.first().click();
}

/** The id of the workshop a host lists first. */
export async function firstWorkshopId(host: RunningHost): Promise<string> {
  return (await host.api<{ workshopId: string }[]>('workshop:list', {}))[0]?.workshopId ?? '';
}

/** The Acta screen's seal: "I confirm" and each seal warning ticked, then Seal (no wait after). */
export async function sealFromScreen(page: Page) {
  await page.locator('[data-section=minutes]').click();
  await page.locator('input[name="confirm-seal"]').check();
  // The seal's own warnings (an empty committee, a settlement after a close): each ticked.
  for (const w of await page.locator('input[name^="confirm-warning-"]').all()) await w.check();
  await page.getByTestId('seal').click();
}
