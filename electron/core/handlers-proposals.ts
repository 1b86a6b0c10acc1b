import type { Output, ParsedInput } from '../../shared/api';
import type { proposalChannels } from '../../shared/channels/proposals';
import { chainStatus } from '../store/events';
import { addMatter, listMatters, listProposals, listReviews, nextCode, reviewProposal, saveProposal } from '../store/proposals';
import type { Core } from './core';

type K = keyof typeof proposalChannels;
type Handlers = { [C in K]: (input: ParsedInput<C>, core: Core) => Output<C> | Promise<Output<C>> };

/** Run a write against an open, unsealed workshop and answer with the new chain head. */
function write<T>(core: Core, workshopId: string, fn: (w: ReturnType<Core['writable']>) => T): { value: T; chain: ReturnType<typeof chainStatus> } {
  const w = core.writable(workshopId);
  const value = fn(w);
  return { value, chain: chainStatus(w.db) };
}

export const proposalHandlers: Handlers = {
  'proposals:get': (input, core) => {
    const { db } = core.get(input.workshopId);
    return db.transaction(() => ({ proposals: listProposals(db), reviews: listReviews(db), matters: listMatters(db), nextCode: nextCode(db) }))();
  },
  'proposals:save': (input, core) => write(core, input.workshopId, (w) => saveProposal(w.db, core.env, input.proposal)),
  'proposals:review': (input, core) => write(core, input.workshopId, (w) => reviewProposal(w.db, core.env, input.review)),
  'proposals:addMatter': (input, core) => write(core, input.workshopId, (w) => addMatter(w.db, core.env, input.matter)),
};
