// The facilitator as adversary: rewrite an event's payload in the workshop file with a raw
// SQLite connection, then recompute every hash after it (the append-only triggers dropped and
// put back, as a careful forger would), so that the chain verifies again.
import Database from 'better-sqlite3';
import { canonicalize, type Json } from '../../shared/canonical';
import { chainHash, GENESIS_HASH } from '../../electron/platform/events';

type Raw = Database.Database;
const GUARDS = ['event_no_update', 'event_no_delete'];

/** Run `edit` with the guards off (it may change any table), then rechain and restore them. */
export function forge(file: string, edit: (db: Raw) => void): void {
  const db = new Database(file);
  try {
    const guards = db
      .prepare(
        `SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name IN (${GUARDS.map(() => '?').join(', ')})`,
      )
      .pluck()
      .all(...GUARDS) as string[];
    for (const g of GUARDS) db.exec(`DROP TRIGGER IF EXISTS ${g}`);
    db.transaction(() => {
      edit(db);
      rechain(db);
    })();
    for (const s of guards) db.exec(s);
  } finally {
    db.close();
  }
}

/** Rewrite one event's payload (by seq) and rechain. */
export function forgePayload(
  file: string,
  seq: number,
  change: (payload: Record<string, unknown>) => Record<string, unknown>,
): void {
  forge(file, (db) => {
    const payload = db
      .prepare('SELECT payload FROM event WHERE seq = ?')
      .pluck()
      .get(seq) as string;
    const next = change(JSON.parse(payload) as Record<string, unknown>);
    db.prepare('UPDATE event SET payload = ? WHERE seq = ?').run(canonicalize(next), seq);
  });
}

function rechain(db: Raw): void {
  let prev = GENESIS_HASH;
  const upd = db.prepare('UPDATE event SET prev_hash = ?, hash = ? WHERE seq = ?');
  for (const e of db
    .prepare('SELECT seq, at, actor, type, payload FROM event ORDER BY seq')
    .all() as { seq: number; at: string; actor: string; type: string; payload: string }[]) {
    const h = chainHash(prev, { ...e, payload: JSON.parse(e.payload) as Json });
    // Through a placeholder: the hash column is unique.
    upd.run(prev, `tmp-${e.seq}`, e.seq);
    upd.run(prev, h, e.seq);
    prev = h;
  }
}
