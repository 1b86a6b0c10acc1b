import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir, testCore } from '../../test/helpers/tmp';
import { parseDecimal, Rational, tally } from '../../shared/tally';
import { roundProfile } from '../voting/round-reads';
import type { Core } from '../core/core';
import { roundInput } from '../../test/helpers/round-input';

describe('criteria matrix and scores through dispatch', () => {
  let core: Core;
  let cleanup: () => void;
  let workshopId: string;
  let sectorId: string;
  beforeEach(async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    core = testCore(t.dir);
    const s = await core.call('workshop:create', {
      title: 'Taller PP 2027',
      municipality: 'Qollqepata',
      fiscalYear: 2027,
    });
    workshopId = s.workshopId;
    sectorId = s.setup.sectors[0]?.id ?? '';
  });
  afterEach(() => {
    core.closeAll();
    cleanup();
  });

  const length = async () => (await core.call('chain:status', { workshopId })).length;
  const addProposal = async (code: string) =>
    (
      await core.call('proposals:save', {
        workshopId,
        proposal: {
          code,
          title: `Propuesta ${code}`,
          description: '',
          sectorId,
          community: 'Huaraqa',
          organizationId: null,
          estimatedCostCents: 100_000_00,
          beneficiaries: 10,
          cui: '',
          cofinancingCents: 0,
          carriedFrom: '',
        },
      })
    ).value;

  it('a new workshop has the ordinance defaults: poverty gap 40, basic services 30, technical 30', async () => {
    const { matrix } = await core.call('criteria:get', { workshopId });
    expect(matrix.criteria.map((c) => [c.name, c.weight, c.scaleMax])).toEqual([
      ['Brecha de pobreza', 40, 10],
      ['Acceso a servicios básicos', 30, 10],
      ['Evaluación técnica', 30, 10],
    ]);
    expect(matrix.votesWeight).toBe(50);
  });

  it('weighted totals are exact: 40×7/10 + 30×5/10 + 30×9/10 = 70; a missing score marks it incomplete', async () => {
    const p = await addProposal('P-001');
    const q = await addProposal('P-002');
    const before = await length();
    const r = await core.call('criteria:score', {
      workshopId,
      score: {
        proposalId: p.id,
        scoredBy: 'Ing. Quispe',
        scores: [
          { criterionId: 'poverty', score: 7 },
          { criterionId: 'services', score: 5 },
          { criterionId: 'technical', score: 9 },
        ],
      },
    });
    expect(r.chain.length).toBe(before + 1);
    await core.call('criteria:score', {
      workshopId,
      score: {
        proposalId: q.id,
        scoredBy: 'Ing. Quispe',
        scores: [{ criterionId: 'poverty', score: 1 }],
      },
    });
    const { totals } = await core.call('criteria:get', { workshopId });
    expect(totals).toEqual([
      { proposalId: p.id, complete: true, exact: '70', display: '70.00' },
      { proposalId: q.id, complete: false, exact: '4', display: '4.00' },
    ]);
    // A scale of 27 makes thirds: 100 × 9/27 = 33.33…, kept as a fraction.
    await core.call('criteria:saveMatrix', {
      workshopId,
      matrix: {
        votesWeight: 0,
        criteria: [
          { id: 'poverty', name: 'Brecha de pobreza', weight: 0, scaleMax: 10 },
          { id: 'services', name: 'Acceso', weight: 0, scaleMax: 10 },
          { id: 'technical', name: 'Técnica', weight: 100, scaleMax: 27 },
        ],
      },
    });
    const again = await core.call('criteria:get', { workshopId });
    expect(again.totals[0]).toMatchObject({ exact: '100/3', display: '33.33' });
  });

  it.each([
    [
      {
        votesWeight: 50,
        criteria: [
          { name: 'Brecha', weight: 60, scaleMax: 10 },
          { name: 'Técnica', weight: 30, scaleMax: 10 },
        ],
      },
      'INVALID_INPUT',
      'results.error.weightsSum',
    ],
    [
      {
        votesWeight: 50,
        criteria: [
          { name: 'Brecha', weight: 50, scaleMax: 10 },
          { name: 'brecha', weight: 50, scaleMax: 10 },
        ],
      },
      'CONFLICT',
      'results.error.duplicateCriterion',
    ],
  ])('refuses a bad matrix and writes nothing', async (matrix, code, key) => {
    const before = await length();
    expect(await core.dispatch('criteria:saveMatrix', { workshopId, matrix })).toMatchObject({
      ok: false,
      error: { code, key },
    });
    expect(await length()).toBe(before);
  });

  it('refuses a score above the scale, a scored criterion removed, a scale below a given score, a rejected proposal', async () => {
    const p = await addProposal('P-001');
    const score = (criterionId: string, s: number, proposalId = p.id) =>
      core.dispatch('criteria:score', {
        workshopId,
        score: { proposalId, scoredBy: '', scores: [{ criterionId, score: s }] },
      });
    expect(await score('poverty', 11)).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        key: 'results.error.scoreAboveScale',
        params: { code: 'P-001', score: 11, scale: 10 },
      },
    });
    expect(await score('nope', 1)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await score('poverty', 8)).toMatchObject({ ok: true });
    const before = await length();
    expect(
      await core.dispatch('criteria:saveMatrix', {
        workshopId,
        matrix: {
          votesWeight: 50,
          criteria: [
            { id: 'services', name: 'Servicios', weight: 50, scaleMax: 10 },
            { id: 'technical', name: 'Técnica', weight: 50, scaleMax: 10 },
          ],
        },
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', key: 'results.error.criterionScored' },
    });
    expect(
      await core.dispatch('criteria:saveMatrix', {
        workshopId,
        matrix: {
          votesWeight: 50,
          criteria: [
            { id: 'poverty', name: 'Brecha', weight: 40, scaleMax: 5 },
            { id: 'services', name: 'Servicios', weight: 30, scaleMax: 10 },
            { id: 'technical', name: 'Técnica', weight: 30, scaleMax: 10 },
          ],
        },
      }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        key: 'results.error.scaleBelowScores',
        params: { max: 8, scale: 5 },
      },
    });
    expect(await length()).toBe(before);
    await core.call('proposals:review', {
      workshopId,
      review: {
        proposalId: p.id,
        decision: 'rejected',
        reason: 'duplicate',
        explanation: 'Ya financiado',
      },
    });
    expect(await score('poverty', 2)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', key: 'results.error.scoreRejected' },
    });
  });

  it('the selection rule is part of the setup and is recorded', async () => {
    const s = await core.call('workshop:get', { workshopId });
    expect(s.setup.selectionRule).toBe('greedy');
    const saved = await core.call('workshop:saveSetup', {
      workshopId,
      setup: { ...s.setup, selectionRule: 'mes' },
    });
    expect(saved.setup.selectionRule).toBe('mes');
    const events = await core.call('events:list', { workshopId });
    expect(events.at(-1)).toMatchObject({
      type: 'workshop.setupSaved',
      payload: { selectionRule: 'mes' },
    });
  });
});

