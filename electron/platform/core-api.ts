// What a feature's handlers may ask of the core (electron/core/core.ts implements it): the
// open workshop files, the data folder, the clock and the OS dialogs. Declared here, below the
// features, so that handlers never import the core that imports them (no import circle).
import type {
  ChainStatus,
  WorkshopSetup,
  WorkshopState,
  WorkshopSummary,
} from '../../shared/schemas/workshop';
import type { Db } from './db';
import type { FileLock } from './lock';
import type { Env } from './env';

export interface OpenWorkshop {
  id: string;
  path: string;
  db: Db;
  lock: FileLock;
  /** A venue's copy of a workshop (a kit), whose head this laptop signs. */
  kit?: boolean;
}

/** The OS edge: native dialogs, injected by the Electron shell (absent in the web host). */
export interface Dialogs {
  openWorkshop(): Promise<string | null>;
  saveWorkshop(suggestedName: string): Promise<string | null>;
}

export interface CoreApi {
  readonly dataDir: string;
  readonly host: 'web' | 'electron' | 'cli' | 'test';
  readonly version: string;
  readonly env: Env;
  readonly dialogs: Dialogs | undefined;
  /** Resolve a file name inside the data folder, refusing anything that escapes it. */
  pathInDataDir(file: string): string;
  get(workshopId: string): OpenWorkshop;
  /** An open workshop that may be written (not sealed). */
  writable(workshopId: string): OpenWorkshop;
  openPath(path: string): OpenWorkshop;
  openReadOnly(path: string): OpenWorkshop;
  createFile(
    path: string,
    setup: WorkshopSetup,
    fill?: (db: Db, env: Env) => void,
    env?: Env,
  ): OpenWorkshop;
  recent(): string[];
  close(workshopId: string): boolean;
  state(w: OpenWorkshop): WorkshopState;
  /**
   * The chain's head, with the sealed Acta's fingerprint once there is one (the code read
   * aloud); the core answers it because the Acta is the minutes feature's, which results'
   * projector must not import (minutes already reads results).
   */
  chainView(db: Db): ChainStatus & { acta?: string };
  /**
   * `minka check`'s verdict on an open file's record (chain, every replay, frozen results,
   * venues), which the seal requires first; the core answers it because check/ runs the replays
   * of features (minutes, followup) that must not import it back (minutes/seal.ts says why).
   */
  checkRecord(db: Db): { ok: boolean; findings: string[] };
  newFileName(init: { title: string; municipality: string; fiscalYear: number }): string;
  listWorkshops(): WorkshopSummary[];
  defaultSetup(init: { title: string; municipality: string; fiscalYear: number }): WorkshopSetup;
}
