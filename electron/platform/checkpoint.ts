// WAL checkpoints when the workshop is quiet, not inside the commit that crosses SQLite's
// threshold (issue 18). With SQLite's default (wal_autocheckpoint = 1000 pages) every ~150th
// check-in — a check-in then wrote 5–7 pages: the attendance row, its two indexes, the event and
// the hash index; about 4 since migrations 14 and 15 — also copied 1,000 pages into the file and fsynced it, in the dispatch the
// door is waiting on: the check-in's p99.
//
// Why deferring loses nothing: with journal_mode=WAL and synchronous=FULL a commit returns only
// after its frames are written to the -wal file and that file is fsynced; the commit is then
// durable whether or not any checkpoint ever runs (on the next open SQLite replays the WAL).
// A checkpoint only copies already-durable pages from the WAL into the main file; it fsyncs
// the WAL first and the main file before the WAL may be reused, so a crash at any moment of a
// checkpoint (or before one) leaves every acknowledged commit in the WAL or in the file.
//
// When (issue 18, stop 28). A checkpoint that copies the whole WAL lets the next commit start
// the WAL again from its beginning, and that commit then writes a new WAL header and fsyncs
// it before its own frames: two fsyncs instead of one (seen with strace). Checkpointing at every
// quiet moment, as a door gives one between any two people, put that second fsync into every
// check-in. So a quiet moment (`idleMs` without a dispatch) checkpoints only a WAL that has
// reached QUIET_CHECKPOINT_FRAMES (SQLite's own default size, ~4 MB): the door's check-ins append
// to a WAL file that already has its size, one fsync each, and one in ~170 starts it again.
// A WAL file that already holds REUSE_FRAMES or more (an import leaves one: ~760 frames for
// 5,000 people) is checkpointed before the WAL outgrows it, not at QUIET_CHECKPOINT_FRAMES: a
// commit that writes past the end of the -wal file also commits the file's new size to the
// file system's journal (ext4: a second flush inside the check-in). Before this, the first
// check-ins after a 5,000-person import grew a 3 MB WAL file to 4 MB, one commit at a time.
// A smaller WAL is folded into the file once nothing was written for FOLD_AFTER_MS (the file on
// its own is then whole again, e.g. for a copy made by hand while Minka is open), and closing
// the last connection folds it too. SQLite's own checkpoint stays as a backstop for a stream
// that never pauses (WAL_BACKSTOP_PAGES, db.ts). Everything that copies a workshop from Minka
// reads it through SQLite (backups use the backup API), which sees the WAL too.
import { statSync } from 'node:fs';
import type { Db } from './db';

/** How long without a dispatch counts as quiet. */
export const IDLE_CHECKPOINT_MS = 250;
/** A WAL this long (frames) is checkpointed at the next quiet moment. */
export const QUIET_CHECKPOINT_FRAMES = 1000;
/** A shorter WAL is folded into the file after this long without a write. */
export const FOLD_AFTER_MS = 60_000;
/** A -wal file this long (frames) is reused as it is: checkpointed before the WAL outgrows it. */
export const REUSE_FRAMES = 256;
/** Room left in the -wal file for the next write (a check-in writes 4–13 frames). */
export const HEADROOM_FRAMES = 32;

interface WalState {
  /** Frames in the WAL (where the next commit appends). */
  log: number;
  /** Frames not yet copied into the file. */
  pending: number;
}

/** The WAL's length without checkpointing (`NOOP`: SQLite ≥ 3.51; checkpoint.test.ts checks it copies nothing). */
function walState(db: Db): WalState {
  const [r] = db.pragma('wal_checkpoint(NOOP)') as Array<{ log: number; checkpointed: number }>;
  const log = Math.max(0, r?.log ?? 0);
  return { log, pending: Math.max(0, log - Math.max(0, r?.checkpointed ?? 0)) };
}

/** Frames the -wal file holds as it is on disk (0: none, or not a file). */
export function walFileFrames(db: Db): number {
  if (!db.name || db.memory) return 0;
  try {
    const size = statSync(`${db.name}-wal`, { throwIfNoEntry: false })?.size ?? 0;
    const page = db.pragma('page_size', { simple: true }) as number;
    return Math.max(0, Math.floor((size - 32) / (page + 24))); // 32 B header, 24 B per frame
  } catch {
    return 0;
  }
}

