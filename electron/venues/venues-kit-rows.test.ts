// The kit and device rows held against the main chain (stop 32, adv32 F9/F10): each kind of
// difference is named, by check and in `minka check`'s words; an honest merge has none.
import Database from 'better-sqlite3';
import { generateKeyPairSync } from 'node:crypto';
import { expect, it } from 'vitest';
import {
  backAtMain,
  handOver,
  type MainFixture,
  venueLaptop,
} from '../../test/helpers/venues-fixture';
import { eachMainWorkshop } from '../../test/helpers/venues-each';
import { runCli } from '../../test/helpers/cli';
import { checkRecord } from '../check/check';
import { checkIn } from '../attendance/attendance';
import { mergeVenue } from './venues-merge';
import { kitRowMismatches } from './venues-kit-rows';

let m: MainFixture;
eachMainWorkshop('minka-kit-rows-', (_d, f) => (m = f), 4);

/** One laptop of venue 2 checked someone in and was merged back with its slip. */
async function merged(): Promise<string> {
  const v = await venueLaptop(m, 1, 'sede-b');
  const venue = m.venues[1]!;
  checkIn(v.db, v.env, {
    participantId: m.people[0]![0],
    venueId: venue.id,
    day: venue.date,
    signMethod: 'signature',
    witness: '',
  });
  backAtMain(m);
  const file = handOver(v);
  v.db.close();
  mergeVenue(m.db, m.env, file, { withoutSlip: 'prueba' });
  return v.kitId;
}

/** The key holder's raw edit (foreign keys off, as the sqlite3 shell has them). */
function raw(edit: (db: Database.Database) => void): void {
  m.db.pragma('wal_checkpoint(TRUNCATE)');
  const db = new Database(m.file);
  try {
    edit(db);
  } finally {
    db.close();
  }
}

it('an honest merge has no difference', async () => {
  await merged();
  expect(kitRowMismatches(m.db)).toEqual([]);
  expect(checkRecord(m.db).ok).toBe(true);
});

it('names a kit row whose base was edited, and an issued row no event logged', async () => {
  const kit = await merged();
  raw((db) => {
    db.prepare("UPDATE venue_kit SET base_head = 'ab' || substr(base_head, 3) WHERE id = ?").run(
      kit,
    );
    db.prepare(
      "INSERT INTO venue_kit (id, role, venue_id, base_seq, base_head, statement, main_public_key, signature, created_at) SELECT 'kit-invented', 'issued', venue_id, base_seq, base_head, statement, main_public_key, signature, created_at FROM venue_kit WHERE id = ?",
    ).run(kit);
  });
  expect(kitRowMismatches(m.db)).toEqual(
    [
      { kitId: kit, what: 'kitChanged' },
      { kitId: 'kit-invented', what: 'kitUnlogged' },
    ].sort((a, b) => (a.kitId < b.kitId ? -1 : 1)),
  );
  const r = checkRecord(m.db);
  expect(r.ok).toBe(false);
  expect(r.findings).toContain(`venue_kit ${kit}: row differs from its venues.kitPrepared event`);
});

it("names a device whose key is not the one its merge named, in minka check's words", async () => {
  const kit = await merged();
  const other = generateKeyPairSync('ed25519')
    .publicKey.export({ format: 'der', type: 'spki' })
    .subarray(-32)
    .toString('base64');
  raw((db) => db.prepare('UPDATE device SET public_key = ? WHERE kit_id = ?').run(other, kit));
  expect(kitRowMismatches(m.db)).toContainEqual({ kitId: kit, what: 'deviceKey' });
  m.db.close();
  const cli = await runCli(['check', m.file], 'es');
  expect(cli.code).toBe(1);
  expect(cli.err).toContain(
    `La clave de la laptop del kit ${kit.slice(0, 8)} en la fila device no es la que nombró su incorporación.`,
  );
});
