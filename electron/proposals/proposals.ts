// Proposals intake, admissibility review and matters raised. Edits overwrite the row but
// each save logs the full proposal, so the event log keeps every version; decisions are
// never overwritten: proposal_review keeps them all and the newest one is the status.
import type {
  Admissibility,
  BeneficiaryUnit,
  MatterInput,
  MatterRaised,
  Proposal,
  ProposalInput,
  ProposalReview,
  RejectionReason,
  ReviewInput,
} from '../../shared/schemas/proposals';
import { nextProposalCode, REJECTION_REASONS } from '../../shared/schemas/proposals';
import { MinkaError } from '../platform/errors';
import type { Db } from '../platform/db';
import { appendEvent } from '../platform/events';
import type { Env } from '../workshop/workshop';

interface ProposalRow {
  id: string;
  code: string;
  title: string;
  description: string;
  sector_id: string;
  community: string;
  organization_id: string | null;
  estimated_cost_cents: number;
  beneficiaries: number;
  beneficiary_unit: BeneficiaryUnit;
  cui: string;
  cofinancing_cents: number;
  carried_from: string;
  created_at: string;
  updated_at: string;
  status: Admissibility | null;
}

interface ReviewRow {
  id: string;
  proposal_id: string;
  decision: Admissibility;
  reason: RejectionReason | null;
  /** JSON array of further reasons. */
  also_reasons: string;
  explanation: string;
  decided_at: string;
}

interface MatterRow {
  id: string;
  text: string;
  raised_by: string;
  participant_id: string | null;
  raised_at: string;
}

