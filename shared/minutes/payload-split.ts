// The sector split as the Acta carries it (issue 14, item 4; MINUTES_LAYOUT 4): each sector's
// share, the codes it funded, spent and leftover; then the pass over the pooled remainder.
// Beside payload.ts, which imports it, to keep that file under the size the layer test allows.
import { z } from 'zod';

const Cents = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const MinutesSplit = z.object({
  sectors: z.array(
    z.object({
      sectorId: z.string(),
      name: z.string(),
      shareCents: Cents,
      selected: z.array(z.string()),
      spentCents: Cents,
      leftoverCents: Cents,
    }),
  ),
  pooledCents: Cents,
  remainder: z.object({
    selected: z.array(z.string()),
    spentCents: Cents,
    leftoverCents: Cents,
  }),
});
export type MinutesSplit = z.infer<typeof MinutesSplit>;
