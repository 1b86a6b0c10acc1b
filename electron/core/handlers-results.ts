import type { resultChannels } from '../../shared/channels/results';
import { chainStatus } from '../store/events';
import { projectorView, resultRounds, roundResults } from '../store/results';
import type { HandlersFor } from './handler-kit';

type Handlers = HandlersFor<keyof typeof resultChannels>;

export const resultHandlers: Handlers = {
  'results:rounds': (input, core) => resultRounds(core.get(input.workshopId).db),
  'results:get': (input, core) => roundResults(core.get(input.workshopId).db, input.roundId),
  'results:projector': (input, core) => {
    const { db } = core.get(input.workshopId);
    return db.transaction(() => ({ ...projectorView(db), chain: chainStatus(db) }))();
  },
};
