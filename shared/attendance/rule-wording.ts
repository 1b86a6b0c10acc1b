// How the registry import preview words who votes and who makes quorum: from the workshop's own
// vote rule and quorum rule, read as the door, the tally and the Acta read them (presence.ts),
// so that under one vote per person it does not explain the per-organisation agent rule.
import type { QuorumRule, VoteRule } from '../schemas/workshop';
import { quorumOf } from './presence';

export interface AgentsWording {
  /** Who votes under this vote rule. */
  vote: `attendance.import.roles.vote.${VoteRule}`;
  /** What the quorum counts (organisations with an agent, people present, or no rule). */
  quorum: `attendance.import.roles.quorum.${'organizations' | 'people' | 'none'}`;
  quorumParams: { percent?: number; n?: number };
  /** The people who will not be agents, and whether that costs them their vote. */
  notAgents: `attendance.import.roles.notAgents.${VoteRule}`;
  /** What an organisation without an agent loses, or null when it loses nothing. */
  orgsWithout:
    'attendance.import.roles.orgsWithout' | 'attendance.import.roles.orgsWithoutVote' | null;
}

export function importAgentsWording(voteRule: VoteRule, quorum: QuorumRule): AgentsWording {
  // The quorum's unit exactly as presence computes it (percent → organisations with an agent).
  const unit = quorumOf(quorum, [], new Map()).unit;
  return {
    vote: `attendance.import.roles.vote.${voteRule}`,
    quorum: `attendance.import.roles.quorum.${unit}`,
    quorumParams:
      quorum.kind === 'percent'
        ? { percent: quorum.percent }
        : quorum.kind === 'minimum'
          ? { n: quorum.count }
          : {},
    notAgents: `attendance.import.roles.notAgents.${voteRule}`,
    orgsWithout:
      unit === 'organizations'
        ? 'attendance.import.roles.orgsWithout'
        : voteRule === 'perOrganization'
          ? 'attendance.import.roles.orgsWithoutVote'
          : null,
  };
}
