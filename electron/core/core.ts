import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { writeFileAtomic } from '../platform/atomic';
import { fileSlug } from '../platform/slug';
import { basename, join, resolve } from 'node:path';
import { z } from 'zod';
import {
  channels,
  isChannel,
  type Channel,
  type ErrorEnvelope,
  type Output,
  type ParsedInput,
  type Result,
} from '../../shared/api';
import type { ChainStatus, WorkshopState, WorkshopSummary } from '../../shared/schemas/workshop';
import {
  createWorkshopDb,
  type Db,
  inspectWorkshopFile,
  openWorkshopDb,
  openWorkshopReadOnly,
  WORKSHOP_EXT,
} from '../platform/db';
import { actaFingerprint } from '../minutes/acta-fingerprint';
import { checkRecord } from '../check/check';
import { chainStatus } from '../platform/events';
import { adoptKit, signDeviceHead } from '../venues/venues';
import { acquireLock } from '../platform/lock';
import { kitVenue } from '../platform/kit-venue';
import {
  defaultSetup,
  type Env,
  getSetup,
  initWorkshop,
  isSealed,
  workshopId,
} from '../workshop/workshop';
import { classifyError, MinkaError } from '../platform/classify-error';
import { handlers } from './handlers';
import { IdleCheckpoints } from '../platform/checkpoint';
import { BackupScheduler, type BackupPolicy, DEFAULT_BACKUP_POLICY } from '../backup/scheduler';
import type { WorkshopSetup } from '../../shared/schemas/workshop';
import type { CoreApi, Dialogs, OpenWorkshop } from '../platform/core-api';

// Declared below the features (their handlers take a CoreApi); re-exported for the hosts.
export type { Dialogs, OpenWorkshop };

export interface CoreOptions {
  dialogs?: Dialogs;
  dataDir: string;
  host: 'web' | 'electron' | 'cli' | 'test';
  version?: string;
  env?: Partial<Env>;
  /** Rolling backups; on by default for the desktop app and the web host. */
  backups?: Partial<BackupPolicy>;
  /** Create the data folder if missing (default). A reader such as `minka verify` leaves it be. */
  createDataDir?: boolean;
}

export const APP_VERSION = '0.1.0';

/**
 * The core: owns the open workshop files and answers every channel through dispatch().
 * Electron's ipcMain, the web host and the tests are thin callers of this one object.
 */
export class Core implements CoreApi {
  readonly dataDir: string;
  readonly host: CoreOptions['host'];
  readonly version: string;
  readonly env: Env;
  readonly dialogs: Dialogs | undefined;
  private readonly open = new Map<string, OpenWorkshop>();
  readonly backups: BackupScheduler;
  /** WAL checkpoints when no dispatch has run for a moment, not inside a check-in's commit. */
  readonly checkpoints: IdleCheckpoints;

  constructor(opts: CoreOptions) {
    this.dataDir = resolve(opts.dataDir);
    if (opts.createDataDir !== false) mkdirSync(this.dataDir, { recursive: true });
    this.host = opts.host;
    this.dialogs = opts.dialogs;
    this.version = opts.version ?? APP_VERSION;
    this.env = { now: () => new Date(), newId: () => randomUUID(), ...opts.env };
    const enabled = opts.host === 'web' || opts.host === 'electron';
    this.backups = new BackupScheduler(() => [...this.open.values()], {
      ...DEFAULT_BACKUP_POLICY,
      enabled,
      ...opts.backups,
    });
    this.checkpoints = new IdleCheckpoints(() => [...this.open.values()].map((w) => w.db));
  }