/** The WAL length at which a quiet moment checkpoints this file. */
export function quietLimit(db: Db, frames = QUIET_CHECKPOINT_FRAMES): number {
  const room = walFileFrames(db);
  return room >= REUSE_FRAMES ? Math.min(frames, room - HEADROOM_FRAMES) : frames;
}

function writable(db: Db): boolean {
  return db.open && !db.readonly && !db.inTransaction;
}

export class IdleCheckpoints {
  private timer: NodeJS.Timeout | undefined;
  private foldTimer: NodeJS.Timeout | undefined;
  private last = 0;
  /** Each file with a short WAL waiting to be folded: its WAL length, and since when it has it. */
  private waiting = new Map<Db, { log: number; since: number }>();

  constructor(
    private readonly dbs: () => Iterable<Db>,
    private readonly idleMs = IDLE_CHECKPOINT_MS,
    private readonly now: () => number = () => Date.now(),
    private readonly frames = QUIET_CHECKPOINT_FRAMES,
    private readonly foldMs = FOLD_AFTER_MS,
  ) {}

  /**
   * A dispatch just ran: look at the WAL once `idleMs` pass without another. One timer at a
   * time, re-armed when it fires early, so the hot path costs a clock read, not a setTimeout.
   */
  touched(): void {
    this.last = this.now();
    if (!this.timer) this.arm(this.idleMs);
  }

  /** Checkpoint every open, writable file now (PASSIVE: never waits for a reader). */
  checkpoint(): number {
    let pages = 0;
    for (const db of this.dbs()) if (writable(db)) pages += passive(db);
    this.waiting.clear();
    return pages;
  }

  /**
   * The quiet moment: checkpoint each file whose WAL reached `frames`, or nearly fills a -wal
   * file of REUSE_FRAMES or more; a shorter one waits for `foldMs` without a write. Returns the
   * pages copied.
   */
  quiet(): number {
    let pages = 0;
    for (const db of this.dbs()) {
      if (!writable(db)) continue;
      const s = tryState(db);
      if (!s || s.pending === 0) continue;
      if (s.log >= quietLimit(db, this.frames)) {
        pages += passive(db);
        this.waiting.delete(db);
      } else if (this.waiting.get(db)?.log !== s.log)
        this.waiting.set(db, { log: s.log, since: this.now() });
    }
    if (this.waiting.size > 0 && !this.foldTimer) this.armFold(this.foldMs);
    return pages;
  }

  /** Drop the pending checkpoints (the files are closing; closing the last connection checkpoints). */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.foldTimer) clearTimeout(this.foldTimer);
    this.timer = undefined;
    this.foldTimer = undefined;
    this.waiting.clear();
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
    this.quiet();
  }

  private armFold(ms: number): void {
    this.foldTimer = setTimeout(() => this.fold(), ms);
    this.foldTimer.unref();
  }

  /** Fold each waiting file whose WAL has not moved for `foldMs`; wait again for the others. */
  private fold(): void {
    this.foldTimer = undefined;
    const open = new Set(this.dbs());
    const now = this.now();
    let next = Infinity;
    for (const [db, w] of [...this.waiting]) {
      const s = open.has(db) && writable(db) ? tryState(db) : undefined;
      if (!s || s.pending === 0) this.waiting.delete(db);
      else if (s.log !== w.log) {
        this.waiting.set(db, { log: s.log, since: now }); // written since the last look
        next = Math.min(next, this.foldMs);
      } else if (now - w.since >= this.foldMs) {
        passive(db);
        this.waiting.delete(db);
      } else next = Math.min(next, w.since + this.foldMs - now);
    }
    if (next < Infinity) this.armFold(next);
  }
}

function tryState(db: Db): WalState | undefined {
  try {
    return walState(db);
  } catch {
    return undefined; // busy or closing: the next quiet moment looks again
  }
}

function passive(db: Db): number {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)') as Array<{ checkpointed: number }>;
    return Math.max(0, r?.checkpointed ?? 0);
  } catch {
    // Busy or closing: the next quiet moment, or SQLite's backstop, does it.
    return 0;
  }
}
