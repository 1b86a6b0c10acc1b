// Adversary finding adv27 (fac27): the facilitator edits a selected proposal's title and cost after
// the official round closed. The closed list does not move, but nothing names the change:
// no warning on choosing the official round, no line in the Acta's basis section, and the
// Acta then prints P-001 twice with two titles and two amounts ("Estadio municipal de lujo
// S/ 900,000.00" among the proposals, "Proyecto 1 S/ 300,000.00" in the official list).
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
import { chooseOfficialRound, officialState } from '../../electron/results/official';
import { createRound, openRound } from '../../electron/voting/voting';
import { enterCount } from '../../electron/voting/hands';
import { closeRound } from '../../electron/voting/close-round';
import { checkRecord } from '../../electron/check/check';
import { initWorkshop } from '../../electron/workshop/workshop';
import { getSealed } from '../../electron/minutes/minutes';
import { sealWorkshop } from '../../electron/minutes/seal';
import { rebuildAsSealed } from '../../electron/minutes/check';
import { canonicalize } from '../../shared/canonical';
import { getProposal, reviewProposal, saveProposal } from '../../electron/proposals/proposals';
import { MinutesPayload, type SignatureFile } from '../../shared/minutes/payload';
import { renderMinutes } from '../../electron/minutes/pdf/minutes';

it('a selected proposal edited after the official round closed is named by the Acta (adv27)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'adv27-'));
  try {
    const e = fixedEnv();
    const file = join(dir, 'w.minka');
    createWorkshopDb(file, (d) =>
      initWorkshop(d, e, 'w1', { ...demoSetup(), envelopeCents: 1_200_000_00 }),
    );
    const db = openWorkshopDb(file);
    const fx = db.transaction(() => fillVotingFixture(db, e))();
    const r = openRound(
      db,
      e,
      createRound(db, e, roundInput(fx, { title: 'Priorización 2027' })).id,
    );
    fx.proposals.forEach((p, i) =>
      enterCount(db, e, { roundId: r.id, itemId: p, operator: 'A', count: 5 - i }),
    );
    closeRound(db, e, r.id);
    // After the room saw the list: P-001 becomes another project at three times the cost.
    const p1 = getProposal(db, fx.proposals[0] ?? '');
    const { createdAt: _c, updatedAt: _u, ...rest } = p1 as typeof p1 & Record<string, unknown>;
    saveProposal(db, e, {
      ...(rest as Parameters<typeof saveProposal>[2]),
      id: p1.id,
      title: 'Estadio municipal de lujo',
      estimatedCostCents: p1.estimatedCostCents * 3,
    });
    // And P-002, selected, is now "rejected" (the Acta lists it among the rejected, still selected).
    reviewProposal(db, e, {
      proposalId: fx.proposals[1] ?? '',
      decision: 'rejected',
      reason: 'notViable',
      explanation: 'Informe técnico posterior',
    });
    // And P-003 gets a CUI only now: the official list prints it as at the close (none).
    const p3 = getProposal(db, fx.proposals[2] ?? '');
    const { createdAt: _c3, updatedAt: _u3, ...rest3 } = p3 as typeof p3 & Record<string, unknown>;
    saveProposal(db, e, {
      ...(rest3 as Parameters<typeof saveProposal>[2]),
      id: p3.id,
      cui: '2999999',
    });
    const warnings = officialState(db).candidates.find((c) => c.id === r.id)?.warnings ?? [];
    // Choosing the round asks to confirm the changes (the same mechanism as setupChanged).
    expect(warnings).toContain('proposalsChanged');
    expect(() => chooseOfficialRound(db, e, { roundId: r.id, confirmed: [] })).toThrow();
    chooseOfficialRound(db, e, { roundId: r.id, confirmed: warnings });
    const { pdf } = await sealWorkshop(
      db,
      dir,
      new Date('2026-05-14T20:00:00Z'),
      { ...SEAL_OPTS, acknowledged: sealWarningIds(db) },
      checkRecord,
    );
    const payload = MinutesPayload.parse(JSON.parse(getSealed(db)?.payload ?? '{}'));
    writeFileSync(join(dir, 'a.pdf'), pdf);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'a.pdf'), '-'], {
      encoding: 'utf8',
    });
    // The Acta prints both versions of P-001 …
    expect(text).toContain('Estadio municipal de lujo');
    expect(text).toMatch(/P-001\s+Proyecto 1/);
    // … so it must say that P-001 changed after the close (warned on choosing, or in the basis).
    if (process.env['MINKA_SHOTS'])
      writeFileSync(join(process.env['MINKA_SHOTS'], 'acta-proposals-after-close.pdf'), pdf);
    // The official list: as at the close (no CUI for P-003 there).
    const items = payload.prioritized?.items ?? [];
    expect(items.find((x) => x.code === 'P-003')?.cui).toBe('');
    expect(items.find((x) => x.code === 'P-001')?.title).toBe('Proyecto 1');
    // The basis lines name each change with who, when, before → after.
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toMatch(
      /P-001: editado por .+ título «Proyecto 1» → «Estadio municipal de lujo»; costo S\/ 300,000\.00 → S\/ 900,000\.00/,
    );
    expect(flat).toMatch(/P-002: declarado no admitido por .+ admisibilidad Admitida → Rechazada/);
    expect(flat).toMatch(/P-003: editado por .+ CUI — → «2999999»/);
    const basis = JSON.stringify(payload.basis ?? {});
    const named = warnings.includes('setupChanged') || basis.includes('P-001');
    expect(named, 'P-001 edited after the close is named nowhere').toBe(true);
    expect(
      warnings.includes('setupChanged') || basis.includes('P-002'),
      'P-002 rejected after the close',
    ).toBe(true);
    // Layout 7 only: the same payload drawn as layout 6 ignores the changes (draws as before).
    const draw = (p: MinutesPayload) =>
      renderMinutes({
        payload: p,
        canonical: '{}',
        signature: { ...(JSON.parse('{}') as SignatureFile), payloadSha256: '0'.repeat(64) },
        fingerprint: 'ABCD',
      });
    const without = { ...payload, basis: { ...payload.basis!, proposalChanges: undefined } };
    const six = { ...payload.render!, layout: 6 };
    expect(
      (await draw({ ...payload, render: six })).equals(await draw({ ...without, render: six })),
    ).toBe(true);
    expect((await draw(payload)).equals(await draw(without))).toBe(false);
    // `minka check` rebuilds a sealed payload from the tables: the layout-7 one as it is, and one
    // sealed by a layout-6 build (no proposal changes, P-003's CUI as it was at the seal) as that
    // build drew it, so an older sealed file is not reported as edited.
    expect(canonicalize(rebuildAsSealed(db, payload))).toBe(canonicalize(payload));
    const { proposalChanges: _gone, ...basis6 } = payload.basis!;
    // Nor who held a vote (layout 8, fac28).
    const { voteHolders: _v, ...totals6 } = payload.attendance.totals;
    const sealedBy6: MinutesPayload = {
      ...payload,
      render: six,
      basis: basis6,
      attendance: {
        totals: totals6,
        organizations: payload.attendance.organizations.map((o) => ({
          ...o,
          people: o.people.map(({ heldVote: _h, ...x }) => x),
        })),
      },
      prioritized: {
        ...payload.prioritized!,
        items: payload.prioritized!.items.map((x) =>
          x.code === 'P-003' ? { ...x, cui: '2999999' } : x,
        ),
      },
    };
    expect(canonicalize(rebuildAsSealed(db, sealedBy6))).toBe(canonicalize(sealedBy6));
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
