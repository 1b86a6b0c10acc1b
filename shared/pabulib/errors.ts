import type { Params } from '../i18n';

/** Stable codes (also i18n keys) for every way a .pb file can be refused. */
export type PbErrorCode =
  | 'pb.tooLarge'
  | 'pb.missingSection'
  | 'pb.duplicateSection'
  | 'pb.contentOutsideSection'
  | 'pb.badHeader'
  | 'pb.badRow'
  | 'pb.unterminatedQuote'
  | 'pb.missingMeta'
  | 'pb.badBudget'
  | 'pb.badCost'
  | 'pb.duplicateProject'
  | 'pb.duplicateVoter'
  | 'pb.unknownProject'
  | 'pb.duplicateVote'
  | 'pb.unknownVoteType'
  | 'pb.badPoints'
  | 'pb.countMismatch';

/** A refused .pb file: `line` is 1-based (0 when the problem has no single line). */
export class PbParseError extends Error {
  constructor(
    readonly code: PbErrorCode,
    readonly line: number,
    readonly params: Params = {},
  ) {
    super(`${code} at line ${line}`);
    this.name = 'PbParseError';
  }
}
