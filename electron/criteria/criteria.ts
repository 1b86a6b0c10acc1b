// The criteria matrix (weights and scales from the ordinance) and the technical team's
// scores per proposal. Every change is logged; a score row is overwritten but each save
// logs the proposal's full set of scores, so the event log keeps every version.
import type {
  Criterion,
  CriterionScore,
  Matrix,
  MatrixInput,
  ScoreInput,
  WeightedTotal,
} from '../../shared/schemas/criteria';
import { toWeightedTotal, weightedTotals } from '../../shared/results/criteria';
import { DEFAULT_VOTES_WEIGHT } from '../../shared/schemas/criteria';
import { MinkaError } from '../platform/errors';
import type { Db } from '../platform/db';
import { appendEvent } from '../platform/events';
import { getProposal, listProposals } from '../proposals/proposals';
import type { Env } from '../workshop/workshop';

interface CriterionRow {
  id: string;
  name: string;
  weight: number;
  scale_max: number;
}

interface ScoreRow {
  proposal_id: string;
  criterion_id: string;
  score: number;
  scored_by: string;
  scored_at: string;
}

const rowToCriterion = (r: CriterionRow): Criterion => ({
  id: r.id,
  name: r.name,
  weight: r.weight,
  scaleMax: r.scale_max,
});
const rowToScore = (r: ScoreRow): CriterionScore => ({
  proposalId: r.proposal_id,
  criterionId: r.criterion_id,
  score: r.score,
  scoredBy: r.scored_by,
  scoredAt: r.scored_at,
});

/** Whether the file has the criteria tables (a read-only export of an older file may not). */
export function hasCriteria(db: Db): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'criterion'").get() !==
    undefined
  );
}

export function getMatrix(db: Db): Matrix {
  const criteria = (
    db
      .prepare('SELECT id, name, weight, scale_max FROM criterion ORDER BY position')
      .all() as CriterionRow[]
  ).map(rowToCriterion);
  const votesWeight =
    (db.prepare('SELECT votes_weight FROM criteria_settings WHERE id = 1').pluck().get() as
      number | undefined) ?? DEFAULT_VOTES_WEIGHT;
  return { criteria, votesWeight };
}

export function listScores(db: Db): CriterionScore[] {
  return (
    db
      .prepare(
        'SELECT s.* FROM criterion_score s JOIN criterion c ON c.id = s.criterion_id ORDER BY s.proposal_id, c.position',
      )
      .all() as ScoreRow[]
  ).map(rowToScore);
}

/** Replace the matrix. Weights must add up to 100; a scale can't shrink below a score already given. */
export function saveMatrix(db: Db, env: Env, input: MatrixInput): Matrix {
  return db
    .transaction(() => {
      const sum = input.criteria.reduce((s, c) => s + c.weight, 0);
      if (sum !== 100) throw new MinkaError('INVALID_INPUT', 'results.error.weightsSum', { sum });
      const names = new Set<string>();
      for (const c of input.criteria) {
        const key = c.name.toLocaleLowerCase('es');
        if (names.has(key))
          throw new MinkaError('CONFLICT', 'results.error.duplicateCriterion', { name: c.name });
        names.add(key);
      }
      const criteria: Criterion[] = input.criteria.map((c) => ({ ...c, id: c.id ?? env.newId() }));
      const keep = new Set(criteria.map((c) => c.id));
      for (const c of criteria) {
        const max = db
          .prepare('SELECT max(score) FROM criterion_score WHERE criterion_id = ?')
          .pluck()
          .get(c.id) as number | null;
        if (max !== null && max > c.scaleMax)
          throw new MinkaError('CONFLICT', 'results.error.scaleBelowScores', {
            name: c.name,
            max,
            scale: c.scaleMax,
          });
      }
      for (const id of db.prepare('SELECT id FROM criterion').pluck().all() as string[]) {
        if (keep.has(id)) continue;
        const name = db
          .prepare('SELECT name FROM criterion WHERE id = ?')
          .pluck()
          .get(id) as string;
        if (db.prepare('SELECT 1 FROM criterion_score WHERE criterion_id = ?').get(id))
          throw new MinkaError('CONFLICT', 'results.error.criterionScored', { name });
        db.prepare('DELETE FROM criterion WHERE id = ?').run(id);
      }
      const up = db.prepare(
        'INSERT INTO criterion (id, position, name, weight, scale_max) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET position = excluded.position, name = excluded.name, weight = excluded.weight, scale_max = excluded.scale_max',
      );
      criteria.forEach((c, i) => up.run(c.id, i, c.name, c.weight, c.scaleMax));
      db.prepare(
        'INSERT INTO criteria_settings (id, votes_weight) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET votes_weight = excluded.votes_weight',
      ).run(input.votesWeight);
      const matrix: Matrix = { criteria, votesWeight: input.votesWeight };
      appendEvent(db, env.now(), { type: 'criteria.matrixSaved', payload: matrix });
      return matrix;
    })
    .immediate();
}

