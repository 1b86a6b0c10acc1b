import { z } from 'zod';
import { DEFAULT_TIME_ZONE, isTimeZone } from '../format';

/** Amounts cross every boundary as integer céntimos (1 sol = 100), never binary floats. */
export const Cents = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/** Short human text: trimmed and NFC-normalised so that search and comparisons agree. */
export const Text = (max: number) =>
  z
    .string()
    .max(max * 2)
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().max(max));
export const RequiredText = (max: number) =>
  z
    .string()
    .max(max * 2)
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().min(1).max(max));

export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

export const Venue = z.object({
  id: Id.optional(),
  name: RequiredText(120),
  place: Text(200),
  date: IsoDate,
});
export type Venue = z.infer<typeof Venue>;

export const Sector = z.object({
  id: Id.optional(),
  name: RequiredText(120),
});
export type Sector = z.infer<typeof Sector>;

export const QuorumRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  /** At least this share of the accredited organisations (or people) present. */
  z.object({ kind: z.literal('percent'), percent: z.number().int().min(1).max(100) }),
  z.object({ kind: z.literal('minimum'), count: z.number().int().min(1).max(100000) }),
]);
export type QuorumRule = z.infer<typeof QuorumRule>;

export const VoteRule = z.enum(['perOrganization', 'perPerson']);
export type VoteRule = z.infer<typeof VoteRule>;

/** Fixed and recorded before voting (DOMAIN.md). Same keys as the tally engine's policies. */
export const TieBreak = z.enum(['lexicographic', 'cost', 'supporters', 'refuse']);
export type TieBreak = z.infer<typeof TieBreak>;

/**
 * How proposals are selected within the envelope: greedy by score with skipping (what
 * ordinances describe: fund in order until the envelope runs out, skip what does not fit),
 * or the Method of Equal Shares on the individual ballots.
 */
export const SELECTION_RULES = ['greedy', 'mes'] as const;
export const SelectionRule = z.enum(SELECTION_RULES);
export type SelectionRule = z.infer<typeof SelectionRule>;

export const DEFAULT_SECTORS = [
  'Agricultura y ganadería',
  'Transportes/caminos',
  'Educación',
  'Salud',
  'Saneamiento/agua',
  'Otros',
] as const;

export const WorkshopSetup = z.object({
  municipality: RequiredText(200),
  /** INEI district code: 6 digits, leading zeros kept; empty until known. */
  ubigeo: z.union([z.literal(''), z.string().regex(/^\d{6}$/, '6 digits')]),
  fiscalYear: z.number().int().min(2000).max(2100),
  title: RequiredText(200),
  envelopeCents: Cents,
  venues: z.array(Venue).max(50),
  sectors: z.array(Sector).min(1).max(40),
  quorum: QuorumRule,
  voteRule: VoteRule,
  tieBreak: TieBreak,
  selectionRule: SelectionRule.default('greedy'),
  /**
   * "El voto sectorial reparte el monto": the selection runs per sector within each sector's
   * share of the envelope (from the newest closed sector vote), then one pass over the pooled
   * leftover in the global order (shared/results/sector-split.ts). Off unless the setup says so.
   */
  sectorSplit: z.boolean().default(false),
  /** Invitations sent fewer days than this before the workshop are flagged as late. */
  minNoticeDays: z.number().int().min(0).max(365),
  /**
   * Whether the names of organisations' representatives (titular, suplente, delegate) and of
   * the oversight committee may be published in the open-data export. Off unless the setup
   * says so (Ley 29733: a person's name is personal data).
   */
  representativesPublic: z.boolean().default(false),
  /** The IANA time zone every date and time is shown and printed in (stored in the file). */
  timeZone: z.string().max(64).refine(isTimeZone, 'unknown time zone').default(DEFAULT_TIME_ZONE),
});
export type WorkshopSetup = z.infer<typeof WorkshopSetup>;

/** The setup as stored: every venue and sector has its id. */
export const StoredWorkshopSetup = WorkshopSetup.extend({
  venues: z.array(Venue.extend({ id: Id })),
  sectors: z.array(Sector.extend({ id: Id })),
});
export type StoredWorkshopSetup = z.infer<typeof StoredWorkshopSetup>;

export const ChainStatus = z.object({
  head: z.string(),
  length: z.number().int().min(0),
  /** Short form of the head a person can read aloud: XXXX-XXXX-XXXX-XXXX. */
  fingerprint: z.string(),
  /** Once sealed (chain:status, the projector): the Acta's fingerprint, the code read aloud. */
  acta: z.string().optional(),
});
export type ChainStatus = z.infer<typeof ChainStatus>;

export const WorkshopSummary = z.object({
  workshopId: z.string(),
  file: z.string(),
  title: z.string(),
  municipality: z.string(),
  fiscalYear: z.number().int(),
  /** The record's last change (its last event), ISO; shown in the workshop's time zone. */
  modifiedAt: z.string(),
  /** The workshop's time zone (absent when the file cannot be opened). */
  timeZone: z.string().optional(),
  /** Set when the file cannot be opened: the error code (e.g. CORRUPT_FILE). */
  problem: z.string().optional(),
});
export type WorkshopSummary = z.infer<typeof WorkshopSummary>;

export const WorkshopState = z.object({
  workshopId: z.string(),
  file: z.string(),
  setup: StoredWorkshopSetup,
  chain: ChainStatus,
  sealed: z.boolean(),
  /** The sealed Acta's fingerprint (the code read aloud), null before sealing. */
  acta: z.string().nullable().optional(),
  /** A venue kit's own venue: its door and rounds are that venue's only (null: not a kit). */
  kitVenueId: z.string().nullable().optional(),
});
export type WorkshopState = z.infer<typeof WorkshopState>;
