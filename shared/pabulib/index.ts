export { parsePb, PB_MAX_CHARS } from './parse';
export { writePb } from './write';
export { electionToProfile } from './profile';
export { PbParseError, type PbErrorCode } from './errors';
export {
  PB_VOTE_TYPES,
  type PbElection,
  type PbProject,
  type PbVote,
  type PbVoteType,
} from './types';
