import { z } from 'zod';
import { ChainStatus, StoredWorkshopSetup } from './workshop';

/**
 * `minka export`: the whole workshop as one JSON document, for archives, open data and
 * independent checks. Amounts are integer céntimos (`…Cents`). Keys whose feature has not
 * landed yet hold [] or null; the version grows when a key's content changes shape.
 */
export const EXPORT_FORMAT = 'minka-workshop';
export const EXPORT_VERSION = 1;

export const ExportEvent = z.object({ seq: z.number().int(), at: z.string(), actor: z.string(), type: z.string(), payload: z.unknown(), hash: z.string() });

export const WorkshopExport = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exportedAt: z.string(),
  workshop: StoredWorkshopSetup.omit({ venues: true }).extend({ workshopId: z.string(), createdAt: z.string(), sealedAt: z.string().nullable() }),
  venues: StoredWorkshopSetup.shape.venues,
  organizations: z.array(z.unknown()),
  participants: z.array(z.unknown()),
  invitations: z.array(z.unknown()),
  attendance: z.array(z.unknown()),
  proposals: z.array(z.unknown()),
  rounds: z.array(z.unknown()),
  criteria: z.array(z.unknown()),
  results: z.array(z.unknown()),
  mattersRaised: z.array(z.unknown()),
  agreements: z.array(z.unknown()),
  committee: z.array(z.unknown()),
  minutes: z.unknown().nullable(),
  chain: ChainStatus.pick({ head: true, length: true }),
  events: z.array(ExportEvent),
});
export type WorkshopExport = z.infer<typeof WorkshopExport>;
