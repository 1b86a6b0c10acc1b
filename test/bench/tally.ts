// Tally benchmark: parsing the largest pabulib file against each rule on it, and the
// whole `minka tally` process. Figures, not gates; run alone with `npx tsx test/bench/tally.ts`.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { electionToProfile, parsePb } from '../../shared/pabulib';
import { compileProfile, RULE_KEYS, tally } from '../../shared/tally';

const root = fileURLToPath(new URL('../../', import.meta.url));
const corpus = fileURLToPath(new URL('../fixtures/pabulib/', import.meta.url));
const LARGEST = 'Poland_Warszawa_2026.pb';

/** Run a process to completion; resolves with its exit status and wall time. */
function run(args: string[]): Promise<{ ms: number; status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ ms: performance.now() - t0, status, stderr }));
  });
}

function best<T>(runs: number, fn: () => T): { ms: number; value: T } {
  let ms = Infinity;
  let value = fn(); // warm-up, also the value returned
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    value = fn();
    ms = Math.min(ms, performance.now() - t0);
  }
  return { ms, value };
}

export async function benchTally(): Promise<Array<{ name: string; ms: number; note?: string }>> {
  const figures: Array<{ name: string; ms: number; note?: string }> = [];
  const path = corpus + LARGEST;
  const text = readFileSync(path, 'utf8');
  const parsed = best(5, () => parsePb(text));
  figures.push({
    name: `parse ${LARGEST}`,
    ms: parsed.ms,
    note: `${parsed.value.votes.length} votes, ${parsed.value.projects.length} projects, ${(text.length / 2 ** 20).toFixed(1)} M chars`,
  });
  const compiled = best(5, () => compileProfile(electionToProfile(parsed.value)));
  figures.push({
    name: '  group ballots into classes',
    ms: compiled.ms,
    note: `${compiled.value.weight.length} classes`,
  });
  for (const rule of RULE_KEYS) {
    if (rule.includes('points')) continue; // approval file: points need cumulative ballots
    const r = best(rule.includes('add1') ? 1 : 3, () => tally(compiled.value, { rule }));
    figures.push({
      name: `  ${rule}`,
      ms: r.ms,
      note: r.value.passes && r.value.passes > 1 ? `${r.value.passes} passes` : undefined,
    });
  }
  for (const rule of ['mes', 'mes+add1']) {
    const p = await run(['bin/minka.mjs', 'tally', path, '--rule', rule, '--json']);
    figures.push({
      name: `process: minka tally ${LARGEST} --rule ${rule} --json`,
      ms: p.ms,
      note: p.status === 0 ? 'exit 0' : `exit ${p.status}: ${p.stderr.slice(0, 200)}`,
    });
  }
  const help = await run(['bin/minka.mjs', '--help']);
  figures.push({ name: 'baseline: process minka --help (startup only)', ms: help.ms });
  return figures;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const f of await benchTally())
    console.log(`${f.name.padEnd(70)} ${f.ms.toFixed(1).padStart(9)} ms  ${f.note ?? ''}`);
}
