import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Core } from '../../electron/core/core';

/** A fresh temporary folder, removed by the returned cleanup. */
export function tempDir(prefix = 'minka-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A core over a fresh data folder with a fixed clock and sequential ids. */
export function testCore(dir: string, start = new Date('2026-05-14T13:00:00Z')): Core {
  let t = start.getTime();
  let n = 0;
  return new Core({
    dataDir: dir,
    host: 'test',
    env: { now: () => new Date((t += 1000)), newId: () => `id${String(++n).padStart(4, '0')}` },
  });
}
