// Field test fac28: MES was accepted for a show-of-hands round and then selected nothing; the
// screen described a completion step that never ran; the exported .pb, tallied with `--rule mes`,
// selected other projects than the Acta (mes+add1+greedy). Each guarantee from a fresh workshop.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RoundInput } from '../../shared/schemas/voting';
import { parsePb } from '../../shared/pabulib';
import { tally } from '../../shared/tally';
import { fillVotingFixture, type VotingFixture } from '../../test/helpers/voting-fixture';
import { runCli } from '../../test/helpers/cli';
import { codeOf, fixedEnv } from '../../test/helpers/store';
import { roundInput } from '../../test/helpers/round-input';
import { demoSetup } from '../demo/demo';
import { createWorkshopDb, type Db, openWorkshopDb } from '../platform/db';
import { roundResults, roundResultsShown } from './results';
import { createRound, openRound } from '../voting/voting';
import { enterCount } from '../voting/hands';
import { castKioskBallot } from '../voting/kiosk';
import { closeRound } from '../voting/close-round';
import { roundProfile } from '../voting/round-reads';
import { roundPbText } from '../voting/voting-pb';
import { type Env, getSetup, initWorkshop, saveSetup } from '../workshop/workshop';

describe('MES needs ballots; every reader names the rule that ran', () => {
  let db: Db;
  let e: Env;
  let dir: string;
  let fx: VotingFixture;
  const input = (over: Partial<RoundInput> = {}): RoundInput => roundInput(fx, over);
  const shown = (roundId: string) => {
    const r = roundResultsShown(db, roundId);
    if (r.kind !== 'priority') throw new Error('expected a prioritisation round');
    return r.value;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'minka-mes-'));
    e = fixedEnv();
    const file = join(dir, 'w.minka');
    createWorkshopDb(file, (d) =>
      initWorkshop(d, e, 'w1', { ...demoSetup(), envelopeCents: 1_000_000_00 }),
    );
    db = openWorkshopDb(file);
    fx = db.transaction(() => fillVotingFixture(db, e, { orgs: 11 }))();
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('under MES a show-of-hands prioritisation round is refused, saying why; a ballot round is not', () => {
    saveSetup(db, e, { ...getSetup(db), selectionRule: 'mes', sectorSplit: false });
    expect(codeOf(() => createRound(db, e, input()))).toBe(
      'INVALID_INPUT:results.error.mesNeedsBallots',
    );
    expect(createRound(db, e, input({ kind: 'ballot', ballotType: 'approval' })).kind).toBe(
      'ballot',
    );
    // The sector vote is counted by hands whatever the rule: it selects no project.
    expect(createRound(db, e, input({ kind: 'sector' })).kind).toBe('sector');
  });

  it('choosing MES while a show-of-hands round waits is refused, naming the round', () => {
    createRound(db, e, input({ title: 'Priorización a mano alzada' }));
    expect(
      codeOf(() => saveSetup(db, e, { ...getSetup(db), selectionRule: 'mes', sectorSplit: false })),
    ).toBe('INVALID_INPUT:results.error.mesHandsRound');
    expect(getSetup(db).selectionRule).toBe('greedy');
  });

  it('a hands round under MES from an older build: no selection, and no step described as run', () => {
    const r = openRound(db, e, createRound(db, e, input()).id);
    db.prepare("UPDATE workshop SET selection_rule = 'mes'").run();
    fx.proposals.forEach((p) =>
      enterCount(db, e, { roundId: r.id, itemId: p, operator: 'A', count: 1 }),
    );
    closeRound(db, e, r.id);
    expect(shown(r.id)).toMatchObject({
      problem: { key: 'results.problem.mesNeedsBallots' },
      ran: { steps: [] },
    });
  });

  it('add1 and the completion are named when they ran; the .pb names the rule and tallies to the same selection', async () => {
    saveSetup(db, e, { ...getSetup(db), selectionRule: 'mes', sectorSplit: false });
    const r = openRound(
      db,
      e,
      createRound(db, e, input({ kind: 'ballot', ballotType: 'approval', maxChoices: 2 })).id,
    );
    // Proposals 300k, 500k, 200k, 450k; 11 voters share S/ 1,000,000. Plain MES funds only
    // P-003; add1 raises every share and funds P-002 too; the completion adds P-001.
    const ballots = [[2], [2], [3], [1], [1, 3], [2, 3], [1], [1, 2], [2], [3], [1]];
    fx.titulars.forEach((participantId, i) =>
      castKioskBallot(db, e, {
        roundId: r.id,
        participantId,
        ballot: { choices: (ballots[i] ?? []).map((k) => fx.proposals[k] ?? ''), points: null },
      }),
    );
    closeRound(db, e, r.id);
    const plain = tally(roundProfile(db, r.id), { rule: 'mes', tieBreak: 'lexicographic' });
    const res = shown(r.id);
    const selected = res.projects.filter((p) => p.selected).map((p) => p.code);
    expect(plain.selected).toEqual(['P-003']);
    expect(selected.sort()).toEqual(['P-001', 'P-002', 'P-003']);
    expect(res.ran).toEqual({ steps: ['mes', 'add1', 'completion'], add1RaiseCents: 9_091_00 });
    // The export (and the frozen record) do not carry what the screen adds.
    const stored = roundResults(db, r.id);
    expect(stored.kind === 'priority' && stored.value.ran).toBeUndefined();

    const pb = roundPbText(db, r.id).text;
    expect(parsePb(pb).meta['minka_rule']).toBe('mes+add1+greedy');
    const file = join(dir, 'ronda.pb');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, pb);
    const cli = await runCli(['tally', file, '--json']);
    expect(cli.code).toBe(0);
    const out = JSON.parse(cli.out) as { rule: string; ruleFrom: string; selected: string[] };
    expect(out).toMatchObject({ rule: 'mes+add1+greedy', ruleFrom: 'file' });
    expect(out.selected).toEqual([...selected].sort());
    const human = await runCli(['tally', file], 'es');
    expect(human.out).toContain(
      'se aplica la regla que nombra el archivo ronda.pb: mes+add1+greedy',
    );
    expect(readFileSync(file, 'utf8')).toContain('minka_rule;mes+add1+greedy');
  });
});
