import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parsePb } from '../../shared/pabulib';
import { tally } from '../../shared/tally';
import { roundToPb } from '../../shared/voting';
import { tempDir, testCore } from '../../test/helpers/tmp';
import { fillVotingFixture, type VotingFixture } from '../../test/helpers/voting-fixture';
import { runCli } from '../../test/helpers/cli';
import { demoSetup } from '../demo/demo';
import { getRound } from './voting';
import { roundBallots } from './ballots';
import { roundProfile, roundProposals } from './round-reads';
import type { Core } from '../core/core';

describe('voting through dispatch', () => {
  let core: Core;
  let cleanup: () => void;
  let dir: string;
  let workshopId: string;
  let fx!: VotingFixture;
  beforeEach(() => {
    const t = tempDir();
    cleanup = t.cleanup;
    dir = t.dir;
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

  const length = async () => (await core.call('chain:status', { workshopId })).length;
  const round = (over: Record<string, unknown> = {}) => ({
    title: 'Priorización 2027',
    kind: 'ballot',
    ballotType: 'approval',
    maxChoices: 2,
    totalPoints: null,
    budgetCents: null,
    doubleEntry: false,
    tieBreak: null,
    venueId: fx.venueId,
    day: fx.day,
    itemIds: [],
    ...over,
  });
  const openBallotRound = async (over: Record<string, unknown> = {}) => {
    const r = (await core.call('voting:create', { workshopId, round: round(over) })).value;
    return (await core.call('voting:open', { workshopId, roundId: r.id })).value;
  };

  it.each([
    ['round.kind', { kind: 'raffle' }],
    ['round.ballotType', { ballotType: 'quadratic' }],
    ['round.maxChoices', { maxChoices: 0 }],
    ['round.day', { day: '14/05/2026' }],
    ['round.title', { title: '  ' }],
    ['round.tieBreak', { tieBreak: 'coin' }],
    ['round.itemIds.0', { itemIds: ['../x'] }],
  ])('refuses a round with a bad %s and writes nothing', async (field, over) => {
    const before = await length();
    const r = await core.dispatch('voting:create', { workshopId, round: round(over) });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', params: { field } } });
    expect(await length()).toBe(before);
  });

  it('refuses bad counts and ballots before touching the record', async () => {
    const r = (
      await core.call('voting:create', {
        workshopId,
        round: round({ kind: 'hands', ballotType: null, doubleEntry: true }),
      })
    ).value;
    await core.call('voting:open', { workshopId, roundId: r.id });
    const before = await length();
    const bad = [
      ['voting:enterCount', { roundId: r.id, itemId: fx.proposals[0], operator: 'A', count: -1 }],
      ['voting:enterCount', { roundId: r.id, itemId: fx.proposals[0], operator: 'C', count: 1 }],
      ['voting:enterCount', { roundId: r.id, itemId: fx.proposals[0], operator: 'A', count: 2.5 }],
      ['voting:enterCount', { roundId: r.id, itemId: fx.proposals[0], operator: 'A', count: 99 }],
      [
        'voting:enterPaper',
        { roundId: r.id, serial: 'a b', typist: 'A', ballot: { choices: [], points: null } },
      ],
      [
        'voting:cast',
        {
          roundId: r.id,
          participantId: fx.titulars[0],
          ballot: { choices: 'P-001', points: null },
        },
      ],
    ] as const;
    for (const [ch, input] of bad) {
      const res = await core.dispatch(ch, { workshopId, ...input });
      expect(res.ok, `${ch} ${JSON.stringify(input)}`).toBe(false);
    }
    expect(await length()).toBe(before);
  });

  it('results are refused until the round is closed, then answer the totals', async () => {
    const r = await openBallotRound();
    await core.call('voting:cast', {
      workshopId,
      roundId: r.id,
      participantId: fx.titulars[0],
      ballot: { choices: [fx.proposals[1]], points: null },
    });
    const hidden = await core.dispatch('voting:results', { workshopId, roundId: r.id });
    expect(hidden).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', key: 'voting.error.notClosed' },
    });
    const second = await core.dispatch('voting:cast', {
      workshopId,
      roundId: r.id,
      participantId: fx.titulars[0],
      ballot: { choices: [fx.proposals[0]], points: null },
    });
    expect(second).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', key: 'voting.error.alreadyVoted' },
    });
    await core.call('voting:close', { workshopId, roundId: r.id });
    const res = await core.call('voting:results', { workshopId, roundId: r.id });
    expect(res.items[0]).toMatchObject({ itemId: fx.proposals[1], votes: 1 });
    expect(res.entitled).toBe(5);
  });

  it('imports a .pb file all or nothing; a refused file names its line', async () => {
    const r = await openBallotRound({ ballotType: 'cumulative', totalPoints: 5, maxChoices: null });
    const head = [
      'META',
      'key;value',
      'budget;1000000',
      'vote_type;cumulative',
      'PROJECTS',
      'project_id;cost',
      'P-001;300000',
      'P-002;500000',
      'VOTES',
      'voter_id;vote;points',
    ];
    const before = await length();
    const unknown = await core.dispatch('voting:importPb', {
      workshopId,
      roundId: r.id,
      fileName: 'papeletas.pb',
      text: [...head, 'p1;P-001;3', 'p2;P-009;2'].join('\n'),
    });
    expect(unknown).toMatchObject({
      ok: false,
      error: {
        key: 'voting.pb.errorAt',
        params: { file: 'papeletas.pb', line: 12, problem: 'pb.unknownProject' },
      },
    });
    const tooMany = await core.dispatch('voting:importPb', {
      workshopId,
      roundId: r.id,
      fileName: 'papeletas.pb',
      text: [...head, 'p1;P-001;3', 'p2;P-001,P-002;4,2'].join('\n'),
    });
    expect(tooMany).toMatchObject({
      ok: false,
      error: {
        key: 'voting.pb.errorAt',
        params: { line: 12, voter: 'p2', problem: 'voting.error.tooManyPoints' },
      },
    });
    const typo = await core.dispatch('voting:importPb', {
      workshopId,
      roundId: r.id,
      fileName: 'papeletas.pb',
      text: [...head, 'p1;P-001;"3'].join('\n'),
    });
    expect(typo).toMatchObject({
      ok: false,
      error: { key: 'voting.pb.errorAt', params: { line: 11, problem: 'pb.unterminatedQuote' } },
    });
    expect(await length()).toBe(before);
    const ok = await core.call('voting:importPb', {
      workshopId,
      roundId: r.id,
      fileName: 'papeletas.pb',
      text: [...head, 'p1;P-001;3', 'p2;P-001,P-002;3,2'].join('\n'),
    });
    expect(ok.value.imported).toBe(2);
    expect((await core.call('voting:get', { workshopId, roundId: r.id })).ballots).toBe(2);
  });

  it('export-pb writes a closed ballot round that parses back to the same election; the tally agrees', async () => {
    const r = await openBallotRound({ ballotType: 'ranking', maxChoices: 3 });
    const [p1, p2, p3] = fx.proposals as [string, string, string];
    const ballots = [[p1, p2], [p2, p3, p1], [p3]];
    for (const [i, choices] of ballots.entries())
      await core.call('voting:cast', {
        workshopId,
        roundId: r.id,
        participantId: fx.titulars[i],
        ballot: { choices, points: null },
      });
    const refused = await core.dispatch('voting:exportPb', { workshopId, roundId: r.id });
    expect(refused).toMatchObject({ ok: false, error: { key: 'voting.error.notClosed' } });
    await core.call('voting:close', { workshopId, roundId: r.id });
    const db = core.get(workshopId).db;
    const closed = getRound(db, r.id);
    const expected = roundToPb(closed, roundProposals(db, closed), roundBallots(db, r.id), {
      description: `${demoSetup().title} — Priorización 2027`,
      unit: demoSetup().municipality,
      instance: '2027',
      budgetCents: demoSetup().envelopeCents,
      tieBreak: closed.tieBreak,
      roundId: r.id,
    });
    const profile = roundProfile(db, r.id);
    core.closeAll();
    const out = join(dir, 'ronda.pb');
    const cli = await runCli(['export-pb', join(dir, 'w.minka'), '--out', out]);
    expect(cli.code).toBe(0);
    const { readFileSync } = await import('node:fs');
    const parsed = parsePb(readFileSync(out, 'utf8'));
    expect(parsed).toEqual(expected);
    expect(parsed.votes.map((v) => v.vote)).toEqual([
      ['P-001', 'P-002'],
      ['P-002', 'P-003', 'P-001'],
      ['P-003'],
    ]);
    const { electionToProfile } = await import('../../shared/pabulib');
    expect(tally(electionToProfile(parsed), { rule: 'greedy' }).selected).toEqual(
      tally(profile, { rule: 'greedy' }).selected,
    );
    const none = await runCli(['export-pb', join(dir, 'w.minka'), '--out', out, '--round', 'nope']);
    expect(none.code).toBe(1);
  });
});
