// Issue 13, item 9b: a rejection may give several reasons from the taxonomy (the main one
// first) with its written explanation; the log, the exports and the Acta keep them all, and a
// one-reason rejection (older files, Actas signed before) reads exactly as before.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDataExport } from '../../shared/export/open-data';
import { buildMinutes } from '../../shared/minutes/build';
import { demoSetup } from '../demo/demo';
import { collectSnapshot } from '../minutes/snapshot';
import { checkConsistency } from '../check/consistency';
import { APPLICATION_ID, createWorkshopDb, type Db, openWorkshopDb } from '../platform/db';
import { listEvents } from '../platform/events';
import { exportWorkshop } from '../export/export';
import { migrate } from '../platform/migrations';
import { listReviews, nextCode, reviewProposal, saveProposal } from './proposals';
import { type Env, getSetup, initWorkshop } from '../workshop/workshop';
import { codeOf, fixedEnv } from '../../test/helpers/store';

describe('a rejection with several reasons', () => {
  let db: Db;
  let e: Env;
  let dir: string;
  const add = (title: string) =>
    saveProposal(db, e, {
      code: nextCode(db),
      title,
      description: '',
      sectorId: getSetup(db).sectors[0]?.id ?? '',
      community: '',
      organizationId: null,
      estimatedCostCents: 100_00,
      beneficiaries: 10,
      cui: '',
      cofinancingCents: 0,
      carriedFrom: '',
    });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'minka-reasons-'));
    e = fixedEnv();
    const file = join(dir, 'w.minka');
    createWorkshopDb(file, (d) => initWorkshop(d, e, 'w1', demoSetup()));
    db = openWorkshopDb(file);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every reason, main first, in the log, both exports and the Acta; one reason stays as before', () => {
    const a = add('Fiesta patronal');
    const b = add('Canal duplicado');
    reviewProposal(db, e, {
      proposalId: a.id,
      decision: 'rejected',
      reason: 'notInvestment',
      // Out of order, repeated and the main one again: kept once each, in the taxonomy's order.
      alsoReasons: ['procedural', 'otherLevel', 'notInvestment', 'procedural'],
      explanation: 'Es gasto corriente y la ficha llegó fuera de plazo',
    });
    reviewProposal(db, e, {
      proposalId: b.id,
      decision: 'rejected',
      reason: 'duplicate',
      explanation: 'Duplica P-001',
    });
    expect(listReviews(db).map((r) => [r.reason, r.alsoReasons])).toEqual([
      ['notInvestment', ['otherLevel', 'procedural']],
      ['duplicate', []],
    ]);
    expect(checkConsistency(db).ok).toBe(true);
    const logged = listEvents(db).filter((x) => x.type === 'proposals.rejected');
    expect(logged.map((x) => (x.payload as Record<string, unknown>)['alsoReasons'])).toEqual([
      ['otherLevel', 'procedural'],
      undefined,
    ]);

    const full = exportWorkshop(db, new Date('2026-05-20T00:00:00Z'));
    expect(openDataExport(full).proposals.map((p) => p.reviews[0]?.alsoReasons)).toEqual([
      ['otherLevel', 'procedural'],
      [],
    ]);
    const acta = buildMinutes(collectSnapshot(db), {
      sealedAt: '2026-05-20T18:00:00.000Z',
      signer: { publicKey: 'k'.repeat(44), keyFingerprint: 'AAAA-BBBB-CCCC-DDDD' },
    });
    expect(acta.rejected).toMatchObject([
      { reason: 'notInvestment', alsoReasons: ['otherLevel', 'procedural'] },
      { reason: 'duplicate' },
    ]);
    expect('alsoReasons' in (acta.rejected[1] ?? {})).toBe(false);
  });

  it('still needs a main reason and the explanation; further reasons alone are not enough', () => {
    const a = add('Fiesta patronal');
    expect(
      codeOf(() =>
        reviewProposal(db, e, {
          proposalId: a.id,
          decision: 'rejected',
          reason: null,
          alsoReasons: ['procedural'],
          explanation: 'Fuera de plazo',
        }),
      ),
    ).toBe('INVALID_INPUT:proposals.error.reasonNeeded');
    expect(
      codeOf(() =>
        reviewProposal(db, e, {
          proposalId: a.id,
          decision: 'rejected',
          reason: 'procedural',
          alsoReasons: ['otherLevel'],
          explanation: '  ',
        }),
      ),
    ).toBe('INVALID_INPUT:proposals.error.explanationNeeded');
    expect(listReviews(db)).toEqual([]);
  });

  it('the consistency check sees a reason added behind the log', () => {
    const a = add('Fiesta patronal');
    reviewProposal(db, e, {
      proposalId: a.id,
      decision: 'rejected',
      reason: 'notInvestment',
      explanation: 'Gasto corriente',
    });
    db.prepare(`UPDATE proposal_review SET also_reasons = '["notViable"]'`).run();
    expect(checkConsistency(db).ok).toBe(false);
  });

  it('a decision in a file before migration 9 reads as one reason', () => {
    const raw = new Database(join(dir, 'old.minka'));
    raw.pragma(`application_id = ${APPLICATION_ID}`);
    migrate(raw, 8);
    raw.transaction(() => initWorkshop(raw, e, 'old', demoSetup()))();
    const sec = getSetup(raw).sectors[0]?.id ?? '';
    raw.exec(`INSERT INTO proposal (id, code, title, description, sector_id, community, organization_id, estimated_cost_cents, beneficiaries, cui, cofinancing_cents, carried_from, created_at, updated_at)
      VALUES ('p1', 'P-001', 'Canal', '', '${sec}', '', NULL, 100, 1, '', 0, '', '2026-05-01T00:00:00Z', '2026-05-01T00:00:00Z');
      INSERT INTO proposal_review (id, proposal_id, decision, reason, explanation, decided_at)
      VALUES ('r1', 'p1', 'rejected', 'duplicate', 'Duplica', '2026-05-01T01:00:00Z');`);
    migrate(raw);
    expect(listReviews(raw).map((r) => [r.reason, r.alsoReasons])).toEqual([['duplicate', []]]);
    raw.close();
  });
});
