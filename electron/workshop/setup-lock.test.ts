// The operator who wants another result edits the envelope after the room saw the round:
// refused while locked; a reopening records who and why and is printed in the Acta.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { previewPayload } from '../minutes/seal';
import { fillVotingFixture, type VotingFixture } from '../../test/helpers/voting-fixture';
import { roundInput } from '../../test/helpers/round-input';
import { codeOf, fixedEnv } from '../../test/helpers/store';
import { demoSetup } from '../demo/demo';
import { createWorkshopDb, type Db, openWorkshopDb } from '../platform/db';
import { chooseOfficialRound } from '../results/official';
import { roundResults } from '../results/results';
import { reopenSetup, setupLock } from './setup-lock';
import { createRound, openRound } from '../voting/voting';
import { enterCount } from '../voting/hands';
import { closeRound } from '../voting/close-round';
import { type Env, getSetup, initWorkshop, saveSetup } from './workshop';

const STAMP = {
  sealedAt: '2026-05-14T20:00:00.000Z',
  publicKey: 'k'.repeat(44),
  keyFingerprint: 'AAAA',
};

describe('setup lock after the first prioritisation round', () => {
  let db: Db;
  let e: Env;
  let dir: string;
  let fx: VotingFixture;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'minka-lock-'));
    e = fixedEnv();
    const file = join(dir, 'w.minka');
    createWorkshopDb(file, (d) =>
      initWorkshop(d, e, 'w1', { ...demoSetup(), envelopeCents: 1_000_000_00 }),
    );
    db = openWorkshopDb(file);
    fx = db.transaction(() => fillVotingFixture(db, e))();
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const hands = (title: string) => {
    const r = openRound(db, e, createRound(db, e, roundInput(fx, { title })).id);
    fx.proposals.forEach((p, i) =>
      enterCount(db, e, { roundId: r.id, itemId: p, operator: 'A', count: 5 - i }),
    );
    return closeRound(db, e, r.id);
  };

  it('MES with the sector split is refused in setup (the split selects by score), either alone saves', () => {
    expect(
      codeOf(() => saveSetup(db, e, { ...getSetup(db), selectionRule: 'mes', sectorSplit: true })),
    ).toBe('INVALID_INPUT:results.error.mesWithSectorSplit');
    expect(getSetup(db)).toMatchObject({ selectionRule: 'greedy', sectorSplit: false });
    expect(saveSetup(db, e, { ...getSetup(db), sectorSplit: true }).sectorSplit).toBe(true);
    expect(codeOf(() => saveSetup(db, e, { ...getSetup(db), selectionRule: 'mes' }))).toBe(
      'INVALID_INPUT:results.error.mesWithSectorSplit',
    );
    saveSetup(db, e, { ...getSetup(db), sectorSplit: false });
    expect(saveSetup(db, e, { ...getSetup(db), selectionRule: 'mes' }).selectionRule).toBe('mes');
  });

  it('envelope, quorum, tie-break and sectors are refused after closing; other fields still save', () => {
    expect(setupLock(db).locked).toBe(false);
    saveSetup(db, e, { ...getSetup(db), envelopeCents: 900_000_00 });
    const r = hands('Priorización');
    expect(setupLock(db)).toMatchObject({ locked: true, round: 'Priorización' });
    const s = getSetup(db);
    for (const change of [
      { envelopeCents: 400_000_00 },
      { quorum: { kind: 'minimum' as const, count: 1 } },
      { tieBreak: s.tieBreak === 'cost' ? ('supporters' as const) : ('cost' as const) },
      { sectors: [...s.sectors, { name: 'Turismo' }] },
      {
        voteRule:
          s.voteRule === 'perPerson' ? ('perOrganization' as const) : ('perPerson' as const),
      },
    ])
      expect(codeOf(() => saveSetup(db, e, { ...getSetup(db), ...change }))).toBe(
        'CONFLICT:workshop.error.setupLocked',
      );
    expect(getSetup(db).envelopeCents).toBe(900_000_00);
    saveSetup(db, e, { ...getSetup(db), title: 'Taller final' });
    expect(getSetup(db).title).toBe('Taller final');
    const res = roundResults(db, r.id);
    expect(res.kind === 'priority' && res.value.envelopeCents).toBe(900_000_00);
  });

  it('a reopening records who and why, lets the change through, locks again at the next round, and is in the Acta', () => {
    const first = hands('Priorización');
    expect(codeOf(() => reopenSetup(db, e, { by: 'x', reason: 'y' }))).toBe('no error');
    saveSetup(db, e, { ...getSetup(db), envelopeCents: 800_000_00 });
    const second = hands('Priorización con el monto corregido');
    expect(setupLock(db).locked).toBe(true);
    chooseOfficialRound(db, e, { roundId: second.id, confirmed: ['criteriaIncomplete'] });
    const p = previewPayload(db, STAMP);
    expect(p.reopenings).toEqual([
      {
        at: expect.any(String) as string,
        by: 'x',
        reason: 'y',
        afterRound: 'Priorización',
      },
    ]);
    expect(p.official?.superseded).toEqual([
      expect.objectContaining({ roundId: first.id, title: 'Priorización' }),
    ]);
    const a = roundResults(db, first.id);
    const b = roundResults(db, second.id);
    expect(a.kind === 'priority' && a.value.envelopeCents).toBe(1_000_000_00);
    expect(b.kind === 'priority' && b.value.envelopeCents).toBe(800_000_00);
  });

  it('reopening an unlocked setup is refused', () => {
    expect(codeOf(() => reopenSetup(db, e, { by: 'x', reason: 'y' }))).toBe(
      'CONFLICT:workshop.error.setupNotLocked',
    );
  });
});
