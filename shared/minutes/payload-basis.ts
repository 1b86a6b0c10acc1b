// What the official result was computed from (MINUTES_LAYOUT 6): the ceiling, rule, tie-break,
// sector split, criteria matrix and scores frozen when its round closed, beside what the setup
// says now, so the Acta prints the figures its list used and names every change made after
// the close (the field test fac26 found the current envelope on page 1 and a list over it on
// page 4, and the current matrix printed beside a list ranked by the frozen one). Also the
// settlements of venue conflicts after a round closed that ruled one of its voters absent.
import { z } from 'zod';

const Cents = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** The deciding parameters of a result: frozen at the close, or the setup now. */
export const MinutesParams = z.object({
  envelopeCents: Cents,
  /** Selection rule key: greedy | mes… */
  rule: z.string(),
  tieBreak: z.string(),
  sectorSplit: z.boolean(),
  votesWeight: z.number().int(),
});
export type MinutesParams = z.infer<typeof MinutesParams>;

export const MinutesBasis = z.object({
  roundId: z.string(),
  title: z.string(),
  closedAt: z.string(),
  atClose: MinutesParams,
  now: MinutesParams,
  /** The matrix and scores the result used are the payload's `criteriaAtClose`. */
  /** Criteria (name, weight or scale) changed, added or removed after the close. */
  matrixChanged: z.boolean(),
  /** Codes of the round's proposals whose scores were given or changed after the close. */
  scoresChanged: z.array(z.string()),
  /** Reopenings of the setup after this round closed: who, when, why. */
  reopenings: z.array(z.object({ at: z.string(), by: z.string(), reason: z.string() })),
  /**
   * MINUTES_LAYOUT 7 (adv27): every event on the round's proposals after its close — an edit,
   * a review, a CUI given — with who, when and each field before → after (sector and
   * organization by name; costs in cents). Absent in payloads of layout 6 and before.
   */
  proposalChanges: z
    .array(
      z.object({
        code: z.string(),
        at: z.string(),
        by: z.string(),
        kind: z.string(),
        changes: z.array(z.object({ field: z.string(), before: z.string(), after: z.string() })),
      }),
    )
    .optional(),
  /**
   * MINUTES_LAYOUT 8 (adv28 F2, F3): each save of the setup logged after the round's close, with
   * who and when and each field it changed before → after, for the fields the parameters above do
   * not already compare (time zone, fiscal year, municipality, title, venues, sectors, quorum…):
   * plain strings (keys stay keys). Absent when none, and in payloads of layout 7 and before.
   */
  setupChanges: z
    .array(
      z.object({
        at: z.string(),
        by: z.string(),
        changes: z.array(z.object({ field: z.string(), before: z.string(), after: z.string() })),
      }),
    )
    .optional(),
});
export type MinutesBasis = z.infer<typeof MinutesBasis>;

/** A closed round a later settlement changed: voters ruled absent from its venue, and the quorum without them. */
export const MinutesLateRuling = z.object({
  roundId: z.string(),
  title: z.string(),
  venue: z.string(),
  closedAt: z.string(),
  absent: z.array(
    z.object({
      name: z.string(),
      organization: z.string(),
      /** The venue the settlement kept (the conflict's chosen side). */
      keptAt: z.string(),
      settledAt: z.string(),
      note: z.string(),
    }),
  ),
  /** null when the setup asks no quorum. */
  quorum: z
    .object({ required: z.number().int(), actual: z.number().int(), met: z.boolean() })
    .nullable(),
  /** organizations | people */
  unit: z.string(),
});
export type MinutesLateRuling = z.infer<typeof MinutesLateRuling>;
