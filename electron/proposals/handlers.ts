import type { proposalChannels } from '../../shared/channels/proposals';
import {
  addMatter,
  listMatters,
  listProposals,
  listReviews,
  nextCode,
  reviewProposal,
  saveProposal,
} from './proposals';
import { type HandlersFor, write } from '../platform/handler-kit';

type Handlers = HandlersFor<keyof typeof proposalChannels>;

export const proposalHandlers: Handlers = {
  'proposals:get': (input, core) => {
    const { db } = core.get(input.workshopId);
    return db.transaction(() => ({
      proposals: listProposals(db),
      reviews: listReviews(db),
      matters: listMatters(db),
      nextCode: nextCode(db),
    }))();
  },
  'proposals:save': (input, core) =>
    write(core, input.workshopId, (w) => saveProposal(w.db, core.env, input.proposal)),
  'proposals:review': (input, core) =>
    write(core, input.workshopId, (w) => reviewProposal(w.db, core.env, input.review)),
  'proposals:addMatter': (input, core) =>
    write(core, input.workshopId, (w) => addMatter(w.db, core.env, input.matter)),
};
