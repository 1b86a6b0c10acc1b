// The baseline for a durable write: one row committed to a fresh SQLite file with the
// pragmas the workshop store uses (WAL, synchronous=FULL), each in its own transaction.
// A check-in or a count cannot be cheaper than this on the same disk in the same run.
//
// Its WAL file first gets a working size (issue 18, stop 28): a fresh file's WAL grows with
// every commit, and a commit that extends the file pays, on ext4, a metadata journal commit
// on top of its fsync. Until stop 27 the baseline paid that on every commit while a workshop's
// check-ins mostly wrote inside a WAL file the import had already grown: the comparison
// flattered the check-in. Now both append inside an allocated WAL (one fsync each).
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';

/** A fresh file taking one-row commits of `bytes` bytes; `commit()` times one (ms). */
export function rawCommitter(
  dir: string,
  bytes = 400,
  walPages = 2000,
): { commit: () => number; close: () => void } {
  const db = new Database(join(dir, `raw-${Math.random().toString(36).slice(2)}.sqlite`));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, at TEXT NOT NULL, payload TEXT NOT NULL)');
    // The WAL file's working size: one transaction of `walPages` pages, copied into the file,
    // so the commits below restart the WAL and write inside it (~1.2 pages each, under
    // SQLite's 1,000-page autocheckpoint for up to ~800 commits).
    db.exec('CREATE TABLE warm (b BLOB NOT NULL)');
    const fill = db.prepare('INSERT INTO warm (b) VALUES (zeroblob(4000))');
    db.transaction(() => {
      for (let i = 0; i < walPages; i++) fill.run();
    })();
    db.pragma('wal_checkpoint(PASSIVE)');
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
