// Results of closed rounds, read from the store and computed by the pure functions in
// shared/results (the tally engine decides the selection). Nothing here writes: results
// are a function of the record, so the screen, the projector and the export agree.
import type { ProjectResult, RoundResults } from '../../shared/schemas/results';
import type { Round } from '../../shared/schemas/voting';
import {
  computeResults,
  handsProfile,
  type ResultsProjectInput,
} from '../../shared/results/compute';
import { weightedTotals } from '../../shared/results/criteria';
import { appliedRule } from '../../shared/results/sector-split';
import { formatApprox, formatExact, Rational } from '../../shared/tally/rational';
import { MinkaError } from '../platform/errors';
import { getMatrix, hasCriteria, listScores } from '../criteria/criteria';
import type { Db } from '../platform/db';
import { listProposals } from '../proposals/proposals';
import { currentRound, getRound, listRounds } from '../voting/voting';
import { roundProfile, roundTotals } from '../voting/round-reads';
import { getSetup } from '../workshop/workshop';
import { storedFrozen } from '../voting/round-freeze';
import { frozenAdd1Raise, sectorResults, type AnyResults } from '../../shared/results/frozen';
import { ruleRan } from '../../shared/results/rule-ran';

export type { AnyResults } from '../../shared/results/frozen';

function roundHead(round: Round, ballots: number | null, blank?: number): RoundResults['round'] {
  return {
    id: round.id,
    title: round.title,
    kind: round.kind,
    ballotType: round.ballotType,
    closedAt: round.closedAt,
    entitled: round.snapshot?.entitled ?? 0,
    ballots,
    ...(blank ? { blank } : {}),
  };
}

/**
 * Results of one round; refused until the round is closed. A closed round's result is the
 * one frozen when it closed: later edits to criteria, envelope or setup do not move it.
 */
export function roundResults(db: Db, roundId: string): AnyResults {
  const r = storedOrComputed(db, roundId);
  // The sector split, when it selected, named for every reader (screen, projector, export):
  // `rule` still says the setup's rule. Only then, so an export archived before this field
  // existed still compares equal (`minka check --export`) where nothing was misnamed.
  return r.kind === 'priority' && r.value.split
    ? { kind: 'priority', value: { ...r.value, appliedRule: appliedRule(r.value) } }
    : r;
}

/**
 * A round's results as the screen shows them: with the steps its rule ran (add1's raise is
 * computed again from the frozen inputs). Not in the export, so archived exports compare equal.
 */
export function roundResultsShown(db: Db, roundId: string): AnyResults {
  const r = roundResults(db, roundId);
  if (r.kind !== 'priority') return r;
  const frozen = storedFrozen(db, roundId);
  const ran = ruleRan(r.value, frozen ? frozenAdd1Raise(frozen) : undefined);
  return ran ? { kind: 'priority', value: { ...r.value, ran } } : r;
}

