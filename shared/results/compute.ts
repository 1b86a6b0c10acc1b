// Results of a closed prioritisation round, pure and exact: votes and criteria combine
// into one score, and the selection within the envelope is the tally engine's, under the
// rule chosen in setup and the tie-break fixed with the round. The screen, the projector,
// the export and the tests all call this one function.
import type { ResultStep } from '../schemas/results';
import type { SelectionRule } from '../schemas/workshop';
import type { Round as TallyRound } from '../tally/explain';
import { TallyError } from '../tally/errors';
import type { Profile } from '../tally/profile';
import { parseDecimal, Rational } from '../tally/rational';
import { compareIds, type TieBreak } from '../tally/tiebreak';
import { tally } from '../tally/tally';
import { splitSelection, type SplitOutcome } from './sector-split';
import { rankedFigure } from '../voting/ranked';

/** The tally engine's key for each rule of the setup. MES is completed (add1, then greedy) so the envelope is used. */
export const RULE_KEY: Record<SelectionRule, string> = { greedy: 'greedy', mes: 'mes+add1+greedy' };

export interface ResultsProjectInput {
  /** The tally id: the proposal code. */
  code: string;
  costCents: number;
  sectorId: string;
  votes: number;
  points: number | null;
  /** Weighted criteria total out of 100. */
  criteria: Rational;
}

export interface ResultsInput {
  envelopeCents: number;
  rule: SelectionRule;
  tieBreak: TieBreak;
  /** Percent of the combined score that comes from votes. */
  votesWeight: number;
  projects: readonly ResultsProjectInput[];
  /** The round's ballots (project ids = codes, costs and budget in soles). */
  profile: Profile;
  /** False when the profile stands for show-of-hands counts: MES needs who voted for what. */
  individualBallots: boolean;
  /**
   * "The sector vote splits the envelope": the sector vote's shares by sector (setup order).
   * Absent when the setup's option is off; then the rule runs over the whole envelope.
   */
  split?: { sectors: readonly { id: string; shareCents: number }[] };
}

export interface ProjectOutcome {
  code: string;
  votesScore: Rational;
  combined: Rational;
  rank: number;
  sectorRank: number;
  /** 1-based position in the selection order, null when not selected. */
  order: number | null;
}

export interface ResultsOutcome {
  ruleKey: string;
  /** Ordered by rank, then code. */
  projects: ProjectOutcome[];
  selectionOrder: string[];
  totalCents: number;
  steps: ResultStep[];
  problem: { key: string; params: Record<string, string | number> } | null;
  split: SplitOutcome | null;
  /** MES with add1: céntimos each voter's share was raised by (0: the plain share sufficed). */
  add1RaiseCents?: number;
}

const solesOf = (cents: number): Rational => Rational.of(cents, 100);

function centsOf(soles: string): number {
  const r = parseDecimal(soles) ?? Rational.ZERO;
  return Number(r.mulInt(100).n / r.mulInt(100).d);
}

/**
 * A show-of-hands round as a profile: one anonymous single-project ballot per raised hand,
 * so that supporter counts (greedy, the 'supporters' tie-break) are the counts.
 */
export function handsProfile(
  projects: readonly ResultsProjectInput[],
  envelopeCents: number,
): Profile {
  const ballots = projects.flatMap((p) =>
    Array.from({ length: p.votes }, () => ({ projects: [p.code] })),
  );
  return {
    kind: 'approval',
    budget: solesOf(envelopeCents),
    projects: projects.map((p) => ({ id: p.code, cost: solesOf(p.costCents) })),
    ballots,
  };
}

/** Combined score of each project: votesWeight % of the votes (relative to the most voted, out of 100) plus the rest of the criteria total. */
export function combinedScores(
  projects: readonly ResultsProjectInput[],
  votesWeight: number,
): Map<string, { votesScore: Rational; combined: Rational }> {
  const max = projects.reduce((m, p) => Math.max(m, rankedFigure(p)), 0);
  const out = new Map<string, { votesScore: Rational; combined: Rational }>();
  for (const p of projects) {
    const votesScore = max === 0 ? Rational.ZERO : Rational.of(rankedFigure(p) * 100, max);
    const combined = votesScore
      .mulInt(votesWeight)
      .add(p.criteria.mulInt(100 - votesWeight))
      .divInt(100);
    out.set(p.code, { votesScore, combined });
  }
  return out;
}

/** Competition ranking: 1 + how many score strictly higher. */
function ranks(codes: readonly string[], score: (c: string) => Rational): Map<string, number> {
  return new Map(codes.map((c) => [c, 1 + codes.filter((o) => score(o).cmp(score(c)) > 0).length]));
}

