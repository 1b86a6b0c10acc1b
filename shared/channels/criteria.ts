import { z } from 'zod';
import {
  CriterionScore,
  Matrix,
  MatrixInput,
  ScoreInput,
  WeightedTotal,
} from '../schemas/criteria';

const Ref = z.object({ workshopId: z.string().min(1).max(64) });
const ChainHead = z.object({ head: z.string(), length: z.number().int(), fingerprint: z.string() });
const withChain = <T extends z.ZodType>(value: T) => z.object({ value, chain: ChainHead });

export const criteriaChannels = {
  'criteria:get': {
    input: Ref,
    output: z.object({
      matrix: Matrix,
      scores: z.array(CriterionScore),
      totals: z.array(WeightedTotal),
    }),
  },
  'criteria:saveMatrix': { input: Ref.extend({ matrix: MatrixInput }), output: withChain(Matrix) },
  'criteria:score': {
    input: Ref.extend({ score: ScoreInput }),
    output: withChain(z.array(CriterionScore)),
  },
} as const;
