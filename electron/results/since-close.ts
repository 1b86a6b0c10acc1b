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

/** A proposal event logged after a round closed: who, when, what changed (before → after). */
export interface ProposalChange {
  proposalId: string;
  code: string;
  at: string;
  by: string;
  /** edited | pending | admitted | rejected (the event's kind). */
  kind: string;
  changes: { field: string; before: string; after: string }[];
}

type ProposalFields = Record<string, string | number | boolean | null | undefined> & {
  id: string;
  code: string;
};

/** The fields of a proposal that an edit after the close is said to change (in this order). */
const EDIT_FIELDS = [
  'code',
  'title',
  'estimatedCostCents',
  'cofinancingCents',
  'sectorId',
  'cui',
  'community',
  'organizationId',
  'beneficiaries',
  'description',
] as const;

/** The seq of the round's close event, or null (not closed). */
function closeSeq(db: Db, roundId: string): number | null {
  return (
    (db
      .prepare(
        "SELECT seq FROM event WHERE type = 'voting.roundClosed' AND json_extract(payload, '$.id') = ? ORDER BY seq DESC LIMIT 1",
      )
      .pluck()
      .get(roundId) as number | undefined) ?? null
  );
}

/**
 * The proposals as they stood when the round closed (their last add or edit before the close
 * event), and every proposal event after it for the given proposals (adv27: an edit, a
 * rejection, a CUI given after the room saw the list). Read from the event log, by sequence,
 * not by clock, so `minka check` rebuilds the same.
 */
export function proposalsSinceClose(
  db: Db,
  roundId: string,
  ids: ReadonlySet<string>,
): { atClose: Map<string, ProposalFields>; changes: ProposalChange[] } {
  const atClose = new Map<string, ProposalFields>();
  const changes: ProposalChange[] = [];
  const seq = closeSeq(db, roundId);
  if (seq === null) return { atClose, changes };
  const rows = db
    .prepare(
      "SELECT seq, at, actor, type, payload FROM event WHERE type LIKE 'proposals.%' AND type <> 'proposals.matterRaised' ORDER BY seq",
    )
    .all() as { seq: number; at: string; actor: string; type: string; payload: string }[];
  const last = new Map<string, ProposalFields>();
  for (const r of rows) {
    const p = JSON.parse(r.payload) as ProposalFields & { proposalId?: string };
    const edit = r.type === 'proposals.proposalAdded' || r.type === 'proposals.proposalEdited';
    const pid = edit ? p.id : (p.proposalId ?? '');
    if (r.seq > seq && ids.has(pid)) {
      const before = last.get(pid);
      const kind = edit ? 'edited' : r.type.slice('proposals.'.length);
      const diff = edit
        ? EDIT_FIELDS.filter((f) => String(before?.[f] ?? '') !== String(p[f] ?? '')).map((f) => ({
            field: f,
            before: String(before?.[f] ?? ''),
            after: String(p[f] ?? ''),
          }))
        : [
            {
              field: 'status',
              before: String(p['previous'] ?? ''),
              after: String(p['decision'] ?? ''),
            },
            ...(p['explanation']
              ? [{ field: 'explanation', before: '', after: String(p['explanation']) }]
              : []),
          ];
      changes.push({
        proposalId: pid,
        code: String(before?.code ?? p.code),
        at: r.at,
        by: r.actor,
        kind,
        changes: diff,
      });
    }
    if (edit) {
      last.set(pid, p);
      if (r.seq < seq) atClose.set(pid, p);
    }
  }
  return { atClose, changes };
}
