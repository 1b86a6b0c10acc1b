// `npm run bench`: figures, not gates. Each figure is printed next to a baseline measured
// in the same run on the same machine, so ratios stay meaningful across machines.
import { closeSync, existsSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { tempDir } from '../helpers/tmp';
import { Core } from '../../electron/core/core';
import { demoEnv, demoSetup, fillDemo } from '../../electron/demo/demo';
import { openWorkshopDb } from '../../electron/store/db';
import { appendEvent, verifyChain } from '../../electron/store/events';

export interface Figure {
  name: string;
  ms: number;
  note?: string;
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

export function benchStore(dir: string, n = 10_000): Figure[] {
  const figures: Figure[] = [];
  // Baseline: the raw cost of a durable write on this disk (write 200 bytes + fsync).
  const raw = join(dir, 'raw.bin');
  const fd = openSync(raw, 'w');
  const buf = Buffer.alloc(200, 1);
  const base = time(() => {
    for (let i = 0; i < n; i++) {
      writeSync(fd, buf);
      fsyncSync(fd);
    }
  });
  closeSync(fd);
  figures.push({
    name: `baseline: ${n} × (write 200 B + fsync)`,
    ms: base.ms,
    note: `${(base.ms / n).toFixed(3)} ms each`,
  });

  const core = new Core({ dataDir: dir, host: 'cli' });
  const file = join(dir, 'bench.minka');
  core.createFile(file, demoSetup(), fillDemo, demoEnv(core.env));
  core.closeAll();

  const opens: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t = time(() => openWorkshopDb(file));
    t.value.close();
    opens.push(t.ms);
  }
  figures.push({
    name: 'open a workshop file (header check, quick_check, pragmas, migrate)',
    ms: median(opens),
    note: 'median of 15',
  });

  const db = openWorkshopDb(file);
  const at = new Date('2026-05-14T13:00:00Z');
  const each = time(() => {
    for (let i = 0; i < n; i++)
      db.transaction(() =>
        appendEvent(db, at, {
          type: 'bench.checkIn',
          payload: { participant: `p${i}`, venue: 'v1' },
        }),
      ).immediate();
  });
  figures.push({
    name: `append ${n} events, one committed transaction each (synchronous=FULL)`,
    ms: each.ms,
    note: `${(each.ms / n).toFixed(3)} ms each; ${(each.ms / base.ms).toFixed(2)}× the raw fsync baseline`,
  });

  const batch = time(() =>
    db
      .transaction(() => {
        for (let i = 0; i < n; i++) appendEvent(db, at, { type: 'bench.batch', payload: { i } });
      })
      .immediate(),
  );
  figures.push({
    name: `append ${n} events in one transaction`,
    ms: batch.ms,
    note: `${(batch.ms / n).toFixed(4)} ms each`,
  });

  const verify = time(() => verifyChain(db));
  figures.push({
    name: `verify the chain (${verify.value.length} events)`,
    ms: verify.ms,
    note: verify.value.ok ? 'ok' : 'BROKEN',
  });
  db.close();
  return figures;
}

function print(title: string, figures: Figure[]): void {
  console.log(`\n${title}`);
  for (const f of figures)
    console.log(`  ${f.ms.toFixed(1).padStart(10)} ms  ${f.name}${f.note ? `  (${f.note})` : ''}`);
}

async function main(): Promise<void> {
  const { dir, cleanup } = tempDir('minka-bench-');
  try {
    print('Workshop store', benchStore(dir));
    // Each feature's benchmark is its own module exporting one async function.
    const modules: Array<[title: string, file: string, fn: string]> = [
      ['Start-up of the command line', 'startup.ts', 'benchStartup'],
      ['Attendance (the door)', 'attendance.ts', 'benchAttendance'],
      ['Tally engine', 'tally.ts', 'benchTally'],
      ['Voting (a 2,000-ballot round through dispatch)', 'voting.ts', 'benchVoting'],
      ['Results (the results screen of the demo)', 'results.ts', 'benchResults'],
      ['Signed minutes (seal, PDF, verify)', 'minutes.ts', 'benchMinutes'],
      ['Plan reconciliation (MEF download, XLSX, name matching)', 'plan.ts', 'benchPlan'],
      ['Follow-up register (years of agreements, import of a sealed workshop)', 'followup.ts', 'benchFollowup'],
    ];
    for (const [title, file, fn] of modules) {
      const path = join(import.meta.dirname, file);
      if (!existsSync(path)) continue;
      const mod = (await import(path)) as Record<string, (() => Promise<Figure[]>) | undefined>;
      const run = mod[fn];
      if (run) print(title, await run());
    }
  } finally {
    cleanup();
  }
}

await main();
