// Adversary adv32, finding 9 (goal 4, the Acta says what happened; goal 2): a venue kit issued
// and never merged back is named by the seal (kitNotReturned:KIT) and printed in the Acta
// (unreturnedKits) from the venue_kit table alone: unreturnedKits selects its rows with role
// 'issued', a venue that exists and no device merged. `minka check` never compares that table
// with the main chain's venues.kitPrepared events (one per kit issued, signed in the chain), so
// one raw DELETE of the row (or its role or venue_id changed) makes the kit vanish: check is clean
// and the seal asks nothing. (Found by a one-cell sweep over a workshop with kits and rulings;
// test/unit/column-audit.test.ts runs on the demo, which has no kits.)
//
// What the attacker does: the facilitator issues the kit of a venue whose result they dislike,
// the venue votes on it, and its file is "lost": never merged. Before sealing they delete the
// kit's venue_kit row with a SQLite tool.
// What the record then says: `minka check` finds nothing, the seal does not ask about a kit not
// returned, and the Acta does not list one: the venue's round reads as never held, with nothing
// telling the reader that a laptop left with it and did not come back.
// Severity: MEDIUM (one row deleted, no hash touched; it removes the one warning that says a
// venue's record is missing).
// Suggested fix: rebuild venue_kit from the venues.kitPrepared events in the replay (or read the
// kits issued from those events in unreturnedKits), and name a row missing, added or changed.
// Fixed in stop 32 (electron/venues/venues-kit-rows.ts): every venues.kitPrepared event must have
// its venue_kit row, unchanged, and no issued row may lack its event; check names it.
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { type MainFixture, venueLaptop } from '../helpers/venues-fixture';
import { eachMainWorkshop } from '../helpers/venues-each';
import { checkRecord } from '../../electron/check/check';
import { sealWarnings } from '../../electron/minutes/seal-warnings';
import { openRound } from '../../electron/voting/voting';

let m: MainFixture;
eachMainWorkshop('adv32-kitrow-', (_d, f) => (m = f), 6);

it('a kit issued and never returned stays named after its row is deleted', async () => {
  const v = await venueLaptop(m, 1, 'sede-b');
  openRound(v.db, v.env, m.rounds[1]!); // the venue votes on its laptop, which never comes back
  v.db.close();
  const kit = `kitNotReturned:${v.kitId}`;
  expect(sealWarnings(m.db).map((w) => w.id)).toContain(kit);
  // The attacker: one row, with a raw connection (foreign keys off, as the sqlite3 shell has them).
  m.db.pragma('wal_checkpoint(TRUNCATE)');
  const raw = new Database(m.file);
  raw.prepare('DELETE FROM venue_kit WHERE id = ?').run(v.kitId);
  raw.close();
  // The main chain still records the kit's issue.
  const issued = m.db
    .prepare("SELECT COUNT(*) FROM event WHERE type = 'venues.kitPrepared'")
    .pluck()
    .get();
  expect(issued).toBe(1);
  const check = checkRecord(m.db);
  const asked = sealWarnings(m.db).map((w) => w.id);
  // The correct behaviour: the check names the edit, or the seal still asks about the kit.
  expect({ ok: check.ok, asked: asked.includes(kit) }).not.toEqual({ ok: true, asked: false });
});
