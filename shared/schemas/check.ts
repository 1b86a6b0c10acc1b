// What `minka check` proves about a workshop file, as the answer of the read-only channel
// `workshop:check` (the CLI reaches it through the core's dispatch; the app may too). Keys in
// the order the CLI has always printed them in `--json`.
import { z } from 'zod';
import { QuorumAtClose } from './official';

export const ChainCheck = z.object({
  ok: z.boolean(),
  length: z.number().int(),
  head: z.string(),
  /** First sequence number whose link does not hold. */
  brokenAt: z.number().int().optional(),
  reason: z.enum(['gap', 'prevHash', 'hash', 'payload']).optional(),
  fingerprint: z.string(),
});

export const ConsistencyCheck = z.object({
  ok: z.boolean(),
  problems: z.array(z.object({ table: z.string(), key: z.string(), what: z.string() })),
  covered: z.array(z.string()),
  uncovered: z.array(z.string()),
});

export const AnchorCheck = z.object({
  fingerprint: z.string(),
  seq: z.number().int().nullable(),
  matched: z.enum(['chain', 'minutes']).nullable(),
  digits: z.number().int().optional(),
});

export const SealedCheck = z.object({
  sealed: z.boolean(),
  ok: z.boolean(),
  fingerprint: z.string().optional(),
  problems: z.array(
    z.object({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) }),
  ),
});

export const FrozenResultsCheck = z.object({
  ok: z.boolean(),
  rounds: z.number().int(),
  problems: z.array(
    z.object({
      roundId: z.string(),
      what: z.string(),
      inputs: z.literal(true).optional(),
      /** A frozen quorum that differs from a recount over the record before the close. */
      quorum: z
        .object({ title: z.string(), frozen: QuorumAtClose, recomputed: QuorumAtClose })
        .optional(),
    }),
  ),
});

const AppliedDifference = z.object({
  kitId: z.string(),
  deviceSeq: z.number().int(),
  mainSeq: z.number().int(),
  field: z.string(),
});

export const VenuesCheck = z.object({
  ok: z.boolean(),
  orphanApplied: z.array(AppliedDifference).optional(),
  /** Device events merged in that applied_event does not account for. */
  unlinked: z
    .array(
      z.object({
        kitId: z.string(),
        deviceSeq: z.number().int(),
        type: z.string(),
        what: z.enum(['notApplied', 'heldApplied']),
      }),
    )
    .optional(),
  devices: z.array(
    z.object({
      kitId: z.string(),
      venue: z.string(),
      keyFingerprint: z.string(),
      ok: z.boolean(),
      events: z.number().int(),
      head: z.string(),
      brokenAt: z.number().int().optional(),
      what: z.enum(['chain', 'signature', 'applied']).optional(),
      /** 'applied': main events applied from this device that differ from its events. */
      applied: z.array(AppliedDifference).optional(),
      /** How the head was vouched for when merged: the venue's closing slip, or none (why). */
      proof: z
        .discriminatedUnion('kind', [
          z.object({ kind: z.literal('slip'), head: z.string() }),
          z.object({ kind: z.literal('none'), note: z.string() }),
        ])
        .nullable()
        .optional(),
    }),
  ),
  conflicts: z.object({
    open: z.number().int(),
    settled: z.number().int(),
    unrecorded: z.array(z.string()),
    missing: z.array(z.string()),
    unlisted: z.array(z.string()),
  }),
});

export const ExportCheck = z.object({
  ok: z.boolean(),
  format: z.string().nullable(),
  compared: z.number().int(),
  differing: z.number().int(),
  differences: z.array(
    z.object({ path: z.string(), file: z.string().nullable(), export: z.string().nullable() }),
  ),
});

export const WorkshopCheck = z.object({
  /** Everything below holds (and the archived export, when given, matches). */
  ok: z.boolean(),
  integrity: z.enum(['ok', 'corrupt', 'unreadable']),
  error: z.string().optional(),
  chain: ChainCheck.optional(),
  consistency: ConsistencyCheck.optional(),
  anchor: AnchorCheck.optional(),
  minutes: SealedCheck.optional(),
  results: FrozenResultsCheck.optional(),
  venues: VenuesCheck.optional(),
  /** The archived export compared with the file (only when given and the file is sound). */
  export: ExportCheck.optional(),
});
export type WorkshopCheck = z.infer<typeof WorkshopCheck>;
