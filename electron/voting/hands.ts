// The show of hands: one count per item, by one operator or two typing blind (double entry).
import type { ItemCount, Operator, Round } from '../../shared/schemas/voting';
import { MinkaError } from '../platform/errors';
import type { Db } from '../platform/db';
import { appendEvent } from '../platform/events';
import { entitledCount } from './holders';
import { getRound, needState } from './voting';
import type { Env } from '../workshop/workshop';

interface HandsRow {
  item_id: string;
  operator: Operator;
  count: number;
}

export function countViews(db: Db, round: Round, asker: Operator): ItemCount[] {
  const rows = db
    .prepare('SELECT item_id, operator, count FROM hands_entry WHERE round_id = ?')
    .all(round.id) as HandsRow[];
  const get = (item: string, op: Operator) =>
    rows.find((r) => r.item_id === item && r.operator === op)?.count ?? null;
  return round.itemIds.map((itemId) => {
    const a = get(itemId, 'A');
    const b = get(itemId, 'B');
    const mine = asker === 'A' ? a : b;
    const entered = { enteredA: a !== null, enteredB: b !== null };
    if (!round.doubleEntry)
      return { itemId, status: a === null ? 'empty' : 'final', mine: a, a, b: null, ...entered };
    if (a === null && b === null)
      return { itemId, status: 'empty', mine, a: null, b: null, ...entered };
    if (a === null || b === null)
      return { itemId, status: 'waiting', mine, a: null, b: null, ...entered };
    return { itemId, status: a === b ? 'final' : 'mismatch', mine, a, b, ...entered };
  });
}

/**
 * The counts as the API answers them. Secrecy until closing (issue 14, item 6): while the round
 * is open no caller gets a number, not even "its own" (nothing proves who asks), only each
 * item's state: entered, waiting for the second operator, agreeing or differing, and which
 * operators have entered it (enteredA/enteredB, no number). The counting screen keeps what was
 * typed in it.
 */
export function visibleCounts(db: Db, round: Round, asker: Operator): ItemCount[] {
  const views = countViews(db, round, asker);
  if (round.state === 'closed') return views;
  return views.map((c) => ({ ...c, mine: null, a: null, b: null }));
}

export function enterCount(
  db: Db,
  env: Env,
  input: { roundId: string; itemId: string; operator: Operator; count: number },
): ItemCount {
  return db
    .transaction(() => {
      const round = getRound(db, input.roundId);
      if (round.kind === 'ballot') throw new MinkaError('CONFLICT', 'voting.error.notHandsRound');
      needState(round, 'open');
      if (!round.itemIds.includes(input.itemId))
        throw new MinkaError('NOT_FOUND', 'voting.error.notOnBallot', { item: input.itemId });
      if (input.operator === 'B' && !round.doubleEntry)
        throw new MinkaError('INVALID_INPUT', 'voting.error.noSecondOperator');
      const entitled = entitledCount(db, round);
      if (input.count > entitled)
        throw new MinkaError('INVALID_INPUT', 'voting.error.countOverEntitled', {
          count: input.count,
          entitled,
        });
      const at = env.now().toISOString();
      db.prepare(
        `INSERT INTO hands_entry (round_id, item_id, operator, count, entered_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (round_id, item_id, operator) DO UPDATE SET count = excluded.count, entered_at = excluded.entered_at`,
      ).run(round.id, input.itemId, input.operator, input.count, at);
      appendEvent(db, new Date(at), {
        type: 'voting.countEntered',
        payload: {
          roundId: round.id,
          itemId: input.itemId,
          operator: input.operator,
          count: input.count,
        },
      });
      const view = visibleCounts(db, round, input.operator).find((c) => c.itemId === input.itemId);
      if (!view) throw new MinkaError('INTERNAL', 'error.internal', { message: 'count view' });
      return view;
    })
    .immediate();
}
