import { existsSync, statSync } from 'node:fs';
import { basename, isAbsolute, resolve } from 'node:path';
import type { backupChannels } from '../../shared/channels/backup';
import { fingerprint } from '../../shared/fingerprint';
import {
  backupDirFor,
  backupPath,
  copyDatabase,
  copyName,
  describeBackup,
  listBackups,
  restoreInto,
  restoredName,
} from './backup';
import { WORKSHOP_EXT } from '../platform/db';
import type { CoreApi } from '../platform/core-api';
import type { BackupScheduler } from './scheduler';
import { MinkaError } from '../platform/classify-error';
import type { HandlersFor } from '../platform/handler-kit';

/** The core as the backup handlers see it: with the scheduler it runs. */
export type BackupCore = CoreApi & { readonly backups: BackupScheduler };

type Handlers = HandlersFor<keyof typeof backupChannels, BackupCore>;

/** Where a copy for a USB stick goes: the native dialog (Electron) or a typed folder (web host). */
async function copyDestination(
  core: BackupCore,
  workshopPath: string,
  folder: string | undefined,
): Promise<string | null> {
  const suggested = copyName(resolve(workshopPath, '..'), workshopPath, new Date());
  if (core.dialogs) {
    const chosen = await core.dialogs.saveWorkshop(basename(suggested));
    if (chosen === null) return null;
    return chosen.endsWith(WORKSHOP_EXT) ? chosen : chosen + WORKSHOP_EXT;
  }
  const dir = folder?.trim() ?? '';
  if (!dir) throw new MinkaError('INVALID_INPUT', 'backup.error.folderNeeded');
  if (!isAbsolute(dir))
    throw new MinkaError('INVALID_INPUT', 'backup.error.folderNotAbsolute', { folder: dir });
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new MinkaError('NOT_FOUND', 'backup.error.noFolder', { folder: dir });
  return copyName(resolve(dir), workshopPath, new Date());
}

export const backupHandlers: Handlers = {
  'backup:list': (input, core) => {
    const w = core.get(input.workshopId);
    const p = core.backups.policy;
    const status = core.backups.status(w.path);
    return {
      folder: backupDirFor(w.path),
      items: listBackups(w.path).map(({ path: _p, head: _h, ...rest }) => rest),
      policy: {
        enabled: p.enabled,
        everyMinutes: p.everyMs / 60_000,
        afterEvents: p.afterEvents,
        keep: p.keep,
      },
      running: status.running,
      lastError: status.lastError,
    };
  },

  'backup:now': async (input, core) => {
    const w = core.get(input.workshopId);
    const { path: _p, head: _h, ...info } = await core.backups.run(w);
    return info;
  },

  'backup:restore': async (input, core) => {
    const w = core.get(input.workshopId);
    const source = backupPath(w.path, input.file);
    const info = describeBackup(source);
    if (!info.ok)
      throw new MinkaError('CORRUPT_FILE', 'backup.error.badBackup', { file: input.file });
    const dest = restoredName(w.path, info.at);
    await restoreInto(source, dest);
    // The restored copy has the same workshop id: close the live file (kept as it is) and open the copy.
    core.close(w.id);
    const opened = core.openPath(dest);
    return { file: basename(dest), path: dest, workshop: core.state(opened) };
  },

  'backup:saveCopy': async (input, core) => {
    const w = core.get(input.workshopId);
    const dest = await copyDestination(core, w.path, input.folder);
    if (dest === null) return null;
    const r = await copyDatabase(w.db, dest);
    return { path: dest, length: r.length, fingerprint: fingerprint(r.head) };
  },
};
