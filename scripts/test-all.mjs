#!/usr/bin/env node
// `npm test`: typecheck, lint, unit/integration tests (vitest, real SQLite) and end-to-end
// tests (Playwright + web host + Chromium), then one closing line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

mkdirSync('test-results', { recursive: true });
const env = {
  ...process.env,
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
};
let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];

function step(name, cmd, args, extraEnv = {}) {
  process.stdout.write(`\n── ${name} ──\n`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
  process.stdout.write(
    `── ${name}: ${r.status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`,
  );
  if (r.status !== 0) failures.push(name);
  return r.status === 0;
}

// The CLI, web host and Electron main run compiled (dist-node/, dist-electron/): build them
// from the sources under test, as `npm install` does.
step('build (Node side)', process.execPath, ['scripts/build-node.mjs']);
step('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json']) &&
  step('typecheck renderer', 'npx', ['tsc', '-p', 'renderer/tsconfig.json']);
step('lint', 'npx', ['eslint', '.', '--max-warnings', '0']);
step('format (prettier --check)', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']);

step('unit and integration (vitest)', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=test-results/vitest.json',
]);
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

step(
  'end to end (Playwright + web host + Chromium)',
  'npx',
  ['playwright', 'test', '--reporter=list,json'],
  { PLAYWRIGHT_JSON_OUTPUT_NAME: 'test-results/e2e.json' },
);
if (existsSync('test-results/e2e.json')) {
  const s = JSON.parse(readFileSync('test-results/e2e.json', 'utf8')).stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  skipped += s.skipped ?? 0;
}

// Steps without a test count (typecheck, lint) count as one test each in the summary.
failed += failures.filter(
  (f) => f.startsWith('typecheck') || f === 'lint' || f.startsWith('build'),
).length;
if (failures.length) process.stdout.write(`\nFailed steps: ${failures.join(', ')}\n`);
process.stdout.write(
  `\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`,
);
process.exit(failures.length ? 1 : 0);