function storedOrComputed(db: Db, roundId: string): AnyResults {
  return db.transaction((): AnyResults => {
    const round = getRound(db, roundId);
    if (round.state !== 'closed')
      throw new MinkaError('CONFLICT', 'results.error.notClosed', { title: round.title });
    const frozen = storedFrozen(db, roundId);
    if (frozen) return frozen.results;
    // A round closed by a version that did not freeze results: computed from the record.
    const setup = getSetup(db);
    const totals = roundTotals(db, roundId);
    if (round.kind === 'sector') {
      const names = new Map(setup.sectors.map((s) => [s.id, s.name]));
      return {
        kind: 'sector',
        value: {
          round: roundHead(round, null),
          sectors: totals.items.map((i) => ({
            sectorId: i.itemId,
            name: names.get(i.itemId) ?? i.label,
            votes: i.votes,
            shareCents: i.shareCents,
          })),
        },
      };
    }
    const byId = new Map(listProposals(db).map((p) => [p.id, p]));
    const matrix = getMatrix(db);
    const crit = weightedTotals(matrix.criteria, listScores(db), round.itemIds);
    const tot = new Map(totals.items.map((i) => [i.itemId, i]));
    const inputs: (ResultsProjectInput & { id: string; title: string })[] = round.itemIds.flatMap(
      (id) => {
        const p = byId.get(id);
        if (!p) return [];
        const t = tot.get(id);
        return [
          {
            id,
            title: p.title,
            code: p.code,
            costCents: p.estimatedCostCents,
            sectorId: p.sectorId,
            votes: t?.votes ?? 0,
            points: t?.points ?? null,
            criteria: crit.get(id)?.total ?? Rational.ZERO,
          },
        ];
      },
    );
    const profile =
      round.kind === 'ballot'
        ? roundProfile(db, roundId)
        : handsProfile(inputs, setup.envelopeCents);
    const outcome = computeResults({
      envelopeCents: setup.envelopeCents,
      rule: setup.selectionRule,
      tieBreak: round.tieBreak,
      votesWeight: matrix.votesWeight,
      projects: inputs,
      profile,
      individualBallots: round.kind === 'ballot',
    });
    const input = new Map(inputs.map((p) => [p.code, p]));
    const projects: ProjectResult[] = outcome.projects.map((o) => {
      const p = input.get(o.code);
      if (!p) throw new Error(`results: no input for ${o.code}`);
      const c = crit.get(p.id);
      return {
        proposalId: p.id,
        code: p.code,
        title: p.title,
        sectorId: p.sectorId,
        costCents: p.costCents,
        votes: p.votes,
        points: p.points,
        votesScore: formatApprox(o.votesScore, 2),
        criteriaScore: formatApprox(p.criteria, 2),
        criteriaComplete: c?.complete ?? false,
        combinedExact: formatExact(o.combined),
        combined: formatApprox(o.combined, 2),
        rank: o.rank,
        sectorRank: o.sectorRank,
        selected: o.order !== null,
        order: o.order,
      };
    });
    const shares = sectorShares(db);
    const sectors = sectorResults(setup.sectors, projects, (id) => shares.get(id) ?? null);
    return {
      kind: 'priority',
      value: {
        round: roundHead(round, totals.ballots, totals.blank),
        rule: setup.selectionRule,
        ruleKey: outcome.ruleKey,
        tieBreak: round.tieBreak,
        votesWeight: matrix.votesWeight,
        envelopeCents: setup.envelopeCents,
        totalCents: outcome.totalCents,
        projects,
        sectors,
        steps: outcome.steps,
        problem: outcome.problem,
      },
    };
  })();
}

/** The envelope split of the newest closed sector round, if any. */
function sectorShares(db: Db): Map<string, number> {
  const sector = listRounds(db)
    .filter((r) => r.kind === 'sector' && r.state === 'closed')
    .at(-1);
  if (!sector) return new Map();
  return new Map(
    roundTotals(db, sector.id).items.flatMap((i) =>
      i.shareCents === null ? [] : [[i.itemId, i.shareCents] as const],
    ),
  );
}

/** Rounds for the results screen, and the one it opens on: the newest closed prioritisation round. */
export function resultRounds(db: Db) {
  const rounds = listRounds(db);
  const closed = rounds.filter((r) => r.state === 'closed');
  const def = closed.filter((r) => r.kind !== 'sector').at(-1) ?? closed.at(-1) ?? null;
  return {
    rounds: rounds.map((r) => ({
      id: r.id,
      title: r.title,
      kind: r.kind,
      state: r.state,
      closedAt: r.closedAt,
    })),
    defaultRoundId: def?.id ?? null,
  };
}

/** The projector follows the current round: its results once closed, only its title while open. */
export function projectorView(db: Db) {
  const r = currentRound(db);
  if (!r) return { round: null, results: null };
  return {
    round: { id: r.id, title: r.title, kind: r.kind, state: r.state, closedAt: r.closedAt },
    results: r.state === 'closed' ? roundResults(db, r.id) : null,
  };
}

/** Results of every closed round, for the export document. */
export function allResults(db: Db): AnyResults[] {
  if (
    !hasCriteria(db) ||
    db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'voting_round'")
      .get() === undefined
  )
    return [];
  return listRounds(db)
    .filter((r) => r.state === 'closed')
    .map((r) => roundResults(db, r.id));
}
