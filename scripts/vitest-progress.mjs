// A vitest reporter for `npm test` (scripts/test-all.mjs): appends one line per test file
// started and ended, and per test started, to test-results/vitest-progress.log. If the step
// runs out of time (a test that never returns: a synchronous loop cannot be stopped by
// vitest's own testTimeout), test-all reads this file to name what was still running.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';

const LOG = 'test-results/vitest-progress.log';
const rel = (id) => relative(process.cwd(), id);

export default class ProgressReporter {
  onInit() {
    mkdirSync('test-results', { recursive: true });
    writeFileSync(LOG, '');
  }

  onTestModuleStart(m) {
    appendFileSync(LOG, `start\t${rel(m.moduleId)}\n`);
  }

  onTestCaseReady(t) {
    appendFileSync(LOG, `test\t${rel(t.module.moduleId)}\t${t.fullName}\n`);
  }

  onTestModuleEnd(m) {
    appendFileSync(LOG, `end\t${rel(m.moduleId)}\n`);
  }
}
