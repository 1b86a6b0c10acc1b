// WAL checkpoints when the workshop is quiet, not inside the commit that crosses SQLite's
// threshold (issue 18). With SQLite's default (wal_autocheckpoint = 1000 pages) every ~150th
// check-in — a check-in writes 5–7 pages: the attendance row, its two indexes, the event and
// the hash index — also copied 1,000 pages into the file and fsynced it, in the dispatch the
// door is waiting on: the check-in's p99.
//
// Why deferring loses nothing: with journal_mode=WAL and synchronous=FULL a commit returns only
// after its frames are written to the -wal file and that file is fsynced; the commit is then
// durable whether or not any checkpoint ever runs (on the next open SQLite replays the WAL).
// A checkpoint only copies already-durable pages from the WAL into the main file; it fsyncs
// the WAL first and the main file before the WAL may be reused, so a crash at any moment of a
// checkpoint (or before one) leaves every acknowledged commit in the WAL or in the file.
// What changes is only when the copy happens: after `idleMs` without a dispatch (a door has
// seconds between people), and, as a backstop for a stream that never pauses, when the WAL
// passes WAL_BACKSTOP_PAGES (db.ts, set as wal_autocheckpoint). Everything that copies a
// workshop reads it through SQLite (backups use the backup API), which sees the WAL too.
import type { Db } from './db';

/** How long without a dispatch counts as quiet. */
export const IDLE_CHECKPOINT_MS = 250;

export class IdleCheckpoints {
  private timer: NodeJS.Timeout | undefined;
  private last = 0;

  constructor(
    private readonly dbs: () => Iterable<Db>,
    private readonly idleMs = IDLE_CHECKPOINT_MS,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /**
   * A dispatch just ran: checkpoint once `idleMs` pass without another. One timer at a time,
   * re-armed when it fires early, so the hot path costs a clock read, not a setTimeout.
   */
  touched(): void {
    this.last = this.now();
    if (!this.timer) this.arm(this.idleMs);
  }

  /** Checkpoint every open, writable file now (PASSIVE: never waits for a reader). */
  checkpoint(): number {
    let pages = 0;
    for (const db of this.dbs()) {
      if (!db.open || db.readonly || db.inTransaction) continue;
      try {
        const [r] = db.pragma('wal_checkpoint(PASSIVE)') as Array<{ checkpointed: number }>;
        pages += Math.max(0, r?.checkpointed ?? 0);
      } catch {
        // Busy or closing: the next quiet moment, or SQLite's backstop, does it.
      }
    }
    return pages;
  }

  /** Drop the pending checkpoint (the files are closing; closing the last connection checkpoints). */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(ms: number): void {
    this.timer = setTimeout(() => this.fire(), ms);
    // Never keeps a command-line process alive: closing the last connection checkpoints anyway.
    this.timer.unref();
  }

  private fire(): void {
    this.timer = undefined;
    const quiet = this.now() - this.last;
    if (quiet < this.idleMs) {
      this.arm(this.idleMs - quiet);
      return;
    }
    this.checkpoint();
  }
}