export function computeResults(input: ResultsInput): ResultsOutcome {
  const scores = combinedScores(input.projects, input.votesWeight);
  const combined = (c: string) => scores.get(c)?.combined ?? Rational.ZERO;
  const codes = input.projects.map((p) => p.code);
  const overall = ranks(codes, combined);
  const sectorRank = new Map<string, number>();
  for (const sector of new Set(input.projects.map((p) => p.sectorId))) {
    const inSector = input.projects.filter((p) => p.sectorId === sector).map((p) => p.code);
    for (const [c, r] of ranks(inSector, combined)) sectorRank.set(c, r);
  }

  const ruleKey = RULE_KEY[input.rule];
  let selectionOrder: string[] = [];
  let totalCents = 0;
  let steps: ResultStep[] = [];
  let problem: ResultsOutcome['problem'] = null;
  let split: SplitOutcome | null = null;
  let add1RaiseCents: number | undefined;
  if (input.split) {
    // The global order: greedy by the combined score under the round's tie-break, with a
    // budget every project fits in, so it orders them all (a tie that matters is refused).
    try {
      const all = input.projects.reduce((n, p) => n + p.costCents, 0);
      const r = tally(
        { ...input.profile, budget: solesOf(all) },
        {
          rule: 'greedy',
          tieBreak: input.tieBreak,
          scores: new Map([...scores].map(([c, s]) => [c, s.combined])),
        },
      );
      const byCode = new Map(input.projects.map((p) => [p.code, p]));
      const order = r.selectionOrder.flatMap((c) => {
        const p = byCode.get(c);
        return p ? [{ code: c, sectorId: p.sectorId, costCents: p.costCents }] : [];
      });
      split = splitSelection({
        envelopeCents: input.envelopeCents,
        sectors: input.split.sectors,
        order,
      });
      selectionOrder = split.selectionOrder;
      totalCents = split.totalCents;
    } catch (e) {
      if (!(e instanceof TallyError)) throw e;
      problem = { key: e.code, params: e.params };
    }
  } else if (input.rule === 'mes' && !input.individualBallots) {
    problem = { key: 'results.problem.mesNeedsBallots', params: {} };
  } else {
    try {
      const r = tally(input.profile, {
        rule: ruleKey,
        tieBreak: input.tieBreak,
        ...(input.rule === 'greedy'
          ? { scores: new Map([...scores].map(([c, s]) => [c, s.combined])) }
          : {}),
      });
      selectionOrder = r.selectionOrder;
      totalCents = centsOf(r.totalCost.toString());
      steps = explain(r.rounds, input);
      if (r.add1Raise !== undefined) add1RaiseCents = r.add1Raise * 100;
    } catch (e) {
      if (!(e instanceof TallyError)) throw e;
      problem = { key: e.code, params: e.params };
    }
  }
  const position = new Map(selectionOrder.map((c, i) => [c, i + 1]));
  const projects = codes
    .map((code) => ({
      code,
      votesScore: scores.get(code)?.votesScore ?? Rational.ZERO,
      combined: combined(code),
      rank: overall.get(code) ?? 0,
      sectorRank: sectorRank.get(code) ?? 0,
      order: position.get(code) ?? null,
    }))
    .sort((a, b) => a.rank - b.rank || compareIds(a.code, b.code));
  return {
    ruleKey: split ? 'greedy' : ruleKey,
    projects,
    selectionOrder,
    totalCents,
    steps,
    problem,
    split,
    ...(add1RaiseCents !== undefined ? { add1RaiseCents } : {}),
  };
}

/** The engine's rounds as steps in céntimos, carrying what is left of the envelope. */
function explain(rounds: readonly TallyRound[], input: ResultsInput): ResultStep[] {
  const cost = new Map(input.projects.map((p) => [p.code, p.costCents]));
  let remaining = input.envelopeCents;
  const steps: ResultStep[] = [];
  for (const r of rounds) {
    if (r.chosen) {
      remaining = centsOf(r.chosen.remaining);
      steps.push({
        phase: r.phase,
        kind: 'chosen',
        code: r.chosen.project,
        costCents: centsOf(r.chosen.cost),
        remainingCents: remaining,
        reason: null,
        supporters: r.chosen.supporters,
        tiedWith: r.chosen.tiedWith ?? [],
      });
    }
    for (const s of r.skipped)
      steps.push({
        phase: r.phase,
        kind: 'skipped',
        code: s.project,
        costCents: cost.get(s.project) ?? 0,
        remainingCents: remaining,
        reason: s.reason,
        supporters: null,
        tiedWith: [],
      });
  }
  return steps;
}
