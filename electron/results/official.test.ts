// The official result is chosen, not inferred: a 3-ballot test round closed after the real
// show of hands must not become the Acta's list by being the newest, sealing must refuse
// until a round is chosen, and warnings (criteria incomplete, no quorum, not the newest
// round) must be confirmed, and printed, before the Acta can follow that round.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { previewPayload, sealWorkshop } from '../minutes/seal';
import { checkRecord } from '../check/check';
import { fillVotingFixture, type VotingFixture } from '../../test/helpers/voting-fixture';
import { SEAL_OPTS, sealWarningIds } from '../../test/helpers/minutes-fixture';
import { roundInput } from '../../test/helpers/round-input';
import { fixedEnv } from '../../test/helpers/store';
import { t as translate } from '../../shared/i18n';
import { demoSetup } from '../demo/demo';
import { MinkaError } from '../platform/errors';
import { scoreProposal } from '../criteria/criteria';
import { createWorkshopDb, type Db, openWorkshopDb } from '../platform/db';
import { chooseOfficialRound, officialState } from './official';
import { createRound, openRound } from '../voting/voting';
import { enterCount } from '../voting/hands';
import { castKioskBallot } from '../voting/kiosk';
import { closeRound } from '../voting/close-round';
import { type Env, getSetup, initWorkshop, saveSetup } from '../workshop/workshop';

const STAMP = {
  sealedAt: '2026-05-14T20:00:00.000Z',
  publicKey: 'k'.repeat(44),
  keyFingerprint: 'AAAA',
};

describe('the official round', () => {
  let db: Db;
  let e: Env;
  let dir: string;
  let fx: VotingFixture;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'minka-official-'));
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

  const scoreAll = () =>
    fx.proposals.forEach((p, i) =>
      scoreProposal(db, e, {
        proposalId: p,
        scoredBy: 'Equipo técnico',
        scores: ['poverty', 'services', 'technical'].map((criterionId) => ({
          criterionId,
          score: 8 - i,
        })),
      }),
    );
  const handsRound = (title: string) => {
    const r = openRound(db, e, createRound(db, e, roundInput(fx, { title })).id);
    fx.proposals.forEach((p, i) =>
      enterCount(db, e, { roundId: r.id, itemId: p, operator: 'A', count: 5 - i }),
    );
    return closeRound(db, e, r.id);
  };
  /** A small test of the kiosk with three ballots, closed after the real round. */
  const testRound = () => {
    const r = openRound(
      db,
      e,
      createRound(
        db,
        e,
        roundInput(fx, {
          title: 'Prueba del quiosco',
          kind: 'ballot',
          ballotType: 'approval',
          maxChoices: 1,
        }),
      ).id,
    );
    for (let i = 0; i < 3; i++)
      castKioskBallot(db, e, {
        roundId: r.id,
        participantId: fx.titulars[i] ?? '',
        ballot: { choices: [fx.proposals[3] ?? ''], points: null },
      });
    return closeRound(db, e, r.id);
  };
  const sealError = async () => {
    try {
      await sealWorkshop(
        db,
        dir,
        new Date('2026-05-14T20:00:00Z'),
        { ...SEAL_OPTS, acknowledged: sealWarningIds(db) },
        checkRecord,
      );
      return 'sealed';
    } catch (err) {
      return err instanceof MinkaError ? `${err.code}:${err.key}` : String(err);
    }
  };

  it('sealing refuses without a chosen round, with a translated message naming what to do', async () => {
    scoreAll();
    handsRound('Priorización a mano alzada');
    expect(officialState(db).roundId).toBeNull();
    expect(await sealError()).toBe('CONFLICT:minutes.error.noOfficialRound');
    expect(translate('es', 'minutes.error.noOfficialRound', {})).toMatch(
      /elija antes.*Resultado oficial para el acta/,
    );
    expect(translate('quz', 'minutes.error.noOfficialRound', {})).not.toBe(
      'minutes.error.noOfficialRound',
    );
  });

  it('the Acta follows the chosen round, not the newest; choosing an older one needs its warning confirmed', () => {
    scoreAll();
    const real = handsRound('Priorización a mano alzada');
    const test = testRound();
    // Before any choice the candidates carry their warnings.
    const state = officialState(db);
    expect(state.candidates.map((c) => [c.title, c.warnings])).toEqual([
      ['Priorización a mano alzada', ['notLatest']],
      ['Prueba del quiosco', []],
    ]);
    expect(() => chooseOfficialRound(db, e, { roundId: real.id, confirmed: [] })).toThrow(
      'results.error.officialUnconfirmed',
    );
    chooseOfficialRound(db, e, { roundId: real.id, confirmed: ['notLatest'] });
    const payload = previewPayload(db, STAMP);
    expect(payload.prioritized?.method).toContain('Priorización a mano alzada');
    expect(payload.official).toMatchObject({
      roundId: real.id,
      title: 'Priorización a mano alzada',
      confirmed: ['notLatest'],
      superseded: [{ roundId: test.id, title: 'Prueba del quiosco' }],
    });
    // The 3-ballot test would have put P-004 first; the hands round's list starts with P-001.
    expect(payload.prioritized?.items[0]?.code).toBe('P-001');
  });

  it('criteria left unscored and a missing quorum are warnings too; a round closed after the choice voids the confirmation', async () => {
    saveSetup(db, e, { ...getSetup(db), quorum: { kind: 'minimum', count: 50 } });
    const r = handsRound('Priorización');
    expect(officialState(db).candidates[0]?.warnings).toEqual([
      'criteriaIncomplete',
      'belowQuorum',
    ]);
    expect(officialState(db).candidates[0]?.quorum).toMatchObject({ required: 50, met: false });
    expect(() =>
      chooseOfficialRound(db, e, { roundId: r.id, confirmed: ['criteriaIncomplete'] }),
    ).toThrow('results.error.officialUnconfirmed');
    chooseOfficialRound(db, e, { roundId: r.id, confirmed: ['criteriaIncomplete', 'belowQuorum'] });
    expect(previewPayload(db, STAMP).official?.confirmed).toEqual([
      'criteriaIncomplete',
      'belowQuorum',
    ]);
    testRound();
    expect(officialState(db).unconfirmed).toEqual(['notLatest']);
    expect(await sealError()).toBe('CONFLICT:minutes.error.officialUnconfirmed');
  });

  it('a sector vote cannot be the official result', () => {
    const s = openRound(
      db,
      e,
      createRound(
        db,
        e,
        roundInput(fx, { kind: 'sector', itemIds: getSetup(db).sectors.map((x) => x.id) }),
      ).id,
    );
    getSetup(db).sectors.forEach((x) =>
      enterCount(db, e, { roundId: s.id, itemId: x.id, operator: 'A', count: 1 }),
    );
    closeRound(db, e, s.id);
    expect(() => chooseOfficialRound(db, e, { roundId: s.id, confirmed: [] })).toThrow(
      'results.error.officialSector',
    );
  });
});
