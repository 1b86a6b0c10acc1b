// Checks one ballot against its round's rules, for the kiosk, paper entry and .pb import
// alike, so the three doors refuse the same ballots with the same message.
import { formatSoles } from '../format';
import type { Params } from '../i18n';
import type { BallotContent, Round } from '../schemas/voting';

export type BallotCheck = { ok: true } | { ok: false; key: string; params: Params };

export interface BallotContext {
  round: Pick<Round, 'ballotType' | 'maxChoices' | 'totalPoints' | 'itemIds'>;
  /** Cost in céntimos of each item (knapsack). */
  costCents: ReadonlyMap<string, number>;
  /** Knapsack limit in céntimos. */
  limitCents: number;
  /** How a screen names an item in a message (its code). */
  label: (id: string) => string;
}

export function checkBallot(ctx: BallotContext, b: BallotContent): BallotCheck {
  const { round } = ctx;
  const items = new Set(round.itemIds);
  const seen = new Set<string>();
  for (const id of b.choices) {
    if (!items.has(id))
      return { ok: false, key: 'voting.error.notOnBallot', params: { item: ctx.label(id) } };
    if (seen.has(id))
      return { ok: false, key: 'voting.error.chosenTwice', params: { item: ctx.label(id) } };
    seen.add(id);
  }
  // A blank vote is a choice the voter made ("Voto en blanco"), never an empty selection.
  if (b.blank === true)
    return b.choices.length === 0 && (b.points === null || b.points.length === 0)
      ? { ok: true }
      : { ok: false, key: 'voting.error.blankWithChoices', params: {} };
  if (b.choices.length === 0) return { ok: false, key: 'voting.error.emptyBallot', params: {} };
  const cumulative = round.ballotType === 'cumulative';
  if (cumulative !== (b.points !== null))
    return { ok: false, key: 'voting.error.pointsMismatch', params: {} };
  switch (round.ballotType) {
    case 'approval':
    case 'ranking':
      if (round.maxChoices !== null && b.choices.length > round.maxChoices)
        return {
          ok: false,
          key: 'voting.error.tooManyChoices',
          params: { max: round.maxChoices, chosen: b.choices.length },
        };
      return { ok: true };
    case 'cumulative': {
      const pts = b.points ?? [];
      if (pts.length !== b.choices.length)
        return { ok: false, key: 'voting.error.pointsMismatch', params: {} };
      if (pts.some((p) => p < 1)) return { ok: false, key: 'voting.error.zeroPoints', params: {} };
      const sum = pts.reduce((s, p) => s + p, 0);
      if (round.totalPoints !== null && sum > round.totalPoints)
        return {
          ok: false,
          key: 'voting.error.tooManyPoints',
          params: { max: round.totalPoints, given: sum },
        };
      return { ok: true };
    }
    case 'knapsack': {
      const total = b.choices.reduce((s, id) => s + (ctx.costCents.get(id) ?? 0), 0);
      if (total > ctx.limitCents)
        return {
          ok: false,
          key: 'voting.error.overBudget',
          params: { total: formatSoles(total), limit: formatSoles(ctx.limitCents) },
        };
      return { ok: true };
    }
    case null:
      return { ok: false, key: 'voting.error.notBallotRound', params: {} };
  }
}

/** Canonical form of a ballot for comparing two typists' entries (order matters only for ranking). */
export function sameBallot(type: Round['ballotType'], x: BallotContent, y: BallotContent): boolean {
  const norm = (b: BallotContent) => {
    const pairs = b.choices.map((c, i) => `${c}:${b.points?.[i] ?? ''}`);
    if (type !== 'ranking') pairs.sort();
    return pairs.join('|');
  };
  return norm(x) === norm(y);
}
