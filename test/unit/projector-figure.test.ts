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
