// Plan reconciliation (issue 7): compare a municipality's final plan with sealed, verified
// minutes. Stateless: the screen sends the files each time (they are small), nothing is
// written to a workshop, and the same answer comes from `minka verify --plan`.
import { z } from 'zod';
import { LangSchema } from '../lang';
import { PLAN_FIELDS } from '../plan/columns';
import { SealedEntry } from '../schemas/minutes';

const Cents = z.number().int().min(0);
const SignedCents = z.number().int();

const Column = z.number().int().min(0).max(500).nullable();
export const PlanMappingSchema = z.object(
  Object.fromEntries(PLAN_FIELDS.map((f) => [f, Column])) as Record<
    (typeof PLAN_FIELDS)[number],
    typeof Column
  >,
);

/** 20 MB of file is ~27 M base64 characters. */
const Base64 = z.string().min(1).max(28_000_000);

export const MinutesSource = z.union([
  z.object({ base64: Base64, fileName: z.string().max(200) }),
  /** A sealed minutes PDF kept in the data folder's archive. */
  z.object({ archived: z.string().min(1).max(200) }),
]);

export const MatchDecisionSchema = z.object({
  agreedKey: z.string().max(100),
  planLine: z.number().int().min(1),
  verdict: z.enum(['confirmed', 'undone']),
});

export const PlanCheckInput = z.object({
  minutes: MinutesSource,
  plan: z.object({ fileName: z.string().max(200), base64: Base64 }),
  sheet: z.string().max(200).nullable(),
  mapping: PlanMappingSchema.nullable(),
  decisions: z.array(MatchDecisionSchema).max(5000),
});

const Issue = z.object({
  line: z.number().int(),
  field: z.enum(PLAN_FIELDS).nullable(),
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
const PlanRef = z.object({
  line: z.number().int(),
  lines: z.array(z.number().int()),
  cui: z.string(),
  code: z.string(),
  name: z.string(),
  amountCents: Cents,
  pimCents: Cents.nullable(),
  devengadoCents: Cents.nullable(),
});
const Basis = z.enum(['cui', 'code', 'name']);
const Matched = z.object({
  key: z.string(),
  code: z.string(),
  cui: z.string(),
  title: z.string(),
  rank: z.number().int().nullable(),
  agreedCents: Cents,
  planCents: Cents,
  differenceCents: SignedCents,
  differencePercent: z.string().nullable(),
  municipalShare: z.boolean(),
  by: Basis,
  confidence: z.number().int().nullable(),
  confirmed: z.boolean(),
  plan: PlanRef,
});

export const ReconciliationSchema = z.object({
  matched: z.array(Matched),
  amountChanged: z.array(Matched),
  missingFromPlan: z.array(
    z.object({
      key: z.string(),
      code: z.string(),
      cui: z.string(),
      title: z.string(),
      rank: z.number().int().nullable(),
      agreedCents: Cents,
    }),
  ),
  notInMinutes: z.array(PlanRef),
  rejectedButFunded: z.array(
    z.object({
      key: z.string(),
      code: z.string(),
      cui: z.string(),
      title: z.string(),
      proposedCents: Cents,
      reason: z.string(),
      explanation: z.string(),
      by: Basis,
      confidence: z.number().int().nullable(),
      confirmed: z.boolean(),
      plan: PlanRef,
    }),
  ),
  undone: z.array(
    z.object({
      agreedKey: z.string(),
      planLine: z.number().int(),
      code: z.string(),
      title: z.string(),
      planName: z.string(),
    }),
  ),
  totals: z.object({
    agreedCents: Cents,
    planCents: Cents,
    agreedInPlanCents: Cents,
    notInMinutesCents: Cents,
    rejectedButFundedCents: Cents,
  }),
});

export const PlanCheckOutput = z.object({
  // The verified minutes, named as the archive names sealed minutes.
  minutes: SealedEntry.omit({ file: true, kind: true }).extend({
    fileName: z.string(),
    agreedCount: z.number().int(),
    rejectedCount: z.number().int(),
  }),
  plan: z.object({
    fileName: z.string(),
    sha256: z.string(),
    fingerprint: z.string(),
    source: z.enum(['csv', 'xlsx']),
    encoding: z.string().nullable(),
    delimiter: z.string().nullable(),
    sheet: z.string().nullable(),
    sheets: z.array(z.string()),
    header: z.array(z.string()),
    headerLine: z.number().int(),
    rowCount: z.number().int(),
    mapping: PlanMappingSchema,
    sample: z.array(z.object({ line: z.number().int(), cells: z.array(z.string()) })),
  }),
  errors: z.array(Issue),
  warnings: z.array(Issue),
  report: ReconciliationSchema,
});
export type PlanCheckOutput = z.infer<typeof PlanCheckOutput>;

/** A printed report: signed with the facilitator's key when this computer has one. */
export const ReportPdfOutput = z.object({
  fileName: z.string(),
  base64: z.string(),
  signed: z.boolean(),
  keyFingerprint: z.string().nullable(),
});

export const planChannels = {
  /** Verify the minutes, read the plan file, map its columns and reconcile. */
  'plan:check': { input: PlanCheckInput, output: PlanCheckOutput },
  /** The printable report (Spanish with Quechua headings, or the chosen language), signed when a key is available. */
  'plan:reportPdf': {
    input: PlanCheckInput.extend({ lang: LangSchema, passphrase: z.string().max(200).nullable() }),
    output: ReportPdfOutput,
  },
} as const;
