import { z } from 'zod';
import { Cents, Id, RequiredText, Text } from './workshop';

/** Why a proposal is rejected: the taxonomy of DOMAIN.md, in its order. Keys are stable. */
export const REJECTION_REASONS = [
  'otherLevel',
  'notAligned',
  'notInvestment',
  'notViable',
  'exceedsEnvelope',
  'duplicate',
  'missingPreconditions',
  'procedural',
  'notKeyNeed',
] as const;
export const RejectionReason = z.enum(REJECTION_REASONS);
export type RejectionReason = z.infer<typeof RejectionReason>;

export const ADMISSIBILITY = ['pending', 'admitted', 'rejected'] as const;
export const Admissibility = z.enum(ADMISSIBILITY);
export type Admissibility = z.infer<typeof Admissibility>;

/** Invierte.pe's unique investment code: 7 digits, kept as a string. */
export const Cui = z.union([z.literal(''), z.string().regex(/^\d{7}$/, '7 digits')]);

export const ProposalInput = z.object({
  id: Id.optional(),
  /** "P-001"…: suggested by the app, editable, unique in the workshop. */
  code: RequiredText(20),
  title: RequiredText(200),
  description: Text(2000),
  sectorId: Id,
  /** Community or place that benefits. */
  community: Text(120),
  organizationId: Id.nullable(),
  estimatedCostCents: Cents,
  beneficiaries: z.number().int().min(0).max(10_000_000),
  cui: Cui,
  cofinancingCents: Cents,
  /** When carried over: the same proposal in an earlier year's workshop ("2025 P-014"). */
  carriedFrom: Text(120),
});
export type ProposalInput = z.infer<typeof ProposalInput>;

export const Proposal = ProposalInput.extend({
  id: Id,
  /** The newest review's decision; pending until one is made. */
  status: Admissibility,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Proposal = z.infer<typeof Proposal>;

export const ReviewInput = z.object({
  proposalId: Id,
  decision: Admissibility,
  /** Required when rejecting; ignored otherwise. */
  reason: RejectionReason.nullable(),
  /** Required when rejecting: the minutes must say why. */
  explanation: Text(2000),
});
export type ReviewInput = z.infer<typeof ReviewInput>;

/** One admissibility decision; the newest per proposal wins, older ones stay as history. */
export const ProposalReview = ReviewInput.extend({ id: Id, decidedAt: z.string() });
export type ProposalReview = z.infer<typeof ProposalReview>;

export const MatterInput = z.object({
  text: RequiredText(2000),
  raisedBy: Text(160),
  participantId: Id.nullable(),
});
export type MatterInput = z.infer<typeof MatterInput>;

/** A topic raised off the agenda: recorded so it leaves a trace in the minutes. */
export const MatterRaised = MatterInput.extend({ id: Id, raisedAt: z.string() });
export type MatterRaised = z.infer<typeof MatterRaised>;

/** The next free code "P-NNN" after the highest numbered one. */
export function nextProposalCode(codes: readonly string[]): string {
  let max = 0;
  for (const c of codes) {
    const m = /^P-(\d+)$/i.exec(c.trim());
    if (m?.[1]) max = Math.max(max, Number(m[1]));
  }
  return `P-${String(max + 1).padStart(3, '0')}`;
}
