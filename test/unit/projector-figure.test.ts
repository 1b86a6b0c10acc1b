// fac27: for a cumulative-points round the projector listed "Votos" (people who gave points)
// and left out the points that decided the order, so the room saw 4 ranked above 5. For every
// round kind, the projector's column is the figure the tally ranked by (the record's totals,
// read through voting:results), the one the results screen and the Acta show.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { projectorFigures } from '../../renderer/src/screens/results/projector-figure';
import { demoSetup } from '../../electron/demo/demo';
import type { Core } from '../../electron/core/core';
import { tempDir, testCore } from '../helpers/tmp';
import { fillVotingFixture, type VotingFixture } from '../helpers/voting-fixture';
import { roundInput } from '../helpers/round-input';
import type { RoundInput } from '../../shared/schemas/voting';
import { demoDb } from '../helpers/minutes-fixture';
import { roundResults } from '../../electron/results/results';
import { listRounds } from '../../electron/voting/voting';
import { orderColumn } from '../../shared/voting/ranked';

let core: Core;
let cleanup: () => void;
let workshopId: string;
let fx!: VotingFixture;
beforeEach(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  core = testCore(t.dir);
  const w = core.createFile(join(t.dir, 'w.minka'), demoSetup(), (db, env) => {
    fx = fillVotingFixture(db, env, { orgs: 5, proposals: 4 });
  });
  workshopId = w.id;
});
afterEach(() => {
  core.closeAll();
  cleanup();
});

async function run(
  over: Partial<RoundInput>,
  fill: (roundId: string, items: string[]) => Promise<void>,
) {
  const round = (
    await core.call('voting:create', {
      workshopId,
      round: roundInput({ venueId: fx.venueId, day: fx.day }, over),
    })
  ).value;
  await core.call('voting:open', { workshopId, roundId: round.id });
  await fill(round.id, round.itemIds);
  await core.call('voting:close', { workshopId, roundId: round.id });
  const totals = await core.call('voting:results', { workshopId, roundId: round.id });
  const results = await core.call('results:get', { workshopId, roundId: round.id });
  const { proposals } = await core.call('proposals:get', { workshopId });
  const codeOf = new Map(proposals.map((p) => [p.id, p.code] as const));
  // What the tally ranked by, per row the projector lists (a proposal's code, a sector's id).
  const tallied = new Map(
    totals.items.map((i) => [codeOf.get(i.itemId) ?? i.itemId, i.points ?? i.votes] as const),
  );
  return { totals, figures: projectorFigures(results), tallied };
}

const cast = (roundId: string, who: string, choices: string[], points: number[] | null) =>
  core.call('voting:cast', {
    workshopId,
    roundId,
    participantId: who,
    ballot: { choices, points },
  });

describe('the projector shows the figure that decided the order, for every round kind', () => {
  it('cumulative points: the points column, equal to the points the tally ranked by', async () => {
    const { figures, tallied } = await run(
      { kind: 'ballot', ballotType: 'cumulative', totalPoints: 10 },
      async (id, [a = '', b = '', c = '']) => {
        // a: 3 people give 2 points (6); b: 1 person gives 10: b ranks first on fewer votes.
        for (const who of fx.titulars.slice(0, 3)) await cast(id, who, [a, c], [2, 8]);
        await cast(id, fx.titulars[3] ?? '', [b], [10]);
      },
    );
    expect(figures.column).toBe('points');
    expect(figures.rows.length).toBeGreaterThan(0);
    for (const r of figures.rows) expect(r.figure).toBe(tallied.get(r.code));
    // The votes would have told another story: P-003 (24 points) by 3 votes, P-002 (10) by 1.
    expect(figures.rows.map((r) => r.figure)).toContain(24);
  });

  it('approval ballot: the votes column', async () => {
    const { figures, tallied } = await run(
      { kind: 'ballot', ballotType: 'approval', maxChoices: 2 },
      async (id, [a = '', b = '']) => {
        for (const who of fx.titulars.slice(0, 3)) await cast(id, who, [a], null);
        await cast(id, fx.titulars[3] ?? '', [a, b], null);
      },
    );
    expect(figures.column).toBe('votes');
    expect(figures.rows.length).toBeGreaterThan(0);
    for (const r of figures.rows) expect(r.figure).toBe(tallied.get(r.code));
  });

  it('show of hands: the votes column (the hands counted)', async () => {
    const { figures, tallied } = await run({ kind: 'hands' }, async (id, items) => {
      for (const [k, itemId] of items.entries())
        await core.call('voting:enterCount', {
          workshopId,
          roundId: id,
          itemId,
          operator: 'A',
          count: [4, 1, 3, 2][k] ?? 0,
        });
    });
    expect(figures.column).toBe('votes');
    expect(figures.rows.length).toBeGreaterThan(0);
    for (const r of figures.rows) expect(r.figure).toBe(tallied.get(r.code));
  });

  it('sector vote: the votes column, each sector its hands', async () => {
    const { figures, tallied } = await run({ kind: 'sector' }, async (id, items) => {
      for (const [k, itemId] of items.entries())
        await core.call('voting:enterCount', {
          workshopId,
          roundId: id,
          itemId,
          operator: 'A',
          count: (k * 2 + 1) % 5,
        });
    });
    expect(figures.column).toBe('votes');
    expect(figures.rows.length).toBeGreaterThan(1);
    for (const r of figures.rows) expect(r.figure).toBe(tallied.get(r.code));
  });
});

