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

/** Who a proposal's beneficiaries are counted as ("320 familias"). Older proposals: people. */
export const BENEFICIARY_UNITS = ['people', 'families', 'students'] as const;
export const BeneficiaryUnit = z.enum(BENEFICIARY_UNITS);
export type BeneficiaryUnit = z.infer<typeof BeneficiaryUnit>;

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
  /** What `beneficiaries` counts; absent (older callers) reads as people. */
  beneficiaryUnit: BeneficiaryUnit.default('people'),
  cui: Cui,
  cofinancingCents: Cents,
  /** When carried over: the same proposal in an earlier year's workshop ("2025 P-014"). */
  carriedFrom: Text(120),
});
// What callers send: the unit may be left out (older callers, fixtures) and then counts people.
export type ProposalInput = z.input<typeof ProposalInput>;

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
  /** Further reasons from the taxonomy after the main one (rejections only; older ones: none). */
  alsoReasons: z.array(RejectionReason).max(REJECTION_REASONS.length).default([]),
  /** Required when rejecting: the minutes must say why. */
  explanation: Text(2000),
});
export type ReviewInput = z.input<typeof ReviewInput>;

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

// The unit words a facilitator may type after the number, in Spanish, English and Quechua.
const UNIT_WORDS: Record<string, BeneficiaryUnit> = {
  persona: 'people',
  personas: 'people',
  person: 'people',
  people: 'people',
  habitantes: 'people',
  runa: 'people',
  runakuna: 'people',
  familia: 'families',
  familias: 'families',
  family: 'families',
  families: 'families',
  ayllu: 'families',
  ayllukuna: 'families',
  estudiante: 'students',
  estudiantes: 'students',
  alumnos: 'students',
  student: 'students',
  students: 'students',
  yachaqkuna: 'students',
  yachaqekuna: 'students',
};

/**
 * "320 familias", "1.200 personas", "45": the count and, when a unit word follows, its unit
 * (null: none typed). Undefined when the text is not a count, or the word not a known unit.
 */
export function parseBeneficiaries(
  text: string,
): { count: number; unit: BeneficiaryUnit | null } | undefined {
  const m = /^\s*(\d[\d\s.,]*?)\s*(\p{L}*)\s*$/u.exec(text);
  if (!m?.[1]) return undefined;
  const count = Number(m[1].replace(/[\s.,]/g, ''));
  if (!Number.isSafeInteger(count)) return undefined;
  const word = (m[2] ?? '').toLowerCase();
  if (!word) return { count, unit: null };
  const unit = UNIT_WORDS[word];
  return unit ? { count, unit } : undefined;
}
