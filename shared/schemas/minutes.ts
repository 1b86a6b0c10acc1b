import { z } from 'zod';
import { Dni } from './attendance';
import { Id, IsoDate, RequiredText, Text } from './workshop';

/** An agreement or commitment of the workshop: what, who answers for it, by when. */
export const AgreementInput = z.object({
  id: Id.optional(),
  text: RequiredText(2000),
  responsible: Text(200),
  due: z.union([z.literal(''), IsoDate]),
});
export type AgreementInput = z.infer<typeof AgreementInput>;

export const Agreement = AgreementInput.extend({
  id: Id,
  position: z.number().int(),
  createdAt: z.string(),
});
export type Agreement = z.infer<typeof Agreement>;

export const COMMITTEE_ROLES = ['coordinator', 'secretary', 'member', 'alternate'] as const;
export const CommitteeRole = z.enum(COMMITTEE_ROLES);
export type CommitteeRole = z.infer<typeof CommitteeRole>;

/** A member of the Comité de Vigilancia elected at the workshop. */
export const CommitteeMemberInput = z.object({
  id: Id.optional(),
  /** The registered participant, when the member is one (name and DNI are copied at save time). */
  participantId: Id.nullable(),
  name: RequiredText(200),
  dni: z.union([z.literal(''), Dni]),
  organization: Text(200),
  role: CommitteeRole,
});
export type CommitteeMemberInput = z.infer<typeof CommitteeMemberInput>;

export const CommitteeMember = CommitteeMemberInput.extend({ id: Id, position: z.number().int() });
export type CommitteeMember = z.infer<typeof CommitteeMember>;

export const ClosingRemarks = Text(4000);

/** What the sealed workshop's minutes row says (no PDF bytes). */
/** A warning the seal asks to confirm (an i18n key with its params; `id` is what is confirmed). */
export const SealWarning = z.object({
  id: z.string(),
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type SealWarning = z.infer<typeof SealWarning>;

export const SealInfo = z.object({
  sealedAt: z.string(),
  payloadSha256: z.string(),
  fingerprint: z.string(),
  keyFingerprint: z.string(),
  pdfSha256: z.string(),
  pdfBytes: z.number().int(),
  fileName: z.string(),
});
export type SealInfo = z.infer<typeof SealInfo>;

export const AddendumInfo = z.object({
  n: z.number().int(),
  text: z.string(),
  createdAt: z.string(),
  payloadSha256: z.string(),
  fingerprint: z.string(),
  fileName: z.string(),
});
export type AddendumInfo = z.infer<typeof AddendumInfo>;

/** The facilitator's signing key as the app shows it (never the private part). */
export const KeyInfo = z.object({
  exists: z.boolean(),
  fingerprint: z.string().nullable(),
  protected: z.boolean(),
  createdAt: z.string().nullable(),
});
export type KeyInfo = z.infer<typeof KeyInfo>;

/** A sealed minutes PDF kept in the data folder, found by its printed fingerprint. */
export const SealedEntry = z.object({
  file: z.string(),
  kind: z.enum(['minutes', 'addendum']),
  fingerprint: z.string(),
  payloadSha256: z.string(),
  keyFingerprint: z.string(),
  municipality: z.string(),
  fiscalYear: z.number().int(),
  title: z.string(),
  sealedAt: z.string(),
});
export type SealedEntry = z.infer<typeof SealedEntry>;
