// The follow-up register (issue 7 §4): earlier years' sealed minutes kept in the workshop
// being prepared, the final plans compared with them, notes of what happened since, and
// unfunded agreements carried into this workshop's proposals with their history.
import { z } from 'zod';
import { LangSchema } from '../lang';
import { NOTE_STATUSES } from '../followup/register-model';
import { Proposal } from '../schemas/proposals';
import { MatchDecisionSchema, PlanCheckOutput, PlanMappingSchema, ReportPdfOutput } from './plan';

const Ref = z.object({ workshopId: z.string().min(1).max(64) });
const ChainHead = z.object({ head: z.string(), length: z.number().int(), fingerprint: z.string() });
const withChain = <T extends z.ZodType>(value: T) => z.object({ value, chain: ChainHead });
const Cents = z.number().int().min(0);
const AgreementRef = z.string().min(3).max(120);
/** A workshop file can be large: 200 MB is ~280 M base64 characters. */
const FileBase64 = z.string().min(1).max(280_000_000);
const Base64 = z.string().min(1).max(28_000_000);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const EntryKindSchema = z.enum([
  'agreed',
  'revived',
  'unfunded',
  'rejected',
  'inPlan',
  'amountChanged',
  'notInPlan',
  'fundedAfterRejection',
  'executed',
  'suspended',
  'carried',
]);
export const ProjectStateSchema = z.enum([
  'agreed',
  'unfunded',
  'inPlan',
  'fundedAfterRejection',
  'executed',
  'notInPlan',
  'suspended',
  'rejected',
  'carried',
]);

export const TimelineEntrySchema = z.object({
  fiscalYear: z.number().int(),
  kind: EntryKindSchema,
  ref: z.string(),
  code: z.string(),
  title: z.string(),
  amountCents: Cents.nullable(),
  baseCents: Cents.nullable(),
  source: z.enum(['minutes', 'plan', 'note', 'carry']),
  fingerprint: z.string(),
  date: z.string(),
  note: z.string(),
});

const ProjectSchema = z.object({
  key: z.string(),
  title: z.string(),
  cui: z.string(),
  sector: z.string(),
  years: z.array(z.number().int()),
  refs: z.array(z.string()),
  links: z.array(
    z.object({
      a: z.string(),
      b: z.string(),
      by: z.enum(['cui', 'name']),
      confidence: z.number().int().nullable(),
    }),
  ),
  timeline: z.array(TimelineEntrySchema),
  state: ProjectStateSchema,
  carryable: z.boolean(),
  lastAgreedCents: Cents,
});

const PlanRecord = z.object({
  id: z.string(),
  minutesId: z.string(),
  fileName: z.string(),
  sha256: z.string(),
  fingerprint: z.string(),
  recordedAt: z.string(),
});

export const RegisterSchema = z.object({
  fiscalYear: z.number().int(),
  minutes: z.array(
    z.object({
      id: z.string(),
      fiscalYear: z.number().int(),
      municipality: z.string(),
      title: z.string(),
      sealedAt: z.string(),
      fingerprint: z.string(),
      keyFingerprint: z.string(),
      source: z.enum(['pdf', 'workshop']),
      fileName: z.string(),
      importedAt: z.string(),
      agreedCount: z.number().int(),
      unfundedCount: z.number().int(),
      rejectedCount: z.number().int(),
      plans: z.array(PlanRecord),
    }),
  ),
  projects: z.array(ProjectSchema),
  counts: z.record(ProjectStateSchema, z.number().int()),
  separated: z.array(
    z.object({ a: z.string(), b: z.string(), labelA: z.string(), labelB: z.string() }),
  ),
  /** Register entries whose signature no longer holds (the file was edited outside Minka). */
  broken: z.array(z.string()),
});
export type RegisterOutput = z.infer<typeof RegisterSchema>;

const PlanInput = Ref.extend({
  minutesId: z.string().regex(/^[0-9a-f]{64}$/),
  plan: z.object({ fileName: z.string().max(200), base64: Base64 }),
  sheet: z.string().max(200).nullable(),
  mapping: PlanMappingSchema.nullable(),
  decisions: z.array(MatchDecisionSchema).max(5000),
});

export const followupChannels = {
  'followup:get': { input: Ref, output: RegisterSchema },
  /** Add an earlier year's sealed minutes: the Acta PDF, a sealed workshop file, or one kept in the data folder. */
  'followup:importMinutes': {
    input: Ref.extend({
      file: z.union([
        z.object({ fileName: z.string().min(1).max(200), base64: FileBase64 }),
        z.object({ archived: z.string().min(1).max(200) }),
      ]),
    }),
    output: withChain(
      z.object({
        fiscalYear: z.number().int(),
        fingerprint: z.string(),
        added: z.boolean(),
        alsoYears: z.array(z.number().int()),
        plans: z.number().int(),
        notes: z.number().int(),
      }),
    ),
  },
  /** Compare a final plan with a register year's minutes (nothing written). */
  'followup:checkPlan': { input: PlanInput, output: PlanCheckOutput },
  /** Keep that comparison in the register, as the person confirmed it. */
  'followup:recordPlan': { input: PlanInput, output: withChain(z.object({ id: z.string() })) },
  'followup:addNote': {
    input: Ref.extend({
      note: z.object({
        ref: AgreementRef,
        fiscalYear: z.number().int().min(2000).max(2100),
        status: z.enum(NOTE_STATUSES),
        date: Day,
        note: z.string().trim().min(1).max(500),
      }),
    }),
    output: withChain(z.object({ id: z.string() })),
  },
  /** Two agreements are different projects (linked: false), or the same again (true). */
  'followup:setLink': {
    input: Ref.extend({ a: AgreementRef, b: AgreementRef, linked: z.boolean() }),
    output: withChain(z.object({ linked: z.boolean() })),
  },
  /** The history of the project a proposal of this workshop takes up, or null. */
  'followup:historyOf': {
    input: Ref.extend({ proposalId: z.string().min(1).max(64) }),
    output: z.union([
      z.object({ title: z.string(), live: z.boolean(), timeline: z.array(TimelineEntrySchema) }),
      z.null(),
    ]),
  },
  'followup:carry': {
    input: Ref.extend({ projectKey: AgreementRef, sectorId: z.string().max(64).nullable() }),
    output: withChain(z.object({ proposal: Proposal, history: z.array(TimelineEntrySchema) })),
  },
  /** The register printed: "Historia de los acuerdos", A4, signed when this computer has a key (reading only: a sealed workshop prints too). */
  'followup:reportPdf': {
    input: Ref.extend({
      lang: LangSchema,
      passphrase: z.string().max(200).nullable(),
    }),
    output: ReportPdfOutput,
  },
} as const;
