// A small workshop ready to vote: organisations with a titular (and some a suplente or a
// voice-only member) checked in at the first venue, and admitted proposals. Used by the
// voting store, dispatch and bench code; every write goes through the real store.
import type { Db } from '../../electron/platform/db';
import { checkIn } from '../../electron/attendance/attendance';
import { reviewProposal, saveProposal } from '../../electron/proposals/proposals';
import { saveOrganization, saveParticipant } from '../../electron/registry/registry';
import { type Env, getSetup } from '../../electron/workshop/workshop';

export interface VotingFixture {
  venueId: string;
  day: string;
  /** Titulars present (one vote each). */
  titulars: string[];
  /** A suplente whose titular is present (no vote of their own). */
  suplente: string;
  /** A technical-team member: voice, no vote. */
  voiceOnly: string;
  proposals: string[];
  rejected: string;
}

export function fillVotingFixture(
  db: Db,
  env: Env,
  opts: { orgs?: number; proposals?: number } = {},
): VotingFixture {
  const setup = getSetup(db);
  const venue = setup.venues[0];
  if (!venue) throw new Error('fixture needs a venue');
  const sector = setup.sectors[0]?.id ?? '';
  const titulars: string[] = [];
  let suplente = '';
  const nOrgs = opts.orgs ?? 5;
  for (let i = 0; i < nOrgs; i++) {
    const org = saveOrganization(db, env, {
      name: `Comunidad Campesina ${i + 1}`,
      type: 'comunidadCampesina',
      community: `Ayllu ${i + 1}`,
      standingProof: 'publicRegistry',
      standingRef: '',
    });
    const person = (role: 'titular' | 'suplente', k: number) =>
      saveParticipant(db, env, {
        dni: String(40000000 + i * 10 + k),
        givenNames: `Persona ${i + 1}${role === 'titular' ? 'A' : 'B'}`,
        surnames: 'Quispe',
        sex: k ? 'F' : 'M',
        language: 'quz',
        organizationId: org.id,
        role,
        authorization: '',
        voice: 'voiceAndVote',
        accreditation: 'accredited',
      });
    const t = person('titular', 0);
    checkIn(db, env, {
      participantId: t.id,
      venueId: venue.id,
      day: venue.date,
      signMethod: 'signature',
      witness: '',
    });
    titulars.push(t.id);
    if (i === 0) {
      const s = person('suplente', 1);
      checkIn(db, env, {
        participantId: s.id,
        venueId: venue.id,
        day: venue.date,
        signMethod: 'thumbprint',
        witness: '',
      });
      suplente = s.id;
    }
  }
  const tech = saveParticipant(db, env, {
    dni: '09999999',
    givenNames: 'Técnica',
    surnames: 'Municipal',
    sex: 'F',
    language: 'es',
    organizationId: null,
    role: 'member',
    authorization: '',
    voice: 'voiceOnly',
    accreditation: 'accredited',
  });
  checkIn(db, env, {
    participantId: tech.id,
    venueId: venue.id,
    day: venue.date,
    signMethod: 'signature',
    witness: '',
  });
  const proposals: string[] = [];
  const nProps = opts.proposals ?? 4;
  const costs = [300_000_00, 500_000_00, 200_000_00, 450_000_00];
  for (let i = 0; i <= nProps; i++) {
    const p = saveProposal(db, env, {
      code: `P-${String(i + 1).padStart(3, '0')}`,
      title: `Proyecto ${i + 1}`,
      description: '',
      sectorId: sector,
      community: 'Ayllu',
      organizationId: null,
      estimatedCostCents: costs[i % costs.length] ?? 100_00,
      beneficiaries: 10,
      cui: '',
      cofinancingCents: 0,
      carriedFrom: '',
    });
    if (i < nProps) {
      reviewProposal(db, env, {
        proposalId: p.id,
        decision: 'admitted',
        reason: null,
        explanation: '',
      });
      proposals.push(p.id);
    } else {
      reviewProposal(db, env, {
        proposalId: p.id,
        decision: 'rejected',
        reason: 'notKeyNeed',
        explanation: 'No es necesidad clave',
      });
    }
  }
  const rejected = db
    .prepare('SELECT id FROM proposal WHERE code = ?')
    .pluck()
    .get(`P-${String(nProps + 1).padStart(3, '0')}`) as string;
  return {
    venueId: venue.id,
    day: venue.date,
    titulars,
    suplente,
    voiceOnly: tech.id,
    proposals,
    rejected,
  };
}

/** One proposal saved and admitted: what a ballot round needs as an item. Returns its id. */
export function admittedProposal(
  db: Db,
  env: Env,
  p: { code: string; title: string; sectorId: string; estimatedCostCents: number },
): string {
  const saved = saveProposal(db, env, {
    ...p,
    description: '',
    community: '',
    organizationId: null,
    beneficiaries: 0,
    cui: '',
    cofinancingCents: 0,
    carriedFrom: '',
  });
  reviewProposal(db, env, {
    proposalId: saved.id,
    decision: 'admitted',
    reason: null,
    explanation: '',
  });
  return saved.id;
}
