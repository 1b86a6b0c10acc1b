import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RoundInput } from '../../shared/schemas/voting';
import { tally } from '../../shared/tally';
import { fillVotingFixture, type VotingFixture } from '../../test/helpers/voting-fixture';
import { demoSetup } from '../demo/demo';
import { checkConsistency } from '../check/consistency';
import { saveMatrix, scoreProposal } from '../criteria/criteria';
import { createWorkshopDb, type Db, openWorkshopDb } from '../platform/db';
import { exportWorkshop } from '../export/export';
import { allResults, projectorView, roundResults } from './results';
import { createRound, openRound } from '../voting/voting';
import { enterCount } from '../voting/hands';
import { castKioskBallot } from '../voting/kiosk';
import { closeRound } from '../voting/close-round';
import { roundProfile } from '../voting/round-reads';
import { type Env, getSetup, initWorkshop, saveSetup } from '../workshop/workshop';
import { codeOf, fixedEnv } from '../../test/helpers/store';
import { roundInput } from '../../test/helpers/round-input';

describe('results store', () => {
  let db: Db;
  let e: Env;
  let dir: string;
  let fx: VotingFixture;
  const input = (over: Partial<RoundInput> = {}): RoundInput => roundInput(fx, over);
  const priority = (roundId: string) => {
    const r = roundResults(db, roundId);
    if (r.kind !== 'priority') throw new Error('expected a prioritisation round');
    return r.value;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'minka-results-'));
    e = fixedEnv();
    const file = join(dir, 'w.minka');
    // An envelope of S/ 1,000,000 against proposals of 300k, 500k, 200k and 450k.
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

  it('hides results until the round is closed; the projector shows only the open round', () => {
    const r = openRound(db, e, createRound(db, e, input()).id);
    expect(codeOf(() => roundResults(db, r.id))).toBe('CONFLICT:results.error.notClosed');
    expect(projectorView(db)).toMatchObject({ round: { id: r.id, state: 'open' }, results: null });
    fx.proposals.forEach((p, i) =>
      enterCount(db, e, { roundId: r.id, itemId: p, operator: 'A', count: [5, 4, 3, 1][i] ?? 0 }),
    );
    closeRound(db, e, r.id);
    expect(projectorView(db)).toMatchObject({
      round: { id: r.id, state: 'closed' },
      results: { kind: 'priority' },
    });
  });

  it('show of hands, votes only: greedy by count skipping what does not fit (500k skipped, 200k taken)', () => {
    saveMatrix(db, e, {
      votesWeight: 100,
      criteria: [{ id: 'poverty', name: 'Brecha de pobreza', weight: 100, scaleMax: 10 }],
    });
    const r = openRound(db, e, createRound(db, e, input()).id);
    // P-001 300k: 5 hands, P-002 500k: 4, P-003 200k: 3, P-004 450k: 2.
    fx.proposals.forEach((p, i) =>
      enterCount(db, e, { roundId: r.id, itemId: p, operator: 'A', count: 5 - i }),
    );
    closeRound(db, e, r.id);
    const res = priority(r.id);
    expect(res.projects.map((p) => [p.code, p.rank, p.selected, p.order])).toEqual([
      ['P-001', 1, true, 1],
      ['P-002', 2, true, 2],
      ['P-003', 3, true, 3],
      ['P-004', 4, false, null],
    ]);
    expect(res.totalCents).toBe(1_000_000_00);
    expect(res.steps.map((s) => [s.kind, s.code, s.remainingCents])).toEqual([
      ['chosen', 'P-001', 700_000_00],
      ['chosen', 'P-002', 200_000_00],
      ['chosen', 'P-003', 0],
      ['skipped', 'P-004', 0],
    ]);
    expect(res.tieBreak).toBe(getSetup(db).tieBreak);
  });

  it('the criteria matrix changes the order: combined score = 50 % votes + 50 % criteria', () => {
    const r = openRound(db, e, createRound(db, e, input()).id);
    fx.proposals.forEach((p, i) =>
      enterCount(db, e, { roundId: r.id, itemId: p, operator: 'A', count: 5 - i }),
    );
    // P-004 scores 10/10/10 (criteria 100): 50 × 2/5 + 50 = 70 > P-002's 50 × 4/5 + 0 = 40.
    scoreProposal(db, e, {
      proposalId: fx.proposals[3] ?? '',
      scoredBy: 'Ing. Huamán',
      scores: ['poverty', 'services', 'technical'].map((criterionId) => ({
        criterionId,
        score: 10,
      })),
    });
    closeRound(db, e, r.id);
    const res = priority(r.id);
    const p4 = res.projects.find((p) => p.code === 'P-004');
    expect(p4).toMatchObject({
      votesScore: '40.00',
      criteriaScore: '100.00',
      combined: '70.00',
      rank: 1,
      selected: true,
      order: 1,
    });
    expect(res.projects.find((p) => p.code === 'P-001')).toMatchObject({
      combined: '50.00',
      rank: 2,
      selected: true,
    });
    // 450k + 300k = 750k; P-002 (500k) does not fit, P-003 (200k) does.
    expect(res.projects.filter((p) => p.selected).map((p) => p.code)).toEqual([
      'P-004',
      'P-001',
      'P-003',
    ]);
  });

  it('a ballot round: with votes weighing 100 % the selection is the tally engine’s greedy, and with MES the engine’s MES', () => {
    saveMatrix(db, e, {
      votesWeight: 100,
      criteria: [{ id: 'poverty', name: 'Brecha de pobreza', weight: 100, scaleMax: 10 }],
    });
    const [a, b, c, d] = fx.proposals as [string, string, string, string];
    const ballots = [
      [a, b],
      [b, c],
      [b, d],
      [c, d],
      [a, c],
    ];
    const vote = () => {
      const r = openRound(
        db,
        e,
        createRound(db, e, input({ kind: 'ballot', ballotType: 'approval', maxChoices: 3 })).id,
      );
      fx.titulars.forEach((participantId, i) =>
        castKioskBallot(db, e, {
          roundId: r.id,
          participantId,
          ballot: { choices: ballots[i] ?? [], points: null },
        }),
      );
      closeRound(db, e, r.id);
      return r.id;
    };
    const greedyRound = vote();
    const engine = tally(roundProfile(db, greedyRound), {
      rule: 'greedy',
      tieBreak: getSetup(db).tieBreak,
    });
    expect(
      priority(greedyRound)
        .steps.filter((s) => s.kind === 'chosen')
        .map((s) => s.code),
    ).toEqual(engine.selectionOrder);
    // The rule is fixed once voting has started…
    expect(codeOf(() => saveSetup(db, e, { ...getSetup(db), selectionRule: 'mes' }))).toBe(
      'CONFLICT:results.error.ruleFixed',
    );
    // …so MES is chosen in setup before a fresh workshop's round.
    db.prepare("UPDATE workshop SET selection_rule = 'mes'").run();
    const mesRound = vote();
    const mes = tally(roundProfile(db, mesRound), {
      rule: 'mes+add1+greedy',
      tieBreak: getSetup(db).tieBreak,
    });
    const res = priority(mesRound);
    expect(res.ruleKey).toBe('mes+add1+greedy');
    expect(
      res.projects
        .filter((p) => p.selected)
        .map((p) => p.code)
        .sort(),
    ).toEqual(mes.selected);
  });

  it('MES needs individual ballots: a show-of-hands round says so instead of selecting', () => {
    // Refused at creation since fac28 (mes-ballots.test.ts); a file from an older build has one.
    const r = openRound(db, e, createRound(db, e, input()).id);
    db.prepare("UPDATE workshop SET selection_rule = 'mes'").run();
    fx.proposals.forEach((p) =>
      enterCount(db, e, { roundId: r.id, itemId: p, operator: 'A', count: 1 }),
    );
    closeRound(db, e, r.id);
    expect(priority(r.id)).toMatchObject({
      problem: { key: 'results.problem.mesNeedsBallots' },
      totalCents: 0,
    });
    expect(priority(r.id).projects.every((p) => !p.selected)).toBe(true);
  });

  it('a refused tie is reported, not decided by convention', () => {
    const r = openRound(db, e, createRound(db, e, input({ tieBreak: 'refuse' })).id);
    // Same count and no criteria: P-002 (500k) and P-004 (450k) tie after P-001 and can't both fit.
    fx.proposals.forEach((p, i) =>
      enterCount(db, e, { roundId: r.id, itemId: p, operator: 'A', count: [5, 3, 1, 3][i] ?? 0 }),
    );
    closeRound(db, e, r.id);
    expect(priority(r.id).problem).toMatchObject({
      key: 'tally.tieRefused',
      params: { projects: 'P-002, P-004' },
    });
  });

  it('the export carries the matrix, the scores and the results of closed rounds', () => {
    const r = openRound(db, e, createRound(db, e, input()).id);
    fx.proposals.forEach((p) =>
      enterCount(db, e, { roundId: r.id, itemId: p, operator: 'A', count: 2 }),
    );
    closeRound(db, e, r.id);
    scoreProposal(db, e, {
      proposalId: fx.proposals[0] ?? '',
      scoredBy: 'Ing. Huamán',
      scores: [{ criterionId: 'poverty', score: 6 }],
    });
    const doc = exportWorkshop(db, new Date('2026-05-20T00:00:00Z'));
    expect(doc.criteria).toMatchObject([
      {
        id: 'poverty',
        weight: 40,
        scaleMax: 10,
        scores: [{ proposalId: fx.proposals[0], score: 6 }],
      },
      { id: 'services' },
      { id: 'technical' },
    ]);
    expect(doc.results).toEqual(allResults(db));
    expect(doc.results).toHaveLength(1);
  });

  it('re-scoring one cell later leaves the other cells their own time and scorer: check is clean', () => {
    const pid = fx.proposals[0] ?? '';
    const score = (scoredBy: string, scores: { criterionId: string; score: number }[]) =>
      scoreProposal(db, e, { proposalId: pid, scoredBy, scores });
    score('Ing. Huamán', [
      { criterionId: 'poverty', score: 4 },
      { criterionId: 'services', score: 5 },
      { criterionId: 'technical', score: 6 },
    ]);
    // Later, the same scorer changes one cell; then another scorer re-enters one with its value.
    score('Ing. Huamán', [{ criterionId: 'poverty', score: 7 }]);
    score('Lic. Quispe', [{ criterionId: 'services', score: 5 }]);
    expect(checkConsistency(db)).toMatchObject({ ok: true, problems: [] });
    // A raw edit of a cell's time or scorer is still found.
    db.prepare(
      "UPDATE criterion_score SET scored_by = 'Otro' WHERE proposal_id = ? AND criterion_id = 'technical'",
    ).run(pid);
    db.prepare(
      "UPDATE criterion_score SET scored_at = '2026-05-14T13:00:00.000Z' WHERE proposal_id = ? AND criterion_id = 'poverty'",
    ).run(pid);
    expect(checkConsistency(db).problems).toEqual([
      {
        table: 'criterion_score',
        key: `${pid}|poverty`,
        what: 'scored_at outside the time of its event',
      },
      {
        table: 'criterion_score',
        key: `${pid}|technical`,
        what: 'scored_by differs from the event log',
      },
    ]);
  });
});
