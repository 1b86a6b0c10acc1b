// The Acta's record of venue devices and their conflicts (issue 20): part of the signed payload.
import { z } from 'zod';

export const MinutesDevice = z.object({
  kitId: z.string(),
  venue: z.string(),
  keyFingerprint: z.string(),
  head: z.string(),
  events: z.number().int().min(0),
});
export type MinutesDevice = z.infer<typeof MinutesDevice>;

export const MinutesConflict = z.object({
  /** checkIn | orgVote | proposalEdit | roundCounts */
  kind: z.string(),
  label: z.string(),
  /** Each side: the venue (or 'main') and when. */
  sides: z.array(z.object({ source: z.string(), venue: z.string(), at: z.string() })),
  choice: z.string(),
  choiceVenue: z.string(),
  note: z.string(),
  settledAt: z.string(),
});
export type MinutesConflict = z.infer<typeof MinutesConflict>;
