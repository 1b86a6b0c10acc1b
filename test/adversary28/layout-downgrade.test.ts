// Adversary adv28: the facilitator who can run any code seals with the real key an Acta whose
// signed render settings claim an older layout (the build is layout 7). `minka check` rebuilds a
// sealed payload "as its own layout drew it" (rebuildAsSealed) and drops what later layouts added,
// and `minka verify` redraws layouts 4-6 byte for byte: both pass (CLI: "AUTÉNTICA", "Acta sellada
// …: intacta", exit 0). At layout 6 the Acta leaves out every change made to the official round's
// proposals after its close (a CUI given later is printed in the official list as if the room had
// seen it), kits never merged back and counts re-applied by a ruling; at layout 5 or 4 it also
// drops the basis, criteria at close and late rulings (the reopening itself is still printed).
// Nothing says the record holds what the sealed layout cannot show. A fix: `minka check` (and the
// Verify screen given the workshop file) names, for a sealed Acta of a layout older than this
// build's, every section the record holds that its layout left out (proposal changes,
// unreturned kits, re-applied counts, basis, late rulings), so such a file is not "intacta".
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
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
import { getSetup, initWorkshop } from '../../electron/workshop/workshop';
import { getSealed } from '../../electron/minutes/minutes';
import { writeSeal } from '../../electron/minutes/seal-write';
import { signForPdf } from '../../electron/minutes/seal';
import { checkSealed } from '../../electron/minutes/check';
import { collectSnapshot } from '../../electron/minutes/snapshot';
import { getProposal, saveProposal } from '../../electron/proposals/proposals';
import { MinutesPayload } from '../../shared/minutes/payload';
import { buildMinutes } from '../../shared/minutes/build';
import { currentRenderSettings, renderMinutes } from '../../electron/minutes/pdf/minutes';
import { loadOrCreateKey } from '../../electron/platform/crypto/keys';
import { appendDocumentSignature, sha256Hex } from '../../electron/platform/crypto/sign';
import { verifyMinutesPdf } from '../../electron/minutes/verify';
import type { Env } from '../../electron/workshop/workshop';

const out = process.env['ADV28_OUT'];

/** A workshop whose official show-of-hands round closed. */
function closedWorkshop(file: string, e: Env) {
  createWorkshopDb(file, (d) =>
    initWorkshop(d, e, 'w1', { ...demoSetup(), envelopeCents: 1_200_000_00 }),
  );
  const db = openWorkshopDb(file);
  const fx = db.transaction(() => fillVotingFixture(db, e))();
  const r = openRound(db, e, createRound(db, e, roundInput(fx, { title: 'Priorización' })).id);
  fx.proposals.forEach((p, i) =>
    enterCount(db, e, { roundId: r.id, itemId: p, operator: 'A', count: 5 - i }),
  );
  closeRound(db, e, r.id);
  return { db, fx, roundId: r.id };
}

/** What sealWorkshop does, with the settings and payload of an older layout; the real key. */
async function forgedSeal(db: Db, dir: string, layout: 4 | 5 | 6): Promise<Buffer> {
  const key = loadOrCreateKey(dir, new Date('2026-05-14T20:00:00Z'), null);
  const snapshot = collectSnapshot(db, layout);
  const sealedAt = '2026-05-14T20:00:00.000Z';
  const built = buildMinutes(snapshot, {
    sealedAt,
    signer: {
      publicKey: key.publicKeyB64,
      keyFingerprint: key.keyFingerprint,
      keyCreatedAt: key.createdAt,
      holder: '',
    },
  });
  if (built.basis) delete built.basis.proposalChanges;
  delete built.unreturnedKits;
  for (const c of built.conflicts ?? []) delete c.reapplied;
  if (layout < 6) {
    delete built.basis;
    delete built.criteriaAtClose;
    delete built.lateRulings;
  }
  const payload = MinutesPayload.parse({
    ...built,
    render: {
      ...currentRenderSettings({
        lang: 'es',
        bilingual: false,
        slips: false,
        timeZone: getSetup(db).timeZone,
      }),
      layout,
    },
  });
  const { signed, signature } = signForPdf(payload, key);
  const drawn = await renderMinutes({
    payload,
    canonical: signed.canonical,
    signature,
    fingerprint: signed.fingerprint,
  });
  const pdf = appendDocumentSignature(drawn, key.privateKey, key.publicKeyB64);
  writeSeal(
    db,
    {
      sealedAt,
      payload: signed.canonical,
      payloadSha256: signed.payloadSha256,
      signature: signed.signature,
      publicKey: key.publicKeyB64,
      keyFingerprint: key.keyFingerprint,
      render: JSON.stringify(payload.render),
      pdf,
      pdfSha256: sha256Hex(pdf),
      fileName: 'acta.pdf',
    },
    snapshot.chain.head,
  );
  expect(getSealed(db)).toBeTruthy();
  return pdf;
}

function textOf(dir: string, pdf: Buffer): string {
  writeFileSync(join(dir, 'acta.pdf'), pdf);
  return execFileSync('pdftotext', ['-layout', join(dir, 'acta.pdf'), '-'], {
    encoding: 'utf8',
  }).replace(/\s+/g, ' ');
}

function keep(db: Db, file: string, pdf: Buffer, name: string): void {
  if (!out) return;
  writeFileSync(join(out, `${name}.pdf`), pdf);
  db.pragma('wal_checkpoint(TRUNCATE)');
  copyFileSync(file, join(out, `${name}.minka`));
}

it('an Acta sealed with the real key as layout 6 hides the proposal changes since the close, and check and verify pass (adv28)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'adv28-layout-'));
  try {
    const e = fixedEnv();
    const file = join(dir, 'w.minka');
    const { db, fx, roundId } = closedWorkshop(file, e);
    // After the close: P-001 becomes another project at three times the cost; P-003 gets a CUI.
    const edit = (id: string, change: Record<string, unknown>) => {
      const p = getProposal(db, id);
      const { createdAt: _c, updatedAt: _u, ...rest } = p as typeof p & Record<string, unknown>;
      saveProposal(db, e, { ...(rest as Parameters<typeof saveProposal>[2]), id, ...change });
    };
    const p1 = getProposal(db, fx.proposals[0] ?? '');
    edit(p1.id, {
      title: 'Estadio municipal de lujo',
      estimatedCostCents: p1.estimatedCostCents * 3,
    });
    edit(fx.proposals[2] ?? '', { cui: '2999999' });
    const warnings = officialState(db).candidates.find((c) => c.id === roundId)?.warnings ?? [];
    chooseOfficialRound(db, e, { roundId, confirmed: warnings });

    const pdf = await forgedSeal(db, dir, 6);
    keep(db, file, pdf, 'layout6-forged');
    const text = textOf(dir, pdf);
    // The forged Acta prints the later CUI in the official list and names no change.
    expect(text).toContain('2999999');
    expect(text).not.toMatch(/editado por/);
    // The PDF verifies authentic: it is what its payload draws.
    expect((await verifyMinutesPdf(pdf)).verdict).toBe('authentic');
    // What must not hold: the record passes `minka check` while its Acta hides what it holds.
    expect(
      checkRecord(db).ok && checkSealed(db).ok,
      'a layout-6 Acta sealed over proposal changes since the close passes minka check',
    ).toBe(false);
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
