import type { Output, ParsedInput } from '../../shared/api';
import type { criteriaChannels } from '../../shared/channels/criteria';
import {
  criteriaTotals,
  getMatrix,
  listScores,
  saveMatrix,
  scoreProposal,
} from '../store/criteria';
import { chainStatus } from '../store/events';
import type { Core } from './core';

type K = keyof typeof criteriaChannels;
type Handlers = { [C in K]: (input: ParsedInput<C>, core: Core) => Output<C> | Promise<Output<C>> };

function write<T>(
  core: Core,
  workshopId: string,
  fn: (w: ReturnType<Core['writable']>) => T,
): { value: T; chain: ReturnType<typeof chainStatus> } {
  const w = core.writable(workshopId);
  const value = fn(w);
  return { value, chain: chainStatus(w.db) };
}

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
