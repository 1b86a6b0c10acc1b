// fac26 field test: the setup (envelope, tie-break) and the criteria matrix edited after the
// official round closed. The closed result does not move; the Acta must print what that
// result was computed from (the frozen ceiling, rule, tie-break, matrix and scores), name
// each change after the close with who/when/why, and the official choice must warn. Also:
// an empty Comité de Vigilancia is a seal warning to confirm; a layout-5 payload draws as before.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fillVotingFixture, type VotingFixture } from '../../test/helpers/voting-fixture';
import { SEAL_OPTS, sealWarningIds } from '../../test/helpers/minutes-fixture';
import { roundInput } from '../../test/helpers/round-input';
import { fixedEnv } from '../../test/helpers/store';
import { demoSetup } from '../demo/demo';
import { getMatrix, saveMatrix, scoreProposal } from '../criteria/criteria';
import { createWorkshopDb, type Db, openWorkshopDb } from '../platform/db';
import { chooseOfficialRound, officialState } from '../results/official';
import { createRound, openRound } from '../voting/voting';
import { enterCount } from '../voting/hands';
import { closeRound } from '../voting/close-round';
import { checkRecord } from '../check/check';
import { type Env, getSetup, initWorkshop, saveSetup } from '../workshop/workshop';
import { reopenSetup } from '../workshop/setup-lock';
import { saveMember } from './minutes';
import { getSealed } from './minutes';
import { sealWorkshop } from './seal';
import { requireSealWarnings, sealWarnings } from './seal-warnings';
import { renderMinutes } from './pdf/minutes';
import { MinutesPayload, type SignatureFile } from '../../shared/minutes/payload';

const text = (pdf: Buffer, dir: string): string => {
  const f = join(dir, 'acta.pdf');
  writeFileSync(f, pdf);
  return execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
};

