import { existsSync } from 'node:fs';
import type { Channel } from '../../shared/api';
import { listEvents, verifyChain } from '../platform/events';
import { saveSetup } from '../workshop/workshop';
import { withholdOpenRounds } from '../voting/event-secrecy';
import { DEMO_FILE, demoEnv, demoSetup, fillDemo } from '../demo/demo';
import type { CoreApi as Core } from '../platform/core-api';
import type { HandlersFor } from '../platform/handler-kit';
import { attendanceHandlers } from '../attendance/handlers';
import { proposalHandlers } from '../proposals/handlers';
import { minutesHandlers } from '../minutes/handlers';
import { backupHandlers, type BackupCore } from '../backup/handlers';
import { votingHandlers } from '../voting/handlers';
import { criteriaHandlers } from '../criteria/handlers';
import { resultHandlers } from '../results/handlers';
import { planHandlers } from '../plan/handlers';
import { followupHandlers } from '../followup/handlers';
import { venueHandlers } from '../venues/handlers';
import { basename } from 'node:path';
import { MinkaError } from '../platform/classify-error';
import { WORKSHOP_EXT } from '../platform/db';
import { exportWorkshop } from '../export/export';
import { checkWorkshopFile } from '../check/check';
import { checkVenueDates } from '../check/venue-dates';
import { checkCheckInDays, hasDaysOffClock } from '../check/check-in-days';
import { clockCheck } from '../venues/venues-clock';
import { unclosedDesks } from '../venues/venues-unclosed';
import { confirmedAtSeal } from '../minutes/seal-confirmed';
import { compareExport } from '../export/export-check';
import { fileSlug } from '../platform/slug';
import { openDataExport } from '../../shared/export/open-data';

function needDialogs(core: Core) {
  if (!core.dialogs) throw new MinkaError('NOT_AVAILABLE', 'error.noDialogs');
  return core.dialogs;
}

type Handlers = HandlersFor<Channel, BackupCore>;

/** One handler per channel; the type makes a missing or misspelt channel a compile error. */
export const handlers: Handlers = {
  ...attendanceHandlers,
  ...proposalHandlers,
  ...minutesHandlers,
  ...backupHandlers,
  ...votingHandlers,
  ...criteriaHandlers,
  ...resultHandlers,
  ...planHandlers,
  ...followupHandlers,
  ...venueHandlers,
  'app:info': (_input, core) => ({
    version: core.version,
    host: core.host,
    dataDir: core.dataDir,
    dialogs: core.dialogs !== undefined,
  }),

  'workshop:list': (_input, core) => core.listWorkshops(),

  'workshop:create': (input, core) => {
    const path = core.pathInDataDir(core.newFileName(input));
    return core.state(core.createFile(path, core.defaultSetup(input)));
  },

  'workshop:open': (input, core) => core.state(core.openPath(core.pathInDataDir(input.file))),

  'workshop:openDemo': (_input, core) => {
    const path = core.pathInDataDir(DEMO_FILE);
    const w = existsSync(path)
      ? core.openPath(path)
      : core.createFile(path, demoSetup(), fillDemo, demoEnv(core.env));
    return core.state(w);
  },

  'workshop:createDemo': (input, core) => {
    // A workshop file's name (not ".minka.lock", which is the lock file's, nor a hidden one).
    if (!input.file.endsWith(WORKSHOP_EXT) || input.file.startsWith('.'))
      throw new MinkaError('INVALID_INPUT', 'error.demoFileName', { file: input.file });
    const path = core.pathInDataDir(input.file);
    if (existsSync(path))
      throw new MinkaError('ALREADY_EXISTS', 'error.alreadyExists', { file: input.file });
    return core.state(core.createFile(path, demoSetup(), fillDemo, demoEnv(core.env)));
  },

  'workshop:openWithDialog': async (_input, core) => {
    const path = await needDialogs(core).openWorkshop();
    return path === null ? null : core.state(core.openPath(path));
  },

  'workshop:createWithDialog': async (input, core) => {
    const path = await needDialogs(core).saveWorkshop(core.newFileName(input));
    if (path === null) return null;
    const file = path.endsWith(WORKSHOP_EXT) ? path : path + WORKSHOP_EXT;
    return core.state(core.createFile(file, core.defaultSetup(input)));
  },

  'workshop:recent': (_input, core) =>
    core.recent().map((path) => ({ path, file: basename(path), exists: existsSync(path) })),

  'workshop:openRecent': (input, core) => {
    // Only paths the user opened before through a dialog: the renderer cannot name arbitrary files.
    if (!core.recent().includes(input.path)) throw new MinkaError('NOT_FOUND', 'error.notRecent');
    return core.state(core.openPath(input.path));
  },

  'workshop:close': (input, core) => ({ closed: core.close(input.workshopId) }),

  'workshop:get': (input, core) => core.state(core.get(input.workshopId)),

  'workshop:saveSetup': (input, core) => {
    const w = core.writable(input.workshopId);
    saveSetup(w.db, core.env, input.setup);
    return core.state(w);
  },

  'events:list': (input, core) => {
    const db = core.get(input.workshopId).db;
    return withholdOpenRounds(db, listEvents(db, input));
  },

  'chain:status': (input, core) => {
    const db = core.get(input.workshopId).db;
    return core.chainView(db);
  },

  'workshop:export': (input, core) => {
    const doc = exportWorkshop(core.get(input.workshopId).db, core.env.now());
    const name = `${input.openData ? 'datos-abiertos' : 'taller'}-${fileSlug(doc.workshop.municipality, 50)}-${doc.workshop.fiscalYear}.json`;
    return {
      fileName: name,
      text: JSON.stringify(input.openData ? openDataExport(doc) : doc, null, 2) + '\n',
    };
  },

  'workshop:check': async (input, core) => {
    const w = core.get(input.workshopId);
    const r = await checkWorkshopFile(
      w.path,
      input.fingerprint !== undefined ? { fingerprint: input.fingerprint } : {},
    );
    if (input.archivedExport === undefined) return r;
    const exported = r.integrity === 'ok' ? compareExport(w.db, input.archivedExport) : undefined;
    const { environment, ...rest } = r;
    return {
      ...rest,
      ok: r.ok && exported?.ok === true,
      // Unchecked pages alone are this computer's; a differing export is a finding.
      ...(environment && exported?.ok === true ? { environment } : {}),
      ...(exported ? { export: exported } : {}),
    };
  },

  'chain:verify': (input, core) => {
    const db = core.get(input.workshopId).db;
    const v = verifyChain(db);
    const venueDates = checkVenueDates(db);
    const checkInDays = checkCheckInDays(db);
    const unclosed = unclosedDesks(db);
    const sealConfirmed = confirmedAtSeal(db);
    return {
      ok: v.ok,
      length: v.length,
      head: v.head,
      ...(v.brokenAt !== undefined ? { brokenAt: v.brokenAt } : {}),
      clock: clockCheck(db),
      ...(venueDates.moved.length ? { venueDates } : {}),
      ...(hasDaysOffClock(checkInDays) ? { checkInDays } : {}),
      ...(unclosed.length ? { unclosed } : {}),
      ...(sealConfirmed?.length ? { sealConfirmed } : {}),
    };
  },
};
