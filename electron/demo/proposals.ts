// The demo's proposals: what communities of a high-Andean Cusco district hand in on the
// day (canals, alpaca sheds, classrooms, health posts, roads): 89 in four sectors, 65
// admitted and 24 rejected for reasons across the taxonomy (as in DOMAIN.md's district),
// one reconsidered, and two matters raised off the agenda.
import type { ProposalInput } from '../../shared/schemas/proposals';
import type { Db } from '../platform/db';
import { addMatter, getProposal, reviewProposal, saveProposal } from '../proposals/proposals';
import { listOrganizations, listParticipants } from '../registry/registry';
import { type Env, getSetup } from '../workshop/workshop';
import { AGRICULTURE_SPECS } from './proposal-data/agriculture';
import { EDUCATION_SPECS } from './proposal-data/education';
import { FIRST_SPECS } from './proposal-data/first';
import { HEALTH_SPECS } from './proposal-data/health';
import { REJECTIONS } from './proposal-data/rejections';
import { ROADS_SPECS } from './proposal-data/roads';
import type { Spec } from './proposal-data/spec';

// In code order (P-001…): the rejections and the steps below name proposals by position.
const SPECS: Spec[] = [
  ...FIRST_SPECS,
  ...AGRICULTURE_SPECS,
  ...ROADS_SPECS,
  ...EDUCATION_SPECS,
  ...HEALTH_SPECS,
];

export function fillDemoProposals(db: Db, env: Env): void {
  const sectors = getSetup(db).sectors;
  const orgs = new Map(listOrganizations(db).map((o) => [o.name, o.id]));
  const ids: string[] = [];
  SPECS.forEach(
    (
      [
        sector,
        title,
        community,
        org,
        soles,
        beneficiaries,
        cui = '',
        cofinancing = 0,
        carriedFrom = '',
      ],
      i,
    ) => {
      const input: ProposalInput = {
        code: `P-${String(i + 1).padStart(3, '0')}`,
        title,
        description: '',
        sectorId: sectors[sector]?.id ?? sectors[0]?.id ?? '',
        community,
        organizationId: orgs.get(org) ?? null,
        estimatedCostCents: soles * 100,
        beneficiaries,
        cui,
        cofinancingCents: cofinancing * 100,
        carriedFrom,
      };
      ids.push(saveProposal(db, env, input).id);
    },
  );
  const id = (i: number) => ids[i] ?? '';
  // A typo fixed on the spot: the edit shows in the record.
  const { status: _s, createdAt: _c, updatedAt: _u, ...sheds } = getProposal(db, id(1));
  saveProposal(db, env, {
    ...sheds,
    description:
      'Cobertizos de piedra y calamina para el invierno; la comunidad aporta adobe y mano de obra.',
  });
  for (const [i, reason, explanation] of REJECTIONS)
    reviewProposal(db, env, { proposalId: id(i), decision: 'rejected', reason, explanation });
  // Reconsidered: the community brought the approved profile, so the workshop admitted it.
  reviewProposal(db, env, {
    proposalId: id(15),
    decision: 'rejected',
    reason: 'notViable',
    explanation: 'No se presentó la ficha técnica del pontón.',
  });
  reviewProposal(db, env, {
    proposalId: id(15),
    decision: 'admitted',
    reason: null,
    explanation:
      'La comunidad presentó la ficha técnica aprobada por la Subgerencia de Obras; se reconsidera.',
  });
  const rejected = new Set([...REJECTIONS.map(([i]) => i), 15]);
  ids.forEach((pid, i) => {
    if (!rejected.has(i))
      reviewProposal(db, env, {
        proposalId: pid,
        decision: 'admitted',
        reason: null,
        explanation: '',
      });
  });
  const someone = listParticipants(db).find(
    (p) =>
      p.accreditation === 'accredited' &&
      p.organizationId === orgs.get('Comunidad Campesina Huaraqa'),
  );
  addMatter(db, env, {
    text: 'Una comunidad vecina usa el agua de la quebrada Yanamayu, aguas arriba de Huaraqa, para minería informal de oro; el agua baja turbia y el ganado enferma.',
    raisedBy: someone
      ? `${someone.givenNames} ${someone.surnames}`
      : 'Presidente de la C.C. Huaraqa',
    participantId: someone?.id ?? null,
  });
  addMatter(db, env, {
    text: 'Piden que la municipalidad informe cuánto gastó en la remodelación de la plaza principal, que no figura en ninguna acta.',
    raisedBy: 'Representante del Club de Madres Mama Ocllo',
    participantId: null,
  });
}
