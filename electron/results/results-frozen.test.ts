// The operator who wants another result: after the room has seen a closed round, they edit
// the criteria, the scores, the envelope, a proposal's cost and the sector names. The
// closed round's result — on screen (results:get), in the totals and in the Acta's model —
// must not move; `minka check` recomputes the stored outcome from the stored inputs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalize } from '../../shared/canonical';
import { collectSnapshot } from '../minutes/snapshot';
import { fillVotingFixture, type VotingFixture } from '../../test/helpers/voting-fixture';
import { roundInput } from '../../test/helpers/round-input';
import { fixedEnv } from '../../test/helpers/store';
import { demoSetup } from '../demo/demo';
import { checkWorkshopFile } from '../check/check';
import { saveMatrix, scoreProposal } from '../criteria/criteria';
import { createWorkshopDb, type Db, openWorkshopDb } from '../platform/db';
import { appendEvent } from '../platform/events';
import type { EventPayload } from '../../shared/events';
import { getProposal, saveProposal } from '../proposals/proposals';
import { roundResults } from './results';
import { allFrozen } from '../voting/round-freeze';
import { reopenSetup } from '../workshop/setup-lock';
import { createRound, openRound } from '../voting/voting';
import { enterCount } from '../voting/hands';
import { castKioskBallot } from '../voting/kiosk';
import { closeRound } from '../voting/close-round';
import { roundTotals } from '../voting/round-reads';
import { type Env, getSetup, initWorkshop, saveSetup } from '../workshop/workshop';

