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
/**
 * Each proposal's scores as one comparable key, for every proposal at once: the key of
 * `id` is what it always was (its [criterion, score] pairs sorted by criterion, canonical
 * JSON), made from one pass over the scores instead of a filter of all of them per proposal,
 * which was quadratic (issue 18: ~90 proposals × ~270 scores, twice per seal).
 */
export function scoresKeys(scores: Scores): (id: string) => string {
  const byProposal = new Map<string, [string, number][]>();
  for (const s of scores) {
    const list = byProposal.get(s.proposalId);
    if (list) list.push([s.criterionId, s.score]);
    else byProposal.set(s.proposalId, [[s.criterionId, s.score]]);
  }
  const keys = new Map<string, string>();
  return (id) => {
    let key = keys.get(id);
    if (key === undefined) {
      // Sorted as before, from the same order (the comparator never answers 0, so the order
      // a sort starts from decides where equal criteria land): each list sorted once.
      const list = byProposal.get(id) ?? [];
      key = canonicalize(list.sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1)));
      keys.set(id, key);
    }
    return key;
  };
}

/** The items whose scores now differ from those frozen at the close. */
export function changedScores<T extends { id: string }>(
  inp: { items: readonly T[]; scores: Scores },
  now: Scores,
): T[] {
  const atClose = scoresKeys(inp.scores);
  const today = scoresKeys(now);
  return inp.items.filter((it) => atClose(it.id) !== today(it.id));
}

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
    changedScores(inp, scores).length > 0
  );
}
