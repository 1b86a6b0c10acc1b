// `npm run bench`: figures, not gates. Each figure is printed next to a baseline measured
// in the same run on the same machine, so ratios stay meaningful across machines.
import { closeSync, existsSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { tempDir } from '../helpers/tmp';
import { Core } from '../../electron/core/core';
import { demoEnv, demoSetup, fillDemo } from '../../electron/demo/demo';
import { openWorkshopDb } from '../../electron/platform/db';
import { appendEvent, verifyChain } from '../../electron/platform/events';
import { type Figure, type FigureIn, normalise, printTable } from './table';

export type { Figure } from './table';
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
          type: 'attendance.checkedOut',
          payload: { id: `p${i}` },
        }),
      ).immediate();
  });
  figures.push({
    name: `append ${n} events, one committed transaction each (synchronous=FULL)`,
    ms: each.ms,
    baseline: base.ms,
    baselineName: 'raw fsyncs',
    note: `${(each.ms / n).toFixed(3)} ms each`,
  });

  const batch = time(() =>
    db
      .transaction(() => {
        for (let i = 0; i < n; i++)
          appendEvent(db, at, { type: 'attendance.checkedOut', payload: { id: `b${i}` } });
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

/**
 * The goals of issue 18, by figure name, for figures whose module does not state its own
 * (a goal with a baseline is a ratio to it; without, a value not to exceed).
 */
const GOALS: Array<[RegExp, number]> = [
  [/^demo: seal/, 1000],
  [/^large \(2,000 attendees, 300 proposals\): seal/, 4000],
  [/^demo: verify \(both signatures \+ pages/, 300],
  [/^large \(2,000 attendees, 300 proposals\): verify \(both/, 2000],
  [/^group 10 year\(s\) × 89 items/, 20],
];

function withGoal(f: FigureIn): Figure {
  const g = normalise(f);
  if (g.goal !== undefined) return g;
  const goal = GOALS.find(([re]) => re.test(g.name))?.[1];
  return goal === undefined ? g : { ...g, baseline: undefined, goal };
}

function print(title: string, figures: FigureIn[]): void {
  printTable(title, figures.map(withGoal));
}

async function main(): Promise<void> {
  const { dir, cleanup } = tempDir('minka-bench-');
  console.log(
    'Figures, not gates: each row gives the value, the baseline measured in this run, their\n' +
      'ratio, the goal (a ratio when there is a baseline, else a value) and whether it is met.',
  );
  try {
    print('Workshop store', benchStore(dir));
    // Each feature's benchmark is its own module exporting one async function.
    const modules: Array<[title: string, file: string, fn: string]> = [
      ['Start-up of the command line', 'startup.ts', 'benchStartup'],
      ['Attendance (the door)', 'attendance.ts', 'benchAttendance'],
      ['Tally engine', 'tally.ts', 'benchTally'],
      ['Voting (a 2,000-ballot round through dispatch)', 'voting.ts', 'benchVoting'],
      ['Kiosk ballot box (2,000 secret ballots cast one by one)', 'kiosk-box.ts', 'benchKioskBox'],
      [
        'Voting: the kiosk list (voting:get) against the registry size',
        'voting-get.ts',
        'benchVotingGet',
      ],
      [
        'Quorum counts at the door (20,000 registered, partial indexes)',
        'quorum-counts.ts',
        'benchQuorumCounts',
      ],
      ['Results (the results screen of the demo)', 'results.ts', 'benchResults'],
      ['Signed minutes (seal, PDF, verify)', 'minutes.ts', 'benchMinutes'],
      ['Plan reconciliation (MEF download, XLSX, name matching)', 'plan.ts', 'benchPlan'],
      [
        'Follow-up register (years of agreements, import of a sealed workshop)',
        'followup.ts',
        'benchFollowup',
      ],
      ['Venues (merging four venue laptops)', 'venues.ts', 'benchVenues'],
      ['pabulib parser memory (peak RSS of a child process)', 'pbmemory.ts', 'benchPbMemory'],
    ];
    // `npm run bench -- attendance voting`: only the modules named (the store always runs).
    const only = process.argv.slice(2);
    for (const [title, file, fn] of modules) {
      if (only.length > 0 && !only.some((o) => file.startsWith(o))) continue;
      const path = join(import.meta.dirname, file);
      if (!existsSync(path)) continue;
      const mod = (await import(path)) as Record<string, (() => Promise<FigureIn[]>) | undefined>;
      const run = mod[fn];
      if (run) print(title, await run());
    }
  } finally {
    cleanup();
  }
}

await main();
