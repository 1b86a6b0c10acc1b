import { z } from 'zod';
import { WorkshopState } from '../schemas/workshop';

const Ref = z.object({ workshopId: z.string().min(1).max(64) });

export const BackupInfo = z.object({
  file: z.string(),
  /** ISO time the copy was taken. */
  at: z.string(),
  size: z.number().int(),
  length: z.number().int(),
  fingerprint: z.string(),
  /** integrity_check and the event chain of the copy both pass. */
  ok: z.boolean(),
});
export type BackupInfo = z.infer<typeof BackupInfo>;

const BackupFile = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^/\\\0]+\.minka$/, 'a backup file name');

export const backupChannels = {
  /** The rolling backups of an open workshop (newest first) and where they live. */
  'backup:list': {
    input: Ref,
    output: z.object({
      folder: z.string(),
      items: z.array(BackupInfo),
      policy: z.object({
        enabled: z.boolean(),
        everyMinutes: z.number(),
        afterEvents: z.number().int(),
        keep: z.number().int(),
      }),
      running: z.boolean(),
      lastError: z
        .object({
          key: z.string(),
          params: z.record(z.string(), z.union([z.string(), z.number()])),
        })
        .nullable(),
    }),
  },
  /** Take a backup now (the same backup API as the automatic ones). */
  'backup:now': { input: Ref, output: BackupInfo },
  /**
   * Restore a backup into a NEW file beside the workshop and open it; the live file is
   * closed and kept unchanged. The renderer asks for confirmation first.
   */
  'backup:restore': {
    input: Ref.extend({ file: BackupFile }),
    output: z.object({ file: z.string(), path: z.string(), workshop: WorkshopState }),
  },
  /**
   * Save a copy elsewhere (a USB stick): Electron asks with a native dialog (folder
   * ignored); the web host needs the folder typed in. Never overwrites a file. null: cancelled.
   */
  'backup:saveCopy': {
    input: Ref.extend({ folder: z.string().max(4096).optional() }),
    output: z
      .object({ path: z.string(), length: z.number().int(), fingerprint: z.string() })
      .nullable(),
  },
} as const;