/** Record the technical team's scores for one proposal (only the criteria given are changed). */
export function scoreProposal(db: Db, env: Env, input: ScoreInput): CriterionScore[] {
  return db
    .transaction(() => {
      const p = getProposal(db, input.proposalId);
      if (p.status === 'rejected')
        throw new MinkaError('CONFLICT', 'results.error.scoreRejected', { code: p.code });
      const byId = new Map(getMatrix(db).criteria.map((c) => [c.id, c]));
      const seen = new Set<string>();
      const at = env.now().toISOString();
      const up = db.prepare(
        `INSERT INTO criterion_score (proposal_id, criterion_id, score, scored_by, scored_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (proposal_id, criterion_id) DO UPDATE SET score = excluded.score, scored_by = excluded.scored_by, scored_at = excluded.scored_at`,
      );
      for (const s of input.scores) {
        const c = byId.get(s.criterionId);
        if (!c) throw new MinkaError('NOT_FOUND', 'results.error.noCriterion');
        if (seen.has(c.id))
          throw new MinkaError('INVALID_INPUT', 'results.error.scoreTwice', { name: c.name });
        seen.add(c.id);
        if (s.score > c.scaleMax)
          throw new MinkaError('INVALID_INPUT', 'results.error.scoreAboveScale', {
            code: p.code,
            name: c.name,
            score: s.score,
            scale: c.scaleMax,
          });
        up.run(p.id, c.id, s.score, input.scoredBy, at);
      }
      const scores = listScores(db).filter((s) => s.proposalId === p.id);
      appendEvent(db, new Date(at), {
        type: 'criteria.scored',
        payload: {
          proposalId: p.id,
          code: p.code,
          scoredBy: input.scoredBy,
          scores: scores.map((s) => ({ criterionId: s.criterionId, score: s.score })),
        },
      });
      return scores;
    })
    .immediate();
}

/** Weighted criteria totals of every proposal not rejected, in code order. */
export function criteriaTotals(db: Db): WeightedTotal[] {
  const { criteria } = getMatrix(db);
  const ids = listProposals(db)
    .filter((p) => p.status !== 'rejected')
    .map((p) => p.id);
  return [...weightedTotals(criteria, listScores(db), ids)].map(([id, t]) =>
    toWeightedTotal(id, t),
  );
}

/** The matrix for the export document: each criterion with the scores given on it. */
export function exportCriteria(
  db: Db,
): (Criterion & { scores: Omit<CriterionScore, 'criterionId'>[] })[] {
  if (!hasCriteria(db)) return [];
  const scores = listScores(db);
  return getMatrix(db).criteria.map((c) => ({
    ...c,
    scores: scores.filter((s) => s.criterionId === c.id).map(({ criterionId: _c, ...s }) => s),
  }));
}
