#!/usr/bin/env node
// `npm test`: typecheck, lint, unit/integration tests (vitest, real SQLite) and end-to-end
// tests (Playwright + web host + Chromium), then one closing line "N passed, N failed".
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('test-results', { recursive: true });
// Counts come from these files: one left by an earlier run must not stand in for a killed step.
for (const f of ['vitest.json', 'e2e.json', 'vitest-progress.log'])
  rmSync(`test-results/${f}`, { force: true });
const env = {
  ...process.env,
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
};
let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
/** The step running now: its own process group, so Ctrl-C here must pass the signal on. */
let current = null;
for (const sig of ['SIGINT', 'SIGTERM'])
  process.on(sig, () => {
    if (current)
      try {
        process.kill(-current.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    process.exit(130);
  });

/**
 * Run one step in its own process group. A step that outlives `limitMin` minutes (a test that
 * never returns) is killed with everything it started, and counts as failed: the run ends
 * red and says what hung instead of holding CI until its own limit.
 */
function step(name, cmd, args, extraEnv = {}, limit = 30) {
  const limitMin = Number(process.env['MINKA_STEP_MINUTES'] ?? limit);
  process.stdout.write(`\n── ${name} ──\n`);
  const t0 = Date.now();
  return new Promise((done) => {
    const child = spawn(cmd, args, {
      stdio: 'inherit',
      env: { ...env, ...extraEnv },
      detached: true,
    });
    current = child;
    let timedOut = false;
    // SIGTERM first: Playwright closes the browsers it started in their own process groups.
    const signal = (sig) => {
      try {
        process.kill(-child.pid, sig);
      } catch {
        // the group is gone
      }
    };
    let killer;
    const timer = setTimeout(() => {
      timedOut = true;
      signal('SIGTERM');
      killer = setTimeout(() => signal('SIGKILL'), 10_000);
    }, limitMin * 60_000);
    let settled = false;
    const finish = (status) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (killer) {
        clearTimeout(killer);
        signal('SIGKILL'); // anything the step left behind
      }
      current = null;
      const ok = status === 0 && !timedOut;
      const took = ((Date.now() - t0) / 1000).toFixed(1);
      process.stdout.write(
        `── ${name}: ${ok ? 'ok' : timedOut ? `KILLED after ${limitMin} min` : 'FAILED'} (${took} s)\n`,
      );
      if (timedOut) reportHung(name);
      if (!ok) failures.push(timedOut ? `${name} (timed out)` : name);
      done(ok);
    };
    child.on('error', () => finish(1));
    child.on('exit', (code) => finish(code));
  });
}

/** After a step was killed: the test files and tests it had started and not finished. */
function reportHung(name) {
  const log = 'test-results/vitest-progress.log';
  if (!name.includes('vitest') || !existsSync(log)) return;
  const open = new Map();
  for (const line of readFileSync(log, 'utf8').split('\n')) {
    const [what, file, test] = line.split('\t');
    if (what === 'start') open.set(file, '(loading)');
    else if (what === 'test' && open.has(file)) open.set(file, test);
    else if (what === 'end') open.delete(file);
  }
  process.stdout.write('\nStill running when the step was killed:\n');
  for (const [file, test] of open) process.stdout.write(`  ${file} › ${test}\n`);
}

// The CLI, web host and Electron main run compiled (dist-node/, dist-electron/): build them
// from the sources under test, as `npm install` does.
await step('build (Node side)', process.execPath, ['scripts/build-node.mjs']);
(await step('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json'])) &&
  (await step('typecheck renderer', 'npx', ['tsc', '-p', 'renderer/tsconfig.json']));
await step('lint', 'npx', ['eslint', '.', '--max-warnings', '0']);
await step('format (prettier --check)', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']);

// About 7 minutes on a 2-core machine; 30 leaves room for a loaded one, and ends a hung run
// well inside CI's 90.
await step(
  'unit and integration (vitest)',
  'npx',
  [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    '--reporter=./scripts/vitest-progress.mjs',
    '--outputFile.json=test-results/vitest.json',
  ],
  {},
  30,
);
if (existsSync('test-results/vitest.json')) {
  const v = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
  passed += v.numPassedTests ?? 0;
  failed += v.numFailedTests ?? 0;
  // A test file that could not even load (a missing fixture, a syntax error) has no tests to
  // count: it counts as one failed test, so the closing line cannot look green without it.
  const unloaded = (v.testResults ?? []).filter(
    (f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0,
  );
  for (const f of unloaded)
    process.stdout.write(
      `\nTest file failed to load: ${f.name}\n${(f.message ?? '').split('\n').slice(0, 3).join('\n')}\n`,
    );
  failed += unloaded.length;
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
}

await step(
  'end to end (Playwright + web host + Chromium)',
  'npx',
  ['playwright', 'test', '--reporter=list,json'],
  { PLAYWRIGHT_JSON_OUTPUT_NAME: 'test-results/e2e.json' },
  30,
);
if (existsSync('test-results/e2e.json')) {
  const s = JSON.parse(readFileSync('test-results/e2e.json', 'utf8')).stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  skipped += s.skipped ?? 0;
}

// Steps without a test count (typecheck, lint) count as one test each in the summary.
failed += failures.filter(
  (f) =>
    f.startsWith('typecheck') || f === 'lint' || f.startsWith('build') || f.endsWith('(timed out)'),
).length;
if (failures.length) process.stdout.write(`\nFailed steps: ${failures.join(', ')}\n`);
process.stdout.write(
  `\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`,
);
process.exit(failures.length ? 1 : 0);
