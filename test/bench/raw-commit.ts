// The baseline for a durable write: one row committed to a fresh SQLite file with the
// pragmas the workshop store uses (WAL, synchronous=FULL), each in its own transaction.
// A check-in or a count cannot be cheaper than this on the same disk in the same run.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';

/** A fresh file taking one-row commits of `bytes` bytes; `commit()` times one (ms). */
export function rawCommitter(
  dir: string,
  bytes = 400,
): { commit: () => number; close: () => void } {
  const db = new Database(join(dir, `raw-${Math.random().toString(36).slice(2)}.sqlite`));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, at TEXT NOT NULL, payload TEXT NOT NULL)');
  } catch (e) {
    db.close();
    throw e;
  }
  const insert = db.prepare('INSERT INTO t (at, payload) VALUES (?, ?)');
  const payload = 'x'.repeat(bytes);
  const one = db.transaction((at: string) => insert.run(at, payload));
  const commit = () => {
    const t0 = performance.now();
    one.immediate(new Date().toISOString());
    return performance.now() - t0;
  };
  for (let i = 0; i < 10; i++) commit(); // the first few warm the file up
  return { commit, close: () => db.close() };
}

/** Latencies (ms) of `n` one-row commits of `bytes` bytes each. */
export function rawCommits(dir: string, n: number, bytes = 400): number[] {
  const raw = rawCommitter(dir, bytes);
  try {
    return Array.from({ length: n }, () => raw.commit());
  } finally {
    raw.close();
  }
}

export function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}
