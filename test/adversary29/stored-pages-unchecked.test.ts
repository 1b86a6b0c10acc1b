// Adversary adv29 (item 1): `minka check` never looks at the stored Acta's pages. The key's
// holder signs the true payload but draws the pages from another one (here the municipality
// renamed; any amount or name would do), and stores that PDF as the workshop's Acta (the file
// the app prints and exports). `minka verify` on the PDF says "tampered" at layout 8; claimed as
// layout 9 (a "newer build") it says only "cannot check the pages". `minka check` on the
// workshop (checkSealed: payload hash, signature, PDF hash, payload vs tables) reports the
// sealed Acta intact in both cases, and for layout 9 names nothing about a layout newer than
// this build. A fix: check redraws the stored PDF as verify does (or runs verify on it) and
// names a layout newer than this build's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { checkWorkshopFile } from '../../electron/check/check';
import { fillVotingFixture } from '../helpers/voting-fixture';
import { fixedEnv } from '../helpers/minutes-fixture';
import { roundInput } from '../helpers/round-input';
import { demoSetup } from '../../electron/demo/demo';
import { createWorkshopDb, openWorkshopDb, type Db } from '../../electron/platform/db';
import { chooseOfficialRound, officialState } from '../../electron/results/official';
import { createRound, openRound } from '../../electron/voting/voting';
import { enterCount } from '../../electron/voting/hands';
import { closeRound } from '../../electron/voting/close-round';
import { checkRecord } from '../../electron/check/check';
import { initWorkshop } from '../../electron/workshop/workshop';
import { checkSealed } from '../../electron/minutes/check';
import { verifyMinutesPdf } from '../../electron/minutes/verify';

import { MINUTES_LAYOUT, MinutesPayload } from '../../shared/minutes/payload';
import { forgeSeal } from '../helpers/forge-seal';
/** Sealed with the real key as `layout`, its pages drawn at this build's layout from a payload whose municipality was renamed. */
const forgeMixed = (db: Db, dir: string, layout: number): Promise<Buffer> =>
  forgeSeal(db, dir, {
    layout,
    drawFrom: (signed) => {
      const shown = MinutesPayload.parse({
        ...signed,
        render: { ...signed.render!, layout: MINUTES_LAYOUT },
      });
      shown.workshop.municipality = 'OTRA MUNICIPALIDAD';
      return shown;
    },
  });
for (const layout of [8, 9])
  // adv29 LOW 7: check runs the stored PDF through verify's redraw (minutes/stored-pages.ts).
  it(`an Acta whose stored pages are not its payload's, claimed as layout ${layout}, passes minka check (adv29)`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'adv29-p3-'));
    try {
      const e = fixedEnv('2026-05-14T18:00:00Z');
      const file = join(dir, 'w.minka');
      createWorkshopDb(file, (d) => initWorkshop(d, e, 'w1', demoSetup()));
      const db = openWorkshopDb(file);
      const fx = db.transaction(() => fillVotingFixture(db, e))();
      const r = openRound(db, e, createRound(db, e, roundInput(fx, { title: 'Priorización' })).id);
      fx.proposals.forEach((p, i) =>
        enterCount(db, e, { roundId: r.id, itemId: p, operator: 'A', count: 5 - i }),
      );
      closeRound(db, e, r.id);
      const warnings = officialState(db).candidates.find((c) => c.id === r.id)?.warnings ?? [];
      chooseOfficialRound(db, e, { roundId: r.id, confirmed: warnings });
      const pdf = await forgeMixed(db, dir, layout);
      const v = await verifyMinutesPdf(pdf);
      const c = checkSealed(db);
      console.log(
        `[adv29] ${layout}: verify=${v.verdict} check=${checkRecord(db).ok} ${c.ok} ${JSON.stringify(c.problems).slice(0, 300)}`,
      );
      db.close();
      expect(v.verdict).not.toBe('authentic');
      const whole = await checkWorkshopFile(file);
      console.log(`[adv29] ${layout}: checkWorkshopFile ok=${whole.ok}`);
      expect(whole.ok, 'minka check calls an Acta intact whose pages verify does not accept').toBe(
        false,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
