// The adversary's tool: rewrite one logged event's payload in a workshop file and re-chain
// every later event, as someone holding the file (and Minka's own code) can. The triggers that
// refuse UPDATE on the log are dropped and restored verbatim, so the file looks untouched.
import Database from 'better-sqlite3';
import { canonicalize, type Json } from '../../shared/canonical';
import { chainHash } from '../../electron/platform/events';

export function rewriteEvent(file: string, seq: number, edit: (payload: Json) => Json): void {
  const db = new Database(file);
  try {
    const triggers = db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'event'")
      .all() as { name: string; sql: string }[];
    db.transaction(() => {
      for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
      const row = db.prepare('SELECT payload FROM event WHERE seq = ?').get(seq) as {
        payload: string;
      };
      db.prepare('UPDATE event SET payload = ? WHERE seq = ?').run(
        canonicalize(edit(JSON.parse(row.payload) as Json)),
        seq,
      );
      const rows = db.prepare('SELECT * FROM event WHERE seq >= ? ORDER BY seq').all(seq) as {
        seq: number;
        at: string;
        actor: string;
        type: string;
        payload: string;
        prev_hash: string;
      }[];
      let prev = rows[0]?.prev_hash ?? '';
      const set = db.prepare('UPDATE event SET prev_hash = ?, hash = ? WHERE seq = ?');
      for (const r of rows) {
        set.run(prev, `rewritten-${r.seq}`, r.seq); // the hash column is unique
        const hash = chainHash(prev, {
          seq: r.seq,
          at: r.at,
          actor: r.actor,
          type: r.type,
          payload: JSON.parse(r.payload) as Json,
        });
        set.run(prev, hash, r.seq);
        prev = hash;
      }
      for (const t of triggers) db.exec(t.sql);
    })();
  } finally {
    db.close();
  }
}
