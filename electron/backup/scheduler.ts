// Automatic rolling backups of every open workshop: after K new events or every N minutes
// (whichever comes first, and only if something changed), keeping the newest M copies.
// Runs beside the writes: the backup API copies a few pages per event-loop turn.
import { backupDirFor, backupWorkshop, type BackupInfo } from './backup';
import type { Db } from '../platform/db';
import { existsSync, readdirSync } from 'node:fs';
import { classifyError } from '../platform/classify-error';
import { cached } from '../platform/statements';

export interface BackupPolicy {
  enabled: boolean;
  /** Take a copy at least this often while the workshop changes (ms). */
  everyMs: number;
  /** …and after this many new events. */
  afterEvents: number;
  /** Keep this many copies per workshop. */
  keep: number;
  /** Backup API pages per event-loop turn (smaller: writes wait less). */
  pagesPerStep?: number;
}

export const DEFAULT_BACKUP_POLICY: BackupPolicy = {
  enabled: true,
  everyMs: 5 * 60_000,
  afterEvents: 50,
  keep: 20,
};

interface Target {
  path: string;
  db: Db;
}

interface State {
  length: number;
  at: number;
  failedAt: number;
  running: Promise<BackupInfo> | null;
  error: { key: string; params: Record<string, string | number> } | null;
}

function chainLength(db: Db): number {
  // Asked after every answered call: a cached statement, not one prepared each time.
  return cached(db, 'SELECT coalesce(max(seq), 0) FROM event').pluck().get() as number;
}

/** The event count of the newest existing backup, read from its name (-1: none). */
function latestOnDisk(path: string): number {
  const dir = backupDirFor(path);
  if (!existsSync(dir)) return -1;
  let best = { key: '', length: -1 };
  for (const f of readdirSync(dir)) {
    const m = /\.(\d{8}-\d{6}-\d{3}Z)\.e(\d+)\.minka$/.exec(f);
    if (m?.[1] && m[2] && m[1] > best.key) best = { key: m[1], length: Number(m[2]) };
  }
  return best.length;
}

/** After a failed copy (disk full, USB gone), wait this long before trying again. */
const RETRY_MS = 60_000;

export class BackupScheduler {
  private readonly state = new Map<string, State>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly targets: () => Target[],
    readonly policy: BackupPolicy,
  ) {}

  private st(path: string): State {
    let s = this.state.get(path);
    if (!s) {
      // A workshop opened with no backup yet is copied at its first change.
      s = { length: latestOnDisk(path), at: 0, failedAt: 0, running: null, error: null };
      this.state.set(path, s);
    }
    return s;
  }

  private due(t: Target): boolean {
    const s = this.st(t.path);
    if (s.running || !t.db.open || Date.now() - s.failedAt < RETRY_MS) return false;
    const length = chainLength(t.db);
    if (length <= s.length) return false;
    return length - s.length >= this.policy.afterEvents || Date.now() - s.at >= this.policy.everyMs;
  }

  /** After every answered call and on the timer: start the copies that are due (not awaited). */
  poke(): void {
    if (!this.policy.enabled) return;
    if (!this.timer) {
      this.timer = setInterval(() => this.poke(), Math.min(this.policy.everyMs, 60_000));
      this.timer.unref();
    }
    for (const t of this.targets()) {
      try {
        if (this.due(t)) void this.run(t).catch(() => undefined);
      } catch {
        // A closed or failing database is reported by the call that uses it, not here.
      }
    }
  }

  /** Take a copy now (or join the one running). */
  run(t: Target): Promise<BackupInfo> {
    const s = this.st(t.path);
    if (s.running) return s.running;
    const p = backupWorkshop(t.db, t.path, new Date(), this.policy.keep, {
      pagesPerStep: this.policy.pagesPerStep,
    })
      .then(
        (info) => {
          s.length = info.length;
          s.at = Date.now();
          s.error = null;
          return info;
        },
        (e: unknown) => {
          const m = classifyError(e);
          s.error = { key: m.key, params: m.params };
          s.failedAt = Date.now();
          throw m;
        },
      )
      .finally(() => {
        s.running = null;
      });
    s.running = p;
    return p;
  }

  status(path: string): { running: boolean; lastError: State['error'] } {
    const s = this.st(path);
    return { running: s.running !== null, lastError: s.error };
  }

  /** Wait for every running copy (tests, orderly shutdown). */
  async idle(): Promise<void> {
    await Promise.allSettled(
      [...this.state.values()]
        .map((s) => s.running)
        .filter((p): p is Promise<BackupInfo> => p !== null),
    );
  }

  forget(path: string): void {
    this.state.delete(path);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
