// The operator who wants another result rewrites a closed round's close event: the frozen
// counts, ballots, envelope, weights or a proposal's cost, with the outcome recomputed by
// Minka's own freeze() and every later event re-chained, so the chain verifies, the tables
// agree with the log and the outcome follows from the inputs written beside it. `minka check`
// and the seal must still refuse it: each frozen input is held against what the log recorded
// before the close. A fresh workshop (not the demo), every rule set explicitly.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freeze, type FrozenInputs, type FrozenRound } from '../../shared/results/frozen';
import { roundInput } from '../../test/helpers/round-input';
import { fixedEnv } from '../../test/helpers/store';
import { fillVotingFixture, type VotingFixture } from '../../test/helpers/voting-fixture';
import { forgePayload } from '../../test/helpers/forge-event';
import { demoSetup } from '../demo/demo';
import { scoreProposal } from '../criteria/criteria';
import { createWorkshopDb, type Db, openWorkshopDb } from '../platform/db';
import { closeRound } from '../voting/close-round';
import { enterCount } from '../voting/hands';
import { castKioskBallot } from '../voting/kiosk';
import { createRound, openRound } from '../voting/voting';
import { type Env, getSetup, initWorkshop } from '../workshop/workshop';
import { checkRecord, checkWorkshopFile } from './check';

