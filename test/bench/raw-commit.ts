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
import { createHash, randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { openWorkshopDb } from '../../electron/platform/db';

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
 * The explanatory floor (issue 18, stop 32): the check-in's own SQL — its refusal reads (sealed,
 * kit, venue, person, open check-in), its two rows (attendance, event) and the head read back —
 * run by plain better-sqlite3 calls, no Minka code, on a byte copy of the workshop the check-ins
 * go to (`VACUUM INTO` before the series: the same schema made by Minka's migrations, with its
 * foreign keys, its sealed trigger and its open check-ins' index, and the same people), opened
 * with the store's pragmas. Until stop 31 this row used a hand-written copy of two tables without
 * the foreign keys and the trigger: it showed less than SQLite needs for a real check-in.
 * The check-in against this is what Minka's code costs; this against the one-row commit is
 * what the check-in's rows cost in this schema (each B-tree a commit touches is one more page
 * in the WAL, written and fsynced), which no change to Minka's code can take away.
 */
export function checkInSqlCommitter(
  copyOf: Database.Database,
  dir: string,
  people: readonly string[],
  venue: { id: string; date: string },
  walPages = 2000,
): { commit: () => number; close: () => void } {
  const file = join(dir, `floor-${Math.random().toString(36).slice(2)}.minka`);
  copyOf.prepare('VACUUM INTO ?').run(file);
  const db = openWorkshopDb(file);
  let next = 0;
  let one: (() => void) | undefined;
  try {
    // The WAL file's working size, as for the other two: a table of this copy only.
    db.exec('CREATE TABLE bench_warm (b BLOB NOT NULL)');
    const fill = db.prepare('INSERT INTO bench_warm (b) VALUES (zeroblob(4000))');
    db.transaction(() => {
      for (let i = 0; i < walPages; i++) fill.run();
    })();
    db.pragma('wal_checkpoint(PASSIVE)');
    const sealed = db.prepare('SELECT sealed_at FROM workshop WHERE id = 1');
    const kit = db.prepare(
      "SELECT k.statement FROM venue_kit k JOIN meta m ON m.key = 'device_kit' AND m.value = k.id WHERE k.role = 'self'",
    );
    const hasVenue = db.prepare('SELECT 1 FROM venue WHERE id = ?');
    const person = db.prepare('SELECT given_names, surnames FROM participant WHERE id = ?');
    const open = db.prepare(
      'SELECT id FROM attendance WHERE participant_id = ? AND venue_id = ? AND day = ? AND undone_at IS NULL AND checked_out_at IS NULL',
    );
    const insAttendance = db.prepare(
      "INSERT INTO attendance (id, participant_id, venue_id, day, checked_in_at, checked_out_at, sign_method, witness, undone_at, undo_reason) VALUES (?, ?, ?, ?, ?, NULL, 'signature', '', NULL, '')",
    );
    const head = db.prepare('SELECT seq, hash FROM event ORDER BY seq DESC LIMIT 1');
    const device = db.prepare("SELECT value FROM meta WHERE key = 'device_kit'");
    const insEvent = db.prepare(
      "INSERT INTO event (seq, at, actor, type, payload, prev_hash, hash) VALUES (?, ?, 'facilitator', 'attendance.checkedIn', ?, ?, ?)",
    );
    const begin = db.prepare('BEGIN IMMEDIATE');
    const commit = db.prepare('COMMIT');
    one = () => {
      const participantId = people[(next++ * 13) % people.length] ?? '';
      begin.run();
      try {
        sealed.get();
        kit.get();
        hasVenue.get(venue.id);
        person.get(participantId);
        if (open.get(participantId, venue.id, venue.date)) throw new Error('already in');
        const at = new Date().toISOString();
        const id = randomUUID();
        insAttendance.run(id, participantId, venue.id, venue.date, at);
        sealed.get();
        const prev = head.get() as { seq: number; hash: string };
        device.get();
        const payload = `{"day":${JSON.stringify(venue.date)},"id":"${id}","participantId":${JSON.stringify(participantId)},"signMethod":"signature","venueId":${JSON.stringify(venue.id)},"witness":""}`;
        const hash = createHash('sha256').update(prev.hash).update(payload).digest('hex');
        insEvent.run(prev.seq + 1, at, payload, prev.hash, hash);
        head.get();
        commit.run();
      } catch (e) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw e;
      }
    };
  } catch (e) {
    db.close();
    throw e;
  }
  const run = one;
  const timed = () => {
    const t0 = performance.now();
    run();
    return performance.now() - t0;
  };
  // Warm-up as the others, on the 1,000th to 1,009th people of the walk: 13 is invertible
  // modulo the registry's size, so the series (its first n < 1,000) never meets them.
  for (let k = 0; k < 10; k++) {
    next = 1000 + k;
    run();
  }
  next = 0;
  return { commit: timed, close: () => db.close() };
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
