// What every venue test file sets up the same way (kept apart from venues-fixture.ts, which
// the bench also loads, outside vitest): a fresh main workshop in a fresh folder per test, and
// a refusal read as one line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { MinkaError } from '../../electron/platform/errors';
import { mainFixtureClose, mainWorkshop, type MainFixture } from './venues-fixture';

/** Before each test, a main workshop in a new folder (handed to `use`); after it, closed and removed. */
export function eachMainWorkshop(
  prefix: string,
  use: (dir: string, m: MainFixture) => void,
  orgCount?: number,
): void {
  let dir = '';
  let m: MainFixture | null = null;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    m = mainWorkshop(dir, orgCount);
    use(dir, m);
  });
  afterEach(() => {
    if (m) mainFixtureClose(m);
    rmSync(dir, { recursive: true, force: true });
  });
}

/** What `fn` refused with, as "key {params}" ('no error' when it did not refuse). */
export function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof MinkaError) return `${e.key} ${JSON.stringify(e.params)}`;
    return String(e);
  }
  return 'no error';
}
