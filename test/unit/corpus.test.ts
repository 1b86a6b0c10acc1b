// The hostile corpus: each file is refused or handled with a clear message, without an
// uncaught exception, within a bounded time (a hung case is killed at 120 s) and memory
// (each case runs in its own process with a 1 GB heap cap). Prints time and peak RSS.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type CorpusCase, writeCorpus } from '../corpus/generate';
import { tempDir } from '../helpers/tmp';

const BIG = process.env['MINKA_STRESS'] ? 200 * 1024 * 1024 : 25 * 1024 * 1024;
const KILL_AFTER_MS = 120_000;
const MAX_RSS_MB = 1024;
const root = resolve(import.meta.dirname, '../..');

interface Outcome {
  outcome: 'refused' | 'handled' | 'skipped' | 'crash' | 'killed';
  message: string;
  key?: string;
  ms: number;
  maxRssMB: number;
}

function runCase(c: CorpusCase): Promise<Outcome> {
  return new Promise((ok) => {
    const child = spawn(
      process.execPath,
      [
        '--max-old-space-size=1024',
        '--import',
        'tsx',
        join(root, 'test/corpus/run-case.ts'),
        c.door,
        c.file,
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MINKA_LANG: 'en' } },
    );
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      const line = out.trim().split('\n').pop() ?? '';
      try {
        ok(JSON.parse(line) as Outcome);
      } catch {
        ok({
          outcome: signal === 'SIGKILL' ? 'killed' : 'crash',
          message: (err || out).slice(-300),
          ms: KILL_AFTER_MS,
          maxRssMB: -1,
        });
      }
    });
  });
}

describe('hostile corpus', () => {
  const t = tempDir('minka-corpus-');
  const cases = writeCorpus(t.dir, BIG);
  afterAll(() => t.cleanup());
  const rows: string[] = [];
  afterAll(() =>
    console.log(`hostile corpus (huge files ${BIG / 2 ** 20} MB):\n${rows.join('\n')}`),
  );

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const r = await runCase(c);
    rows.push(
      `  ${c.name.padEnd(24)} ${(c.size / 2 ** 20).toFixed(1).padStart(6)} MB  ${r.outcome.padEnd(8)} ${String(r.ms).padStart(6)} ms  ${String(r.maxRssMB).padStart(5)} MB RSS  ${r.message.replace(/\s+/g, ' ').slice(0, 110)}`,
    );
    expect(['refused', 'handled', 'skipped'], `${c.name}: ${r.outcome}: ${r.message}`).toContain(
      r.outcome,
    );
    expect(r.maxRssMB).toBeLessThan(MAX_RSS_MB);
    if (r.outcome === 'skipped') return;
    expect(r.message.trim().length, 'a message a person can read').toBeGreaterThan(10);
    expect(r.message).not.toMatch(/\n\s+at |TypeError|RangeError|undefined/);
    if (c.name === 'binary-without-nul.csv') expect(r.message).toMatch(/ 0 people/);
    if (c.expect === 'handled') expect(r.outcome).toBe('handled');
    else if (c.expect === 'refused') expect(r.outcome).toBe('refused');
    else {
      expect(r.outcome).toBe('refused');
      if (c.door === 'csv') expect(r.key).toBe(c.expect.refused);
      else
        expect(r.message).toContain(
          c.expect.refused === 'cli.tally.tooLarge' ? 'the limit is' : '',
        );
    }
  });
});
