// Backups of a workshop file with SQLite's online backup API (never a file copy of a live
// database): rolling copies beside the workshop, a copy to a USB stick, restore into a new
// file. Every copy is written under a temporary name, checked (integrity_check and the
// event chain) and only then renamed into place, so a listed backup is always a whole one.
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { MinkaError } from '../platform/errors';
import { fingerprint } from '../../shared/fingerprint';
import { type Db, inspectWorkshopFile, WORKSHOP_EXT } from '../platform/db';
import { verifyChain } from '../platform/events';
import { mayCopyOut, runCopyHooks } from './copy-hooks';

/** Backups of `taller.minka` live in the folder `taller.minka.backups/` beside it. */
export const BACKUP_FOLDER_SUFFIX = '.backups';

export interface BackupInfo {
  /** File name inside the backup folder. */
  file: string;
  path: string;
  /** When the copy was taken (ISO). */
  at: string;
  size: number;
  /** Event chain of the copy. */
  length: number;
  head: string;
  fingerprint: string;
  /** integrity_check and chain both pass. */
  ok: boolean;
}

export function backupDirFor(workshopPath: string): string {
  return join(dirname(workshopPath), basename(workshopPath) + BACKUP_FOLDER_SUFFIX);
}

function stem(workshopPath: string): string {
  const b = basename(workshopPath);
  return b.endsWith(WORKSHOP_EXT) ? b.slice(0, -WORKSHOP_EXT.length) : b;
}

/** 2026-05-14T13:00:01.234Z → 20260514-130001-234Z (sorts like the time, safe on every file system). */
export function stamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace('T', '-').replace('.', '-');
}

const NAME = /^(.*)\.(\d{8}-\d{6}-\d{3}Z)\.e(\d+)\.minka$/;

function parseStamp(s: string): string {
  // 20260514-130001-234Z → 2026-05-14T13:00:01.234Z
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${s.slice(16, 19)}Z`;
}

function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not every file system can fsync a folder; the rename is still atomic.
  }
}

function removeWithSidecars(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`])
    rmSync(f, { force: true });
}

/**
 * Make `tmp` (a fresh backup-API copy) a self-contained file and prove it whole: rollback
 * journal instead of WAL (no sidecar files to lose on a USB stick), integrity_check, chain.
 */
function sealCopy(tmp: string): { length: number; head: string } {
  const db = new Database(tmp, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
    // What the features rewrite in the copy (the kiosk ballot box of an open round, in the
    // order of its random keys: copy-hooks.ts) leaves no deleted cell behind.
    db.pragma('secure_delete = ON');
    runCopyHooks(db);
    const integrity = db.pragma('integrity_check', { simple: true });
    const chain = verifyChain(db);
    if (integrity !== 'ok' || !chain.ok)
      throw new MinkaError('CORRUPT_FILE', 'backup.error.badCopy', { file: basename(tmp) });
    return { length: chain.length, head: chain.head };
  } finally {
    db.close();
  }
}

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Copy the open database `db` to `dest` (which must not exist) with the backup API while
 * the app keeps writing: pages changed through `db` during the copy are carried over by
 * SQLite. `pagesPerStep` yields to the event loop between steps.
 */
export async function copyDatabase(
  db: Db,
  dest: string,
  opts: { pagesPerStep?: number; staysWithMinka?: boolean } = {},
): Promise<{ length: number; head: string }> {
  // A copy that leaves Minka's hands (a USB folder, a kit, a venue file) is asked of the
  // features first (copy-hooks.ts). Rolling backups and a restore into a new live workshop
  // file stay with Minka: the first are removed at a round's close if they hold its box, the
  // second is how a crashed kiosk round is recovered.
  if (!opts.staysWithMinka) mayCopyOut(db);
  if (existsSync(dest))
    throw new MinkaError('ALREADY_EXISTS', 'error.alreadyExists', { file: basename(dest) });
  const tmp = join(dirname(dest), `.${basename(dest)}.${process.pid}.${Date.now()}.part`);
  removeWithSidecars(tmp);
  try {
    const rate = opts.pagesPerStep ?? 256;
    await db.backup(tmp, { progress: () => rate });
    const result = sealCopy(tmp);
    fsyncFile(tmp);
    if (existsSync(dest))
      throw new MinkaError('ALREADY_EXISTS', 'error.alreadyExists', { file: basename(dest) });
    renameSync(tmp, dest);
    fsyncDir(dirname(dest));
    return result;
  } catch (e) {
    removeWithSidecars(tmp);
    if (e instanceof MinkaError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    if (/directory does not exist/.test(msg))
      throw new MinkaError('NOT_FOUND', 'backup.error.noFolder', { folder: dirname(dest) });
    throw e;
  }
}

/** Remove half-written copies left by a process that was killed mid-backup. */
function sweepPartials(dir: string): void {
  for (const f of readdirSync(dir)) {
    const m = /^\..*\.(\d+)\.\d+\.part(-wal|-shm|-journal)?$/.exec(f);
    if (!m) continue;
    const pid = Number(m[1]);
    let alive = pid === process.pid;
    if (!alive) {
      try {
        process.kill(pid, 0);
        alive = true;
      } catch (e) {
        alive = (e as NodeJS.ErrnoException).code === 'EPERM';
      }
    }
    if (!alive) rmSync(join(dir, f), { force: true });
  }
}

/** Take one rolling backup of an open workshop and keep only the newest `keep`. */
export async function backupWorkshop(
  db: Db,
  workshopPath: string,
  now: Date,
  keep: number,
  opts: { pagesPerStep?: number } = {},
): Promise<BackupInfo> {
  const dir = backupDirFor(workshopPath);
  mkdirSync(dir, { recursive: true });
  sweepPartials(dir);
  const length =
    (db.prepare('SELECT coalesce(max(seq), 0) FROM event').pluck().get() as number) ?? 0;
  let name = `${stem(workshopPath)}.${stamp(now)}.e${String(length).padStart(6, '0')}${WORKSHOP_EXT}`;
  for (let n = 1; existsSync(join(dir, name)); n++)
    name = `${stem(workshopPath)}.${stamp(new Date(now.getTime() + n))}.e${String(length).padStart(6, '0')}${WORKSHOP_EXT}`;
  const path = join(dir, name);
  const r = await copyDatabase(db, path, { ...opts, staysWithMinka: true });
  // The name carries the length when the copy started; the copy may hold later events too.
  prune(dir, keep);
  return {
    file: name,
    path,
    at: now.toISOString(),
    size: statSync(path).size,
    length: r.length,
    head: r.head,
    fingerprint: fingerprint(r.head),
    ok: true,
  };
}

function backupFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => NAME.test(f))
    .sort((a, b) => (NAME.exec(a)?.[2] ?? '').localeCompare(NAME.exec(b)?.[2] ?? ''));
}

