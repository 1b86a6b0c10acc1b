// The kiosk's blank vote (issue 13, item 10): a voter may choose "Voto en blanco" on purpose.
// It is a ballot (the voter has voted, turnout counts it) for no proposal; an empty selection
// without that choice is refused and writes nothing; the selection rule never gives a blank
// ballot a share of the envelope; and the record replays and re-checks as before.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fillVotingFixture, type VotingFixture } from '../../test/helpers/voting-fixture';
import { roundInput } from '../../test/helpers/round-input';
import { codeOf, fixedEnv } from '../../test/helpers/store';
import { demoSetup } from '../demo/demo';
import { BallotContent } from '../../shared/schemas/voting';
import { checkConsistency } from '../check/consistency';
import { createWorkshopDb, type Db, openWorkshopDb } from '../platform/db';
import { listEvents } from '../platform/events';
import { checkWorkshopFile } from '../check/check';
import { roundResults } from '../results/results';
import { createRound, openRound } from './voting';
import { enterPaperBallot, resolvePaper } from './paper';
import { castKioskBallot } from './kiosk';
import { closeRound } from './close-round';
import { roundDetail, roundProfile, roundTotals } from './round-reads';
import { roundPbText } from './voting-pb';
import { type Env, initWorkshop } from '../workshop/workshop';

describe('kiosk blank vote', () => {
  let db: Db;
  let e: Env;
  let dir: string;
  let file: string;
  let fx: VotingFixture;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'minka-blank-'));
    e = fixedEnv();
    file = join(dir, 'w.minka');
    createWorkshopDb(file, (d) => initWorkshop(d, e, 'w1', demoSetup()));
    db = openWorkshopDb(file);
    fx = db.transaction(() => fillVotingFixture(db, e))();
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const ballotRound = (over = {}) =>
    openRound(
      db,
      e,
      createRound(
        db,
        e,
        roundInput(fx, { kind: 'ballot', ballotType: 'approval', maxChoices: 2, ...over }),
      ).id,
    );

  it('an empty selection is never a vote: refused, nothing written, the voter may still vote', () => {
    const r = ballotRound();
    const [t1] = fx.titulars as [string];
    const events = listEvents(db).length;
    expect(
      codeOf(() =>
        castKioskBallot(db, e, {
          roundId: r.id,
          participantId: t1,
          ballot: { choices: [], points: null },
        }),
      ),
    ).toBe('INVALID_INPUT:voting.error.emptyBallot');
    // "Blank" together with a marked option is not a blank vote either.
    expect(
      codeOf(() =>
        castKioskBallot(db, e, {
          roundId: r.id,
          participantId: t1,
          ballot: { choices: [fx.proposals[0] ?? ''], points: null, blank: true },
        }),
      ),
    ).toBe('INVALID_INPUT:voting.error.blankWithChoices');
    expect(listEvents(db)).toHaveLength(events);
    const d = roundDetail(db, r.id);
    expect(d.ballots).toBe(0);
    expect(d.voters.find((v) => v.participantId === t1)?.voted).toBe(false);
  });

  it('a blank vote is a ballot: the voter has voted, turnout counts it, no proposal gains a vote', async () => {
    const r = ballotRound();
    const [p1, p2] = fx.proposals as [string, string];
    const [t1, t2, t3] = fx.titulars as [string, string, string];
    castKioskBallot(db, e, {
      roundId: r.id,
      participantId: t1,
      ballot: { choices: [p1, p2], points: null },
    });
    // As the kiosk's channel hands it over once its schema has read it.
    castKioskBallot(db, e, {
      roundId: r.id,
      participantId: t2,
      ballot: BallotContent.parse({ choices: [], points: null, blank: true }),
    });
    castKioskBallot(db, e, {
      roundId: r.id,
      participantId: t3,
      ballot: { choices: [p1], points: null },
    });
    const open = roundDetail(db, r.id);
    expect(open.ballots).toBe(3);
    expect(
      open.voters
        .filter((v) => v.voted)
        .map((v) => v.participantId)
        .sort(),
    ).toEqual([t1, t2, t3].sort());
    // The one vote per person / organisation rule is the same for a blank vote.
    expect(
      codeOf(() =>
        castKioskBallot(db, e, {
          roundId: r.id,
          participantId: t2,
          ballot: { choices: [], points: null, blank: true },
        }),
      ),
    ).toBe('CONFLICT:voting.error.alreadyVoted');

    closeRound(db, e, r.id);
    const totals = roundTotals(db, r.id);
    expect(totals.ballots).toBe(3);
    expect(totals.blank).toBe(1);
    expect(Object.fromEntries(totals.items.map((i) => [i.itemId, i.votes]))).toMatchObject({
      [p1]: 2,
      [p2]: 1,
    });
    const res = roundResults(db, r.id);
    expect(res.kind === 'priority' && res.value.round).toMatchObject({ ballots: 3, blank: 1 });
    // The selection rule reads the two marked ballots; the blank one claims no share.
    expect(roundProfile(db, r.id).ballots).toHaveLength(2);
    const pb = roundPbText(db, r.id);
    expect(pb.text).toContain('num_votes;2');
    expect(pb.text).toContain('minka_blank;1');
    // The log replays to the same tables, and the frozen result recomputes the same.
    expect(checkConsistency(db).ok).toBe(true);
    expect((await checkWorkshopFile(file)).ok).toBe(true);
  });

  it('a round without blank votes says nothing new (frozen rounds from before recompute the same)', () => {
    const r = ballotRound();
    const [p1] = fx.proposals as [string];
    castKioskBallot(db, e, {
      roundId: r.id,
      participantId: fx.titulars[0] ?? '',
      ballot: { choices: [p1], points: null },
    });
    closeRound(db, e, r.id);
    expect('blank' in roundTotals(db, r.id)).toBe(false);
  });

  it("a blank paper ballot typed by both typists counts as blank, like the kiosk's", () => {
    const r = ballotRound();
    const blank = BallotContent.parse({ choices: [], points: null, blank: true });
    const a = enterPaperBallot(db, e, { roundId: r.id, serial: '001', typist: 'A', ballot: blank });
    expect(a.status).toBe('waiting');
    const b = enterPaperBallot(db, e, { roundId: r.id, serial: '001', typist: 'B', ballot: blank });
    expect(b.status).toBe('final');
    // One typist's blank against the other's marked option is a difference to resolve.
    enterPaperBallot(db, e, { roundId: r.id, serial: '002', typist: 'A', ballot: blank });
    const m = enterPaperBallot(db, e, {
      roundId: r.id,
      serial: '002',
      typist: 'B',
      ballot: { choices: [fx.proposals[0] ?? ''], points: null },
    });
    expect(m.status).toBe('mismatch');
    expect(roundDetail(db, r.id).ballots).toBe(1);
    resolvePaper(db, e, { roundId: r.id, serial: '002', keep: 'A' });
    expect(roundDetail(db, r.id).ballots).toBe(2);
    closeRound(db, e, r.id);
    expect(roundTotals(db, r.id)).toMatchObject({ ballots: 2, blank: 2 });
    expect(checkConsistency(db).ok).toBe(true);
  });
});
