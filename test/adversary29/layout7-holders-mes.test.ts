// Adversary adv29 (item 1): a layout-7 downgrade that `minka check` does not name. Layout 8 added
// who held the vote (one per organisation) and the MES steps that ran (add1's raise, the greedy
// completion) — fac28's field test asked for both because layout 7 misled: every accredited
// member printed "Voz y voto" (a suplente whose titular came included: 12 "with a vote" where 11
// held one), and projects that the completion step picked "from most to fewest votes" printed as
// if MES had chosen them. omittedByLayout names, for an Acta older than 8, only setup changes and
// co-financing; rebuildAsSealed drops heldVote, voteHolders and ruleRan for layout 7. So the key's
// holder seals this MES workshop as layout 7 (test/helpers/forge-seal.ts, the real key): the PDF
// verifies authentic, the Acta has no "Pasos de la regla" and no "Con voto", and checkSealed finds
// nothing. A fix: omittedByLayout names, below 8, the vote holders (when fewer than those with
// voice and vote) and the MES steps beyond plain MES (add1, completion).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { checkRecord } from '../../electron/check/check';
import { demoSetup } from '../../electron/demo/demo';
import { checkSealed } from '../../electron/minutes/check';
import { verifyMinutesPdf } from '../../electron/minutes/verify';
import { createWorkshopDb, openWorkshopDb } from '../../electron/platform/db';
import { chooseOfficialRound, officialWarnings } from '../../electron/results/official';
import { closeRound } from '../../electron/voting/close-round';
import { castKioskBallot } from '../../electron/voting/kiosk';
import { createRound, openRound } from '../../electron/voting/voting';
import { getSetup, initWorkshop, saveSetup } from '../../electron/workshop/workshop';
import { fillVotingFixture } from '../helpers/voting-fixture';
import { fixedEnv } from '../helpers/minutes-fixture';
import { roundInput } from '../helpers/round-input';
import { forgeSeal } from '../helpers/forge-seal';

it('a MES workshop sealed as layout 7 with the real key hides the holders and the completion step, and check passes (adv29)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'adv29-l7-'));
  const e = fixedEnv();
  const file = join(dir, 'w.minka');
  createWorkshopDb(file, (d) =>
    initWorkshop(d, e, 'w-adv29', { ...demoSetup(), envelopeCents: 1_000_000_00 }),
  );
  const db = openWorkshopDb(file);
  try {
    saveSetup(db, e, { ...getSetup(db), selectionRule: 'mes', sectorSplit: false });
    const fx = db.transaction(() => fillVotingFixture(db, e, { orgs: 11 }))();
    const r = openRound(
      db,
      e,
      createRound(
        db,
        e,
        roundInput(fx, { title: 'Final', kind: 'ballot', ballotType: 'approval', maxChoices: 2 }),
      ).id,
    );
    // As in acta-fac28.test.ts: plain MES funds P-003; add1 adds P-002; the completion P-001.
    const ballots = [[2], [2], [3], [1], [1, 3], [2, 3], [1], [1, 2], [2], [3], [1]];
    fx.titulars.forEach((participantId, i) =>
      castKioskBallot(db, e, {
        roundId: r.id,
        participantId,
        ballot: { choices: (ballots[i] ?? []).map((k) => fx.proposals[k] ?? ''), points: null },
      }),
    );
    closeRound(db, e, r.id);
    chooseOfficialRound(db, e, { roundId: r.id, confirmed: officialWarnings(db, r.id) });

    const pdf = await forgeSeal(db, dir, { layout: 7 });
    writeFileSync(join(dir, 'acta.pdf'), pdf);
    const text = execFileSync('pdftotext', [join(dir, 'acta.pdf'), '-'], {
      encoding: 'utf8',
    }).replace(/\s+/g, ' ');
    // The downgraded Acta: no steps, no holders; the suplente prints with a vote.
    expect(text).not.toContain('Pasos de la regla');
    expect(text).not.toContain('Con voto');
    expect((await verifyMinutesPdf(pdf)).verdict).toBe('authentic');
    const c = checkSealed(db);
    console.log('[adv29] checkSealed:', JSON.stringify(c.problems));
    expect(
      checkRecord(db).ok && c.ok,
      'a layout-7 Acta hiding who held the vote and the MES completion passes minka check',
    ).toBe(false);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
