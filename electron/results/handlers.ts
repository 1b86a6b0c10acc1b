import type { resultChannels } from '../../shared/channels/results';
import { projectorView, resultRounds, roundResultsShown } from './results';
import { chooseOfficialRound, officialState } from './official';
import { reopenSetup, setupLock } from '../workshop/setup-lock';
import { type HandlersFor, write } from '../platform/handler-kit';

type Handlers = HandlersFor<keyof typeof resultChannels>;

export const resultHandlers: Handlers = {
  'results:rounds': (input, core) => resultRounds(core.get(input.workshopId).db),
  'results:get': (input, core) => roundResultsShown(core.get(input.workshopId).db, input.roundId),
  'results:official': (input, core) => officialState(core.get(input.workshopId).db),
  'results:chooseOfficial': (input, core) =>
    write(core, input.workshopId, (w) =>
      chooseOfficialRound(w.db, core.env, { roundId: input.roundId, confirmed: input.confirmed }),
    ),
  'results:setupLock': (input, core) => setupLock(core.get(input.workshopId).db),
  'results:reopenSetup': (input, core) =>
    write(core, input.workshopId, (w) =>
      reopenSetup(w.db, core.env, { by: input.by, reason: input.reason }),
    ),
  'results:projector': (input, core) => {
    const { db } = core.get(input.workshopId);
    return db.transaction(() => {
      return { ...projectorView(db), chain: core.chainView(db) };
    })();
  },
};
