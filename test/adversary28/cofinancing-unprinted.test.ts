// Adversary adv28: the Acta's pages never print a proposal's co-financing (contrapartida), yet the
// signed payload carries it (`proposals[].cofinancingCents`, `prioritized.items[].cofinancingCents`)
// and the plan reconciliation reads it: a plan line for the agreed amount minus that figure is
// "matched" (municipal share), not "amount changed". A probe that changed each leaf of a sealed
// payload and redrew it (/work/adv28/probe) found 60 leaves the pages do not show at layout 7,
// co-financing among them. So the facilitator types a co-financing the room never heard (it is
// on no page the attendees sign), the municipality publishes the plan with that much less, and
// the reconciliation reports the line as agreed; a forger with the key can likewise re-sign an
// Acta whose co-financing differs and whose pages are the same, and `minka verify` says
// AUTHENTIC. A fix: every figure a consumer of the payload reads (co-financing first; also the
// agreement's due date, the rejected proposal's CUI) is drawn on the pages, in a new layout.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { fillVotingFixture } from '../helpers/voting-fixture';
import { SEAL_OPTS, fixedEnv, sealWarningIds } from '../helpers/minutes-fixture';
import { roundInput } from '../helpers/round-input';
import { demoSetup } from '../../electron/demo/demo';
import { createWorkshopDb, openWorkshopDb } from '../../electron/platform/db';
import { chooseOfficialRound, officialWarnings } from '../../electron/results/official';
import { createRound, openRound } from '../../electron/voting/voting';
import { enterCount } from '../../electron/voting/hands';
import { closeRound } from '../../electron/voting/close-round';
import { checkRecord } from '../../electron/check/check';
import { initWorkshop } from '../../electron/workshop/workshop';
import { getSealed } from '../../electron/minutes/minutes';
import { sealWorkshop } from '../../electron/minutes/seal';
import { getProposal, saveProposal } from '../../electron/proposals/proposals';
import { MinutesPayload } from '../../shared/minutes/payload';
import { agreedFromMinutes } from '../../shared/plan/from-minutes';
import { reconcile } from '../../shared/plan/reconcile';

it('the co-financing the reconciliation reads is printed on the Acta (adv28)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'adv28-cofin-'));
  try {
    const e = fixedEnv();
    const file = join(dir, 'w.minka');
    createWorkshopDb(file, (d) =>
      initWorkshop(d, e, 'w1', { ...demoSetup(), envelopeCents: 1_200_000_00 }),
    );
    const db = openWorkshopDb(file);
    const fx = db.transaction(() => fillVotingFixture(db, e))();
    // Before the vote: P-001 gets a co-financing of S/ 123,456.00, typed in the proposal's form.
    const p1 = getProposal(db, fx.proposals[0] ?? '');
    const { createdAt: _c, updatedAt: _u, ...rest } = p1 as typeof p1 & Record<string, unknown>;
    saveProposal(db, e, {
      ...(rest as Parameters<typeof saveProposal>[2]),
      id: p1.id,
      cofinancingCents: 123_456_00,
    });
    const r = openRound(db, e, createRound(db, e, roundInput(fx, { title: 'Priorización' })).id);
    fx.proposals.forEach((p, i) =>
      enterCount(db, e, { roundId: r.id, itemId: p, operator: 'A', count: 5 - i }),
    );
    closeRound(db, e, r.id);
    chooseOfficialRound(db, e, { roundId: r.id, confirmed: officialWarnings(db, r.id) });
    const { pdf } = await sealWorkshop(
      db,
      dir,
      new Date('2026-05-14T20:00:00Z'),
      { ...SEAL_OPTS, acknowledged: sealWarningIds(db) },
      checkRecord,
    );
    const payload = MinutesPayload.parse(JSON.parse(getSealed(db)?.payload ?? '{}'));
    const agreed = agreedFromMinutes(payload).find((a) => a.code === 'P-001');
    expect(agreed?.cofinancingCents).toBe(123_456_00);
    // The plan as published: P-001 with 123,456 less. The reconciliation calls it agreed.
    const rec = reconcile(
      agreedFromMinutes(payload),
      [],
      [
        {
          line: 2,
          lines: [2],
          cui: '',
          code: 'P-001',
          name: agreed?.title ?? '',
          amountCents: (agreed?.amountCents ?? 0) - 123_456_00,
          pimCents: null,
          devengadoCents: null,
          year: 2027,
          executor: '',
          sector: '',
        },
      ],
    );
    expect(rec.matched.find((m) => m.code === 'P-001')?.municipalShare).toBe(true);
    // The pages the attendees sign must show the figure that decision rests on.
    writeFileSync(join(dir, 'a.pdf'), pdf);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'a.pdf'), '-'], {
      encoding: 'utf8',
    });
    expect(text, 'the co-financing of P-001 is printed nowhere in the Acta').toContain(
      '123,456.00',
    );
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
