// Channels of a workshop held at several venues (issue 20): prepare a venue's kit, bring a
// venue's file back, list the devices that contributed and the conflicts, settle one.
import { z } from 'zod';
import { LangSchema } from '../lang';
import { Id } from '../schemas/workshop';

const Ref = z.object({ workshopId: z.string().min(1).max(64) });
const ChainHead = z.object({ head: z.string(), length: z.number().int(), fingerprint: z.string() });
const withChain = <T extends z.ZodType>(value: T) => z.object({ value, chain: ChainHead });
/** A workshop file can be large: 200 MB is ~280 M base64 characters. */
const FileBase64 = z.string().min(1).max(280_000_000);
const VenueFileName = z
  .string()
  .min(1)
  .max(200)
  // No folders, and not '.' or '..': the core writes it into a private temporary folder.
  // (Two checks rather than one lookahead, so the schema-shaped fuzzing can generate names.)
  .regex(/^[^/\\\0]+$/, 'a file name')
  .refine((name) => !/^\.+$/.test(name), 'a file name');

export const ConflictKindSchema = z.enum([
  'checkIn',
  'orgVote',
  'proposalEdit',
  'roundCounts',
  'countRefused',
]);

export const ConflictSideSchema = z.object({
  /** The kit id of the device, or 'main'. */
  source: z.string(),
  venue: z.string(),
  at: z.string(),
  /** What this side says (a check-in's venue and time, a proposal's version, the counts). */
  what: z.unknown(),
  ref: z.string(),
});

export const ConflictSchema = z.object({
  id: z.string(),
  kind: ConflictKindSchema,
  subject: z.string(),
  label: z.string(),
  sides: z.array(ConflictSideSchema),
  foundAt: z.string(),
  settled: z
    .object({
      choice: z.string(),
      note: z.string(),
      at: z.string(),
      /** A ballot round's ruling: per paper serial read otherwise, the laptop whose reading stands. */
      readings: z.record(z.string(), z.string()).optional(),
    })
    .nullable(),
});
export type ConflictView = z.infer<typeof ConflictSchema>;

/** How a device's head was vouched for: the venue's closing slip, or merged without one. */
export const DeviceProofSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('slip'), head: z.string() }),
  z.object({ kind: z.literal('none'), note: z.string() }),
  /** Only a copy carried in another laptop's file of the same venue (`by`: its kit id). */
  z.object({ kind: z.literal('carried'), by: z.string() }),
]);

export const DeviceSchema = z.object({
  kitId: z.string(),
  venue: z.string(),
  keyFingerprint: z.string(),
  head: z.string(),
  /** The head's short form, as the Acta prints it. */
  headFingerprint: z.string(),
  events: z.number().int(),
  adoptedAt: z.string(),
  proof: DeviceProofSchema.nullable(),
  /** The kit's code as its slip prints it (fac27: the door and desk laptops of one venue looked alike). */
  kitCode: z.string(),
  /** From the kit's signed statement: a kit without the venue's rounds takes attendance only. */
  role: z.enum(['door', 'desk']),
});
export type DeviceView = z.infer<typeof DeviceSchema>;

export const VenuesOverview = z.object({
  /** This file is a venue's copy (kits are prepared and merged in the main workshop). */
  isKit: z.boolean(),
  venues: z.array(z.object({ id: z.string(), name: z.string() })),
  /**
   * Kits prepared here: two of one venue (its door and its desk, or one prepared twice) in the
   * same minute differ by their code and role (misc28).
   */
  kits: z.array(
    z.object({
      kitId: z.string(),
      venue: z.string(),
      createdAt: z.string(),
      kitCode: z.string(),
      role: z.enum(['door', 'desk']),
    }),
  ),
  devices: z.array(DeviceSchema),
  conflicts: z.array(ConflictSchema),
  /** On a venue's laptop: what its closing slip shows (null on the main workshop). */
  closing: z
    .object({
      venue: z.string(),
      kitCode: z.string(),
      keyFingerprint: z.string(),
      events: z.number().int(),
      headFingerprint: z.string(),
    })
    .nullable(),
});
export type VenuesOverview = z.infer<typeof VenuesOverview>;

export const MergeResult = z.object({
  file: z.string(),
  venue: z.string(),
  keyFingerprint: z.string(),
  headFingerprint: z.string(),
  added: z.number().int(),
  applied: z.number().int(),
  held: z.number().int(),
  /** This laptop's own events that came back in the other's file (not counted in `added`). */
  returned: z.number().int(),
  /** What was held and why (venues-apply.ts's reasons), with the event types. */
  heldKinds: z.array(
    z.object({
      why: z.string(),
      types: z.array(z.string()),
      /** The held rounds' titles (held as another device's round), for the report. */
      rounds: z.array(z.string()).default([]),
      n: z.number().int(),
    }),
  ),
  /** Conflicts this merge found (ids). */
  conflicts: z.array(z.string()),
  proof: DeviceProofSchema,
});

/** The head read from the venue's closing slip, or why there is none (printed in the Acta). */
export const MergeProofSchema = z.union([
  z.object({ slipHead: z.string().min(1).max(200) }),
  z.object({ withoutSlip: z.string().trim().min(1).max(2000) }),
]);

export const venueChannels = {
  'venues:get': { input: Ref, output: VenuesOverview },
  /** Prepare a venue's kit, signed with the facilitator's key; the file comes back to download. */
  'venues:prepareKit': {
    input: Ref.extend({
      venueId: Id,
      passphrase: z.string().max(200).nullable().optional(),
      /** A door laptop's kit: the venue's rounds go to its voting desk's kit (prepared apart). */
      noRounds: z.boolean().optional(),
    }),
    output: withChain(
      z.object({
        fileName: z.string(),
        base64: z.string(),
        venue: z.string(),
        rounds: z.number().int(),
        keyFingerprint: z.string(),
      }),
    ),
  },
  /**
   * A venue laptop's own file, to carry back to the main workshop (a backup-API copy): `events`
   * is the whole chain (with what the kit brought from the main workshop), `own` the events
   * recorded on this laptop since the kit, the closing slip's count.
   */
  'venues:deviceFile': {
    input: Ref,
    output: z.object({
      fileName: z.string(),
      base64: z.string(),
      events: z.number().int(),
      own: z.number().int(),
    }),
  },
  /** Verify a venue's file and bring its events in (refused whole if anything is wrong). */
  'venues:merge': {
    input: Ref.extend({
      file: z.object({ fileName: VenueFileName, base64: FileBase64 }),
      proof: MergeProofSchema,
    }),
    output: withChain(MergeResult),
  },
  /** A venue laptop's closing slip (PDF): its chain head, for those present to sign. */
  'venues:slip': {
    input: Ref.extend({ lang: LangSchema }),
    output: z.object({ fileName: z.string(), base64: z.string() }),
  },
  /** Settle one conflict: the side that stands and why (printed in the Acta). */
  'venues:settle': {
    input: Ref.extend({
      id: z.string().min(1).max(200),
      choice: z.string().min(1).max(200),
      note: z.string().trim().min(1).max(2000),
      /** A ballot round: per paper serial read otherwise, the laptop whose reading stands. */
      readings: z
        .record(z.string().min(1).max(200), z.string().min(1).max(200))
        .refine((r) => Object.keys(r).length <= 5000)
        .optional(),
    }),
    output: withChain(ConflictSchema),
  },
} as const;
