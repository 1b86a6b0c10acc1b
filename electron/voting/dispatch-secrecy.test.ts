// Issue 14, item 6 (first half): before a round closes, no channel returns a count or a
// ballot's content — single-entry show-of-hands counts included — and after closing they do.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir, testCore } from '../../test/helpers/tmp';
import { fillVotingFixture, type VotingFixture } from '../../test/helpers/voting-fixture';
import { demoSetup } from '../demo/demo';
import type { Core } from '../core/core';

/** Keys that carry a count or a ballot's content, wherever they sit in an answer. */
const SECRET = new Set(['count', 'mine', 'a', 'b', 'votes', 'points', 'choices', 'shareCents']);

/** Every place an answer carries a count or ballot content (non-null, non-empty). */
function secrets(x: unknown, path = '$'): string[] {
  if (Array.isArray(x)) return x.flatMap((v, i) => secrets(v, `${path}[${i}]`));
  if (x === null || typeof x !== 'object') return [];
  return Object.entries(x).flatMap(([k, v]) => {
    const here = `${path}.${k}`;
    if (SECRET.has(k) && v !== null && !(Array.isArray(v) && v.length === 0))
      return [`${here}=${JSON.stringify(v)}`];
    return secrets(v, here);
  });
}

describe('no counts or ballots through any channel before closing', () => {
  let core: Core;
  let cleanup: () => void;
  let workshopId: string;
  let fx!: VotingFixture;
  beforeEach(() => {
    const t = tempDir();
    cleanup = t.cleanup;
    core = testCore(t.dir);
    const w = core.createFile(join(t.dir, 'w.minka'), demoSetup(), (db, env) => {
      fx = fillVotingFixture(db, env);
    });
    workshopId = w.id;
  });
  afterEach(() => {
    core.closeAll();
    cleanup();
  });

  const round = (over: Record<string, unknown>) => ({
    title: 'Priorización',
    kind: 'hands',
    ballotType: null,
    maxChoices: null,
    totalPoints: null,
    budgetCents: null,
    doubleEntry: false,
    tieBreak: null,
    venueId: fx.venueId,
    day: fx.day,
    itemIds: [],
    ...over,
  });

  /** What every channel that reads round data answers now (refusals included, as answered). */
  async function everything(roundId: string): Promise<Record<string, unknown>> {
    const ref = { workshopId, roundId };
    return {
      list: await core.dispatch('voting:list', { workshopId }),
      getA: await core.dispatch('voting:get', { ...ref, operator: 'A' }),
      getB: await core.dispatch('voting:get', { ...ref, operator: 'B' }),
      results: await core.dispatch('voting:results', ref),
      exportPb: await core.dispatch('voting:exportPb', ref),
      rounds: await core.dispatch('results:rounds', { workshopId }),
      get: await core.dispatch('results:get', ref),
      projector: await core.dispatch('results:projector', { workshopId }),
      official: await core.dispatch('results:official', { workshopId }),
      events: await core.dispatch('events:list', { workshopId }),
    };
  }

  it('single-entry show of hands: counts hidden everywhere while open, shown once closed', async () => {
    const r = (await core.call('voting:create', { workshopId, round: round({}) })).value;
    await core.call('voting:open', { workshopId, roundId: r.id });
    const typed = r.itemIds.map((_, i) => [3, 2, 1][i % 3] ?? 0);
    const answers: unknown[] = [];
    for (const [i, count] of typed.entries())
      answers.push(
        await core.dispatch('voting:enterCount', {
          workshopId,
          roundId: r.id,
          itemId: r.itemIds[i],
          operator: 'A',
          count,
        }),
      );
    expect(secrets(answers)).toEqual([]);
    const open = await everything(r.id);
    expect(secrets(open)).toEqual([]);
    // The state is still told: the operator sees each count was recorded.
    const detail = await core.call('voting:get', { workshopId, roundId: r.id });
    expect(detail.counts.slice(0, 3).map((c) => c.status)).toEqual(['final', 'final', 'final']);

    await core.call('voting:close', { workshopId, roundId: r.id });
    const after = await core.call('voting:get', { workshopId, roundId: r.id });
    expect(after.counts.map((c) => c.a)).toEqual(typed);
    const totals = await core.call('voting:results', { workshopId, roundId: r.id });
    expect(totals.items.map((i) => i.votes).sort()).toEqual([...typed].sort());
    const events = JSON.stringify(await core.call('events:list', { workshopId }));
    expect(events).toContain('"count":3');
  });

  it('double entry: only whether the two agree, never either number, until closing', async () => {
    const r = (
      await core.call('voting:create', { workshopId, round: round({ doubleEntry: true }) })
    ).value;
    await core.call('voting:open', { workshopId, roundId: r.id });
    const enter = (operator: 'A' | 'B', i: number, count: number) =>
      core.dispatch('voting:enterCount', {
        workshopId,
        roundId: r.id,
        itemId: r.itemIds[i],
        operator,
        count,
      });
    const answers: unknown[] = [];
    for (const i of r.itemIds.keys()) {
      answers.push(await enter('A', i, i === 1 ? 2 : 3));
      answers.push(await enter('B', i, i === 1 ? 1 : 3));
    }
    expect(secrets(answers)).toEqual([]);
    expect(secrets(await everything(r.id))).toEqual([]);
    const detail = await core.call('voting:get', { workshopId, roundId: r.id });
    expect(detail.counts.slice(0, 2).map((c) => c.status)).toEqual(['final', 'mismatch']);
    await core.call('voting:enterCount', {
      workshopId,
      roundId: r.id,
      itemId: r.itemIds[1],
      operator: 'B',
      count: 2,
    });
    await core.call('voting:close', { workshopId, roundId: r.id });
    const after = await core.call('voting:get', { workshopId, roundId: r.id });
    expect(after.counts.slice(0, 2).map((c) => [c.a, c.b])).toEqual([
      [3, 3],
      [2, 2],
    ]);
  });

  it('kiosk and agreeing paper ballots: no choice in any answer while open, then the totals', async () => {
    const r = (
      await core.call('voting:create', {
        workshopId,
        round: round({ kind: 'ballot', ballotType: 'approval', maxChoices: 2 }),
      })
    ).value;
    await core.call('voting:open', { workshopId, roundId: r.id });
    const [p1, p2] = fx.proposals as [string, string];
    const answers: unknown[] = [];
    for (const [i, choices] of [[p1], [p1, p2]].entries())
      answers.push(
        await core.dispatch('voting:cast', {
          workshopId,
          roundId: r.id,
          participantId: fx.titulars[i],
          ballot: { choices, points: null },
        }),
      );
    for (const typist of ['A', 'B'] as const)
      answers.push(
        await core.dispatch('voting:enterPaper', {
          workshopId,
          roundId: r.id,
          serial: 'S1',
          typist,
          ballot: { choices: [p2], points: null },
        }),
      );
    expect(answers.every((a) => (a as { ok: boolean }).ok)).toBe(true);
    expect(secrets(answers)).toEqual([]);
    expect(secrets(await everything(r.id))).toEqual([]);
    await core.call('voting:close', { workshopId, roundId: r.id });
    const totals = await core.call('voting:results', { workshopId, roundId: r.id });
    const votes = new Map(totals.items.map((i) => [i.itemId, i.votes]));
    expect([votes.get(p1), votes.get(p2)]).toEqual([2, 2]);
    expect(JSON.stringify(await core.call('events:list', { workshopId }))).toContain(
      `"choices":["${p1}","${p2}"]`,
    );
  });
});
