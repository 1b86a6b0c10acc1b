import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir, testCore } from '../../test/helpers/tmp';
import type { Core } from '../core/core';

describe('proposals through dispatch', () => {
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

  const proposal = (over: Record<string, unknown> = {}) => ({
    code: 'P-001',
    title: 'Cobertizos para alpacas en Pacchanta',
    description: '',
    sectorId,
    community: 'Pacchanta',
    organizationId: null,
    estimatedCostCents: 180_000_00,
    beneficiaries: 60,
    cui: '',
    cofinancingCents: 0,
    carriedFrom: '',
    ...over,
  });
  const length = async () => (await core.call('chain:status', { workshopId })).length;

  it.each([
    ['proposal.cui', { cui: '245678' }],
    ['proposal.cui', { cui: '24567890' }],
    ['proposal.estimatedCostCents', { estimatedCostCents: 1.5 }],
    ['proposal.estimatedCostCents', { estimatedCostCents: -100 }],
    ['proposal.beneficiaries', { beneficiaries: 2.5 }],
    ['proposal.title', { title: '   ' }],
    ['proposal.code', { code: '' }],
    ['proposal.sectorId', { sectorId: '../x' }],
  ])('refuses a bad %s and writes nothing', async (field, over) => {
    const before = await length();
    const r = await core.dispatch('proposals:save', { workshopId, proposal: proposal(over) });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', params: { field } } });
    expect(await length()).toBe(before);
  });

  it('keeps a CUI and codes as strings with leading zeros; suggests the next code', async () => {
    const r = await core.call('proposals:save', {
      workshopId,
      proposal: proposal({ cui: '0456789', code: ' P-001 ' }),
    });
    expect(r.value).toMatchObject({ cui: '0456789', code: 'P-001', status: 'pending' });
    expect(r.chain.length).toBe(await length());
    expect((await core.call('proposals:get', { workshopId })).nextCode).toBe('P-002');
  });

  it('refuses a rejection with an unknown reason, without a reason, or without an explanation', async () => {
    const p = (await core.call('proposals:save', { workshopId, proposal: proposal() })).value;
    const bad = await core.dispatch('proposals:review', {
      workshopId,
      review: { proposalId: p.id, decision: 'rejected', reason: 'tooExpensive', explanation: 'x' },
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', params: { field: 'review.reason' } },
    });
    const noReason = await core.dispatch('proposals:review', {
      workshopId,
      review: { proposalId: p.id, decision: 'rejected', reason: null, explanation: 'x' },
    });
    expect(noReason).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        key: 'proposals.error.reasonNeeded',
        params: { code: 'P-001' },
      },
    });
    const noWhy = await core.dispatch('proposals:review', {
      workshopId,
      review: { proposalId: p.id, decision: 'rejected', reason: 'notKeyNeed', explanation: ' ' },
    });
    expect(noWhy).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', key: 'proposals.error.explanationNeeded' },
    });
    const ok = await core.call('proposals:review', {
      workshopId,
      review: {
        proposalId: p.id,
        decision: 'rejected',
        reason: 'notKeyNeed',
        explanation: 'El taller priorizó agua potable',
      },
    });
    expect(ok.value).toMatchObject({ decision: 'rejected', reason: 'notKeyNeed' });
    const all = await core.call('proposals:get', { workshopId });
    expect(all.proposals[0]?.status).toBe('rejected');
    expect(all.reviews).toHaveLength(1);
  });

  it('a matter raised needs text', async () => {
    const r = await core.dispatch('proposals:addMatter', {
      workshopId,
      matter: { text: ' ', raisedBy: 'Hilaria', participantId: null },
    });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', params: { field: 'matter.text' } },
    });
    const ok = await core.call('proposals:addMatter', {
      workshopId,
      matter: {
        text: 'Minería informal en la quebrada',
        raisedBy: 'Hilaria Mamani',
        participantId: null,
      },
    });
    expect(ok.value.raisedAt).toMatch(/^2026-05-14T/);
  });
});