function prune(dir: string, keep: number): void {
  const files = backupFiles(dir);
  for (const f of files.slice(0, Math.max(0, files.length - keep)))
    removeWithSidecars(join(dir, f));
}

/** Describe one backup file, checking it (read-only, never modifies it). */
export function describeBackup(path: string): BackupInfo {
  const file = basename(path);
  const m = NAME.exec(file);
  const at = m?.[2] ? parseStamp(m[2]) : statSync(path).mtime.toISOString();
  const size = statSync(path).size;
  try {
    inspectWorkshopFile(path);
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      const chain = verifyChain(db);
      const ok = chain.ok && db.pragma('quick_check', { simple: true }) === 'ok';
      return {
        file,
        path,
        at,
        size,
        length: chain.length,
        head: chain.head,
        fingerprint: fingerprint(chain.head),
        ok,
      };
    } finally {
      db.close();
    }
  } catch {
    return { file, path, at, size, length: 0, head: '', fingerprint: '', ok: false };
  }
}

/** The backups of a workshop, newest first. */
export function listBackups(workshopPath: string): BackupInfo[] {
  const dir = backupDirFor(workshopPath);
  return backupFiles(dir)
    .reverse()
    .map((f) => describeBackup(join(dir, f)));
}

/** Resolve a backup by its file name, refusing anything outside the workshop's backup folder. */
export function backupPath(workshopPath: string, file: string): string {
  if (!NAME.test(file) || basename(file) !== file)
    throw new MinkaError('INVALID_INPUT', 'error.badFileName', { file });
  const p = join(backupDirFor(workshopPath), file);
  if (!existsSync(p)) throw new MinkaError('NOT_FOUND', 'backup.error.noBackup', { file });
  return p;
}

/**
 * Restore a backup into a NEW file `dest` (refused if it exists): the backup is checked,
 * copied with the backup API, and the copy checked again. The live file is never touched.
 */
export async function restoreInto(
  backup: string,
  dest: string,
): Promise<{ length: number; head: string }> {
  const info = describeBackup(backup);
  if (!info.ok)
    throw new MinkaError('CORRUPT_FILE', 'backup.error.badBackup', { file: basename(backup) });
  const src = new Database(backup, { readonly: true, fileMustExist: true });
  try {
    return await copyDatabase(src, dest, { staysWithMinka: true });
  } finally {
    src.close();
  }
}

/** A name for a restored copy beside the live file: taller-restaurado-20260514-1300.minka. */
export function restoredName(workshopPath: string, backupAt: string): string {
  const dir = dirname(workshopPath);
  const base = `${stem(workshopPath).replace(/-restaurado-\d{8}-\d{6}(-\d+)?$/, '')}-restaurado-${stamp(new Date(backupAt)).slice(0, 15)}`;
  let name = `${base}${WORKSHOP_EXT}`;
  for (let n = 2; existsSync(join(dir, name)); n++) name = `${base}-${n}${WORKSHOP_EXT}`;
  return join(dir, name);
}

/** A name for a copy on a USB stick: taller-copia-20260514-130001.minka, unique in `folder`. */
export function copyName(folder: string, workshopPath: string, now: Date): string {
  const base = `${stem(workshopPath)}-copia-${stamp(now).slice(0, 15)}`;
  let name = `${base}${WORKSHOP_EXT}`;
  for (let n = 2; existsSync(join(folder, name)); n++) name = `${base}-${n}${WORKSHOP_EXT}`;
  return join(folder, name);
}

/**
 * Remove the rolling copies for which `holds` says yes (each opened read-only), except the file
 * `except`; a copy that cannot be opened, or that `holds` cannot read (an older schema), is kept.
 * Returns the files removed. Closing a kiosk round uses it (voting/handlers.ts).
 */
export function removeCopiesWhere(
  workshopPath: string,
  except: string | null,
  holds: (copy: Db) => boolean,
): string[] {
  const dir = backupDirFor(workshopPath);
  const removed: string[] = [];
  for (const f of backupFiles(dir)) {
    if (f === except) continue;
    const file = join(dir, f);
    let remove = false;
    try {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      try {
        remove = holds(db);
      } finally {
        db.close();
      }
    } catch {
      // A copy that cannot be opened, or that `holds` cannot read (an older schema): kept.
    }
    if (remove) {
      removeWithSidecars(file);
      removed.push(f);
    }
  }
  return removed;
}
