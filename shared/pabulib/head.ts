// What the parser has read before the votes: META, PROJECTS and the budget and vote type.
import type { Row } from './csv';
import type { PbHeader, PbProject, PbVoteType } from './types';

export interface Head {
  meta: Record<string, string>;
  metaRows: Row[];
  budget: PbHeader['budget'];
  voteType: PbVoteType;
  projects: PbProject[];
}
