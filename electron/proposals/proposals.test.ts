import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProposalInput } from '../../shared/schemas/proposals';
import { demoSetup, fillDemo } from '../demo/demo';
import Database from 'better-sqlite3';
import {
  APPLICATION_ID,
  createWorkshopDb,
  type Db,
  openWorkshopDb,
  openWorkshopReadOnly,
} from '../platform/db';
import { migrate } from '../platform/migrations';
import { listEvents, verifyChain } from '../platform/events';
import { exportWorkshop } from '../export/export';
import {
  addMatter,
  listMatters,
  listProposals,
  listReviews,
  nextCode,
  reviewProposal,
  saveProposal,
} from './proposals';
import { saveOrganization } from '../registry/registry';
import { type Env, getSetup, initWorkshop } from '../workshop/workshop';
import { codeOf, fixedEnv } from '../../test/helpers/store';

describe('proposals store', () => {
  let db: Db;
  let e: Env;
  let dir: string;
  let file: string;
  let sector: string;
  const proposal = (over: Partial<ProposalInput> = {}): ProposalInput => ({
    code: nextCode(db),
    title: 'Mejoramiento del canal de riego Huaraqa',
    description: '',
    sectorId: sector,
    community: 'Huaraqa',
    organizationId: null,
    estimatedCostCents: 450_000_00,
    beneficiaries: 120,
    cui: '',
    cofinancingCents: 0,
    carriedFrom: '',
    ...over,
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'minka-prop-'));
    e = fixedEnv();
    file = join(dir, 'w.minka');
    createWorkshopDb(file, (d) => initWorkshop(d, e, 'w1', demoSetup()));
    db = openWorkshopDb(file);
    sector = getSetup(db).sectors[0]?.id ?? '';
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('numbers codes P-001, P-002… after the highest, and refuses a duplicate code in any case', () => {
    expect(nextCode(db)).toBe('P-001');
    saveProposal(db, e, proposal());
    expect(nextCode(db)).toBe('P-002');
    saveProposal(db, e, proposal({ code: 'P-010' }));
    expect(nextCode(db)).toBe('P-011');
    expect(codeOf(() => saveProposal(db, e, proposal({ code: 'p-010' })))).toBe(
      'CONFLICT:proposals.error.duplicateCode',
    );
    expect(listProposals(db).map((p) => p.code)).toEqual(['P-001', 'P-010']);
  });

  it('checks sector and organisation exist, and co-financing is not above the cost', () => {
    expect(codeOf(() => saveProposal(db, e, proposal({ sectorId: 'nope' })))).toBe(
      'NOT_FOUND:proposals.error.noSector',
    );
    expect(codeOf(() => saveProposal(db, e, proposal({ organizationId: 'nope' })))).toBe(
      'NOT_FOUND:proposals.error.noOrganization',
    );
    expect(codeOf(() => saveProposal(db, e, proposal({ cofinancingCents: 500_000_00 })))).toBe(
      'INVALID_INPUT:proposals.error.cofinancingTooHigh',
    );
    const org = saveOrganization(db, e, {
      name: 'Comité de Regantes Huaraqa',
      type: 'grassroots',
      community: 'Huaraqa',
      standingProof: 'assemblyAct',
      standingRef: '',
    });
    const p = saveProposal(
      db,
      e,
      proposal({ organizationId: org.id, cui: '2456789', cofinancingCents: 45_000_00 }),
    );
    expect(p).toMatchObject({
      code: 'P-001',
      organizationId: org.id,
      cui: '2456789',
      estimatedCostCents: 450_000_00,
      cofinancingCents: 45_000_00,
      status: 'pending',
    });
  });

  it('an edit keeps the id and creation time and logs the full proposal each time', () => {
    const p = saveProposal(db, e, proposal());
    const edited = saveProposal(db, e, {
      ...p,
      title: 'Canal de riego Huaraqa, tramo II',
      estimatedCostCents: 520_000_00,
    });
    expect(edited).toMatchObject({
      id: p.id,
      createdAt: p.createdAt,
      title: 'Canal de riego Huaraqa, tramo II',
      estimatedCostCents: 520_000_00,
    });
    expect(edited.updatedAt > p.updatedAt).toBe(true);
    const events = listEvents(db, {}).filter((x) => x.type.startsWith('proposals.'));
    expect(events.map((x) => x.type)).toEqual([
      'proposals.proposalAdded',
      'proposals.proposalEdited',
    ]);
    expect(events[0]?.payload).toMatchObject({
      id: p.id,
      title: 'Mejoramiento del canal de riego Huaraqa',
      estimatedCostCents: 450_000_00,
    });
    expect(events[1]?.payload).toMatchObject({
      id: p.id,
      title: 'Canal de riego Huaraqa, tramo II',
      estimatedCostCents: 520_000_00,
    });
    expect(listProposals(db)).toHaveLength(1);
    expect(codeOf(() => saveProposal(db, e, { ...proposal(), id: 'ghost' }))).toBe(
      'NOT_FOUND:proposals.error.noProposal',
    );
  });

  it('a rejection needs a reason and an explanation; nothing is written otherwise', () => {
    const p = saveProposal(db, e, proposal());
    const before = verifyChain(db).length;
    expect(
      codeOf(() =>
        reviewProposal(db, e, {
          proposalId: p.id,
          decision: 'rejected',
          reason: null,
          explanation: 'No hay terreno',
        }),
      ),
    ).toBe('INVALID_INPUT:proposals.error.reasonNeeded');
    expect(
      codeOf(() =>
        reviewProposal(db, e, {
          proposalId: p.id,
          decision: 'rejected',
          reason: 'missingPreconditions',
          explanation: '   ',
        }),
      ),
    ).toBe('INVALID_INPUT:proposals.error.explanationNeeded');
    expect(verifyChain(db).length).toBe(before);
    expect(listReviews(db)).toEqual([]);
    expect(listProposals(db)[0]?.status).toBe('pending');
  });

  it('reconsideration keeps every decision; the newest wins', () => {
    const p = saveProposal(db, e, proposal());
    reviewProposal(db, e, {
      proposalId: p.id,
      decision: 'rejected',
      reason: 'notViable',
      explanation: 'Sin perfil ni CUI en el banco de inversiones',
    });
    expect(listProposals(db)[0]?.status).toBe('rejected');
    reviewProposal(db, e, {
      proposalId: p.id,
      decision: 'admitted',
      reason: 'otherLevel',
      explanation: 'Se presentó el perfil con CUI 2456789',
    });
    expect(listProposals(db)[0]?.status).toBe('admitted');
    expect(
      codeOf(() =>
        reviewProposal(db, e, {
          proposalId: p.id,
          decision: 'admitted',
          reason: null,
          explanation: '',
        }),
      ),
    ).toBe('CONFLICT:proposals.error.sameDecision');
    const reviews = listReviews(db);
    expect(reviews.map((r) => [r.decision, r.reason])).toEqual([
      ['rejected', 'notViable'],
      ['admitted', null],
    ]);
    expect(
      listEvents(db, {})
        .filter((x) => x.type.startsWith('proposals.'))
        .map((x) => x.type),
    ).toEqual(['proposals.proposalAdded', 'proposals.rejected', 'proposals.admitted']);
    expect(
      codeOf(() =>
        reviewProposal(db, e, {
          proposalId: 'ghost',
          decision: 'admitted',
          reason: null,
          explanation: '',
        }),
      ),
    ).toBe('NOT_FOUND:proposals.error.noProposal');
  });

  it('matters raised are kept and exported with proposals and their reviews; the chain verifies after reopening', () => {
    const p = saveProposal(db, e, proposal());
    reviewProposal(db, e, {
      proposalId: p.id,
      decision: 'rejected',
      reason: 'duplicate',
      explanation: 'Ya financiado por el programa Sierra Azul',
    });
    addMatter(db, e, {
      text: 'Minería informal de oro en la quebrada Yanamayu, aguas arriba de Huaraqa',
      raisedBy: 'Florencio Quispe',
      participantId: null,
    });
    expect(
      codeOf(() => addMatter(db, e, { text: 'x', raisedBy: '', participantId: 'ghost' })),
    ).toBe('NOT_FOUND:proposals.error.noParticipant');
    db.close();
    db = openWorkshopDb(file);
    expect(listMatters(db)).toMatchObject([{ raisedBy: 'Florencio Quispe', participantId: null }]);
    const doc = exportWorkshop(db, new Date('2026-05-20T00:00:00Z'));
    expect(doc.proposals).toMatchObject([
      {
        code: 'P-001',
        status: 'rejected',
        estimatedCostCents: 450_000_00,
        reviews: [
          {
            decision: 'rejected',
            reason: 'duplicate',
            explanation: 'Ya financiado por el programa Sierra Azul',
          },
        ],
      },
    ]);
    expect(doc.mattersRaised).toHaveLength(1);
    expect(verifyChain(db)).toMatchObject({ ok: true });
  });

  it('the demo has realistic proposals: 89 in four sectors, 65 admitted (25/17/16/7) and 24 rejected across the taxonomy, one reconsidered, two matters', () => {
    const demo = join(dir, 'demo.minka');
    createWorkshopDb(demo, (d) => {
      initWorkshop(d, e, 'demo', demoSetup());
      fillDemo(d, e);
    });
    const d = openWorkshopDb(demo);
    try {
      const ps = listProposals(d);
      expect(ps).toHaveLength(89);
      expect(ps.filter((p) => p.status === 'rejected')).toHaveLength(24);
      const admitted = ps.filter((p) => p.status === 'admitted');
      const sectors = getSetup(d).sectors.map((s) => s.id);
      expect(
        sectors.slice(0, 4).map((s) => admitted.filter((p) => p.sectorId === s).length),
      ).toEqual([25, 17, 16, 7]);
      expect(new Set(ps.map((p) => p.sectorId)).size).toBe(4);
      // Admitted projects stay within the ordinance's cap per project.
      expect(
        admitted.every(
          (p) => p.estimatedCostCents >= 40_000_00 && p.estimatedCostCents <= 1_200_000_00,
        ),
      ).toBe(true);
      const reviews = listReviews(d);
      const reasons = new Set(
        reviews.filter((r) => r.decision === 'rejected').map((r) => r.reason),
      );
      expect(reasons.size).toBe(9);
      expect(
        reviews
          .filter((r) => r.decision === 'rejected')
          .every((r) => r.reason !== null && r.explanation.length > 20),
      ).toBe(true);
      const reconsidered = ps.filter(
        (p) =>
          p.status === 'admitted' &&
          reviews.some((r) => r.proposalId === p.id && r.decision === 'rejected'),
      );
      expect(reconsidered).toHaveLength(1);
      expect(listMatters(d)).toHaveLength(2);
      expect(listMatters(d)[0]?.participantId).not.toBeNull();
      expect(verifyChain(d)).toMatchObject({ ok: true });
    } finally {
      d.close();
    }
  });

  it('a read-only export of a file from before proposals existed answers empty arrays', () => {
    const old = join(dir, 'old.minka');
    const raw = new Database(old);
    raw.pragma(`application_id = ${APPLICATION_ID}`);
    migrate(raw, 2);
    raw.transaction(() => initWorkshop(raw, e, 'old', demoSetup()))();
    raw.close();
    const ro = openWorkshopReadOnly(old);
    try {
      expect(exportWorkshop(ro, new Date('2026-05-20T00:00:00Z'))).toMatchObject({
        proposals: [],
        mattersRaised: [],
      });
    } finally {
      ro.close();
    }
  });
});
