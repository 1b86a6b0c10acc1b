import { z } from 'zod';
import { SignedPayload } from './payload';

/**
 * What checking a PDF found. `authentic`: every check passed and the pages are what the signed
 * payload draws (additions after the signature, if any, are digital signatures only).
 * `resaved`: rewritten whole by another program, the signed content and the pages intact.
 * `alteredAfter`: the signed revision is authentic but something added later changes pages.
 * `resavedDiffers`: re-saved and the pages no longer match. `cannotCheck`: this version of
 * Minka cannot redraw the pages (another layout, other fonts): never reassuring.
 */
export const VERDICTS = [
  'authentic',
  'resaved',
  'alteredAfter',
  'resavedDiffers',
  'cannotCheck',
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
  'revisions',
  'expectedKey',
  'expectedFingerprint',
  'pdfSignatures',
  /** minka verify --workshop: a venue device's chain against the Acta (issue 20). */
  'workshopDevice',
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

/** Something appended after Minka's signature (an incremental update), in words. */
export const Revision = z.object({
  kind: z.enum([
    'signature',
    /** A signature field whose widget paints on the page (a stamp, or an overlay posing as one). */
    'visibleSignature',
    /** A signature field without a signature in it (pdfsig: "not signed"). */
    'unsignedSignature',
    'annotation',
    'formField',
    'pageContent',
    'pages',
    'attachments',
    /** A page placed or cut otherwise (MediaBox, CropBox, Rotate…, inherited values included). */
    'pageView',
    /** The page tree changed: which pages in which order, or a node's inherited attributes. */
    'pageTree',
    /** A document-level entry that changes what a reader shows or runs (subject: its name). */
    'document',
    /** The Info dictionary (the title a reader shows) or the XMP metadata. */
    'info',
    'other',
  ]),
  /** 1-based page, when the change sits on one. */
  page: z.number().int().nullable(),
  /** Signer's name as the signature gives it ('' when not readable); for pageView, pageTree,
   *  document and info: the entries that changed (PDF names, e.g. "CropBox", "OpenAction"). */
  subject: z.string(),
  /** The pages a pageView / pageTree change affects (1-based). */
  pages: z.array(z.number().int()).optional(),
});
export type Revision = z.infer<typeof Revision>;

/**
 * A standard PDF signature (PAdES / PKCS#7, an incremental update) found in the file, checked
 * (issue 16). `certificate`: minkaSeal = the certificate whose hash the signed payload names
 * (the facilitator's, made when sealing); minkaIssued = another certificate Minka issued;
 * external = a certificate from elsewhere (the municipality's, ReFirma / Firma Perú). Without a
 * connection no certificate chain is checked: `identity` says so, it is not an error.
 */
export const DigitalSignature = z.object({
  /** Common name of the signer's certificate (or the dictionary's /Name). */
  subject: z.string(),
  organization: z.string(),
  /** The signature dictionary's /M as ISO; '' when absent. */
  signedAt: z.string(),
  reason: z.string(),
  subFilter: z.string(),
  /** The CMS signature holds over its byte range (which leaves out only its own /Contents). */
  valid: z.boolean(),
  /** Nothing was appended after it. */
  coversWholeFile: z.boolean(),
  certSha256: z.string(),
  certificate: z.enum(['minkaSeal', 'minkaIssued', 'external']),
  identity: z.enum(['boundToActa', 'notCheckedOffline']),
});
export type DigitalSignature = z.infer<typeof DigitalSignature>;

/** Whether the signing key is one this computer knows. */
export const KeyStatus = z.object({
  /** own: this computer's key; known: trusted or seen here; new: never seen; different: new, and another key is known for the same municipality. */
  status: z.enum(['own', 'known', 'new', 'different']),
  /** Where it was first seen: an Acta's file name, "typed", or the sealing on this computer. */
  firstSeen: z.string().nullable(),
  seenAt: z.string().nullable(),
  label: z.string(),
  /** For `different`: the key this computer knows for the municipality. */
  otherKey: z.string().nullable(),
});
export type KeyStatus = z.infer<typeof KeyStatus>;

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
  /** Additions after Minka's signature, in file order. */
  revisions: z.array(Revision),
  /** Pages (1-based) that differ from what the signed payload draws. */
  changedPages: z.array(z.number().int()),
  /** Set when verified with a data folder (the app, the CLI). */
  key: KeyStatus.nullable(),
  /** Standard PDF signatures in the file, oldest first (Minka's PAdES seal, officials'). */
  signatures: z.array(DigitalSignature),
});
export type VerifyResult = z.infer<typeof VerifyResult>;

/** A key trusted on this computer (keys/trusted-keys.json in the data folder). */
export const TrustedKey = z.object({
  keyFingerprint: z.string(),
  municipality: z.string(),
  label: z.string(),
  /** Where it was first seen: an Acta's file name, or "typed". */
  firstSeen: z.string(),
  addedAt: z.string(),
});
export type TrustedKey = z.infer<typeof TrustedKey>;
