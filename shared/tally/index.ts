// Public API of the tally engine (pure: no Node, no DOM).
export { tally, type TallyOptions, type TallyResult } from './tally';
export {
  compileProfile,
  type Ballot,
  type BallotKind,
  type CompiledProfile,
  type Profile,
  type TallyProject,
} from './profile';
export { parseRuleKey, ruleToKey, RULE_KEYS, type Rule } from './rules';
export { TIE_BREAKS, isTieBreak, compareIds, type TieBreak } from './tiebreak';
export { SATISFACTIONS, type Satisfaction } from './satisfaction';
export { Rational, parseDecimal, formatExact, formatApprox } from './rational';
export { TallyError, TieRefusedError } from './errors';
export type { Chosen, Phase, Round, SkipReason, Skipped } from './explain';
export {
  validateKnapsackBallot,
  knapsackAddable,
  knapsackProfile,
  KnapsackBallotError,
  type KnapsackCheck,
} from './knapsack';
