import { z } from 'zod';
import { SignedPayload } from './payload';

/** What checking a PDF found. Only `authentic` means every check passed. */
export const VERDICTS = [
  'authentic',
  'tampered',
  'unsigned',
  'notMinutes',
  'malformed',
  'tooLarge',
] as const;
export const Verdict = z.enum(VERDICTS);
export type Verdict = z.infer<typeof Verdict>;

export const CHECK_IDS = [
  'size',
  'structure',
  'attachments',
  'payloadHash',
  'payloadSignature',
  'documentSignature',
  'sameSigner',
  'rendering',
] as const;
export const CheckId = z.enum(CHECK_IDS);
export type CheckId = z.infer<typeof CheckId>;

export const Check = z.object({
  id: CheckId,
  ok: z.boolean(),
  /** i18n key saying what was found (minutes.check.*). */
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type Check = z.infer<typeof Check>;

export const VerifyResult = z.object({
  ok: z.boolean(),
  verdict: Verdict,
  kind: z.enum(['minutes', 'addendum']).nullable(),
  checks: z.array(Check),
  payloadSha256: z.string().nullable(),
  /** Short fingerprint of the payload: what every printed page shows. */
  fingerprint: z.string().nullable(),
  /** Short fingerprint of the signer's public key. */
  keyFingerprint: z.string().nullable(),
  /** Set only when the payload's signature holds. */
  payload: SignedPayload.nullable(),
});
export type VerifyResult = z.infer<typeof VerifyResult>;
