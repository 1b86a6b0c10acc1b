// Adversary adv30b, finding 1 (goal 3): once ANY ruling is recorded on a joined ballot round,
// `minka check` no longer names a laptop left out of the union.
//
// Fixed at stop 30 (venues-ballot-check.ts: a laptop left out is named whatever the rulings);
// runs as a plain test.
//
// What the attacker does: three kiosk queues of one round (laptops a, b, c). One vote holder
// (Ayllu 3) voted at a and at b, so the round has its conflict, which must be settled before the
// seal; the facilitator settles it as the README says (a ruling that "records why and moves
// nothing", choice a). Then, with a raw SQLite connection on main (forge-event.ts), they delete
// the applied_event links of laptop c's events and rewrite main's close (kioskBallots and the
// frozen result recomputed) to hold only a's and b's ballots, and chain the log again.
// What the record then says: the round counts a's and b's ballots; laptop c's three ballots
// (its whole queue) are gone. `ballotUnionMismatches` computes `dropped` only when the round has
// NO ruling (`ruled === undefined`), and the union it checks is that of the laptops still linked
// (applied_event, the file's own links the README says the key holder can delete), so check is
// clean and the seal goes through.
// Severity: HIGH (a whole laptop's ballots removed after the fact, unseen by check and the seal).
// Suggested fix: a ruling on a ballot round never leaves a closed laptop out (joinByRuling joins
// every laptop), so `dropped` should not depend on `ruled`: every closed laptop whose box matches
// its marks must be in the union (only the paper serials the ruling names may be skipped), and
// "joined" should be read from main's close contents vs the device chains, not applied_event.
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { freeze, type FrozenInputs } from '../../shared/results/frozen';
import type { BallotContent } from '../../shared/schemas/voting';
import { copyMain, type MainFixture, venueLaptop } from '../helpers/venues-fixture';
import { eachMainWorkshop } from '../helpers/venues-each';
import { ballotRound, kioskQueue, tallyOf } from '../helpers/ballot-queues';
import { forge, forgePayload } from '../helpers/forge-event';
import { sealWarningIds } from '../helpers/minutes-fixture';
import { openWorkshopDb } from '../../electron/platform/db';
import { checkRecord } from '../../electron/check/check';
import { sealWorkshop } from '../../electron/minutes/seal';
import {
  listConflicts,
  mergeVenue,
  openConflictCount,
  settleConflict,
} from '../../electron/venues/venues-merge';
import { chooseOfficialRound, officialWarnings } from '../../electron/results/official';

let dir: string;
let m: MainFixture;
eachMainWorkshop('adv30b-drop-', (d, f) => ((dir = d), (m = f)), 9);

it('a laptop dropped from a joined round after a ruling on its double vote: check names it', async () => {
  const round = ballotRound(m, 'Votación en tres colas');
  const a = await venueLaptop(m, 1, 'desk-a');
  const b = await venueLaptop(m, 1, 'desk-b');
  const c = await venueLaptop(m, 1, 'desk-c');
  kioskQueue(m, a, round, [0, 1, 2], [0, 0, 1]);
  kioskQueue(m, b, round, [2, 3], [0, 0]);
  kioskQueue(m, c, round, [5, 6, 7], [3, 3, 3]);
  for (const v of [a, b, c]) v.db.close();
  for (const v of [a, b, c]) mergeVenue(m.db, m.env, v.file, { withoutSlip: 'prueba' });
  const honest = tallyOf(m, m.db, round);
  expect(honest).toHaveLength(7); // 8 ballots, one drawn by lot for the double vote
  expect(honest.filter((x) => x === 3)).toHaveLength(3);
  const conflict = listConflicts(m.db).find((x) => x.subject === round)!;
  settleConflict(m.db, m.env, { id: conflict.id, choice: a.kitId, note: 'Votó en dos colas' });
  // Other conflicts of the day (the double voter's check-in on two laptops): settled too.
  for (const x of listConflicts(m.db).filter((y) => !y.settled))
    settleConflict(m.db, m.env, { id: x.id, choice: x.sides[0]!.source, note: 'Revisado' });
  expect(openConflictCount(m.db)).toBe(0);
  expect(checkRecord(m.db).findings).toEqual([]);

  const { seq: closeSeq } = m.db
    .prepare(
      "SELECT seq FROM event WHERE type = 'voting.roundClosed' AND json_extract(payload, '$.id') = ? ORDER BY seq DESC LIMIT 1",
    )
    .get(round) as { seq: number };
  const file = copyMain(m, 'forged');
  const cVoters = [5, 6, 7].map((i) => m.people[i]![0]);
  forge(file, (raw) => {
    raw
      .prepare(
        "DELETE FROM applied_event WHERE kit_id = ? AND device_seq IN (SELECT seq FROM device_event WHERE kit_id = ? AND type LIKE 'voting.%')",
      )
      .run(c.kitId, c.kitId);
    // c's voter marks as the join wrote them on main: the events and their rows.
    for (const p of cVoters) {
      raw
        .prepare(
          "DELETE FROM event WHERE type = 'voting.voterMarked' AND json_extract(payload, '$.roundId') = ? AND json_extract(payload, '$.participantId') = ?",
        )
        .run(round, p);
      raw
        .prepare('DELETE FROM round_voter WHERE round_id = ? AND participant_id = ?')
        .run(round, p);
    }
    // The log numbered again without gaps (and the links that point into it).
    const seqs = raw.prepare('SELECT seq FROM event ORDER BY seq').pluck().all() as number[];
    seqs.forEach((old, i) => {
      if (old === i + 1) return;
      raw.prepare('UPDATE event SET seq = ? WHERE seq = ?').run(i + 1, old);
      raw.prepare('UPDATE applied_event SET main_seq = ? WHERE main_seq = ?').run(i + 1, old);
    });
  });
  const seq = openWorkshopDb(file)
    .prepare(
      "SELECT seq FROM event WHERE type = 'voting.roundClosed' AND json_extract(payload, '$.id') = ? ORDER BY seq DESC LIMIT 1",
    )
    .pluck()
    .get(round) as number;
  expect(seq).toBeGreaterThan(0);
  void closeSeq;
  forgePayload(file, seq, (p) => {
    const inputs = (p['frozen'] as { inputs: FrozenInputs }).inputs;
    const kb = (p['kioskBallots'] as BallotContent[]).filter(
      (x) => x.choices[0] !== m.proposals[3],
    );
    return { ...p, kioskBallots: kb, frozen: freeze({ ...inputs, ballots: kb }) };
  });
  const forged = openWorkshopDb(file);
  const t = tallyOf(m, forged, round);
  expect(t).toEqual(honest.filter((x) => x !== 3)); // c's whole queue is gone
  const findings = checkRecord(forged).findings;
  console.log('[adv30b F1] tally', t, 'findings', findings);
  chooseOfficialRound(forged, m.env, {
    roundId: round,
    confirmed: officialWarnings(forged, round),
  });
  let sealed = false;
  try {
    await sealWorkshop(
      forged,
      join(dir, 'main-data'),
      new Date('2026-05-16T22:00:00Z'),
      {
        lang: 'es',
        bilingual: false,
        slips: false,
        passphrase: null,
        acknowledged: sealWarningIds(forged, 'es'),
      },
      checkRecord,
    );
    sealed = true;
  } catch (e) {
    console.log('[adv30b F1] seal refused', String(e));
  }
  console.log('[adv30b F1] sealed', sealed);
  forged.close();
  expect(findings.join('\n')).toContain(`ballot round ${round}`);
});
