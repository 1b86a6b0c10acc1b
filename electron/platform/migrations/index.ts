import type Database from 'better-sqlite3';
import type { Migration } from './migration';
import { migration as v01 } from './v01';
import { migration as v02 } from './v02';
import { migration as v03 } from './v03';
import { migration as v04 } from './v04';
import { migration as v05 } from './v05';
import { migration as v06 } from './v06';
import { migration as v07 } from './v07';
import { migration as v08 } from './v08';
import { migration as v09 } from './v09';
import { migration as v10 } from './v10';
import { migration as v11 } from './v11';
import { migration as v12 } from './v12';
import { migration as v13 } from './v13';
import { migration as v14 } from './v14';
import { migration as v15 } from './v15';

// One file per migration (vNN.ts); append the next one here and nowhere else.
export type { Migration } from './migration';

export const migrations: Migration[] = [
  v01,
  v02,
  v03,
  v04,
  v05,
  v06,
  v07,
  v08,
  v09,
  v10,
  v11,
  v12,
  v13,
  v14,
  v15,
];

export const SCHEMA_VERSION = migrations.length;

/** Apply every pending migration in one transaction. Returns the versions applied. */
export function migrate(db: Database.Database, target = SCHEMA_VERSION): number[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  const pending = migrations.filter((m) => m.version > current && m.version <= target);
  if (pending.length === 0) return [];
  db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
  return pending.map((m) => m.version);
}
