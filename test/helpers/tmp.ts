import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Core } from '../../electron/core/core';
import { fixedEnv } from './store';

/** A fresh temporary folder, removed by the returned cleanup. */
export function tempDir(prefix = 'minka-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A core over a fresh data folder with a fixed clock and sequential ids. */
export function testCore(dir: string, start?: Date): Core {
  return new Core({ dataDir: dir, host: 'test', env: fixedEnv(start) });
}