// fac28: with a criteria matrix the order comes from the combined score, yet the projector
// listed the hands: in the demo's show-of-hands round, 21 (P-049) below 19 (P-020, P-059…).
describe('with a criteria matrix, the projector shows the combined score the order comes from', () => {
  it("the demo's rounds: the combined score, never rising down the list, the results' and the Acta's figure", () => {
    const t = tempDir();
    const db = demoDb(t.dir);
    try {
      const closed = listRounds(db).filter((r) => r.state === 'closed' && r.kind !== 'sector');
      expect(closed.length).toBeGreaterThanOrEqual(2);
      for (const round of closed) {
        const res = roundResults(db, round.id);
        if (res.kind !== 'priority') throw new Error('a priority round');
        expect(res.value.votesWeight).toBeLessThan(100);
        const f = projectorFigures(res);
        expect(f.column).toBe('combined');
        const combined = new Map(res.value.projects.map((p) => [p.code, p.combined]));
        for (const r of f.rows) expect(r.combined).toBe(combined.get(r.code));
        const shown = f.rows.map((r) => Number(r.combined));
        expect(shown).toEqual([...shown].sort((a, b) => b - a));
      }
      // The hands alone would not explain the order: a larger count listed below a smaller one.
      const hands = closed.find((r) => r.kind === 'hands');
      const res = hands ? roundResults(db, hands.id) : null;
      if (res?.kind !== 'priority') throw new Error('the demo has a closed show-of-hands round');
      const f = projectorFigures(res);
      expect(f.raw).toBe('votes');
      const votes = f.rows.map((r) => r.figure);
      expect(votes).not.toEqual([...votes].sort((a, b) => b - a));
    } finally {
      db.close();
      t.cleanup();
    }
  });

  it('MES, votes weighing 100 %, or no project scored: the ballot figure, as before', () => {
    const items = [
      { points: null, criteriaScore: '40.00' },
      { points: null, criteriaScore: '0' },
    ];
    expect(orderColumn({ rule: 'mes', votesWeight: 50, items })).toBe('votes');
    expect(orderColumn({ rule: 'greedy', votesWeight: 100, items })).toBe('votes');
    expect(
      orderColumn({ rule: 'greedy', votesWeight: 100, items: [{ points: 3, criteriaScore: '9' }] }),
    ).toBe('points');
    const unscored = items.map((x) => ({ ...x, criteriaScore: '0.00' }));
    expect(orderColumn({ rule: 'greedy', votesWeight: 50, items: unscored })).toBe('votes');
    expect(orderColumn({ rule: 'greedy', votesWeight: 50, items })).toBe('combined');
    expect(orderColumn({ rule: 'sectorSplit', votesWeight: 60, items })).toBe('combined');
  });
});
