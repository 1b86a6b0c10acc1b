// The criteria matrix as the Acta carries it: the weights, and each admitted proposal's scores and
// weighted total. Beside payload.ts, which imports it, to keep that file under the size the layer
// test allows.
import { z } from 'zod';

export const MinutesCriteria = z.object({
  /** Share (percent) of the combined score that comes from the votes. */
  votesWeight: z.number().int(),
  criteria: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      weight: z.number().int(),
      scaleMax: z.number().int(),
    }),
  ),
  /** One row per admitted proposal: score per criterion id (null = not scored) and the weighted total out of 100. */
  rows: z.array(
    z.object({
      proposalId: z.string(),
      code: z.string(),
      title: z.string(),
      scores: z.record(z.string(), z.number().int().nullable()),
      complete: z.boolean(),
      /** Exact decimal or fraction text ("73.5", "220/3"). */
      total: z.string(),
      /** Rounded for print ("73.33"). */
      display: z.string(),
    }),
  ),
});
export type MinutesCriteria = z.infer<typeof MinutesCriteria>;
