// The frozen result of a closed round: gathered at closing from the record as it stands
// (the close event carries it, so it is chained and signed into the minutes with the rest)
// and read back for every later read of that round. Imports nothing from ./voting so the
// voting store can call it while closing.
import type { Json } from '../../shared/canonical';
import {
  canonicalBallots,
  FROZEN_VERSION,
  freeze,
  type FrozenInputs,
  type FrozenRound,
} from '../../shared/results/frozen';
import type { BallotContent, Round } from '../../shared/schemas/voting';
import type { QuorumAtClose } from '../../shared/schemas/official';
import { getMatrix, hasCriteria, listScores } from '../criteria/criteria';
import type { Db } from '../platform/db';
import { listProposals } from '../proposals/proposals';
import { getSetup } from '../workshop/workshop';
import { presenceHere } from '../attendance/presence-here';

export const ROUND_CLOSED_EVENT = 'voting.roundClosed';

/** What a round's result depends on, read from the store at closing. */
export function gatherInputs(
  db: Db,
  round: Round,
  closing: {
    closedAt: string;
    entitled: number;
    counts: Map<string, number> | null;
    ballots: BallotContent[] | null;
  },
): FrozenInputs {
  const setup = getSetup(db);
  const matrix = hasCriteria(db) ? getMatrix(db) : { criteria: [], votesWeight: 0 };
  const itemSet = new Set(round.itemIds);
  const props = new Map(listProposals(db).map((p) => [p.id, p]));
  const sectorName = new Map(setup.sectors.map((s) => [s.id, s.name]));
  const items =
    round.kind === 'sector'
      ? round.itemIds.map((id) => ({
          id,
          code: '',
          title: sectorName.get(id) ?? id,
          sectorId: id,
          costCents: 0,
        }))
      : round.itemIds.flatMap((id) => {
          const p = props.get(id);
          return p
            ? [
                {
                  id,
                  code: p.code,
                  title: p.title,
                  sectorId: p.sectorId,
                  costCents: p.estimatedCostCents,
                },
              ]
            : [];
        });
  return {
    version: FROZEN_VERSION,
    round: {
      id: round.id,
      title: round.title,
      kind: round.kind,
      ballotType: round.ballotType,
      maxChoices: round.maxChoices,
      closedAt: closing.closedAt,
      entitled: closing.entitled,
    },
    envelopeCents: setup.envelopeCents,
    rule: setup.selectionRule,
    tieBreak: round.tieBreak,
    votesWeight: matrix.votesWeight,
    items,
    counts: closing.counts ? Object.fromEntries(closing.counts) : null,
    ballots: closing.ballots ? canonicalBallots(closing.ballots) : null,
    criteria: matrix.criteria.map((c) => ({
      id: c.id,
      name: c.name,
      weight: c.weight,
      scaleMax: c.scaleMax,
    })),
    scores:
      round.kind === 'sector' || !hasCriteria(db)
        ? []
        : listScores(db)
            .filter((s) => itemSet.has(s.proposalId))
            .map((s) => ({ proposalId: s.proposalId, criterionId: s.criterionId, score: s.score })),
    sectors: setup.sectors.map((s) => ({ id: s.id, name: s.name })),
    shares: round.kind === 'sector' ? {} : latestShares(db),
    ...(round.kind !== 'sector' && setup.sectorSplit ? { sectorSplit: true as const } : {}),
  };
}

/** The envelope split of the newest sector vote already closed (frozen with it). */
function latestShares(db: Db): Record<string, number> {
  const id = db
    .prepare(
      "SELECT id FROM voting_round WHERE kind = 'sector' AND state = 'closed' ORDER BY position DESC LIMIT 1",
    )
    .pluck()
    .get() as string | undefined;
  const f = id ? storedFrozen(db, id) : null;
  if (!f || f.results.kind !== 'sector') return {};
  return Object.fromEntries(
    f.results.value.sectors.flatMap((s) =>
      s.shareCents === null ? [] : [[s.sectorId, s.shareCents] as const],
    ),
  );
}

/** Quorum at the round's venue and day as it stands now (at closing). */
export function quorumNow(db: Db, round: Pick<Round, 'venueId' | 'day'>): QuorumAtClose {
  return presenceHere(db, round, getSetup(db)).quorum;
}

export function freezeRound(
  inputs: FrozenInputs,
  quorum: QuorumAtClose,
): { frozen: FrozenRound; json: Json } {
  const frozen = { ...freeze(inputs), quorum };
  // Plain data (numbers, strings, arrays, objects): its JSON is itself.
  return { frozen, json: JSON.parse(JSON.stringify(frozen)) as Json };
}

const cache = new WeakMap<Db, Map<string, FrozenRound>>();

/**
 * The frozen record of a closed round, from its close event; null for a round closed by a
 * version that did not freeze results (those are computed from the record as before).
 * A closed round never changes, so what was read once is kept for this connection.
 */
export function storedFrozen(db: Db, roundId: string): FrozenRound | null {
  let m = cache.get(db);
  const hit = m?.get(roundId);
  if (hit) return hit;
  const payload = db
    .prepare(
      "SELECT payload FROM event WHERE type = ? AND json_extract(payload, '$.id') = ? ORDER BY seq DESC LIMIT 1",
    )
    .pluck()
    .get(ROUND_CLOSED_EVENT, roundId) as string | undefined;
  if (payload === undefined) return null;
  const p = JSON.parse(payload) as { frozen?: FrozenRound };
  if (!p.frozen) return null;
  if (!m) cache.set(db, (m = new Map<string, FrozenRound>()));
  m.set(roundId, p.frozen);
  return p.frozen;
}

/**
 * Every frozen round in the log, for `minka check`. `read`: the log as the check already read
 * it, payloads parsed (readChain in platform/events.ts), so the closes, which carry every
 * ballot, are not read and parsed again (issue 18); a payload that is not JSON is left out
 * there (the chain reports it).
 */
export function allFrozen(
  db: Db,
  read: readonly { seq: number; type: string; payload: unknown }[] | null = null,
): { seq: number; roundId: string; frozen: FrozenRound }[] {
  const rows =
    read?.filter((r) => r.type === ROUND_CLOSED_EVENT) ??
    (
      db
        .prepare('SELECT seq, payload FROM event WHERE type = ? ORDER BY seq')
        .all(ROUND_CLOSED_EVENT) as { seq: number; payload: string }[]
    ).map((r) => ({ seq: r.seq, payload: JSON.parse(r.payload) as unknown }));
  return rows.flatMap((r) => {
    if (typeof r.payload !== 'object' || r.payload === null) return [];
    const p = r.payload as { id?: string; frozen?: FrozenRound };
    return p.frozen && p.id ? [{ seq: r.seq, roundId: p.id, frozen: p.frozen }] : [];
  });
}
