// Adversary adv32, finding 4 (goal 4, what `minka check` says equals what happened): a ballot
// round's paper conflict reopened by a laptop merged after the ruling makes `minka check` report
// the round's close as tampered with, on a file nobody edited. When a merge widens a settled
// conflict, recordConflicts clears settled_choice/note/at; ruledReadings then answers null (it
// reads only a settled row), so ballotUnionMismatches finds the joined laptops' readings of a
// clashing serial (a and b read 003 otherwise, both joined, 003 ruled as a read it) with no
// ruling to pick one, and names the close: "its close does not hold exactly the ballots of the
// laptops joined". The fourth laptop here even read 003 exactly as the ruling says; it still
// waits (serialClashes compares it with b, joined without its 003) and reopens the conflict.
//
// What happens: three desks' piles merged and ruled (003 as desk a read it, 005 as desk c read
// it); a fourth desk's pile arrives later, with 003 read as a read it and a new paper 008.
// What the record then says: until someone rules again, `minka check`, Registro → Verificar and
// the seal's refusal (which runs checkRecord first) say the ballot round's close was edited — a
// tamper finding on an honest file, the same words a deleted laptop box gets. A facilitator
// wanting to discredit a venue's result (or an observer told to trust `minka check`) gets it
// for free by merging one more honest desk.
// Severity: LOW (transient: a second ruling clears it; but it is a false accusation by the tool
// whose verdict is the proof, and its wording is that of real tampering).
// Suggested fix: have ruledReadings read the latest settlement event of the conflict whatever
// the row's state (the readings that stood for the joined laptops do not stop standing when a
// new side arrives), or let a laptop whose readings all equal the table's join without
// reopening the conflict.
// Fixed in stop 32 (venues-ballot-readings.ts readingsJoinedUnder): check reads a reopened
// conflict's latest ruling for the laptops it joined; a box edited meanwhile is still named.
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { type MainFixture, venueLaptop } from '../helpers/venues-fixture';
import { eachMainWorkshop } from '../helpers/venues-each';
import { paperPile, paperReadings, threePiles } from '../helpers/ballot-queues';
import {
  listConflicts,
  mergeVenue,
  openConflictCount,
  settleConflict,
} from '../../electron/venues/venues-merge';
import { checkRecord } from '../../electron/check/check';

let m: MainFixture;
eachMainWorkshop('adv32-reopen-', (_d, f) => (m = f), 12);

it('a desk merged after the ruling, agreeing with it, leaves minka check clean', async () => {
  const { round, a, b, c } = await threePiles(m);
  const d = await venueLaptop(m, 1, 'desk-d');
  // Desk d: paper 003 read as desk a read it (P-003, the reading the ruling keeps), and 008.
  paperPile(
    m,
    d,
    round,
    [
      ['003', 2],
      ['008', 0],
    ],
    [9, 10],
  );
  for (const f of [a.file, b.file, c.file]) mergeVenue(m.db, m.env, f, { withoutSlip: 'prueba' });
  const id = listConflicts(m.db).find((x) => x.subject === round)!.id;
  settleConflict(m.db, m.env, {
    id,
    choice: a.kitId,
    note: 'La 003 marca P-003; la 005 marca P-004',
    readings: { '005': c.kitId },
  });
  expect(checkRecord(m.db).findings).toEqual([]);
  const before = paperReadings(m, m.db, round);
  mergeVenue(m.db, m.env, d.file, { withoutSlip: 'prueba' });
  // Nothing in the table moved (d waits) and nobody edited anything.
  expect(paperReadings(m, m.db, round)).toEqual(before);
  expect(openConflictCount(m.db)).toBe(1);
  // The correct behaviour: no finding of tampering on this honest file.
  expect(checkRecord(m.db).findings).toEqual([]);
  // While it waits, a paper taken out of the round's table is still named.
  m.db.pragma('wal_checkpoint(TRUNCATE)');
  const raw = new Database(m.file);
  raw.exec('DROP TRIGGER IF EXISTS paper_entry_no_delete');
  raw.prepare("DELETE FROM paper_entry WHERE round_id = ? AND serial = '008'").run(round);
  raw.prepare("DELETE FROM paper_entry WHERE round_id = ? AND serial = '005'").run(round);
  raw.close();
  expect(checkRecord(m.db).ok).toBe(false);
});
