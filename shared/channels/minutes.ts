import { z } from 'zod';
import { LangSchema } from '../lang';
import { TrustedKey, VerifyResult } from '../minutes/verify-result';
import {
  AddendumInfo,
  Agreement,
  AgreementInput,
  ClosingRemarks,
  CommitteeMember,
  CommitteeMemberInput,
  KeyInfo,
  SealedEntry,
  SealInfo,
  SealWarning,
} from '../schemas/minutes';
import { Id } from '../schemas/workshop';

const Ref = z.object({ workshopId: z.string().min(1).max(64) });
const ChainHead = z.object({ head: z.string(), length: z.number().int(), fingerprint: z.string() });
const withChain = <T extends z.ZodType>(value: T) => z.object({ value, chain: ChainHead });
/** What the person expects, typed from paper: the minutes fingerprint (or its first two groups) and the key's. */
const Expect = {
  expectFingerprint: z.string().max(80).optional(),
  expectKey: z.string().max(80).optional(),
};

/** Optional passphrase of the facilitator's key (never stored, never logged). */
const Passphrase = z.string().max(200).nullable();
const PdfFile = z.object({ fileName: z.string(), base64: z.string() });
/** A PDF handed in for verification: 25 MB of file is ~34 M base64 characters. */
const PdfBase64 = z.string().min(1).max(34_000_000);
/** A PKCS#12 (.p12/.pfx) certificate and its passphrase (never stored, never logged); 1 MB at most. */
const P12 = z.object({
  base64: z.string().min(1).max(1_400_000),
  passphrase: z.string().max(200),
});

export const minutesChannels = {
  'minutes:get': {
    input: Ref,
    output: z.object({
      agreements: z.array(Agreement),
      committee: z.array(CommitteeMember),
      closingRemarks: z.string(),
      sealed: SealInfo.nullable(),
      addenda: z.array(AddendumInfo),
      key: KeyInfo,
      /** What the seal asks to confirm now (fac26: empty committee, settlements after a close). */
      sealWarnings: z.array(SealWarning).optional(),
    }),
  },
  'minutes:saveAgreement': {
    input: Ref.extend({ agreement: AgreementInput }),
    output: withChain(Agreement),
  },
  'minutes:removeAgreement': {
    input: Ref.extend({ id: Id }),
    output: withChain(z.object({ removed: z.boolean() })),
  },
  'minutes:saveMember': {
    input: Ref.extend({ member: CommitteeMemberInput }),
    output: withChain(CommitteeMember),
  },
  'minutes:removeMember': {
    input: Ref.extend({ id: Id }),
    output: withChain(z.object({ removed: z.boolean() })),
  },
  'minutes:saveClosing': {
    input: Ref.extend({ text: ClosingRemarks }),
    output: withChain(z.string()),
  },
  'minutes:key': { input: z.object({}), output: KeyInfo },
  'minutes:createKey': { input: z.object({ passphrase: Passphrase }), output: KeyInfo },
  /** Close the workshop, sign and draw the Acta. Irreversible: corrections are addenda. */
  'minutes:seal': {
    input: Ref.extend({
      lang: LangSchema,
      bilingual: z.boolean(),
      slips: z.boolean(),
      passphrase: Passphrase,
      /** Who holds the key and seals: printed on the Acta's key card. */
      facilitator: z.string().max(120).optional(),
      /** The municipality's certificate for the standard PDF signature (else Minka issues one). */
      p12: P12.optional(),
      confirm: z.literal(true),
      /** Ids of the seal warnings the facilitator confirmed (each one that applies is required). */
      acknowledged: z.array(z.string().max(200)).max(100).optional(),
    }),
    output: z.object({ sealed: SealInfo, pdf: PdfFile, chain: ChainHead }),
  },
  /** The sealed PDF as stored in the workshop (a reprint is byte-identical). */
  'minutes:pdf': { input: Ref, output: PdfFile },
  'minutes:addendum': {
    input: Ref.extend({
      text: z.string().trim().min(1).max(4000),
      lang: LangSchema,
      bilingual: z.boolean(),
      passphrase: Passphrase,
    }),
    output: z.object({ addendum: AddendumInfo, pdf: PdfFile, chain: ChainHead }),
  },
  'minutes:addendumPdf': { input: Ref.extend({ n: z.number().int().min(1) }), output: PdfFile },
  /** Check a PDF handed in by the person at the screen (opened or dropped). */
  /** An official's co-signature: their PKCS#12 signs the Acta as a PAdES incremental update. */
  'minutes:cosign': {
    input: z.object({
      base64: PdfBase64,
      fileName: z.string().max(200),
      p12: P12,
      reason: z.string().max(200),
    }),
    output: z.object({ pdf: PdfFile, result: VerifyResult }),
  },
  'minutes:verify': {
    input: z.object({ base64: PdfBase64, fileName: z.string().max(200).optional(), ...Expect }),
    output: VerifyResult,
  },
  /** Keys trusted on this computer, and trusting one more (from a verified Acta or typed). */
  'minutes:trustedKeys': { input: z.object({}), output: z.array(TrustedKey) },
  'minutes:trustKey': {
    input: z.object({
      keyFingerprint: z.string().min(1).max(40),
      municipality: z.string().max(200),
      label: z.string().max(200),
      firstSeen: z.string().min(1).max(200),
    }),
    output: z.array(TrustedKey),
  },
  /** Sealed minutes kept in the data folder, optionally those whose fingerprint starts as typed. */
  'minutes:archive': {
    input: z.object({ fingerprint: z.string().max(80).optional() }),
    output: z.array(SealedEntry),
  },
  'minutes:verifyArchived': {
    input: z.object({ file: z.string().min(1).max(200), ...Expect }),
    output: z.object({ result: VerifyResult, pdf: PdfFile }),
  },
} as const;
