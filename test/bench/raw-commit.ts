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
import { randomUUID } from 'node:crypto';
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

/**
 * A second, explanatory baseline (issue 18, stop 30): the two rows a check-in commits — its
 * attendance row and its event — written by plain SQL into the same schema (attendance keyed
 * by its text id with the open check-ins' unique index, the event log keyed by seq), on a file
 * holding `people` check-ins already, its WAL at its working size. No Minka code runs: the
 * check-in against this is what Minka's own code costs; this against the one-row commit is
 * what the schema costs (each B-tree a commit touches is one more page in the WAL, written
 * and fsynced).
 */
export function checkInShapedCommitter(
  dir: string,
  people = 5000,
  walPages = 2000,
): { commit: () => number; close: () => void } {
  const db = new Database(join(dir, `shaped-${Math.random().toString(36).slice(2)}.sqlite`));
  const id = () => randomUUID();
  let insAttendance: Database.Statement | undefined;
  let insEvent: Database.Statement | undefined;
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(`
      CREATE TABLE attendance (
        id TEXT PRIMARY KEY, participant_id TEXT NOT NULL, venue_id TEXT NOT NULL, day TEXT NOT NULL,
        checked_in_at TEXT NOT NULL, checked_out_at TEXT, sign_method TEXT NOT NULL, witness TEXT NOT NULL,
        undone_at TEXT, undo_reason TEXT NOT NULL DEFAULT ''
      ) STRICT, WITHOUT ROWID;
      CREATE UNIQUE INDEX attendance_open ON attendance (participant_id, venue_id, day)
        WHERE undone_at IS NULL AND checked_out_at IS NULL;
      CREATE TABLE event (
        seq INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, type TEXT NOT NULL,
        payload TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL
      ) STRICT;
      CREATE TABLE warm (b BLOB NOT NULL);
    `);
    insAttendance = db.prepare(
      "INSERT INTO attendance VALUES (?, ?, 'venue-1', ?, ?, NULL, 'signature', '', NULL, '')",
    );
    insEvent = db.prepare(
      "INSERT INTO event (at, actor, type, payload, prev_hash, hash) VALUES (?, 'facilitator', 'attendance.checkedIn', ?, ?, ?)",
    );
    const fill = db.prepare('INSERT INTO warm (b) VALUES (zeroblob(4000))');
    db.transaction(() => {
      for (let i = 0; i < people; i++) row(`2026-05-0${1 + (i % 9)}`);
      for (let i = 0; i < walPages; i++) fill.run();
    })();
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (e) {
    db.close();
    throw e;
  }
  function row(day: string): void {
    const at = new Date().toISOString();
    const [a, p] = [id(), id()];
    insAttendance?.run(a, p, day, at);
    const payload = JSON.stringify({
      day,
      id: a,
      participantId: p,
      signMethod: 'signature',
      venueId: 'venue-1',
      witness: '',
    });
    insEvent?.run(at, payload, '0'.repeat(64), 'f'.repeat(64));
  }
  const one = db.transaction(() => row('2026-05-14'));
  const commit = () => {
    const t0 = performance.now();
    one.immediate();
    return performance.now() - t0;
  };
  for (let i = 0; i < 10; i++) commit();
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
