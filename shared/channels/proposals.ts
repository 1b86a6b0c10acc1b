import { z } from 'zod';
import {
  MatterInput,
  MatterRaised,
  Proposal,
  ProposalInput,
  ProposalReview,
  ReviewInput,
} from '../schemas/proposals';

const Ref = z.object({ workshopId: z.string().min(1).max(64) });
const ChainHead = z.object({ head: z.string(), length: z.number().int(), fingerprint: z.string() });

/** Every answer that changes the record carries the new chain head for the top bar. */
const withChain = <T extends z.ZodType>(value: T) => z.object({ value, chain: ChainHead });

export const proposalChannels = {
  'proposals:get': {
    input: Ref,
    output: z.object({
      proposals: z.array(Proposal),
      reviews: z.array(ProposalReview),
      matters: z.array(MatterRaised),
      nextCode: z.string(),
    }),
  },
  'proposals:save': { input: Ref.extend({ proposal: ProposalInput }), output: withChain(Proposal) },
  'proposals:review': {
    input: Ref.extend({ review: ReviewInput }),
    output: withChain(ProposalReview),
  },
  'proposals:addMatter': {
    input: Ref.extend({ matter: MatterInput }),
    output: withChain(MatterRaised),
  },
} as const;