describe('results through dispatch, on the demo', () => {
  let core: Core;
  let cleanup: () => void;
  beforeEach(() => {
    const t = tempDir();
    cleanup = t.cleanup;
    core = testCore(t.dir);
  });
  afterEach(() => {
    core.closeAll();
    cleanup();
  });

  it('the demo opens on its closed prioritisation round; the selection is the tally engine’s on the round’s profile and combined scores', async () => {
    const { workshopId } = await core.call('workshop:openDemo', {});
    const rounds = await core.call('results:rounds', { workshopId });
    expect(rounds.rounds.filter((r) => r.state === 'closed').length).toBeGreaterThanOrEqual(2);
    const roundId = rounds.defaultRoundId ?? '';
    const res = await core.call('results:get', { workshopId, roundId });
    if (res.kind !== 'priority') throw new Error('expected the prioritisation round');
    const r = res.value;
    expect(r.projects).toHaveLength(65);
    expect(r.totalCents).toBeLessThanOrEqual(r.envelopeCents);
    expect(r.totalCents).toBe(
      r.projects.filter((p) => p.selected).reduce((s, p) => s + p.costCents, 0),
    );
    // Independently: the engine on the round's own profile, ranked by the combined scores shown.
    const scores = new Map(
      r.projects.map((p) => {
        const [n = '0', d] = p.combinedExact.split('/');
        return [p.code, d ? Rational.of(BigInt(n), BigInt(d)) : (parseDecimal(n) ?? Rational.ZERO)];
      }),
    );
    const engine = tally(roundProfile(core.get(workshopId).db, roundId), {
      rule: 'greedy',
      tieBreak: r.tieBreak,
      scores,
    });
    expect(r.steps.filter((s) => s.kind === 'chosen').map((s) => s.code)).toEqual(
      engine.selectionOrder,
    );
    // Every sector with proposals is listed, and the projector shows the same round.
    expect(r.sectors.map((s) => s.proposals)).toEqual([25, 17, 16, 7]);
    const projector = await core.call('results:projector', { workshopId });
    expect(projector.round?.id).toBe(roundId);
    expect(projector.results).toEqual(res);
  });

  it('refuses results of an open round with a clear error', async () => {
    const { workshopId, setup } = await core.call('workshop:openDemo', {});
    const venue = setup.venues[0];
    const round = await core.call('voting:create', {
      workshopId,
      round: roundInput(
        { venueId: venue?.id ?? '', day: venue?.date ?? '' },
        { title: 'Segunda vuelta' },
      ),
    });
    await core.call('voting:open', { workshopId, roundId: round.value.id });
    expect(
      await core.dispatch('results:get', { workshopId, roundId: round.value.id }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        key: 'results.error.notClosed',
        params: { title: 'Segunda vuelta' },
      },
    });
    expect(await core.call('results:projector', { workshopId })).toMatchObject({
      round: { id: round.value.id, state: 'open' },
      results: null,
    });
  });
});
