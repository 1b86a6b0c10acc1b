// Totals of a closed round: pure, so the results screen, the projector, the minutes and
// any independent re-check compute the same numbers from the same record.
import type { BallotContent, ItemTotal, Round, RoundTotals } from '../schemas/voting';
import { rankedFigure } from './ranked';

/**
 * Split `totalCents` in proportion to `weights` (largest remainder, ties to the earlier
 * item): exact integers that always add up to the total when any weight is positive.
 */
export function splitProportional(totalCents: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (sum === 0) return weights.map(() => 0);
  const T = BigInt(totalCents);
  const S = BigInt(sum);
  const base = weights.map((w) => (T * BigInt(w)) / S);
  const rem = weights.map((w, i) => ({ i, r: (T * BigInt(w)) % S }));
  let left = Number(T - base.reduce((s, b) => s + b, 0n));
  rem.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  const out = base.map(Number);
  for (const { i } of rem) {
    if (left <= 0) break;
    out[i] = (out[i] ?? 0) + 1;
    left--;
  }
  return out;
}

export interface TotalsInput {
  round: Pick<Round, 'id' | 'kind' | 'ballotType' | 'maxChoices' | 'itemIds'>;
  labels: ReadonlyMap<string, string>;
  entitled: number;
  /** Hands and sector rounds: the final count per item. */
  counts?: ReadonlyMap<string, number>;
  /** Ballot rounds. */
  ballots?: readonly BallotContent[];
  envelopeCents: number;
}

export function computeTotals(input: TotalsInput): RoundTotals {
  const { round } = input;
  const order = new Map(round.itemIds.map((id, i) => [id, i]));
  const votes = new Map<string, number>(round.itemIds.map((id) => [id, 0]));
  const points = new Map<string, number>(round.itemIds.map((id) => [id, 0]));
  const withPoints = round.ballotType === 'cumulative' || round.ballotType === 'ranking';
  if (round.kind === 'ballot') {
    const depth = round.maxChoices ?? round.itemIds.length;
    for (const b of input.ballots ?? []) {
      b.choices.forEach((id, k) => {
        votes.set(id, (votes.get(id) ?? 0) + 1);
        const p = round.ballotType === 'cumulative' ? (b.points?.[k] ?? 0) : Math.max(depth - k, 0);
        points.set(id, (points.get(id) ?? 0) + p);
      });
    }
  } else for (const id of round.itemIds) votes.set(id, input.counts?.get(id) ?? 0);
  const shares =
    round.kind === 'sector'
      ? splitProportional(
          input.envelopeCents,
          round.itemIds.map((id) => votes.get(id) ?? 0),
        )
      : null;
  const items: ItemTotal[] = round.itemIds.map((id, i) => ({
    itemId: id,
    label: input.labels.get(id) ?? id,
    votes: votes.get(id) ?? 0,
    points: withPoints ? (points.get(id) ?? 0) : null,
    shareCents: shares ? (shares[i] ?? 0) : null,
  }));
  items.sort(
    (x, y) =>
      rankedFigure(y) - rankedFigure(x) || (order.get(x.itemId) ?? 0) - (order.get(y.itemId) ?? 0),
  );
  const blank =
    round.kind === 'ballot'
      ? (input.ballots ?? []).filter((b) => b.choices.length === 0).length
      : 0;
  return {
    roundId: round.id,
    kind: round.kind,
    ballotType: round.ballotType,
    ballots: round.kind === 'ballot' ? (input.ballots?.length ?? 0) : null,
    // Written only when there are blank ballots (rounds frozen earlier had none).
    ...(blank > 0 ? { blank } : {}),
    entitled: input.entitled,
    items,
  };
}
