import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RoundInput } from '../../shared/schemas/voting';
import { tally } from '../../shared/tally';
import { fillVotingFixture, type VotingFixture } from '../../test/helpers/voting-fixture';
import { demoSetup } from '../demo/demo';
import { undoCheckIn } from '../attendance/attendance';
import { createWorkshopDb, type Db, openWorkshopDb } from '../platform/db';
import { chainStatus, listEvents, verifyChain } from '../platform/events';
import { exportWorkshop } from '../export/export';
import { createRound, currentRound, getRound, listRounds, openRound } from './voting';
import { enterCount } from './hands';
import { importBallots } from './ballots';
import { enterPaperBallot, resolvePaper } from './paper';
import { castKioskBallot } from './kiosk';
import { closeRound } from './close-round';
import { roundDetail, roundProfile, roundTotals } from './round-reads';
import { type Env, getSetup, initWorkshop } from '../workshop/workshop';
import { codeOf, fixedEnv } from '../../test/helpers/store';
import { roundInput } from '../../test/helpers/round-input';

describe('voting store', () => {
  let db: Db;
  let e: Env;
  let dir: string;
  let fx: VotingFixture;
  const input = (over: Partial<RoundInput> = {}): RoundInput => roundInput(fx, over);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'minka-vote-'));
    e = fixedEnv();
    const file = join(dir, 'w.minka');
    createWorkshopDb(file, (d) => initWorkshop(d, e, 'w1', demoSetup()));
    db = openWorkshopDb(file);
    fx = db.transaction(() => fillVotingFixture(db, e))();
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('puts only admitted proposals on a round and fixes the tie-break at creation', () => {
    const r = createRound(db, e, input());
    expect(r.itemIds).toEqual(fx.proposals);
    expect(r.tieBreak).toBe(getSetup(db).tieBreak);
    expect(r.state).toBe('draft');
    expect(codeOf(() => createRound(db, e, input({ itemIds: [fx.rejected] })))).toBe(
      'INVALID_INPUT:voting.error.notAdmitted',
    );
    expect(createRound(db, e, input({ tieBreak: 'refuse' })).tieBreak).toBe('refuse');
    const sectors = createRound(db, e, input({ kind: 'sector' }));
    expect(sectors.itemIds).toEqual(getSetup(db).sectors.map((s) => s.id));
    expect(codeOf(() => createRound(db, e, input({ kind: 'ballot' })))).toBe(
      'INVALID_INPUT:voting.error.ballotTypeNeeded',
    );
    const ev = listEvents(db).filter((x) => x.type === 'voting.roundCreated');
    expect(ev).toHaveLength(3);
  });

  it('double entry: final only when A and B match, mismatches marked without numbers until closing, counts bounded by those entitled', () => {
    const r = openRound(db, e, createRound(db, e, input({ doubleEntry: true })).id);
    const [p1, p2] = fx.proposals as [string, string];
    // 5 organisations present: 5 votes (the suplente and the technical team add none).
    expect(roundDetail(db, r.id).entitled).toBe(5);
    expect(
      codeOf(() => enterCount(db, e, { roundId: r.id, itemId: p1, operator: 'A', count: 6 })),
    ).toBe('INVALID_INPUT:voting.error.countOverEntitled');
    expect(enterCount(db, e, { roundId: r.id, itemId: p1, operator: 'A', count: 4 })).toMatchObject(
      { status: 'waiting', mine: null, a: null, b: null },
    );
    // Blind: B does not see A's number while waiting.
    expect(roundDetail(db, r.id, 'B').counts[0]).toMatchObject({
      status: 'waiting',
      mine: null,
      a: null,
    });
    // Who has entered is not secret: after a reload A's screen must know its count is saved.
    expect(roundDetail(db, r.id, 'A').counts[0]).toMatchObject({
      enteredA: true,
      enteredB: false,
    });
    expect(roundDetail(db, r.id, 'A').counts[1]).toMatchObject({
      enteredA: false,
      enteredB: false,
    });
    expect(enterCount(db, e, { roundId: r.id, itemId: p1, operator: 'B', count: 3 })).toMatchObject(
      { status: 'mismatch', mine: null, a: null, b: null },
    );
    expect(codeOf(() => closeRound(db, e, r.id))).toBe('CONFLICT:voting.error.countsPending');
    expect(enterCount(db, e, { roundId: r.id, itemId: p1, operator: 'B', count: 4 })).toMatchObject(
      { status: 'final', mine: null, a: null, b: null },
    );
    for (const id of fx.proposals.slice(1)) {
      enterCount(db, e, { roundId: r.id, itemId: id, operator: 'A', count: 2 });
      enterCount(db, e, { roundId: r.id, itemId: id, operator: 'B', count: 2 });
    }
    expect(codeOf(() => roundTotals(db, r.id))).toBe('CONFLICT:voting.error.notClosed');
    const closed = closeRound(db, e, r.id);
    // Once closed, both entries are answered.
    expect(roundDetail(db, r.id).counts[0]).toMatchObject({ status: 'final', a: 4, b: 4 });
    expect(closed.snapshot?.entitled).toBe(5);
    expect(closed.snapshot?.presentIds).toContain(fx.voiceOnly);
    expect(closed.snapshot?.holders.map((h) => h.participantId)).not.toContain(fx.voiceOnly);
    const totals = roundTotals(db, r.id);
    expect(totals.items[0]).toMatchObject({ itemId: p1, votes: 4 });
    expect(totals.items.find((i) => i.itemId === p2)?.votes).toBe(2);
    expect(
      codeOf(() => enterCount(db, e, { roundId: r.id, itemId: p1, operator: 'A', count: 1 })),
    ).toBe('CONFLICT:voting.error.not_open');
    expect(verifyChain(db).ok).toBe(true);
  });

  it('sector vote splits the envelope in proportion to the votes, exactly', () => {
    const r = openRound(db, e, createRound(db, e, input({ kind: 'sector' })).id);
    const votes = [5, 3, 2, 0, 1, 0];
    r.itemIds.forEach((id, i) =>
      enterCount(db, e, { roundId: r.id, itemId: id, operator: 'A', count: votes[i] ?? 0 }),
    );
    closeRound(db, e, r.id);
    const t = roundTotals(db, r.id);
    expect(t.items.map((i) => i.votes)).toEqual([5, 3, 2, 1, 0, 0]);
    expect(t.items.reduce((s, i) => s + (i.shareCents ?? 0), 0)).toBe(getSetup(db).envelopeCents);
    expect(t.items[0]?.shareCents).toBe(Math.round((getSetup(db).envelopeCents * 5) / 11));
  });

  it('kiosk: one ballot per entitled vote; the organisation votes once whoever holds it; voice-only refused', () => {
    const r = openRound(
      db,
      e,
      createRound(db, e, input({ kind: 'ballot', ballotType: 'approval', maxChoices: 2 })).id,
    );
    const [p1, p2, p3] = fx.proposals as [string, string, string];
    const [t1, t2] = fx.titulars as [string, string];
    expect(
      codeOf(() =>
        castKioskBallot(db, e, {
          roundId: r.id,
          participantId: fx.voiceOnly,
          ballot: { choices: [p1], points: null },
        }),
      ),
    ).toBe('CONFLICT:voting.error.notEntitled');
    expect(
      codeOf(() =>
        castKioskBallot(db, e, {
          roundId: r.id,
          participantId: t1,
          ballot: { choices: [p1, p2, p3], points: null },
        }),
      ),
    ).toBe('INVALID_INPUT:voting.error.tooManyChoices');
    expect(
      codeOf(() =>
        castKioskBallot(db, e, {
          roundId: r.id,
          participantId: t1,
          ballot: { choices: [fx.rejected], points: null },
        }),
      ),
    ).toBe('INVALID_INPUT:voting.error.notOnBallot');
    castKioskBallot(db, e, {
      roundId: r.id,
      participantId: t1,
      ballot: { choices: [p1, p2], points: null },
    });
    expect(
      codeOf(() =>
        castKioskBallot(db, e, {
          roundId: r.id,
          participantId: t1,
          ballot: { choices: [p1], points: null },
        }),
      ),
    ).toBe('CONFLICT:voting.error.alreadyVoted');
    // The titular leaves; the suplente now holds the organisation's vote, already used.
    const rec = db
      .prepare('SELECT id FROM attendance WHERE participant_id = ?')
      .pluck()
      .get(t1) as string;
    undoCheckIn(db, e, rec, 'salió');
    expect(
      codeOf(() =>
        castKioskBallot(db, e, {
          roundId: r.id,
          participantId: fx.suplente,
          ballot: { choices: [p3], points: null },
        }),
      ),
    ).toBe('CONFLICT:voting.error.alreadyVoted');
    castKioskBallot(db, e, {
      roundId: r.id,
      participantId: t2,
      ballot: { choices: [p1], points: null },
    });
    const d = roundDetail(db, r.id);
    expect(d.ballots).toBe(2);
    expect(d.voters.filter((v) => v.voted)).toHaveLength(2);
    // No totals while open; the detail carries none either.
    expect(JSON.stringify(d)).not.toContain('votes');
    closeRound(db, e, r.id);
    const t = roundTotals(db, r.id);
    expect(t.items[0]).toMatchObject({ itemId: p1, votes: 2 });
    const profile = roundProfile(db, r.id);
    expect(profile.kind).toBe('approval');
    expect(profile.projects.map((p) => p.id)).toEqual(['P-001', 'P-002', 'P-003', 'P-004']);
    expect(tally(profile, { rule: 'greedy' }).selectionOrder[0]).toBe('P-001');
  });

  it('paper double entry: mismatch shown, resolved by keeping the checked reading; close refuses pending paper', () => {
    const r = openRound(
      db,
      e,
      createRound(db, e, input({ kind: 'ballot', ballotType: 'ranking', maxChoices: 3 })).id,
    );
    const [p1, p2, p3] = fx.proposals as [string, string, string];
    expect(
      enterPaperBallot(db, e, {
        roundId: r.id,
        serial: '001',
        typist: 'A',
        ballot: { choices: [p1, p2], points: null },
      }).status,
    ).toBe('waiting');
    const mm = enterPaperBallot(db, e, {
      roundId: r.id,
      serial: '001',
      typist: 'B',
      ballot: { choices: [p2, p1], points: null },
    });
    expect(mm).toMatchObject({
      status: 'mismatch',
      a: { choices: [p1, p2] },
      b: { choices: [p2, p1] },
    });
    expect(roundDetail(db, r.id).ballots).toBe(0);
    expect(codeOf(() => closeRound(db, e, r.id))).toBe('CONFLICT:voting.error.paperPending');
    expect(resolvePaper(db, e, { roundId: r.id, serial: '001', keep: 'A' })?.status).toBe('final');
    enterPaperBallot(db, e, {
      roundId: r.id,
      serial: '002',
      typist: 'A',
      ballot: { choices: [p3], points: null },
    });
    expect(resolvePaper(db, e, { roundId: r.id, serial: '002', keep: 'void' })).toBeNull();
    expect(roundDetail(db, r.id).ballots).toBe(1);
    closeRound(db, e, r.id);
    const t = roundTotals(db, r.id);
    expect(t.items.slice(0, 2).map((i) => [i.itemId, i.points])).toEqual([
      [p1, 3],
      [p2, 2],
    ]);
    expect(roundProfile(db, r.id).ballots).toEqual([{ projects: ['P-001', 'P-002'] }]);
  });

  it('import is all or nothing, and ballots never outnumber those entitled', () => {
    const r = openRound(
      db,
      e,
      createRound(db, e, input({ kind: 'ballot', ballotType: 'cumulative', totalPoints: 5 })).id,
    );
    const [p1, p2] = fx.proposals as [string, string];
    const before = chainStatus(db).length;
    const bad = [
      { serial: 'v1', content: { choices: [p1], points: [3] } },
      { serial: 'v2', content: { choices: [p1, p2], points: [4, 3] } },
    ];
    expect(codeOf(() => importBallots(db, e, r.id, bad, 'x.pb'))).toBe(
      'INVALID_INPUT:voting.pb.badBallot',
    );
    const six = Array.from({ length: 6 }, (_, i) => ({
      serial: `v${i}`,
      content: { choices: [p1], points: [1] },
    }));
    expect(codeOf(() => importBallots(db, e, r.id, six, 'x.pb'))).toBe(
      'CONFLICT:voting.error.moreBallotsThanEntitled',
    );
    expect(chainStatus(db).length).toBe(before);
    expect(roundDetail(db, r.id).ballots).toBe(0);
    expect(importBallots(db, e, r.id, six.slice(0, 3), 'x.pb').imported).toBe(3);
    expect(codeOf(() => importBallots(db, e, r.id, six.slice(2, 3), 'x.pb'))).toBe(
      'CONFLICT:voting.error.serialUsed',
    );
  });

  it('export lists rounds, and totals only for closed ones; the projector follows the open round', () => {
    const a = openRound(db, e, createRound(db, e, input()).id);
    for (const id of a.itemIds)
      enterCount(db, e, { roundId: a.id, itemId: id, operator: 'A', count: 1 });
    closeRound(db, e, a.id);
    const b = openRound(db, e, createRound(db, e, input({ title: 'Segunda' })).id);
    expect(currentRound(db)?.id).toBe(b.id);
    const doc = exportWorkshop(db, new Date());
    expect(doc.rounds).toHaveLength(2);
    expect(doc.rounds[0]).toMatchObject({ id: a.id, state: 'closed', totals: { roundId: a.id } });
    expect(doc.rounds[1]).toMatchObject({ id: b.id, state: 'open', totals: null });
    expect(listRounds(db).map((r) => r.position)).toEqual([1, 2]);
    expect(getRound(db, a.id).snapshot?.entitled).toBe(5);
  });
});
