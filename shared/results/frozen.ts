// A closed round's result, frozen: everything the result depends on (counts or ballots,
// the proposals as they stood, criteria weights and scores, envelope, sector shares, rule,
// tie-break) is stored with the close event, together with what it computed. Reads of a
// closed round use the stored result, so editing criteria, the envelope or the setup later
// cannot move what the room saw; `minka check` recomputes from the stored inputs and
// compares. Pure: the same inputs always give the same totals and results.
import type { Criterion } from '../schemas/criteria';
import type {
  RoundResults,
  SectorRoundResults,
  ProjectResult,
  SectorResult,
} from '../schemas/results';
import type { BallotContent, BallotType, RoundKind, RoundTotals } from '../schemas/voting';
import type { SelectionRule, TieBreak } from '../schemas/workshop';
import type { QuorumAtClose } from '../schemas/official';
import { canonicalEqual, canonicalize } from '../canonical';
import { weightedTotals } from './criteria';
import { computeResults, handsProfile, type ResultsProjectInput } from './compute';
import { computeTotals } from '../voting/totals';
import { roundToProfile } from '../voting/pb';
import { formatApprox, formatExact, Rational } from '../tally/rational';

export const FROZEN_VERSION = 1;

export type AnyResults =
  { kind: 'priority'; value: RoundResults } | { kind: 'sector'; value: SectorRoundResults };

/** One item of the round as it stood at closing: a proposal, or a sector in a sector vote. */
export interface FrozenItem {
  id: string;
  code: string;
  title: string;
  sectorId: string;
  costCents: number;
}

export interface FrozenInputs {
  version: number;
  round: {
    id: string;
    title: string;
    kind: RoundKind;
    ballotType: BallotType | null;
    maxChoices: number | null;
    closedAt: string;
    entitled: number;
  };
  envelopeCents: number;
  rule: SelectionRule;
  tieBreak: TieBreak;
  votesWeight: number;
  /** In ballot order. */
  items: FrozenItem[];
  /** Hands and sector rounds: the final count per item id. */
  counts: Record<string, number> | null;
  /** Ballot rounds: the final ballots, in canonical order (never the order they were cast). */
  ballots: BallotContent[] | null;
  criteria: Pick<Criterion, 'id' | 'name' | 'weight' | 'scaleMax'>[];
  /** Scores of the round's proposals only. */
  scores: { proposalId: string; criterionId: string; score: number }[];
  sectors: { id: string; name: string }[];
  /** The envelope split of the newest sector vote closed before this round, by sector id. */
  shares: Record<string, number>;
  /**
   * The setup's "sector vote splits the envelope", present (true) only when it was on at
   * closing: the selection then runs per sector (sector-split.ts). Absent in rounds frozen
   * before the option, which recompute as they were.
   */
  sectorSplit?: true;
}

export interface FrozenRound {
  inputs: FrozenInputs;
  totals: RoundTotals;
  results: AnyResults;
  /** Quorum when the round closed (for the official-round warnings; not an input of the result). */
  quorum?: QuorumAtClose;
}

/** Ballots in a canonical order: the stored order tells nothing about who cast them when. */
export function canonicalBallots(ballots: readonly BallotContent[]): BallotContent[] {
  return ballots
    .map((b) => ({ b, k: canonicalize({ choices: b.choices, points: b.points }) }))
    .sort((x, y) => (x.k < y.k ? -1 : x.k > y.k ? 1 : 0))
    .map(({ b }) => ({ choices: [...b.choices], points: b.points ? [...b.points] : null }));
}

export function frozenTotals(inp: FrozenInputs): RoundTotals {
  const labels = new Map(
    inp.items.map((i) => [i.id, inp.round.kind === 'sector' ? i.title : `${i.code} ${i.title}`]),
  );
  return computeTotals({
    round: {
      id: inp.round.id,
      kind: inp.round.kind,
      ballotType: inp.round.ballotType,
      maxChoices: inp.round.maxChoices,
      itemIds: inp.items.map((i) => i.id),
    },
    labels,
    entitled: inp.round.entitled,
    counts: new Map(Object.entries(inp.counts ?? {})),
    ballots: inp.ballots ?? [],
    envelopeCents: inp.envelopeCents,
  });
}

function head(inp: FrozenInputs, ballots: number | null, blank?: number): RoundResults['round'] {
  const r = inp.round;
  return {
    id: r.id,
    title: r.title,
    kind: r.kind,
    ballotType: r.ballotType,
    closedAt: r.closedAt,
    entitled: r.entitled,
    ballots,
    ...(blank ? { blank } : {}),
  };
}

