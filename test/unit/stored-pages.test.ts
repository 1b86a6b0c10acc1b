// `minka check` on a sealed workshop runs the stored Acta through verify's redraw
// (electron/minutes/stored-pages.ts, adv29 LOW 7): a genuine Acta passes; pages drawn from
// another payload than the one signed with the real key are a finding naming those pages; a
// redraw this computer cannot finish in time is reported as the computer's, not the Acta's.
// (A font missing from the install: stored-pages-environment.test.ts and install-layout.test.ts.)
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkWorkshopFile } from '../../electron/check/check';
import { getSealed } from '../../electron/minutes/minutes';
import { checkStoredPages } from '../../electron/minutes/stored-pages';
import { MINUTES_LAYOUT, MinutesPayload } from '../../shared/minutes/payload';
import { runCli } from '../helpers/cli';
import { forgeSeal } from '../helpers/forge-seal';
import { seal, votedDb } from '../helpers/minutes-fixture';
import { tempDir } from '../helpers/tmp';

const t = tempDir('minka-stored-pages-');
afterAll(t.cleanup);

const RENAMED = 'OTRA MUNICIPALIDAD';

/** Sealed with the real key; the pages drawn at `layout` from the payload with the municipality renamed. */
function forged(name: string, layout = MINUTES_LAYOUT): Promise<Buffer> {
  const db = votedDb(t.dir, name);
  return forgeSeal(db, join(t.dir, `${name}-key`), {
    layout,
    drawFrom: (signed) => {
      const shown = MinutesPayload.parse({
        ...signed,
        render: { ...signed.render!, layout: MINUTES_LAYOUT },
      });
      shown.workshop.municipality = RENAMED;
      return shown;
    },
  }).finally(() => db.close());
}

/** Each page's text (poppler's pdftotext, pages split at form feeds), spaces collapsed. */
function pageTexts(pdf: Buffer, name: string): string[] {
  const f = join(t.dir, name);
  writeFileSync(f, pdf);
  return execFileSync('pdftotext', [f, '-'], { encoding: 'utf8' })
    .split('\f')
    .map((x) => x.replace(/\s+/g, ' '));
}

let genuine: Buffer;
let genuineSha = '';
beforeAll(async () => {
  const db = votedDb(t.dir, 'genuine.minka');
  genuine = await seal(db, join(t.dir, 'genuine-key'));
  genuineSha = getSealed(db)?.payloadSha256 ?? '';
  db.close();
}, 120_000);

describe('minka check redraws the stored Acta', () => {
  it('a genuine sealed Acta: no finding, its pages checked', async () => {
    const c = await checkWorkshopFile(join(t.dir, 'genuine.minka'));
    expect(c.minutes).toEqual({
      sealed: true,
      ok: true,
      fingerprint: expect.any(String) as string,
      problems: [],
      confirmed: [], // sealed with no warning to confirm (kept with the seal since stop 32)
    });
    expect(c.ok).toBe(true);
    expect(c.environment).toBeUndefined();
    const cli = await runCli(['check', join(t.dir, 'genuine.minka')]);
    expect(cli.code).toBe(0);
    expect(cli.out).toContain('intact (signatures, pages, chain and tables agree)');
  });

  it('pages drawn from another payload, signed with the real key: a finding naming the pages', async () => {
    const pdf = await forged('forged.minka');
    const c = await checkWorkshopFile(join(t.dir, 'forged.minka'));
    expect(c.ok).toBe(false);
    expect(c.environment).toBeUndefined();
    // The payload, its signature and the tables agree: only the pages are wrong.
    expect(c.chain?.ok && c.consistency?.ok && c.results?.ok).toBe(true);
    expect(c.minutes?.problems.map((p) => p.key)).toEqual(['minutes.checkDb.pagesDiffer']);
    // The pages named are those that print the renamed municipality (read from the PDF itself).
    const texts = pageTexts(pdf, 'forged.pdf');
    const showing = texts.flatMap((x, i) => (x.includes(RENAMED) ? [i + 1] : []));
    expect(showing.length).toBeGreaterThan(0);
    expect(c.minutes?.problems[0]?.params['pages']).toBe(showing.join(', '));
    for (const lang of ['es', 'en', 'quz'] as const) {
      const cli = await runCli(['check', join(t.dir, 'forged.minka')], lang);
      expect(cli.code, lang).toBe(1);
      expect(cli.err, lang).toContain(showing.join(', '));
      expect(cli.out, lang).not.toMatch(/Sealed minutes|Acta sellada|Sellasqa acta/);
    }
    const json = JSON.parse(
      (await runCli(['check', join(t.dir, 'forged.minka'), '--json'])).out,
    ) as { environment?: boolean };
    expect(json).toMatchObject({ ok: false, minutes: { ok: false } });
    expect(json.environment).toBeUndefined();
  }, 120_000);

  it('claimed as a layout newer than this build: named as such, not intact', async () => {
    await forged('newer.minka', MINUTES_LAYOUT + 1);
    const c = await checkWorkshopFile(join(t.dir, 'newer.minka'));
    expect(c.ok).toBe(false);
    expect(c.minutes?.problems).toEqual([
      {
        key: 'minutes.checkDb.pagesNewerLayout',
        params: { layout: MINUTES_LAYOUT + 1, current: MINUTES_LAYOUT },
      },
    ]);
  }, 120_000);

  it("another workshop's genuine Acta stored in its place: named by its payload", async () => {
    const other = 'a'.repeat(64);
    expect((await checkStoredPages(genuine, other)).problems.map((p) => p.key)).toEqual([
      'minutes.checkDb.pdfOtherPayload',
    ]);
    expect(await checkStoredPages(genuine, genuineSha)).toEqual({ problems: [] });
  });

  it('a stored file that is not a PDF: a finding in verify’s words, not "pages differ"', async () => {
    const r = await checkStoredPages(Buffer.from('not a PDF at all, just bytes'), genuineSha);
    expect(r.unchecked).toBeUndefined();
    expect(r.problems.map((p) => p.key)).toEqual([
      'minutes.checkDb.pdfNotAuthentic',
      'minutes.check.notPdf',
    ]);
  });

  it('out of time on this computer: unchecked, no finding about the Acta', async () => {
    // A spent budget: reading the stored file stops at once, as on a far too busy laptop.
    const r = await checkStoredPages(genuine, genuineSha, { timeoutMs: -1 });
    expect(r).toEqual({
      problems: [],
      unchecked: { key: 'minutes.checkDb.pagesSlow', params: {} },
    });
  });
});