describe('a closed round’s result is frozen', () => {
  let db: Db;
  let e: Env;
  let dir: string;
  let file: string;
  let fx: VotingFixture;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'minka-frozen-'));
    e = fixedEnv();
    file = join(dir, 'w.minka');
    createWorkshopDb(file, (d) =>
      initWorkshop(d, e, 'w1', { ...demoSetup(), envelopeCents: 1_000_000_00 }),
    );
    db = openWorkshopDb(file);
    fx = db.transaction(() => fillVotingFixture(db, e))();
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const score = (i: number, s: number) =>
    scoreProposal(db, e, {
      proposalId: fx.proposals[i] ?? '',
      scoredBy: 'Ing. Huamán',
      scores: ['poverty', 'services', 'technical'].map((criterionId) => ({
        criterionId,
        score: s,
      })),
    });

  /** Everything a person could see of a round: the screen's results, its totals, the Acta's list. */
  const seen = (roundId: string) => ({
    results: roundResults(db, roundId),
    totals: roundTotals(db, roundId),
    acta: collectSnapshot(db).prioritized,
    rounds: collectSnapshot(db).rounds,
  });

  /** Edits that would each change a live recomputation. */
  const editEverything = () => {
    score(0, 0);
    score(3, 10);
    saveMatrix(db, e, {
      votesWeight: 10,
      criteria: [
        { id: 'poverty', name: 'Brecha de pobreza', weight: 80, scaleMax: 10 },
        { id: 'services', name: 'Acceso a servicios básicos', weight: 10, scaleMax: 10 },
        { id: 'technical', name: 'Evaluación técnica', weight: 10, scaleMax: 20 },
      ],
    });
    // The deciding fields are locked after closing: the operator records a reopening first.
    reopenSetup(db, e, { by: 'Facilitador', reason: 'Corregir el monto' });
    const setup = getSetup(db);
    saveSetup(db, e, {
      ...setup,
      envelopeCents: 400_000_00,
      sectors: setup.sectors.map((s) => ({ ...s, name: `${s.name} (editado)` })),
    });
    const p = getProposal(db, fx.proposals[1] ?? '');
    saveProposal(db, e, { ...p, title: 'Otro título', estimatedCostCents: 10_00 });
  };

  it('show of hands: editing criteria, scores, envelope, sectors and a proposal after closing changes nothing seen', async () => {
    score(0, 8);
    const r = openRound(db, e, createRound(db, e, roundInput(fx)).id);
    fx.proposals.forEach((p, i) =>
      enterCount(db, e, { roundId: r.id, itemId: p, operator: 'A', count: [5, 4, 3, 1][i] ?? 0 }),
    );
    closeRound(db, e, r.id);
    const before = seen(r.id);
    const res = roundResults(db, r.id);
    expect(res.kind === 'priority' && res.value.envelopeCents).toBe(1_000_000_00);
    editEverything();
    expect(seen(r.id)).toEqual(before);
    // After reopening the file, too (nothing kept only in memory).
    db.close();
    db = openWorkshopDb(file);
    expect(seen(r.id)).toEqual(before);
    const check = await checkWorkshopFile(file);
    expect(check.results).toEqual({ ok: true, rounds: 1, problems: [] });
  });

  it('a ballot round and the sector vote: shares and selection stay as closed', async () => {
    const sectorRound = openRound(
      db,
      e,
      createRound(
        db,
        e,
        roundInput(fx, { kind: 'sector', itemIds: getSetup(db).sectors.map((s) => s.id) }),
      ).id,
    );
    getSetup(db).sectors.forEach((s, i) =>
      enterCount(db, e, {
        roundId: sectorRound.id,
        itemId: s.id,
        operator: 'A',
        count: (i % 3) + 1,
      }),
    );
    closeRound(db, e, sectorRound.id);
    const [a, b, c, d] = fx.proposals as [string, string, string, string];
    const r = openRound(
      db,
      e,
      createRound(db, e, roundInput(fx, { kind: 'ballot', ballotType: 'approval', maxChoices: 3 }))
        .id,
    );
    const ballots = [
      [a, b],
      [b, c],
      [b, d],
      [c, d],
      [a, c],
    ];
    fx.titulars.forEach((participantId, i) =>
      castKioskBallot(db, e, {
        roundId: r.id,
        participantId,
        ballot: { choices: ballots[i] ?? [], points: null },
      }),
    );
    closeRound(db, e, r.id);
    const before = seen(r.id);
    const sectorsBefore = seen(sectorRound.id);
    const res = roundResults(db, r.id);
    expect(res.kind === 'priority' && res.value.sectors.some((s) => s.shareCents !== null)).toBe(
      true,
    );
    editEverything();
    expect(seen(r.id)).toEqual(before);
    expect(seen(sectorRound.id)).toEqual(sectorsBefore);
    expect((await checkWorkshopFile(file)).results).toEqual({ ok: true, rounds: 2, problems: [] });
  });

  it('the frozen ballots are in canonical order, not the order they were cast', () => {
    const [a, b, c] = fx.proposals as [string, string, string];
    const r = openRound(
      db,
      e,
      createRound(db, e, roundInput(fx, { kind: 'ballot', ballotType: 'approval', maxChoices: 3 }))
        .id,
    );
    const cast = [[c], [a, b], [b], [a]];
    cast.forEach((choices, i) =>
      castKioskBallot(db, e, {
        roundId: r.id,
        participantId: fx.titulars[i] ?? '',
        ballot: { choices, points: null },
      }),
    );
    closeRound(db, e, r.id);
    const stored = allFrozen(db)[0]?.frozen.inputs.ballots?.map((x) => x.choices) ?? [];
    const keys = stored.map((ch) => canonicalize({ choices: ch, points: null }));
    expect([...keys].sort()).toEqual(keys);
    expect(stored).toHaveLength(4);
  });

  it('minka check finds a stored outcome that does not follow from its stored inputs', async () => {
    const r = openRound(db, e, createRound(db, e, roundInput(fx)).id);
    fx.proposals.forEach((p) =>
      enterCount(db, e, { roundId: r.id, itemId: p, operator: 'A', count: 2 }),
    );
    closeRound(db, e, r.id);
    const f = allFrozen(db)[0]?.frozen;
    if (!f || f.results.kind !== 'priority') throw new Error('expected a frozen priority round');
    // A build that writes its own outcome: every project selected, whatever the inputs say.
    const forged = {
      ...f,
      results: {
        ...f.results,
        value: {
          ...f.results.value,
          projects: f.results.value.projects.map((p) => ({ ...p, selected: true })),
        },
      },
    };
    db.transaction(() =>
      appendEvent(db, e.now(), {
        type: 'voting.roundClosed',
        payload: JSON.parse(
          JSON.stringify({ id: 'other', snapshot: null, frozen: forged }),
        ) as EventPayload<'voting.roundClosed'>,
      }),
    )();
    const check = await checkWorkshopFile(file);
    expect(check.ok).toBe(false);
    expect(check.results?.problems).toEqual([
      {
        roundId: 'other',
        what: 'stored outcome differs from a recomputation of its inputs',
        key: 'check.results.outcome',
        params: {},
      },
      // And the close is of no round created before it (frozen-inputs.ts).
      {
        roundId: 'other',
        what: "the round's creation is not in the log before its close",
        key: 'check.frozen.notCreated',
        params: {},
        inputs: true,
      },
    ]);
  });
});
