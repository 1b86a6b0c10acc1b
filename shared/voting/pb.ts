// A ballot round as a pabulib election and back. Project ids are proposal codes, voter ids
// the ballot serials; knapsack ballots travel as approval ballots with a marker in META.
import type { BallotKind, Profile } from '../tally/profile';
import { Rational, formatExact } from '../tally/rational';
import type { PbElection, PbVoteType } from '../pabulib/types';
import type { BallotContent, BallotType, Round } from '../schemas/voting';
import type { Params } from '../i18n';

export interface RoundProposal {
  id: string;
  code: string;
  title: string;
  costCents: number;
  sector: string;
}

export interface SerialBallot {
  serial: string;
  content: BallotContent;
}

export const soles = (cents: number): Rational => Rational.of(cents, 100);

const PROFILE_KIND: Record<BallotType, BallotKind> = {
  approval: 'approval',
  cumulative: 'cumulative',
  ranking: 'ordinal',
  knapsack: 'knapsack',
};
const PB_TYPE: Record<BallotType, PbVoteType> = {
  approval: 'approval',
  cumulative: 'cumulative',
  ranking: 'ordinal',
  knapsack: 'approval',
};

/** The tally engine's profile of a ballot round: project id = proposal code, amounts in soles. */
export function roundToProfile(
  round: Pick<Round, 'ballotType'>,
  proposals: readonly RoundProposal[],
  ballots: readonly BallotContent[],
  budgetCents: number,
): Profile {
  const type = round.ballotType ?? 'approval';
  const code = new Map(proposals.map((p) => [p.id, p.code]));
  return {
    kind: PROFILE_KIND[type],
    budget: soles(budgetCents),
    projects: proposals.map((p) => ({ id: p.code, cost: soles(p.costCents) })),
    // A blank ballot counts in turnout but claims no share of the envelope: it is left out
    // of the profile the selection rule reads (as blank votes count for no option).
    ballots: ballots
      .filter((b) => b.choices.length > 0)
      .map((b) => {
        const projects = b.choices.map((id) => code.get(id) ?? id);
        return b.points ? { projects, points: b.points } : { projects };
      }),
  };
}

export interface PbMeta {
  description: string;
  unit: string;
  instance: string;
  budgetCents: number;
  tieBreak: string;
  roundId: string;
  /**
   * The tally engine's key of the rule the round's result used ("mes+add1+greedy"), written as
   * META `minka_rule` so `minka tally` without --rule runs the same; absent when the file alone
   * cannot give that result (greedy ranks by votes and criteria; the sector split).
   */
  rule?: string;
}

export function roundToPb(
  round: Pick<Round, 'ballotType' | 'maxChoices' | 'totalPoints'>,
  proposals: readonly RoundProposal[],
  ballots: readonly SerialBallot[],
  m: PbMeta,
): PbElection {
  const type = round.ballotType ?? 'approval';
  const code = new Map(proposals.map((p) => [p.id, p.code]));
  // Blank ballots vote for no project: left out of the votes (as of the profile Minka
  // tallies), and their number kept in the meta so turnout can still be read from the file.
  const marked = ballots.filter((b) => b.content.choices.length > 0);
  const blank = ballots.length - marked.length;
  const meta: Record<string, string> = {
    description: m.description,
    country: 'Peru',
    unit: m.unit,
    instance: m.instance,
    num_projects: String(proposals.length),
    num_votes: String(marked.length),
    budget: formatExact(soles(m.budgetCents)),
    vote_type: PB_TYPE[type],
    currency: 'PEN',
    language: 'es',
    tie_break: m.tieBreak,
    minka_round: m.roundId,
    minka_ballot: type,
    // pabutools keeps unknown META keys as strings (parse_pabulib_from_string) and writes them back.
    ...(m.rule ? { minka_rule: m.rule } : {}),
    ...(blank > 0 ? { minka_blank: String(blank) } : {}),
  };
  if ((type === 'approval' || type === 'knapsack') && round.maxChoices !== null)
    meta['max_length'] = String(round.maxChoices);
  if (type === 'ranking' && round.maxChoices !== null)
    meta['max_length'] = String(round.maxChoices);
  if (type === 'cumulative' && round.totalPoints !== null)
    meta['max_sum_points'] = String(round.totalPoints);
  const cumulative = type === 'cumulative';
  return {
    meta,
    budget: soles(m.budgetCents),
    voteType: PB_TYPE[type],
    projectColumns: ['project_id', 'cost', 'name', 'category'],
    voteColumns: cumulative ? ['voter_id', 'vote', 'points'] : ['voter_id', 'vote'],
    projects: proposals.map((p) => ({
      id: p.code,
      cost: soles(p.costCents),
      fields: { name: p.title, ...(p.sector ? { category: p.sector } : {}) },
    })),
    votes: marked.map((b) => ({
      voterId: b.serial,
      vote: b.content.choices.map((id) => code.get(id) ?? id),
      ...(cumulative ? { points: [...(b.content.points ?? [])] } : {}),
      fields: {},
    })),
  };
}

export class PbImportError extends Error {
  constructor(
    readonly key: string,
    readonly params: Params,
  ) {
    super(key);
  }
}

/**
 * The ballots of a parsed .pb file for this round: the vote type must match and every
 * project id must be the code of a proposal on the round. Serials are the voter ids.
 */
export function pbToBallots(
  e: PbElection,
  round: Pick<Round, 'ballotType' | 'itemIds'>,
  proposals: readonly RoundProposal[],
): SerialBallot[] {
  const type = round.ballotType ?? 'approval';
  if (e.voteType !== PB_TYPE[type])
    throw new PbImportError('voting.pb.wrongType', { found: e.voteType, expected: PB_TYPE[type] });
  const onRound = new Set(round.itemIds);
  const byCode = new Map(
    proposals.filter((p) => onRound.has(p.id)).map((p) => [p.code.toLowerCase(), p.id]),
  );
  return e.votes.map((v) => ({
    serial: v.voterId,
    content: {
      choices: v.vote.map((c) => {
        const id = byCode.get(c.toLowerCase());
        if (!id)
          throw new PbImportError('voting.pb.unknownProject', { voter: v.voterId, project: c });
        return id;
      }),
      points: type === 'cumulative' ? [...(v.points ?? v.vote.map(() => 1))] : null,
    },
  }));
}