/** A prioritisation round's outcome from its frozen inputs (the one computation of it). */
function priorityOutcome(inp: FrozenInputs, totals: RoundTotals) {
  const crit = weightedTotals(
    inp.criteria,
    inp.scores.map((s) => ({ ...s, scoredBy: '', scoredAt: '' })),
    inp.items.map((i) => i.id),
  );
  const tot = new Map(totals.items.map((i) => [i.itemId, i]));
  const projects: (ResultsProjectInput & FrozenItem)[] = inp.items.map((i) => ({
    ...i,
    votes: tot.get(i.id)?.votes ?? 0,
    points: tot.get(i.id)?.points ?? null,
    criteria: crit.get(i.id)?.total ?? Rational.ZERO,
  }));
  const profile =
    inp.round.kind === 'ballot'
      ? roundToProfile(
          { ballotType: inp.round.ballotType },
          inp.items.map((i) => ({ ...i, sector: i.sectorId })),
          inp.ballots ?? [],
          inp.envelopeCents,
        )
      : handsProfile(projects, inp.envelopeCents);
  const outcome = computeResults({
    envelopeCents: inp.envelopeCents,
    rule: inp.rule,
    tieBreak: inp.tieBreak,
    votesWeight: inp.votesWeight,
    projects,
    profile,
    individualBallots: inp.round.kind === 'ballot',
    ...(inp.sectorSplit
      ? {
          split: {
            sectors: inp.sectors.flatMap((s) =>
              inp.shares[s.id] === undefined
                ? []
                : [{ id: s.id, shareCents: inp.shares[s.id] ?? 0 }],
            ),
          },
        }
      : {}),
  });
  return { crit, projects, outcome };
}

/**
 * MES with add1: céntimos each voter's share was raised by in a closed round's result, computed
 * again from its frozen inputs (the frozen record predates it and stays as it was stored).
 */
export function frozenAdd1Raise(stored: FrozenRound): number | undefined {
  if (stored.inputs.round.kind === 'sector' || stored.inputs.rule !== 'mes') return undefined;
  return priorityOutcome(stored.inputs, stored.totals).outcome.add1RaiseCents;
}

export function frozenResults(inp: FrozenInputs, totals: RoundTotals): AnyResults {
  if (inp.round.kind === 'sector')
    return {
      kind: 'sector',
      value: {
        round: head(inp, null),
        sectors: totals.items.map((i) => ({
          sectorId: i.itemId,
          name: i.label,
          votes: i.votes,
          shareCents: i.shareCents,
        })),
      },
    };
  const { crit, projects, outcome } = priorityOutcome(inp, totals);
  const fromPool = new Set(outcome.split?.remainder.selected ?? []);
  const byCode = new Map(projects.map((p) => [p.code, p]));
  const results: ProjectResult[] = outcome.projects.flatMap((o) => {
    const p = byCode.get(o.code);
    if (!p) return [];
    return [
      {
        proposalId: p.id,
        code: p.code,
        title: p.title,
        sectorId: p.sectorId,
        costCents: p.costCents,
        votes: p.votes,
        points: p.points,
        votesScore: formatApprox(o.votesScore, 2),
        criteriaScore: formatApprox(p.criteria, 2),
        criteriaComplete: crit.get(p.id)?.complete ?? false,
        combinedExact: formatExact(o.combined),
        combined: formatApprox(o.combined, 2),
        rank: o.rank,
        sectorRank: o.sectorRank,
        selected: o.order !== null,
        order: o.order,
        ...(outcome.split ? { fromRemainder: fromPool.has(p.code) } : {}),
      },
    ];
  });
  const sectorName = new Map(inp.sectors.map((s) => [s.id, s.name]));
  const split = outcome.split
    ? {
        sectors: outcome.split.sectors.map((s) => ({
          ...s,
          name: sectorName.get(s.sectorId) ?? s.sectorId,
        })),
        pooledCents: outcome.split.pooledCents,
        remainder: outcome.split.remainder,
      }
    : null;
  const sectors = sectorResults(
    inp.sectors,
    results,
    (id) => split?.sectors.find((x) => x.sectorId === id)?.shareCents ?? inp.shares[id] ?? null,
  );
  return {
    kind: 'priority',
    value: {
      round: head(inp, totals.ballots, totals.blank),
      rule: inp.rule,
      ruleKey: outcome.ruleKey,
      tieBreak: inp.tieBreak,
      votesWeight: inp.votesWeight,
      envelopeCents: inp.envelopeCents,
      totalCents: outcome.totalCents,
      projects: results,
      sectors,
      steps: outcome.steps,
      ...(split ? { split } : {}),
      problem: outcome.problem,
    },
  };
}

/** Compute a round's frozen record from its inputs (at closing, and again by `minka check`). */
/**
 * Each sector's line of a prioritisation's results (proposals, votes, what was selected and its
 * share), sectors without proposals left out: one definition for the live results screen and the
 * frozen results of a closed round.
 */
export function sectorResults(
  sectors: readonly { id: string; name: string }[],
  projects: readonly Pick<ProjectResult, 'sectorId' | 'selected' | 'votes' | 'costCents'>[],
  shareOf: (sectorId: string) => number | null,
): SectorResult[] {
  return sectors
    .map((s) => {
      const inS = projects.filter((p) => p.sectorId === s.id);
      const sel = inS.filter((p) => p.selected);
      return {
        sectorId: s.id,
        name: s.name,
        proposals: inS.length,
        votes: inS.reduce((n, p) => n + p.votes, 0),
        selected: sel.length,
        selectedCents: sel.reduce((n, p) => n + p.costCents, 0),
        shareCents: shareOf(s.id),
      };
    })
    .filter((s) => s.proposals > 0);
}

export function freeze(inputs: FrozenInputs): FrozenRound {
  const totals = frozenTotals(inputs);
  return { inputs, totals, results: frozenResults(inputs, totals) };
}

/** Does the stored outcome equal a recomputation from the stored inputs? */
export function frozenHolds(stored: FrozenRound): boolean {
  const again = freeze(stored.inputs);
  // As canonical JSON compares them, without writing both when they are equal (issue 18).
  return (
    canonicalEqual(again.totals, stored.totals) && canonicalEqual(again.results, stored.results)
  );
}