  /** Validate, run, validate the answer; never throws, never leaks a stack. */
  async dispatch(channel: string, input: unknown): Promise<Result<unknown>> {
    if (!isChannel(channel)) {
      return {
        ok: false,
        error: envelope(
          new MinkaError('UNKNOWN_CHANNEL', 'error.unknownChannel', {
            channel: channel.slice(0, 80),
          }),
        ),
      };
    }
    const schema = channels[channel];
    const parsed = schema.input.safeParse(input ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({
        path: i.path.join('.'),
        message: i.message,
      }));
      const first = issues[0];
      return {
        ok: false,
        error: {
          ...envelope(
            new MinkaError('INVALID_INPUT', 'error.invalidInput', {
              field: first?.path || '(input)',
              problem: first?.message ?? '',
            }),
          ),
          issues,
        },
      };
    }
    try {
      const handler = handlers[channel] as (input: unknown, core: Core) => unknown;
      const value = await handler(parsed.data, this);
      // A venue laptop signs its chain head after each change (issue 20).
      for (const w of this.open.values()) if (w.kit) signDeviceHead(w.db, this.dataDir);
      const answer = { ok: true as const, value: (schema.output as z.ZodType).parse(value) };
      this.backups.poke();
      this.checkpoints.touched();
      return answer;
    } catch (e) {
      return { ok: false, error: envelope(classifyError(e)) };
    }
  }

  /** Typed call for in-process callers (CLI, tests): throws MinkaError on failure. */
  async call<K extends Channel>(
    channel: K,
    input: ParsedInput<K> | Record<string, unknown>,
  ): Promise<Output<K>> {
    const r = await this.dispatch(channel, input);
    if (!r.ok) throw new MinkaError(r.error.code, r.error.key, r.error.params);
    return r.value as Output<K>;
  }

  // ---- workshop files -------------------------------------------------------------

  /** Resolve a file name inside the data folder, refusing anything that escapes it. */
  pathInDataDir(file: string): string {
    const p = resolve(this.dataDir, file);
    if (basename(p) !== file || resolve(p, '..') !== this.dataDir)
      throw new MinkaError('INVALID_INPUT', 'error.badFileName', { file });
    return p;
  }

  get(workshopId: string): OpenWorkshop {
    const w = this.open.get(workshopId);
    if (!w) throw new MinkaError('NOT_FOUND', 'error.workshopNotOpen');
    return w;
  }

  /** Refuse changes once the minutes are sealed: corrections are addenda, never edits. */
  writable(workshopId: string): OpenWorkshop {
    const w = this.get(workshopId);
    if (isSealed(w.db)) throw new MinkaError('SEALED', 'error.sealed');
    return w;
  }

  openPath(path: string): OpenWorkshop {
    const abs = resolve(path);
    for (const w of this.open.values()) if (w.path === abs) return w;
    inspectWorkshopFile(abs);
    const lock = acquireLock(abs);
    try {
      const db = openWorkshopDb(abs);
      const id = workshopId(db);
      // A venue kit opened on this laptop for the first time becomes its device (issue 20).
      const kit = adoptKit(db, this.env, this.dataDir) !== null;
      const w: OpenWorkshop = { id, path: abs, db, lock, kit };
      this.open.set(id, w);
      if (this.dialogs) this.remember(abs);
      return w;
    } catch (e) {
      lock.release();
      throw e;
    }
  }

  /**
   * A workshop file opened read-only for a reader beside the app (the CLI's export): no lock,
   * since the app may hold the file open; no migration; a write through it fails.
   */
  openReadOnly(path: string): OpenWorkshop {
    const abs = resolve(path);
    const db = openWorkshopReadOnly(abs);
    try {
      const w: OpenWorkshop = { id: workshopId(db), path: abs, db, lock: { release() {} } };
      this.open.set(w.id, w);
      return w;
    } catch (e) {
      db.close();
      throw e;
    }
  }

  createFile(
    path: string,
    setup: WorkshopSetup,
    fill?: (db: Db, env: Env) => void,
    env: Env = this.env,
  ): OpenWorkshop {
    const id = env.newId();
    createWorkshopDb(path, (db) => {
      initWorkshop(db, env, id, setup);
      fill?.(db, env);
    });
    return this.openPath(path);
  }

  // ---- recent files (outside the data folder, opened through dialogs) --------------

  private recentFile(): string {
    return join(this.dataDir, 'recent.json');
  }

  recent(): string[] {
    try {
      const list = JSON.parse(readFileSync(this.recentFile(), 'utf8')) as unknown;
      return Array.isArray(list)
        ? list.filter((x): x is string => typeof x === 'string').slice(0, 10)
        : [];
    } catch {
      return [];
    }
  }

  private remember(path: string): void {
    const list = [path, ...this.recent().filter((p) => p !== path)].slice(0, 10);
    try {
      writeFileAtomic(this.recentFile(), JSON.stringify(list, null, 2));
    } catch {
      // The recent list is a convenience; failing to write it must not fail the open.
    }
  }

  close(workshopId: string): boolean {
    const w = this.open.get(workshopId);
    if (!w) return false;
    this.open.delete(workshopId);
    this.backups.forget(w.path);
    w.db.close();
    w.lock.release();
    return true;
  }

  closeAll(): void {
    this.backups.stop();
    this.checkpoints.stop();
    for (const id of [...this.open.keys()]) this.close(id);
  }

  state(w: OpenWorkshop): WorkshopState {
    return {
      workshopId: w.id,
      file: basename(w.path),
      setup: getSetup(w.db),
      chain: chainStatus(w.db),
      sealed: isSealed(w.db),
      acta: actaFingerprint(w.db),
      kitVenueId: kitVenue(w.db)?.id ?? null,
    };
  }

  checkRecord(db: Db): { ok: boolean; findings: string[] } {
    return checkRecord(db);
  }

  chainView(db: Db): ChainStatus & { acta?: string } {
    const acta = actaFingerprint(db);
    return acta ? { ...chainStatus(db), acta } : chainStatus(db);
  }

  /** A file name in the data folder for a new workshop: year-municipality-title, made unique. */
  newFileName(init: { title: string; municipality: string; fiscalYear: number }): string {
    const slug = fileSlug(`${init.fiscalYear}-${init.municipality}-${init.title}`, 80);
    let name = `${slug || 'taller'}${WORKSHOP_EXT}`;
    for (let n = 2; existsSync(join(this.dataDir, name)); n++) name = `${slug}-${n}${WORKSHOP_EXT}`;
    return name;
  }

  listWorkshops(): WorkshopSummary[] {
    const files = readdirSync(this.dataDir).filter(
      (f) => f.endsWith(WORKSHOP_EXT) && !f.startsWith('.'),
    );
    return files
      .map((file) => summarize(join(this.dataDir, file), this.open))
      .sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt));
  }

  defaultSetup = defaultSetup;
}