describe('the Acta says what the official result was computed from (fac26)', () => {
  let db: Db;
  let e: Env;
  let dir: string;
  let fx: VotingFixture;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'minka-basis-'));
    e = fixedEnv();
    const file = join(dir, 'w.minka');
    createWorkshopDb(file, (d) =>
      initWorkshop(d, e, 'w1', {
        ...demoSetup(),
        envelopeCents: 1_200_000_00,
        tieBreak: 'lexicographic',
      }),
    );
    db = openWorkshopDb(file);
    fx = db.transaction(() => fillVotingFixture(db, e))();
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Scores for all but the last proposal (it ranks last on criteria 0), a hands round closed. */
  const closeOfficial = () => {
    fx.proposals.slice(0, -1).forEach((p, i) =>
      scoreProposal(db, e, {
        proposalId: p,
        scoredBy: 'Equipo técnico',
        scores: getMatrix(db).criteria.map((c) => ({ criterionId: c.id, score: 8 - i })),
      }),
    );
    const r = openRound(
      db,
      e,
      createRound(db, e, roundInput(fx, { title: 'Priorización 2027' })).id,
    );
    fx.proposals.forEach((p, i) =>
      enterCount(db, e, { roundId: r.id, itemId: p, operator: 'A', count: 5 - i }),
    );
    return closeRound(db, e, r.id);
  };

  it('envelope, tie-break and matrix edited after the close: warned on choosing, frozen figures and the changes printed', async () => {
    const round = closeOfficial();
    const atClose = getMatrix(db);
    reopenSetup(db, e, { by: 'Rosa Huamán', reason: 'La ordenanza corrige el techo' });
    saveSetup(db, e, { ...getSetup(db), envelopeCents: 1_100_000_00, tieBreak: 'cost' });
    saveMatrix(db, e, {
      votesWeight: 70,
      criteria: atClose.criteria.map((c) => ({ ...c })),
    });
    const last = fx.proposals.at(-1) ?? '';
    scoreProposal(db, e, {
      proposalId: last,
      scoredBy: 'Equipo técnico',
      scores: atClose.criteria.map((c) => ({ criterionId: c.id, score: 9 })),
    });
    // The official-result choice warns that the round was computed under a setup since changed.
    const warnings = officialState(db).candidates.find((c) => c.id === round.id)?.warnings ?? [];
    expect(warnings).toContain('setupChanged');
    expect(() => chooseOfficialRound(db, e, { roundId: round.id, confirmed: [] })).toThrow(
      'results.error.officialUnconfirmed',
    );
    chooseOfficialRound(db, e, { roundId: round.id, confirmed: warnings });
    const { pdf } = await sealWorkshop(
      db,
      dir,
      new Date('2026-05-14T20:00:00Z'),
      { ...SEAL_OPTS, acknowledged: sealWarningIds(db) },
      checkRecord,
    );
    const payload = MinutesPayload.parse(JSON.parse(getSealed(db)?.payload ?? '{}'));
    // The model: the frozen basis beside the setup now, the frozen matrix with the close's scores.
    expect(payload.basis?.atClose).toMatchObject({
      envelopeCents: 1_200_000_00,
      tieBreak: 'lexicographic',
      votesWeight: atClose.votesWeight,
    });
    expect(payload.basis?.now).toMatchObject({
      envelopeCents: 1_100_000_00,
      tieBreak: 'cost',
      votesWeight: 70,
    });
    expect(payload.basis?.reopenings.map((r) => r.by)).toEqual(['Rosa Huamán']);
    expect(payload.basis?.matrixChanged).toBe(false);
    const lastCode = payload.proposals.find((p) => p.id === last)?.code ?? '?';
    expect(payload.basis?.scoresChanged).toEqual([lastCode]);
    expect(payload.criteriaAtClose?.votesWeight).toBe(atClose.votesWeight);
    const frozenRow = payload.criteriaAtClose?.rows.find((r) => r.proposalId === last);
    expect(frozenRow?.complete).toBe(false);
    // Each printed list score is recomputable from the printed (frozen) matrix: the list's
    // criteria part is the frozen total, not today's (P-last would be 90 today).
    expect(payload.criteria?.rows.find((r) => r.proposalId === last)?.complete).toBe(true);
    const s = text(pdf, dir);
    const out = process.env['ACTAFIX_OUT'];
    if (out) {
      // For looking at the pages (es sealed; quz drawn from the same payload).
      writeFileSync(out, pdf);
      const quz = {
        ...payload,
        render: { ...payload.render!, lang: 'quz' as const, bilingual: false },
      };
      const sig = { payloadSha256: '0'.repeat(64) } as SignatureFile;
      writeFileSync(
        `${out}.quz.pdf`,
        await renderMinutes({ payload: quz, canonical: '{}', signature: sig, fingerprint: 'ABCD' }),
      );
    }
    // Page 1: the ceiling now, and that the official result used the one frozen at the close.
    expect(s).toContain('S/ 1,100,000.00');
    expect(s).toMatch(/se calculó con el techo vigente al cerrar la ronda: S\/ 1,200,000\.00/);
    // The list: the frozen basis, then the changes with who, when (dd/mm/yyyy) and why.
    expect(s).toMatch(/congelada al cerrar «Priorización 2027» el \d\d\/\d\d\/\d{4}/);
    expect(s).toMatch(/techo S\/ 1,200,000\.00 → S\/ 1,100,000\.00/);
    expect(s).toMatch(/desempate Por código de propuesta \(orden fijo\) → Menor costo primero/);
    expect(s).toMatch(/peso de los votos 50 % → 70 %/);
    expect(s).toMatch(
      /reabierta el \d\d\/\d\d\/\d{4} [\d:]+ por Rosa Huamán; motivo: La ordenanza corrige el techo/,
    );
    // The matrix printed is the frozen one, with the changes after the close named as such.
    expect(s).toMatch(/Votos 50 %|votos: 50 %|50 %/);
    expect(s).toContain(`se dieron o cambiaron puntajes de: ${lastCode}`);
  });

  it('a reopening recorded with the clock set back before the close: still a change since the close (log order), and a seal warning', async () => {
    const round = closeOfficial();
    // The laptop's clock set back an hour: the reopening's time is before the close's.
    const back = fixedEnv(new Date(Date.parse(round.closedAt ?? '') - 3600_000));
    reopenSetup(db, back, { by: 'Rosa Huamán', reason: 'Techo' });
    saveSetup(db, back, { ...getSetup(db), envelopeCents: 1_100_000_00 });
    const reopenAt = db
      .prepare("SELECT at FROM event WHERE type = 'workshop.setupReopened'")
      .pluck()
      .get() as string;
    expect(reopenAt < (round.closedAt ?? '')).toBe(true);
    const warn = sealWarnings(db).find((w) => w.id === 'clockBackwards');
    expect(warn?.key).toBe('minutes.ui.sealWarn.clockBackwards');
    expect(warn?.params).toMatchObject({ count: 1, back: '59 min 59 s' });
    const warnings = officialState(db).candidates.find((c) => c.id === round.id)?.warnings ?? [];
    chooseOfficialRound(db, e, { roundId: round.id, confirmed: warnings });
    expect(() => requireSealWarnings(db, ['committeeEmpty'])).toThrow(
      'minutes.error.sealUnconfirmed',
    );
    await sealWorkshop(
      db,
      dir,
      new Date('2026-05-14T20:00:00Z'),
      { ...SEAL_OPTS, acknowledged: ['committeeEmpty', 'clockBackwards'] },
      checkRecord,
    );
    const payload = MinutesPayload.parse(JSON.parse(getSealed(db)?.payload ?? '{}'));
    // Before F5 the clock decided, and the back-dated reopening was left out of the Acta.
    expect(payload.basis?.reopenings).toEqual([
      { at: reopenAt, by: 'Rosa Huamán', reason: 'Techo' },
    ]);
  });

  it('an empty Comité de Vigilancia is a seal warning that must be confirmed', () => {
    expect(sealWarnings(db).map((w) => w.id)).toEqual(['committeeEmpty']);
    expect(() => requireSealWarnings(db, [])).toThrow('minutes.error.sealUnconfirmed');
    expect(() => requireSealWarnings(db, ['committeeEmpty'])).not.toThrow();
    saveMember(db, e, {
      name: 'Rosa Huamán',
      dni: '01234567',
      organization: 'C.C. Ccollpa',
      role: 'coordinator',
      participantId: null,
    });
    expect(sealWarnings(db)).toEqual([]);
  });

  it('a layout-5 payload draws byte for byte as before: the layout-6 sections are not drawn for it', async () => {
    const round = closeOfficial();
    reopenSetup(db, e, { by: 'Rosa Huamán', reason: 'Techo' });
    saveSetup(db, e, { ...getSetup(db), envelopeCents: 1_100_000_00 });
    chooseOfficialRound(db, e, {
      roundId: round.id,
      confirmed: officialState(db).candidates[0]?.warnings ?? [],
    });
    await sealWorkshop(
      db,
      dir,
      new Date('2026-05-14T20:00:00Z'),
      { ...SEAL_OPTS, acknowledged: sealWarningIds(db) },
      checkRecord,
    );
    const sealed = getSealed(db);
    const p6 = MinutesPayload.parse(JSON.parse(sealed?.payload ?? '{}'));
    expect(p6.render?.layout).toBeGreaterThanOrEqual(6);
    const signature = JSON.parse('{}') as SignatureFile;
    const draw = (payload: MinutesPayload) =>
      renderMinutes({
        payload,
        canonical: '{}',
        signature: { ...signature, payloadSha256: '0'.repeat(64) },
        fingerprint: 'ABCD',
      });
    const render5 = { ...p6.render!, layout: 5 };
    const { basis: _b, criteriaAtClose: _c, lateRulings: _l, ...old } = p6;
    const five = await draw({ ...p6, render: render5 });
    const fiveWithout = await draw({ ...old, render: render5 });
    expect(five.equals(fiveWithout)).toBe(true);
    expect((await draw(p6)).equals(await draw({ ...old, render: p6.render! }))).toBe(false);
  });
});
