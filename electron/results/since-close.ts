// Whether a closed round was computed under a setup that has changed since (fac26): the
// frozen ceiling, rule, tie-break, sector split, matrix or the round's scores differ from
// today's. The result does not move (it is frozen); the official choice warns, the Acta prints both.
import { canonicalize } from '../../shared/canonical';
import type { FrozenInputs } from '../../shared/results/frozen';
import type { Db } from '../platform/db';
import { getMatrix, hasCriteria, listScores } from '../criteria/criteria';
import { getSetup } from '../workshop/workshop';

type Crit = readonly { id: string; name: string; weight: number; scaleMax: number }[];
export const matrixKey = (cs: Crit) =>
  canonicalize(cs.map((c) => ({ id: c.id, name: c.name, weight: c.weight, scaleMax: c.scaleMax })));

type Scores = readonly { proposalId: string; criterionId: string; score: number }[];
export const scoresKey = (scores: Scores, id: string) =>
  canonicalize(
    scores
      .filter((s) => s.proposalId === id)
      .map((s) => [s.criterionId, s.score])
      .sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1)),
  );

export function changedSinceClose(db: Db, inp: FrozenInputs): boolean {
  const setup = getSetup(db);
  const withCriteria = hasCriteria(db);
  const matrix = withCriteria ? getMatrix(db) : { criteria: [], votesWeight: inp.votesWeight };
  const scores = withCriteria ? listScores(db) : [];
  return (
    setup.envelopeCents !== inp.envelopeCents ||
    setup.selectionRule !== inp.rule ||
    setup.tieBreak !== inp.tieBreak ||
    setup.sectorSplit !== (inp.sectorSplit === true) ||
    matrix.votesWeight !== inp.votesWeight ||
    matrixKey(matrix.criteria) !== matrixKey(inp.criteria) ||
    inp.items.some((it) => scoresKey(scores, it.id) !== scoresKey(inp.scores, it.id))
  );
}
