import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { MinkaError } from './errors';

/**
 * One program at a time per workshop file: `<file>.lock` holds the owner's pid and host.
 * A lock left by a process that no longer runs (crash, power cut) is taken over.
 */
export interface FileLock {
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireLock(file: string): FileLock {
  const lockPath = `${file}.lock`;
  const me = JSON.stringify({ pid: process.pid, host: hostname(), at: new Date().toISOString() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, me);
      closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          rmSync(lockPath, { force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let owner: { pid?: unknown; host?: unknown } = {};
      try {
        owner = JSON.parse(readFileSync(lockPath, 'utf8')) as typeof owner;
      } catch {
        // Unreadable or torn lock file: treat as stale.
      }
      const pid = typeof owner.pid === 'number' ? owner.pid : -1;
      const sameHost = owner.host === hostname();
      if (sameHost && pid > 0 && alive(pid))
        throw new MinkaError('LOCKED', 'error.locked', { pid });
      if (!sameHost && typeof owner.host === 'string')
        throw new MinkaError('LOCKED', 'error.lockedElsewhere', { host: owner.host });
      rmSync(lockPath, { force: true });
    }
  }
  throw new MinkaError('LOCKED', 'error.locked', { pid: -1 });
}