/**
 * When the record last changed: its last logged event. The file's mtime is not that: with WAL
 * the main file is written at checkpoints (opening or closing it moves it, a change may not
 * yet), and a copy from a USB stick carries the copy's time.
 */
function lastChange(db: Db, path: string): string {
  const at = db.prepare('SELECT at FROM event ORDER BY seq DESC LIMIT 1').pluck().get() as
    string | undefined;
  return at ?? statSync(path).mtime.toISOString();
}

function summarize(path: string, open: Map<string, OpenWorkshop>): WorkshopSummary {
  const file = basename(path);
  for (const w of open.values()) {
    if (w.path === path) {
      const s = getSetup(w.db);
      return {
        workshopId: w.id,
        file,
        title: s.title,
        municipality: s.municipality,
        fiscalYear: s.fiscalYear,
        modifiedAt: lastChange(w.db, path),
        timeZone: s.timeZone,
      };
    }
  }
  try {
    const db = openWorkshopReadOnly(path);
    try {
      const s = getSetup(db);
      return {
        workshopId: workshopId(db),
        file,
        title: s.title,
        municipality: s.municipality,
        fiscalYear: s.fiscalYear,
        modifiedAt: lastChange(db, path),
        timeZone: s.timeZone,
      };
    } finally {
      db.close();
    }
  } catch (e) {
    return {
      workshopId: '',
      file,
      title: file,
      municipality: '',
      fiscalYear: 0,
      modifiedAt: statSync(path).mtime.toISOString(),
      problem: classifyError(e).code,
    };
  }
}

export function envelope(e: MinkaError): ErrorEnvelope {
  return { code: e.code, key: e.key, params: e.params, message: e.message };
}
