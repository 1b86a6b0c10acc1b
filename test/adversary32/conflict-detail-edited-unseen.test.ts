// Adversary adv32, finding 2 (goal 2, the Acta provable; goal 4, the Acta says what happened): the
// merge_conflict row's `detail` (the conflict's label and its sides: laptop, venue, time) is
// compared with nothing. `minka check` checks only that each row is listed by a merge event and
// that a settled row's choice and note have a settlement event; the sides themselves are never
// recomputed from the device chains they were found in. Yet the Acta prints the conflicts from
// that column (label, sides, the venue the ruling kept: choiceVenue), and lateRulingsOf reads the
// sides' venues to decide whether a closed round's voter was ruled absent after the close — the
// seal warning lateRuling:ROUND and the Acta's "Resoluciones posteriores al cierre" section with
// the quorum recomputed without them. (test/unit/column-audit.test.ts runs on the demo, which has
// no merge_conflict rows, so it never tried this column. The row's subject — PERSON|DAY for a
// check-in conflict, which lateRulingsOf splits — and its found_at and settled_at, printed in the
// Acta, are unseen the same way, as are venue_kit.venue_id, venue_kit.base_head and
// device.adopted_at.)
//
// What the attacker does: a titular is checked in at venue A and at venue B, where a round closed
// with them present (quorum 3 met by 3). After the merge the facilitator rules the conflict for
// venue A (correctly: they signed there first). With a raw SQLite connection they then rewrite the
// conflict's detail so that both sides read venue A, and seal.
// What the record then says: `minka check` is clean, the seal no longer asks about the late
// ruling, and the signed Acta neither says that B's closed round lost a voter nor that its quorum
// is then not met; its conflict list prints both sides at venue A.
// Severity: MEDIUM (a raw edit of one cell, no re-hashing; what it hides is the one line that
// tells the reader a closed result stood on a quorum the ruling later denied).
// Suggested fix: rebuild each conflict's detail from the merged device events (recordConflicts
// over the file, as the merge did) in checkVenues and name a row whose detail differs; or put the
// detail (or its hash) in the merge event that found the conflict, and compare.
// Fixed in stop 32: checkVenues compares each conflict row's laptops' sides (laptop, event, time,
// venue) with those the device events give (laptopSidesByConflict); main's own side is not compared.
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { join } from 'node:path';
import { saveMember, getSealed } from '../../electron/minutes/minutes';
import { sealWorkshop } from '../../electron/minutes/seal';
import { chooseOfficialRound, officialWarnings } from '../../electron/results/official';
import { backAtMain, handOver, type MainFixture, venueLaptop } from '../helpers/venues-fixture';
import { eachMainWorkshop } from '../helpers/venues-each';
import { checkIn } from '../../electron/attendance/attendance';
import { openRound } from '../../electron/voting/voting';
import { enterCount } from '../../electron/voting/hands';
import { closeRound } from '../../electron/voting/close-round';
import { checkRecord } from '../../electron/check/check';
import { sealWarnings } from '../../electron/minutes/seal-warnings';
import { getSetup, saveSetup } from '../../electron/workshop/workshop';
import { listConflicts, mergeVenue, settleConflict } from '../../electron/venues/venues-merge';

let dir: string;
let m: MainFixture;
eachMainWorkshop(
  'adv32-detail-',
  (d, f) => {
    dir = d;
    m = f;
  },
  6,
);

it('a conflict whose sides were rewritten after the ruling is named by check', async () => {
  saveSetup(m.db, m.env, { ...getSetup(m.db), quorum: { kind: 'minimum', count: 3 } });
  const [, va, vb] = m.venues;
  const a = await venueLaptop(m, 1, 'a');
  const b = await venueLaptop(m, 2, 'b');
  const at = (v: typeof a, venue: typeof va, pid: string) =>
    checkIn(v.db, v.env, {
      participantId: pid,
      venueId: venue!.id,
      day: venue!.date,
      signMethod: 'signature',
      witness: '',
    });
  const [ccollpa] = m.people[0]!;
  at(a, va, ccollpa);
  for (const pid of [ccollpa, m.people[1]![0], m.people[2]![0]]) at(b, vb, pid);
  openRound(b.db, b.env, m.rounds[2]!);
  m.proposals.forEach((item, i) =>
    enterCount(b.db, b.env, { roundId: m.rounds[2]!, itemId: item, operator: 'A', count: 3 - i }),
  );
  closeRound(b.db, b.env, m.rounds[2]!);
  backAtMain(m);
  for (const v of [a, b]) {
    const f = handOver(v);
    v.db.close();
    mergeVenue(m.db, m.env, f);
  }
  const conflict = listConflicts(m.db).find((c) => c.kind === 'checkIn')!;
  settleConflict(m.db, m.env, { id: conflict.id, choice: a.kitId, note: 'Firmó primero en A' });
  // As the app has it: the seal asks about the late ruling, and the check is clean.
  expect(sealWarnings(m.db).map((w) => w.id)).toContain(`lateRuling:${m.rounds[2]}`);
  expect(checkRecord(m.db).findings).toEqual([]);

  // The attacker: one cell, with a raw connection, no hash touched.
  m.db.pragma('wal_checkpoint(TRUNCATE)');
  const raw = new Database(m.file);
  const detail = JSON.parse(
    raw
      .prepare('SELECT detail FROM merge_conflict WHERE id = ?')
      .pluck()
      .get(conflict.id) as string,
  ) as { sides: { venue: string }[] };
  for (const s of detail.sides) s.venue = va!.name;
  raw
    .prepare('UPDATE merge_conflict SET detail = ? WHERE id = ?')
    .run(JSON.stringify(detail), conflict.id);
  raw.close();

  // What the edit did: the late ruling is gone from the seal's questions (and from the Acta).
  expect(sealWarnings(m.db).map((w) => w.id)).not.toContain(`lateRuling:${m.rounds[2]}`);
  expect(listConflicts(m.db)[0]?.sides.map((s) => s.venue)).toEqual([va!.name, va!.name]);
  // And the seal signs it: no late ruling in the Acta's payload.
  saveMember(m.db, m.env, {
    name: 'Rosa Huamán',
    dni: '01234567',
    organization: 'Ayllu 1',
    role: 'coordinator',
    participantId: null,
  });
  chooseOfficialRound(m.db, m.env, {
    roundId: m.rounds[2]!,
    confirmed: officialWarnings(m.db, m.rounds[2]!),
  });
  // Fixed in stop 32 (venues-conflicts.ts laptopSidesByConflict): the check names the row, and
  // the seal, which runs it first, refuses instead of signing an Acta without the late ruling.
  const check = checkRecord(m.db);
  expect(check.findings).toEqual([
    `merge_conflict ${conflict.id}: its laptops' sides differ from the device events`,
  ]);
  await expect(
    sealWorkshop(
      m.db,
      join(dir, 'main-data'),
      new Date('2026-05-16T22:00:00Z'),
      { lang: 'es', bilingual: false, slips: false, passphrase: null, acknowledged: [] },
      checkRecord,
    ),
  ).rejects.toMatchObject({ key: 'minutes.error.inconsistent' });
  expect(getSealed(m.db)).toBeNull();
  expect(check.ok).toBe(false);
  expect(check.findings.join('\n')).toContain('merge_conflict');
});
