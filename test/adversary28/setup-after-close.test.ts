// Adversary adv28 (same class as time-zone-after-close): after every round closed, the
// facilitator changes the workshop's fiscal year, municipality and title in the setup (one
// ordinary `workshop.setupSaved`, not deciding fields: no reopening, no official-round warning,
// no seal warning) and seals with the normal seal. The Acta is signed for 2028 and another
// district, verifies AUTHENTIC and `minka check` passes; the plan reconciliation and the
// follow-up register file it under 2028. A fix: a setup change after a round closed is printed
// in the Acta's basis (before → after) and is a warning on choosing the official round.
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
import { getSetup, initWorkshop, saveSetup } from '../../electron/workshop/workshop';
import { sealWorkshop } from '../../electron/minutes/seal';
import { checkSealed } from '../../electron/minutes/check';
import { verifyMinutesPdf } from '../../electron/minutes/verify';

it('a fiscal year and municipality changed after the rounds closed are signed unnoticed (adv28)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'adv28-year-'));
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
    // The room prioritised for 2027. After the close: 2028, and another district's name.
    const s = getSetup(db);
    expect(s.fiscalYear).toBe(2027);
    saveSetup(db, e, {
      ...(s as Parameters<typeof saveSetup>[2]),
      fiscalYear: 2028,
      municipality: 'Municipalidad Distrital de Otra Parte',
      title: 'Taller de priorización — Presupuesto Participativo 2028',
    });
    const warnings = officialState(db).candidates.find((c) => c.id === r.id)?.warnings ?? [];
    chooseOfficialRound(db, e, { roundId: r.id, confirmed: warnings });
    const acknowledged = sealWarningIds(db);
    const { pdf } = await sealWorkshop(
      db,
      dir,
      new Date('2026-05-14T20:00:00Z'),
      { ...SEAL_OPTS, acknowledged },
      checkRecord,
    );
    writeFileSync(join(dir, 'a.pdf'), pdf);
    if (process.env['ADV28_OUT'])
      writeFileSync(join(process.env['ADV28_OUT'], 'year-acta.pdf'), pdf);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'a.pdf'), '-'], {
      encoding: 'utf8',
    }).replace(/\s+/g, ' ');
    expect(text).toContain('Otra Parte');
    expect(text).toContain('2028');
    expect((await verifyMinutesPdf(pdf)).verdict).toBe('authentic');
    expect(checkRecord(db).ok && checkSealed(db).ok).toBe(true);
    // What must hold: the change after the close is named (a warning, or a line in the Acta).
    const named =
      warnings.some((w) => /setup|year|fiscal/i.test(w)) ||
      acknowledged.some((w) => /setup|year|fiscal/i.test(w)) ||
      /Distrital de Qollqepata|2027/.test(text);
    expect(
      named,
      'the fiscal year and municipality changed after the close are named nowhere',
    ).toBe(true);
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