const rowToProposal = (r: ProposalRow): Proposal => ({
  id: r.id,
  code: r.code,
  title: r.title,
  description: r.description,
  sectorId: r.sector_id,
  community: r.community,
  organizationId: r.organization_id,
  estimatedCostCents: r.estimated_cost_cents,
  beneficiaries: r.beneficiaries,
  beneficiaryUnit: r.beneficiary_unit,
  cui: r.cui,
  cofinancingCents: r.cofinancing_cents,
  carriedFrom: r.carried_from,
  status: r.status ?? 'pending',
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const rowToReview = (r: ReviewRow): ProposalReview => ({
  id: r.id,
  proposalId: r.proposal_id,
  decision: r.decision,
  reason: r.reason,
  alsoReasons: JSON.parse(r.also_reasons) as RejectionReason[],
  explanation: r.explanation,
  decidedAt: r.decided_at,
});

const rowToMatter = (r: MatterRow): MatterRaised => ({
  id: r.id,
  text: r.text,
  raisedBy: r.raised_by,
  participantId: r.participant_id,
  raisedAt: r.raised_at,
});

const SELECT_PROPOSAL = `SELECT p.*, (SELECT decision FROM proposal_review r WHERE r.proposal_id = p.id ORDER BY r.seq DESC LIMIT 1) AS status FROM proposal p`;

/** Proposals in code order (P-002 before P-010: codes are zero-padded). */
export function listProposals(db: Db): Proposal[] {
  return (
    db.prepare(`${SELECT_PROPOSAL} ORDER BY p.code COLLATE NOCASE, p.id`).all() as ProposalRow[]
  ).map(rowToProposal);
}

export function getProposal(db: Db, id: string): Proposal {
  const row = db.prepare(`${SELECT_PROPOSAL} WHERE p.id = ?`).get(id) as ProposalRow | undefined;
  if (!row) throw new MinkaError('NOT_FOUND', 'proposals.error.noProposal');
  return rowToProposal(row);
}

/** Every decision, oldest first. */
export function listReviews(db: Db): ProposalReview[] {
  return (db.prepare('SELECT * FROM proposal_review ORDER BY seq').all() as ReviewRow[]).map(
    rowToReview,
  );
}

export function listMatters(db: Db): MatterRaised[] {
  return (
    db.prepare('SELECT * FROM matter_raised ORDER BY raised_at, id').all() as MatterRow[]
  ).map(rowToMatter);
}

/** The code the form suggests for the next proposal. */
export function nextCode(db: Db): string {
  return nextProposalCode(db.prepare('SELECT code FROM proposal').pluck().all() as string[]);
}

function writeProposal(db: Db, env: Env, input: ProposalInput): Proposal {
  const id = input.id ?? env.newId();
  const now = env.now().toISOString();
  const old = input.id
    ? (db.prepare('SELECT created_at FROM proposal WHERE id = ?').get(input.id) as
        { created_at: string } | undefined)
    : undefined;
  if (input.id && !old) throw new MinkaError('NOT_FOUND', 'proposals.error.noProposal');
  const clash = db
    .prepare('SELECT title FROM proposal WHERE lower(code) = lower(?) AND id <> ?')
    .get(input.code, id) as { title: string } | undefined;
  if (clash)
    throw new MinkaError('CONFLICT', 'proposals.error.duplicateCode', {
      code: input.code,
      title: clash.title,
    });
  if (!db.prepare('SELECT 1 FROM sector WHERE id = ?').get(input.sectorId))
    throw new MinkaError('NOT_FOUND', 'proposals.error.noSector');
  if (
    input.organizationId &&
    !db.prepare('SELECT 1 FROM organization WHERE id = ?').get(input.organizationId)
  )
    throw new MinkaError('NOT_FOUND', 'proposals.error.noOrganization');
  if (input.cofinancingCents > input.estimatedCostCents)
    throw new MinkaError('INVALID_INPUT', 'proposals.error.cofinancingTooHigh');
  db.prepare(
    `INSERT INTO proposal (id, code, title, description, sector_id, community, organization_id, estimated_cost_cents, beneficiaries, beneficiary_unit, cui, cofinancing_cents, carried_from, created_at, updated_at)
     VALUES (@id, @code, @title, @description, @sectorId, @community, @organizationId, @estimatedCostCents, @beneficiaries, @beneficiaryUnit, @cui, @cofinancingCents, @carriedFrom, @createdAt, @updatedAt)
     ON CONFLICT (id) DO UPDATE SET code = excluded.code, title = excluded.title, description = excluded.description, sector_id = excluded.sector_id,
       community = excluded.community, organization_id = excluded.organization_id, estimated_cost_cents = excluded.estimated_cost_cents,
       beneficiaries = excluded.beneficiaries, beneficiary_unit = excluded.beneficiary_unit, cui = excluded.cui, cofinancing_cents = excluded.cofinancing_cents, carried_from = excluded.carried_from,
       updated_at = excluded.updated_at`,
  ).run({
    ...input,
    beneficiaryUnit: input.beneficiaryUnit ?? 'people',
    id,
    createdAt: old?.created_at ?? now,
    updatedAt: now,
  });
  return getProposal(db, id);
}

/** Create or edit a proposal; the event carries the full proposal so every version is on record. */
export function saveProposal(db: Db, env: Env, input: ProposalInput): Proposal {
  return db
    .transaction(() => {
      const p = writeProposal(db, env, input);
      const { status: _status, createdAt: _c, updatedAt: _u, beneficiaryUnit, ...rest } = p;
      // People, the unit before units existed, is left out: such events read the same as before.
      const payload = beneficiaryUnit === 'people' ? rest : { ...rest, beneficiaryUnit };
      appendEvent(db, new Date(p.updatedAt), {
        type: input.id ? 'proposals.proposalEdited' : 'proposals.proposalAdded',
        payload,
      });
      return p;
    })
    .immediate();
}

/** Record an admissibility decision. A rejection needs a reason from the taxonomy and a written explanation. */
export function reviewProposal(db: Db, env: Env, input: ReviewInput): ProposalReview {
  return db
    .transaction(() => {
      const p = getProposal(db, input.proposalId);
      const rejecting = input.decision === 'rejected';
      if (rejecting && input.reason === null)
        throw new MinkaError('INVALID_INPUT', 'proposals.error.reasonNeeded', { code: p.code });
      if (rejecting && !input.explanation.trim())
        throw new MinkaError('INVALID_INPUT', 'proposals.error.explanationNeeded', {
          code: p.code,
        });
      if (input.decision === p.status && !rejecting)
        throw new MinkaError('CONFLICT', 'proposals.error.sameDecision', { code: p.code });
      const review: ProposalReview = {
        id: env.newId(),
        proposalId: p.id,
        decision: input.decision,
        reason: rejecting ? input.reason : null,
        // In the taxonomy's order, once each, never the main one again.
        alsoReasons: rejecting
          ? REJECTION_REASONS.filter(
              (r) => r !== input.reason && (input.alsoReasons ?? []).includes(r),
            )
          : [],
        explanation: input.explanation.trim(),
        decidedAt: env.now().toISOString(),
      };
      db.prepare(
        'INSERT INTO proposal_review (id, proposal_id, decision, reason, also_reasons, explanation, decided_at) VALUES (@id, @proposalId, @decision, @reason, @alsoReasons, @explanation, @decidedAt)',
      ).run({ ...review, alsoReasons: JSON.stringify(review.alsoReasons) });
      appendEvent(db, new Date(review.decidedAt), {
        type: `proposals.${input.decision}`,
        payload: {
          id: review.id,
          proposalId: p.id,
          code: p.code,
          previous: p.status,
          decision: review.decision,
          reason: review.reason,
          // Written only when there are some: a one-reason event reads as before.
          ...(review.alsoReasons.length ? { alsoReasons: review.alsoReasons } : {}),
          explanation: review.explanation,
        },
      });
      return review;
    })
    .immediate();
}

export function addMatter(db: Db, env: Env, input: MatterInput): MatterRaised {
  return db
    .transaction(() => {
      if (
        input.participantId &&
        !db.prepare('SELECT 1 FROM participant WHERE id = ?').get(input.participantId)
      )
        throw new MinkaError('NOT_FOUND', 'proposals.error.noParticipant');
      const m: MatterRaised = { id: env.newId(), ...input, raisedAt: env.now().toISOString() };
      db.prepare(
        'INSERT INTO matter_raised (id, text, raised_by, participant_id, raised_at) VALUES (@id, @text, @raisedBy, @participantId, @raisedAt)',
      ).run(m);
      appendEvent(db, new Date(m.raisedAt), { type: 'proposals.matterRaised', payload: m });
      return m;
    })
    .immediate();
}
