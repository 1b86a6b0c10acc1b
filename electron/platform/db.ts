import { closeSync, existsSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { MinkaError } from './errors';
import { migrate, SCHEMA_VERSION } from './migrations';

/** PRAGMA application_id of every Minka workshop file: 'MNKA'. */
export const APPLICATION_ID = 0x4d4e4b41;
export const WORKSHOP_EXT = '.minka';

export type Db = Database.Database;

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** Read the 100-byte SQLite header without opening the file as a database (never modifies it). */
function readHeader(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(100);
    const n = readSync(fd, buf, 0, 100, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/**
 * The WAL's size (pages) at which SQLite checkpoints inside a commit: a backstop only, for a
 * stream of writes that never pauses (16 MB at 4 KB pages); the core checkpoints when quiet
 * (checkpoint.ts says why that loses nothing). SQLite's default, 1,000, put a 1,000-page copy
 * and fsync into every ~150th check-in (issue 18).
 */
export const WAL_BACKSTOP_PAGES = 4000;

/** Every connection gets the same pragmas: durable commits, enforced references. */
function configure(db: Db): void {
  db.pragma('journal_mode = WAL');
  // FULL: a check-in shown as saved survives a power cut (one fsync per commit).
  db.pragma('synchronous = FULL');
  db.pragma(`wal_autocheckpoint = ${WAL_BACKSTOP_PAGES}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('trusted_schema = OFF');
  // Deleted content is overwritten, so the emptied kiosk ballot box leaves no order in free pages.
  db.pragma('secure_delete = ON');
}

/**
 * Check that `file` is a Minka workshop this version can open, without writing to it:
 * SQLite header, application id, schema version, quick_check. Throws MinkaError.
 */
export function inspectWorkshopFile(file: string): { schemaVersion: number } {
  if (!existsSync(file))
    throw new MinkaError('NOT_FOUND', 'error.fileNotFound', { file: basename(file) });
  if (!statSync(file).isFile())
    throw new MinkaError('NOT_MINKA_FILE', 'error.notMinka', { file: basename(file) });
  const header = readHeader(file);
  if (header.length < 100 || !header.subarray(0, 16).equals(SQLITE_MAGIC))
    throw new MinkaError('NOT_MINKA_FILE', 'error.notMinka', { file: basename(file) });
  if (header.readUInt32BE(68) !== APPLICATION_ID)
    throw new MinkaError('NOT_MINKA_FILE', 'error.notMinka', { file: basename(file) });
  const userVersion = header.readUInt32BE(60);
  if (userVersion > SCHEMA_VERSION)
    throw new MinkaError('NEWER_VERSION', 'error.newerVersion', {
      file: basename(file),
      version: userVersion,
      supported: SCHEMA_VERSION,
    });
  let ro: Db | undefined;
  try {
    ro = new Database(file, { readonly: true, fileMustExist: true });
    ro.pragma('busy_timeout = 5000');
    const rows = ro.pragma('quick_check') as { quick_check: string }[];
    if (rows.length !== 1 || rows[0]?.quick_check !== 'ok')
      throw new MinkaError('CORRUPT_FILE', 'error.corrupt', { file: basename(file) });
    return { schemaVersion: ro.pragma('user_version', { simple: true }) as number };
  } catch (e) {
    if (e instanceof MinkaError) throw e;
    const code = (e as { code?: string }).code ?? '';
    if (code === 'SQLITE_BUSY') throw new MinkaError('LOCKED', 'error.busy');
    throw new MinkaError('CORRUPT_FILE', 'error.corrupt', { file: basename(file) });
  } finally {
    ro?.close();
  }
}

/**
 * SQLite's integrity_check of an open workshop, read from the disk as it is now: opening checked
 * the file, but the app then holds it for hours and a page can go bad meanwhile (a failing
 * USB stick, a copy tool, an edit by hand). A second read-only connection reads the file and
 * its WAL afresh, not the pages this connection has cached. Sealing runs it first: a damaged
 * record is never signed. Throws CORRUPT_FILE naming the file; an in-memory database is
 * checked on its own connection.
 */
export function requireIntact(db: Db): void {
  const file = db.memory || db.name === '' ? null : db.name;
  const name = file ? basename(file) : db.name;
  let conn: Db | undefined;
  let ok = false;
  try {
    conn = file ? new Database(file, { readonly: true, fileMustExist: true }) : db;
    if (file) conn.pragma('busy_timeout = 5000');
    // integrity_check, not quick_check: quick_check does not compare indexes with their tables,
    // and an index narrowed by hand (then its SQL put back) made quorum counts lie while
    // quick_check said ok. Its cost is in `npm run bench -- minutes`.
    const rows = conn.pragma('integrity_check') as { integrity_check: string }[];
    ok = rows.length === 1 && rows[0]?.integrity_check === 'ok';
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    if (code === 'SQLITE_BUSY') throw new MinkaError('LOCKED', 'error.busy');
    // SQLITE_CORRUPT, SQLITE_NOTADB, an unreadable file: the same answer, the file is damaged.
    ok = false;
  } finally {
    if (conn && conn !== db) conn.close();
  }
  if (!ok) throw new MinkaError('CORRUPT_FILE', 'minutes.error.damaged', { file: name });
}

/** Open an existing workshop file for reading and writing, migrating it if it is older. */
export function openWorkshopDb(file: string): Db {
  inspectWorkshopFile(file);
  const db = new Database(file, { fileMustExist: true });
  try {
    configure(db);
    migrate(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/**
 * Create a new workshop file atomically: build it under a temporary name, then rename,
 * so a crash never leaves a half-initialised file under the real name.
 */
export function createWorkshopDb(file: string, init: (db: Db) => void): void {
  if (existsSync(file))
    throw new MinkaError('ALREADY_EXISTS', 'error.alreadyExists', { file: basename(file) });
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.creating`);
  rmSync(tmp, { force: true });
  const db = new Database(tmp);
  try {
    db.pragma(`application_id = ${APPLICATION_ID}`);
    configure(db);
    migrate(db);
    db.transaction(() => init(db)).immediate();
    // Fold the WAL into the main file so the renamed file is complete on its own.
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
    db.close();
    renameSync(tmp, file);
  } catch (e) {
    if (db.open) db.close();
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`, `${tmp}-journal`]) rmSync(f, { force: true });
    throw e;
  }
}

/** Open a workshop for reading only (checks, exports, listings): never writes to the file. */
export function openWorkshopReadOnly(file: string): Db {
  inspectWorkshopFile(file);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}
