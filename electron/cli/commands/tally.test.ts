import { mkdtempSync, openSync, closeSync, ftruncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/cli';

const corpus = fileURLToPath(new URL('../../../test/fixtures/pabulib/', import.meta.url));
const shapes = fileURLToPath(new URL('../../../test/fixtures/pabulib-shapes/', import.meta.url));
const toulouse = join(
  corpus,
  'France_Toulouse_2022_17_-_Mirail-Universite_Reynerie_Bellefontaine.pb',
);
const dir = mkdtempSync(join(tmpdir(), 'minka-tally-'));

function pb(votes: string[], cost = '10'): string {
  const file = join(dir, `t${Math.random().toString(36).slice(2)}.pb`);
  const text = [
    'META',
    'key;value',
    'budget;10',
    `num_votes;${votes.length}`,
    'vote_type;approval',
    'PROJECTS',
    'project_id;cost',
    `a;${cost}`,
    'b;10',
    'VOTES',
    'voter_id;vote',
    ...votes.map((v, i) => `${i};${v}`),
  ];
  writeFileSync(file, text.join('\r\n'));
  return file;
}

describe('minka tally', () => {
  it('--json prints one object with the outcome the reference gives', async () => {
    const r = await runCli(['tally', toulouse, '--rule', 'mes+add1', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as Record<string, unknown>;
    expect(j).toMatchObject({
      rule: 'mes+add1',
      selected: ['178', '180', '182', '184'],
      selectionOrder: ['182', '180', '184', '178'],
      totalCost: '295500',
      mesPasses: 5224,
    });
    expect(r.err).toBe('');
  });

  it('explains round by round in Spanish by default', async () => {
    const r = await runCli(['tally', toulouse, '--rule', 'mes+greedy'], 'es');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Ronda 1. 180');
    expect(r.out).toContain('no les alcanza el dinero');
    expect(r.out).toContain('Costo total 395500 de 400000 (sobran 4500).');
  });

  it('refuses a malformed file with the line and exit 1, no stack trace', async () => {
    const r = await runCli(['tally', pb(['a'], '-3'), '--rule', 'greedy'], 'es');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/línea 8: Costo no válido para el proyecto a: «-3»/);
    expect(r.err).not.toMatch(/at .*\.ts/);
  });

  it('refuses a file above the size limit before reading it', async () => {
    const big = join(dir, 'big.pb');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 101 * 1024 * 1024); // sparse: no 100 MB written to disk
    closeSync(fd);
    const r = await runCli(['tally', big, '--rule', 'mes']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('the limit is 100 MB');
  });

  it('a refused tie names the projects and exits 1', async () => {
    const r = await runCli(['tally', pb(['a', 'b']), '--rule', 'greedy', '--tie-break', 'refuse']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Tie between a, b');
  });

  it.each([
    [['tally', '--rule', 'mes'], 'Give exactly one .pb file'],
    [['tally', toulouse], 'names no rule it was computed with (META minka_rule'],
    [['tally', toulouse, '--rule', 'mes+add2'], 'Unknown rule'],
    [['tally', toulouse, '--rule', 'mes', '--tie-break', 'coin'], 'Unknown tie-break'],
  ])('usage errors exit 2: %j', async (args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  it('a ballot listing a project twice is tallied as the reference reads it, with a warning naming the line', async () => {
    const file = join(shapes, 'repeated-approval.pb');
    const r = await runCli(['tally', file, '--rule', 'greedy'], 'es');
    expect(r.code).toBe(0);
    expect(r.err).toContain(
      'repeated-approval.pb, línea 15: El votante v1 lista más de una vez el proyecto 1',
    );
    // Read once: 1 and 3 have two supporters each and fill the budget of 300 together.
    expect(r.out).toContain('Seleccionados (2): 1, 3');
    const j = await runCli(['tally', file, '--rule', 'mes', '--json']);
    expect(j.code).toBe(0);
    const o = JSON.parse(j.out) as {
      warnings: Array<{ line: number; code: string; message: string }>;
    };
    expect(o.warnings).toEqual([
      {
        line: 15,
        code: 'pb.repeatedVote',
        message: expect.stringContaining(
          'line 15: Voter v1 lists project 1 more than once',
        ) as unknown,
      },
    ]);
  });

  it('cumulative: the last points given to a repeated project count, as in the reference', async () => {
    // v1 gives a 5 then 1: with the last value, b (2 points) beats a (1 point) per unit of cost.
    const r = await runCli([
      'tally',
      join(shapes, 'repeated-cumulative.pb'),
      '--rule',
      'greedy-points',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as { selectionOrder: string[] }).selectionOrder[0]).toBe('c');
  });

  it('MES with cost satisfaction never selects a zero-cost project; its greedy completion does', async () => {
    const file = join(shapes, 'zero-cost.pb');
    const mes = JSON.parse((await runCli(['tally', file, '--rule', 'mes', '--json'])).out) as {
      selected: string[];
      rounds: Array<{ skipped: Array<{ project: string; reason: string }> }>;
    };
    expect(mes.selected).not.toContain('free');
    expect(mes.rounds[0]?.skipped).toContainEqual({ project: 'free', reason: 'noSatisfaction' });
    const card = JSON.parse(
      (await runCli(['tally', file, '--rule', 'mes-cardinality', '--json'])).out,
    ) as { selectionOrder: string[] };
    expect(card.selectionOrder[0]).toBe('free');
    const plus = JSON.parse(
      (await runCli(['tally', file, '--rule', 'mes+greedy', '--json'])).out,
    ) as { selected: string[] };
    expect(plus.selected).toContain('free');
  });

  it('a missing file exits 1', async () => {
    const r = await runCli(['tally', join(dir, 'nope.pb'), '--rule', 'mes']);
    expect(r.code).toBe(1);
  });
});
