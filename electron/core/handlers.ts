import { existsSync } from 'node:fs';
import type { Channel, Output, ParsedInput } from '../../shared/api';
import { verifyChain, chainStatus } from '../store/events';
import { saveSetup } from '../store/workshop';
import { DEMO_FILE, demoSetup, fillDemo } from '../demo/demo';
import type { Core } from './core';

type Handlers = { [K in Channel]: (input: ParsedInput<K>, core: Core) => Output<K> | Promise<Output<K>> };

/** One handler per channel; the type makes a missing or misspelt channel a compile error. */
export const handlers: Handlers = {
  'app:info': (_input, core) => ({ version: core.version, host: core.host, dataDir: core.dataDir }),

  'workshop:list': (_input, core) => core.listWorkshops(),

  'workshop:create': (input, core) => {
    const path = core.pathInDataDir(core.newFileName(input));
    return core.state(core.createFile(path, core.defaultSetup(input)));
  },

  'workshop:open': (input, core) => core.state(core.openPath(core.pathInDataDir(input.file))),

  'workshop:openDemo': (_input, core) => {
    const path = core.pathInDataDir(DEMO_FILE);
    const w = existsSync(path) ? core.openPath(path) : core.createFile(path, demoSetup(), fillDemo);
    return core.state(w);
  },

  'workshop:close': (input, core) => ({ closed: core.close(input.workshopId) }),

  'workshop:get': (input, core) => core.state(core.get(input.workshopId)),

  'workshop:saveSetup': (input, core) => {
    const w = core.writable(input.workshopId);
    saveSetup(w.db, core.env, input.setup);
    return core.state(w);
  },

  'chain:status': (input, core) => chainStatus(core.get(input.workshopId).db),

  'chain:verify': (input, core) => {
    const v = verifyChain(core.get(input.workshopId).db);
    return { ok: v.ok, length: v.length, head: v.head, ...(v.brokenAt !== undefined ? { brokenAt: v.brokenAt } : {}) };
  },
};
