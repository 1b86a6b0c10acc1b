import type { criteriaChannels } from '../../shared/channels/criteria';
import { criteriaTotals, getMatrix, listScores, saveMatrix, scoreProposal } from './criteria';
import { type HandlersFor, write } from '../platform/handler-kit';

type Handlers = HandlersFor<keyof typeof criteriaChannels>;

export const criteriaHandlers: Handlers = {
  'criteria:get': (input, core) => {
    const { db } = core.get(input.workshopId);
    return db.transaction(() => ({
      matrix: getMatrix(db),
      scores: listScores(db),
      totals: criteriaTotals(db),
    }))();
  },
  'criteria:saveMatrix': (input, core) =>
    write(core, input.workshopId, (w) => saveMatrix(w.db, core.env, input.matrix)),
  'criteria:score': (input, core) =>
    write(core, input.workshopId, (w) => scoreProposal(w.db, core.env, input.score)),
};
