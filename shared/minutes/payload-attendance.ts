// The attendees as the signed minutes list them (part of payload.ts, apart to keep it short).
import { z } from 'zod';

export const MinutesPerson = z.object({
  participantId: z.string(),
  /** "SURNAMES, Given names" as lists print it. */
  name: z.string(),
  dni: z.string(),
  sex: z.enum(['F', 'M', 'X']),
  role: z.string(),
  voice: z.enum(['voiceAndVote', 'voiceOnly']),
  accreditation: z.string(),
  /** How they signed at the door: signature, thumbprint or "a ruego" with a witness. */
  signMethod: z.enum(['signature', 'thumbprint', 'ruego']),
  witness: z.string(),
  /** Venue ids where they checked in (not undone), in venue order. */
  venueIds: z.array(z.string()),
  /**
   * Layout 8: held a vote, at any venue: among the holders a closed round's close froze (the
   * round's `entitled.holders`), or at a venue and day without one by shared/attendance/presence.ts
   * `voteHolders`: under one vote per organisation one agent per organisation, not every member
   * with voice and vote (build.ts `heldVotes`).
   */
  heldVote: z.boolean().optional(),
});
export type MinutesPerson = z.infer<typeof MinutesPerson>;

export const MinutesOrganization = z.object({
  /** null for people who came without an organisation. */
  id: z.string().nullable(),
  name: z.string(),
  type: z.string(),
  community: z.string(),
  people: z.array(MinutesPerson),
});
export type MinutesOrganization = z.infer<typeof MinutesOrganization>;
