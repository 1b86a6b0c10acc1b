// Adversary adv29 (item 2): the setupAfterClose warning reads the setup's saves in the log, but
// the zone the Acta prints every date in is the *signed render setting* (zoneOf: render.timeZone),
// which `minka check` copies from the sealed payload into its rebuild (rebuildAsSealed: "the
// render settings are signed with the record but are not part of the tables"). The key's holder
// seals with render.timeZone = Pacific/Kiritimati while the workshop's setup stays America/Lima
// (no save at all, so nothing after the close to warn about). Every date moves by 19 hours (the
// round closed 14/05 prints 15/05 10:00); the zone line names Pacific/Kiritimati, a zone the
// workshop never had, and no setupAfterClose line says so. The PDF verifies authentic and
// `minka check` passes. A fix: check compares the sealed render zone
// with the workshop's zone at the seal (as it compares every other section) and names a difference.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { fillVotingFixture } from '../helpers/voting-fixture';
import { fixedEnv } from '../helpers/minutes-fixture';
import { roundInput } from '../helpers/round-input';
import { forgeSeal } from '../helpers/forge-seal';
import { demoSetup } from '../../electron/demo/demo';
import { createWorkshopDb, openWorkshopDb } from '../../electron/platform/db';
import { chooseOfficialRound, officialState } from '../../electron/results/official';
import { createRound, openRound } from '../../electron/voting/voting';
import { enterCount } from '../../electron/voting/hands';
import { closeRound } from '../../electron/voting/close-round';
import { checkRecord } from '../../electron/check/check';
import { getSetup, initWorkshop } from '../../electron/workshop/workshop';
import { checkSealed } from '../../electron/minutes/check';
import { verifyMinutesPdf } from '../../electron/minutes/verify';

it('an Acta sealed with another render zone than the workshop’s moves every date and passes check (adv29)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'adv29-zone-'));
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
    expect(getSetup(db).timeZone ?? 'America/Lima').toBe('America/Lima');
    const pdf = await forgeSeal(db, dir, {
      tamper: (p) => {
        if (p.render) p.render.timeZone = 'Pacific/Kiritimati';
      },
    });
    writeFileSync(join(dir, 'acta.pdf'), pdf);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'acta.pdf'), '-'], {
      encoding: 'utf8',
    }).replace(/\s+/g, ' ');
    console.log('[adv29] dates:', (text.match(/\d\d\/05\/2026( \d\d:\d\d)?/g) ?? []).slice(0, 8));
    console.log('[adv29] zone mention:', /.{80}Kiritimati.{40}/.exec(text)?.[0] ?? 'none');
    expect((await verifyMinutesPdf(pdf)).verdict).toBe('authentic');
    const c = checkSealed(db);
    console.log('[adv29] checkSealed:', JSON.stringify(c.problems));
    expect(
      checkRecord(db).ok && c.ok,
      'an Acta drawn in another zone than the workshop’s passes minka check',
    ).toBe(false);
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
