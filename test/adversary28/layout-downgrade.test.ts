// Adversary adv28: the facilitator who can run any code seals with the real key an Acta whose
// signed render settings claim layout 6 (the build is layout 7). `minka check` rebuilds a sealed
// payload "as its own layout drew it" (rebuildAsSealed) and drops what layout 7 added, and
// `minka verify` redraws layout 6 byte for byte: both pass. The Acta then leaves out every
// change made to the official round's proposals after its close (a CUI given later is printed
// in the official list as if the room had seen it), and the same trick at layout 5 drops the
// whole basis (envelope changed after the close, late rulings). Nothing says the record holds
// changes the sealed layout cannot show. A fix: `minka check` (and the seal's own check) names,
// for a sealed Acta of a layout older than this build's, every section the record holds that
// its layout left out (proposal changes, unreturned kits, re-applied counts, basis, late
// rulings) — a layout-6 Acta sealed over such a record is not "clean".
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { fillVotingFixture } from '../helpers/voting-fixture';
import { fixedEnv } from '../helpers/minutes-fixture';
import { roundInput } from '../helpers/round-input';
import { demoSetup } from '../../electron/demo/demo';
import { createWorkshopDb, openWorkshopDb } from '../../electron/platform/db';
import { chooseOfficialRound, officialState } from '../../electron/results/official';
import { createRound, openRound } from '../../electron/voting/voting';
import { enterCount } from '../../electron/voting/hands';
import { closeRound } from '../../electron/voting/close-round';
import { checkRecord } from '../../electron/check/check';
import { initWorkshop } from '../../electron/workshop/workshop';
import { getSealed, writeSeal } from '../../electron/minutes/minutes';
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

it('an Acta sealed with the real key as layout 6 hides the changes since the close, and check and verify pass (adv28)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'adv28-layout-'));
  try {
    const e = fixedEnv();
    const file = join(dir, 'w.minka');
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
    const warnings = officialState(db).candidates.find((c) => c.id === r.id)?.warnings ?? [];
    chooseOfficialRound(db, e, { roundId: r.id, confirmed: warnings });

    // The forger's seal: what sealWorkshop does, with the layout-6 settings and payload.
    const key = loadOrCreateKey(dir, new Date('2026-05-14T20:00:00Z'), null);
    const snapshot = collectSnapshot(db, 6);
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
    const payload = MinutesPayload.parse({
      ...built,
      render: {
        ...currentRenderSettings({
          lang: 'es',
          bilingual: false,
          slips: false,
          timeZone: 'America/Lima',
        }),
        layout: 6,
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
    writeFileSync(join(dir, 'acta.pdf'), pdf);
    const out = process.env['ADV28_OUT'];
    if (out) {
      writeFileSync(join(out, 'layout6-forged.pdf'), pdf);
      db.pragma('wal_checkpoint(TRUNCATE)');
      copyFileSync(file, join(out, 'layout6-forged.minka'));
    }
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'acta.pdf'), '-'], {
      encoding: 'utf8',
    }).replace(/\s+/g, ' ');
    // The forged Acta prints the later CUI in the official list and names no change.
    expect(text).toContain('2999999');
    expect(text).not.toMatch(/editado por/);
    // The PDF verifies authentic: it is what its payload draws.
    const v = await verifyMinutesPdf(pdf);
    expect(v.verdict).toBe('authentic');
    // What must not hold: the record passes `minka check` while its Acta hides what it holds.
    const rec = checkRecord(db);
    const sealedCheck = checkSealed(db);
    const clean = rec.ok && sealedCheck.ok;
    expect(
      clean,
      'a layout-6 Acta sealed over proposal changes since the close passes minka check',
    ).toBe(false);
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
