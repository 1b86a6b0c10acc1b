// From a parsed .pb election to the tally engine's profile.
import type { Profile } from '../tally/profile';
import type { PbElection } from './types';

export function electionToProfile(e: PbElection): Profile {
  return {
    kind: e.voteType,
    budget: e.budget,
    projects: e.projects.map((p) => ({ id: p.id, cost: p.cost })),
    ballots: e.votes.map((v) =>
      v.points ? { projects: v.vote, points: v.points } : { projects: v.vote },
    ),
  };
}
