// Start-up of the command line (issue 17): a `minka` process against `node -e 0`, and the
// CLI's verify and tally as processes against the same work done in this (warm) process.
// Goals: --help ≤ 3× node's start-up; verify and tally processes within 0.3 s of in-process.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { verifyMinutesPdf } from '../../electron/minutes/verify';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';
import { type Figure, printTable } from './table';

const root = fileURLToPath(new URL('../../', import.meta.url));
const warszawa = fileURLToPath(
  new URL('../fixtures/pabulib/Poland_Warszawa_2026.pb', import.meta.url),
);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/** Median wall time of `runs` processes `node …args` (stdout discarded). */
function proc(args: string[], runs: number): number {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    ms.push(performance.now() - t0);
    if (r.status !== 0)
      throw new Error(
        `node ${args.join(' ')}: exit ${r.status}: ${r.stderr.toString().slice(0, 300)}`,
      );
  }
  return median(ms);
}

async function inProcess(runs: number, fn: () => unknown): Promise<number> {
  await fn(); // warm-up: modules loaded, code compiled
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

/**
 * The first call of a command in a fresh process that has already started and imported
 * `module` (the built CLI): the command's own work, cold, without the start-up around it.
 */
function firstCall(module: string, call: string, runs: number, preload: string[] = []): number {
  const ms: number[] = [];
  const pre = preload.map((p) => `await import(${JSON.stringify(join(root, p))});`).join(' ');
  const code = `const m = await import(${JSON.stringify(join(root, module))}); ${pre} const { readFileSync } = await import('node:fs'); const t0 = performance.now(); await (${call}); process.stdout.write(String(performance.now() - t0));`;
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx/esm', '--input-type=module', '-e', code],
      { cwd: root, encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(r.stderr.slice(0, 300));
    ms.push(Number(r.stdout));
  }
  return median(ms);
}

export async function benchStartup(): Promise<Figure[]> {
  spawnSync(process.execPath, ['scripts/build-node.mjs', '--if-stale'], {
    cwd: root,
    stdio: 'inherit',
  });
  const { dir, cleanup } = tempDir('minka-bench-startup-');
  try {
    const workshop = join(dir, 'demo.minka');
    const pdf = join(dir, 'acta.pdf');
    await runCli(['demo', '--out', workshop]);
    await runCli(['seal', workshop, '--out', pdf, '--data', join(dir, 'data')]);

    const node = proc(['-e', '0'], 9);
    const help = proc(['bin/minka.mjs', '--help'], 9);
    const bytes = readFileSync(pdf);
    const verifyIn = await inProcess(3, () => verifyMinutesPdf(bytes));
    // The same command through the built CLI's main(), timed inside a process that has
    // already started and imported it: what is left is start-up, the part issue 17 targets.
    const verifyCold = firstCall(
      'dist-node/cli.mjs',
      `m.main(['verify', ${JSON.stringify(pdf)}], { out: () => {}, err: () => {} })`,
      3,
    );
    const verifyProc = proc(['bin/minka.mjs', 'verify', pdf], 3);
    const tallyIn = firstCall(
      'dist-node/cli.mjs',
      `m.main(['tally', ${JSON.stringify(warszawa)}, '--rule', 'mes', '--json'], { out: () => {}, err: () => {} })`,
      3,
    );
    const tallyProc = proc(['bin/minka.mjs', 'tally', warszawa, '--rule', 'mes', '--json'], 3);
    return [
      {
        name: 'minka --help (process)',
        ms: help,
        baseline: node,
        baselineName: 'node -e 0',
        goal: 3,
      },
      {
        name: 'minka verify demo Acta: process minus the same command in process (start-up)',
        ms: verifyProc - verifyCold,
        goal: 300,
        note: `process ${verifyProc.toFixed(0)} ms; in process: first call ${verifyCold.toFixed(0)} ms, warm ${verifyIn.toFixed(0)} ms`,
      },
      {
        name: 'minka tally Warszawa 2026 --rule mes --json: process minus the same command in process',
        ms: tallyProc - tallyIn,
        goal: 300,
        note: `process ${tallyProc.toFixed(0)} ms; the same command in process, first call ${tallyIn.toFixed(0)} ms`,
      },
    ];
  } finally {
    cleanup();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  printTable('Start-up of the command line', await benchStartup());
}