describe('a close event rewritten and re-chained is refused', () => {
  let db: Db;
  let e: Env;
  let dir: string;
  let file: string;
  let fx: VotingFixture;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'minka-frozen-inputs-'));
    e = fixedEnv();
    file = join(dir, 'w.minka');
    createWorkshopDb(file, (d) =>
      initWorkshop(d, e, 'w1', {
        ...demoSetup(),
        envelopeCents: 1_000_000_00,
        selectionRule: 'greedy',
        voteRule: 'perOrganization',
        sectorSplit: false,
      }),
    );
    db = openWorkshopDb(file);
    fx = db.transaction(() => fillVotingFixture(db, e))();
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const closeSeq = () =>
    db
      .prepare("SELECT max(seq) FROM event WHERE type = 'voting.roundClosed'")
      .pluck()
      .get() as number;

  /** Rewrite the last close event's frozen inputs, recompute its outcome, re-chain the rest. */
  const forge = (edit: (inp: FrozenInputs) => void) => {
    const seq = closeSeq();
    db.close();
    forgePayload(file, seq, (payload) => {
      const p = payload as { frozen: FrozenRound };
      edit(p.frozen.inputs);
      const again = freeze(p.frozen.inputs);
      p.frozen = { ...p.frozen, ...again };
      return JSON.parse(JSON.stringify(p)) as Record<string, unknown>;
    });
    db = openWorkshopDb(file);
  };

  const handsRound = () => {
    for (const [i, p] of fx.proposals.entries())
      scoreProposal(db, e, {
        proposalId: p,
        scoredBy: 'Ing. Quispe',
        scores: ['poverty', 'services', 'technical'].map((criterionId) => ({
          criterionId,
          score: (i * 3) % 11,
        })),
      });
    const r = openRound(db, e, createRound(db, e, roundInput(fx)).id);
    fx.proposals.forEach((p, i) =>
      enterCount(db, e, { roundId: r.id, itemId: p, operator: 'A', count: [5, 4, 3, 1][i] ?? 0 }),
    );
    closeRound(db, e, r.id);
    return r.id;
  };

  const problems = async () => {
    const c = await checkWorkshopFile(file);
    // The forged file is consistent with itself: chain and tables pass; only the inputs fail.
    expect(c.chain?.ok).toBe(true);
    expect(c.consistency?.ok).toBe(true);
    expect(checkRecord(db).ok).toBe(false);
    return (c.results?.problems ?? []).map((p) => p.what);
  };

  it('an untouched file: no finding (and the frozen outcome recomputes)', async () => {
    handsRound();
    const c = await checkWorkshopFile(file);
    expect(c.results).toEqual({ ok: true, rounds: 1, problems: [] });
  });

  it('counts swapped between two proposals', async () => {
    const id = handsRound();
    const [a, , , d] = fx.proposals as [string, string, string, string];
    forge((inp) => {
      const counts = inp.counts as Record<string, number>;
      [counts[a], counts[d]] = [counts[d] ?? 0, counts[a] ?? 0];
    });
    const found = await problems();
    expect(found).toEqual(
      expect.arrayContaining([expect.stringMatching(/: 1 frozen, 5 typed in the log$/)]),
    );
    expect((await checkWorkshopFile(file)).results?.problems[0]).toMatchObject({
      roundId: id,
      inputs: true,
    });
  });

  it('the envelope, the votes weight, the criteria, a score, a proposal’s cost', async () => {
    handsRound();
    forge((inp) => {
      inp.envelopeCents = 700_000_00;
      inp.votesWeight = 90;
      inp.criteria = inp.criteria.map((c) => ({ ...c, weight: c.id === 'poverty' ? 90 : 5 }));
      const first = inp.scores[0];
      if (first) first.score = 10 - first.score;
      const item = inp.items[1];
      if (item) item.costCents = 1_00;
    });
    const found = await problems();
    expect(found).toEqual(
      expect.arrayContaining([
        'envelope 70000000 frozen, the setup then said 100000000',
        'votes weight 90 frozen, the matrix then said 50',
        'the frozen criteria differ from the matrix then',
        'the frozen scores differ from the scores given before the close',
        expect.stringMatching(/code, title, sector or cost differ from the proposal then$/),
      ]),
    );
  });

  it('the rule, the tie-break, the entitled number and the closing time', async () => {
    handsRound();
    forge((inp) => {
      inp.rule = 'mes';
      inp.tieBreak = inp.tieBreak === 'cost' ? 'supporters' : 'cost';
      inp.round.entitled += 3;
      inp.round.closedAt = '2020-01-01T00:00:00.000Z';
    });
    const found = await problems();
    expect(found.some((w) => w.startsWith('rule mes frozen'))).toBe(true);
    expect(found.some((w) => w.startsWith('the frozen tie-break'))).toBe(true);
    expect(found.some((w) => /frozen as entitled/.test(w))).toBe(true);
    expect(found.some((w) => w.startsWith('the frozen closing time'))).toBe(true);
  });

  it('kiosk ballots moved from one proposal to another in the frozen inputs', async () => {
    const [a, b, c, d] = fx.proposals as [string, string, string, string];
    const r = openRound(
      db,
      e,
      createRound(db, e, roundInput(fx, { kind: 'ballot', ballotType: 'approval', maxChoices: 2 }))
        .id,
    );
    const cast = [[a, b], [a, c], [a], [b, d], [c]];
    fx.titulars.forEach((participantId, i) =>
      castKioskBallot(db, e, {
        roundId: r.id,
        participantId,
        ballot: { choices: cast[i] ?? [], points: null },
      }),
    );
    closeRound(db, e, r.id);
    forge((inp) => {
      for (const ballot of inp.ballots ?? [])
        ballot.choices = ballot.choices.map((x) => (x === a ? d : x));
    });
    expect(await problems()).toEqual([
      'the 5 frozen ballots are not the 5 entered and taken from the box',
    ]);
  });

  it('a sector vote’s split rewritten, and the counts of the sector vote', async () => {
    const sectors = getSetup(db).sectors.map((s) => s.id);
    const sr = openRound(
      db,
      e,
      createRound(db, e, roundInput(fx, { kind: 'sector', itemIds: sectors })).id,
    );
    sectors.forEach((s, i) =>
      enterCount(db, e, { roundId: sr.id, itemId: s, operator: 'A', count: (i % 3) + 1 }),
    );
    closeRound(db, e, sr.id);
    handsRound();
    forge((inp) => {
      const [first] = Object.keys(inp.shares);
      if (first !== undefined) inp.shares[first] = (inp.shares[first] ?? 0) + 1_000_00;
    });
    expect(await problems()).toEqual([
      'the frozen envelope split differs from the sector vote closed before',
    ]);
  });
});
