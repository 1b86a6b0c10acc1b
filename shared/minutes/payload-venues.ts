// The Acta's record of venue devices and their conflicts (issue 20): part of the signed payload.
import { z } from 'zod';

export const MinutesDevice = z.object({
  kitId: z.string(),
  venue: z.string(),
  keyFingerprint: z.string(),
  head: z.string(),
  events: z.number().int().min(0),
  /** Layout 5: the head matched the venue's closing slip, or was merged without one (why). */
  proof: z.object({ kind: z.enum(['slip', 'none']), note: z.string() }).optional(),
  /** Layout 8: a door laptop (attendance only) or the venue's voting desk, as its signed kit says. */
  role: z.enum(['door', 'desk']).optional(),
});
export type MinutesDevice = z.infer<typeof MinutesDevice>;

/** Layout 7 (adv27): a kit the main chain issued for a venue, of which no file was merged. */
export const MinutesUnreturnedKit = z.object({
  kitId: z.string(),
  venue: z.string(),
  createdAt: z.string(),
});
export type MinutesUnreturnedKit = z.infer<typeof MinutesUnreturnedKit>;

export const MinutesConflict = z.object({
  /** checkIn | orgVote | proposalEdit | roundCounts | countRefused */
  kind: z.string(),
  label: z.string(),
  /** Each side: the venue (or 'main') and when. */
  sides: z.array(z.object({ source: z.string(), venue: z.string(), at: z.string() })),
  choice: z.string(),
  choiceVenue: z.string(),
  note: z.string(),
  settledAt: z.string(),
  /** Layout 7: the settlement applied the chosen laptop's counts after the round closed (adv27). */
  reapplied: z.literal(true).optional(),
});
export type MinutesConflict = z.infer<typeof MinutesConflict>;

/** The payload's venue fields: devices, conflicts, and (layout 7) kits never merged back. */
export const minutesVenuesShape = {
  devices: z.array(MinutesDevice).optional(),
  conflicts: z.array(MinutesConflict).optional(),
  unreturnedKits: z.array(MinutesUnreturnedKit).optional(),
};
