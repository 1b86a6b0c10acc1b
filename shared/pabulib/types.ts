import type { Rational } from '../tally/rational';

export const PB_VOTE_TYPES = ['approval', 'choose-1', 'cumulative', 'ordinal'] as const;
export type PbVoteType = (typeof PB_VOTE_TYPES)[number];

export interface PbProject {
  id: string;
  cost: Rational;
  /** Other columns by header name; a `none` or empty cell is absent. */
  fields: Record<string, string>;
}

export interface PbVote {
  voterId: string;
  /** Project ids as listed (ordinal: most preferred first). */
  vote: string[];
  /** Cumulative ballots only: points aligned with `vote`. */
  points?: number[];
  fields: Record<string, string>;
}

/** Something read differently from how it is written, with the line (the file is still read). */
export interface PbWarning {
  code: 'pb.repeatedVote';
  line: number;
  params: Record<string, string>;
}

export interface PbElection {
  /** META key/value pairs as written (budget, vote_type, num_projects … included). */
  meta: Record<string, string>;
  budget: Rational;
  voteType: PbVoteType;
  /** Header rows, so that a written file keeps the columns and their order. */
  projectColumns: string[];
  voteColumns: string[];
  projects: PbProject[];
  votes: PbVote[];
  /** Present only when something was read with a warning (see PbParseOptions.repeats). */
  warnings?: PbWarning[];
}

/** What a streaming read returns: everything but the votes, which went to the caller. */
export type PbHeader = Omit<PbElection, 'votes' | 'warnings'> & {
  voteCount: number;
  warnings: PbWarning[];
};
