// .pb parser memory (issue 18 §5): peak RSS of a child process reading a generated ~25 MB
// file, above the same child doing nothing. Goal: the streamed read ≤ 4× the file size.
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { tempDir } from '../helpers/tmp';
import type { Figure } from './table';

const root = fileURLToPath(new URL('../../', import.meta.url));
const child = fileURLToPath(new URL('./pb-memory-child.ts', import.meta.url));
const PLACES = ['Ursynów', 'Bielany', 'Qollqepata', 'Pacchanta', 'Mokotów', 'Huaraqa'];

/** A Warsaw-shaped approval file (5 of 100 projects per ballot, four extra columns). */
export function writeBigPb(file: string, targetBytes: number): number {
  const fd = openSync(file, 'w');
  let seed = 42;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const projects = Array.from(
    { length: 100 },
    (_, i) => `${1000 + i};${(i % 9) + 1}00000;Proyecto ${i}`,
  );
  const head = `META\nkey;value\ndescription;bench\nnum_projects;100\nbudget;5000000\nvote_type;approval\nPROJECTS\nproject_id;cost;name\n${projects.join('\n')}\nVOTES\nvoter_id;vote;age;sex;voting_method;neighborhood\n`;
  let bytes = writeSync(fd, head);
  let v = 0;
  while (bytes < targetBytes) {
    const lines: string[] = [];
    for (let k = 0; k < 5000; k++, v++) {
      const set = new Set<number>();
      while (set.size < 5) set.add(1000 + rnd(100));
      lines.push(
        `${200000 + v};${[...set].join(',')};${18 + rnd(70)};${rnd(2) ? 'M' : 'K'};internet;${PLACES[rnd(PLACES.length)]}`,
      );
    }
    bytes += writeSync(fd, lines.join('\n') + '\n');
  }
  closeSync(fd);
  return v;
}

function peak(mode: string, file: string): { mb: number; ms: number; votes: number } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', child, mode, file], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`pb memory child ${mode}: ${r.stderr}`);
  const j = JSON.parse(r.stdout) as { maxRssKB: number; votes: number };
  return { mb: j.maxRssKB / 1024, ms: performance.now() - t0, votes: j.votes };
}

export function benchPbMemory(): Promise<Figure[]> {
  const { dir, cleanup } = tempDir('minka-bench-pbmem-');
  try {
    const file = join(dir, 'big.pb');
    writeBigPb(file, 25 * 2 ** 20);
    const sizeMB = statSync(file).size / 2 ** 20;
    // The first child also warms tsx's transform cache: the baseline is the lower of two.
    const idle = [peak('idle', file), peak('idle', file)].reduce((a, b) => (a.mb <= b.mb ? a : b));
    const figures: Figure[] = [
      { name: `baseline: peak RSS of the child reading nothing`, ms: idle.mb, unit: 'MB' },
    ];
    const rows: Array<[string, string, boolean]> = [
      ['stream', 'parse a %s MB .pb as minka tally does (streamed, flat ballots)', true],
      ['tally', 'the same, then compile the profile and tally greedy', false],
      ['whole', 'whole-text parse keeping one object per vote (workshop import path)', false],
    ];
    for (const [mode, name, gated] of rows) {
      const p = peak(mode, file);
      const above = p.mb - idle.mb;
      figures.push({
        name: `${name.replace('%s', sizeMB.toFixed(1))}: peak RSS above baseline`,
        ms: above,
        unit: 'MB',
        baseline: sizeMB,
        baselineName: 'file size',
        ...(gated ? { goal: 4 } : {}),
        note: `${p.votes} votes; ${(p.ms / 1000).toFixed(1)} s for the process`,
      });
    }
    return Promise.resolve(figures);
  } finally {
    cleanup();
  }
}
