export { parsePb, PbParser, PB_MAX_CHARS, type PbParseOptions } from './parse';
export { writePb } from './write';
export { BallotCollector, electionToProfile } from './profile';
export { PbParseError, type PbErrorCode } from './errors';
export {
  PB_VOTE_TYPES,
  type PbElection,
  type PbHeader,
  type PbWarning,
  type PbProject,
  type PbVote,
  type PbVoteType,
} from './types';
