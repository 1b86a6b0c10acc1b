// Pure voting helpers: ballot checks, totals, and the bridge to the tally engine and pabulib.
export { checkBallot, sameBallot, type BallotCheck, type BallotContext } from './ballot';
export { computeTotals, splitProportional, type TotalsInput } from './totals';
export {
  roundToProfile,
  roundToPb,
  pbToBallots,
  PbImportError,
  soles,
  type RoundProposal,
  type SerialBallot,
  type PbMeta,
} from './pb';
