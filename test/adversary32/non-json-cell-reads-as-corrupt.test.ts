// Adversary adv32, finding 3 (item 3, what check says of a tampered file; adv31 F2's class, other
// cells): a cell that Minka stores as JSON and checkRecord parses without a guard — a round's
// `snapshot`, and in a ballot round joined from laptops a ballot's
// `choices` or `points` (ballotUnionMismatches) — set to text that is not JSON makes checkRecord
// throw. `minka check` turns the throw into integrity 'corrupt' ("archivo
// dañado (integrity_check de SQLite falló)") although integrity_check passes, and the seal's
// refusal is an unexpected error instead of its findings. (merge_conflict.detail likewise makes
// the seal's warnings throw, while check, which never reads it, is clean: see finding 2.)
//
// What the attacker does: with a SQLite tool, sets a closed round's snapshot to 'x'.
// What the record then says: check calls the file damaged by SQLite instead of naming the edited
// table and row; the reader is sent to restore a backup (or blame the disk) rather than told that
// a round's frozen snapshot was edited. Nothing is sealed and nothing is falsified.
// Severity: LOW (misleading diagnosis of a tampered file; still refused).
// Fixed in stop 32 for every such throw: a non-SQLite error reading the record is reported as a
// sound file whose record changed outside Minka (cli.check.recordUnreadable), not as corruption.
// Suggested fix: parse these cells through one guard in the replays (a cell that is not JSON is
// "differs from the event log", as a valid but different value is), or report a non-SQLite throw
// of checkRecord as an unreadable record naming the error, not as SQLite corruption.
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { copyMain, type MainFixture, type VenueLaptop } from '../helpers/venues-fixture';
import { eachMainWorkshop } from '../helpers/venues-each';
import { checkWorkshopFile } from '../../electron/check/check';
import { enterPaperBallot } from '../../electron/voting/paper';
import { closeRound } from '../../electron/voting/close-round';
import { openRound } from '../../electron/voting/voting';
import { ballotRound, present } from '../helpers/ballot-queues';
import { runCli } from '../helpers/cli';
import { checkRecord } from '../../electron/check/check';
import { requireConsistent } from '../../electron/minutes/seal-consistent';

let m: MainFixture;
eachMainWorkshop('adv32-json-', (_d, f) => (m = f), 6);

it('a non-JSON snapshot in a closed round is named as an edit, not as corruption', async () => {
  const round = ballotRound(m, 'Cédulas en la sede');
  const here = { db: m.db, env: m.env } as VenueLaptop; // main's own door and desk
  present(m, here, [m.people[0]![0], m.people[1]![0]]);
  openRound(m.db, m.env, round);
  for (const [serial, i] of [
    ['001', 0],
    ['002', 1],
  ] as const)
    for (const typist of ['A', 'B'] as const)
      enterPaperBallot(m.db, m.env, {
        roundId: round,
        serial,
        typist,
        ballot: { choices: [m.proposals[i]!], points: null },
      });
  closeRound(m.db, m.env, round);
  expect((await checkWorkshopFile(copyMain(m, 'clean'))).ok).toBe(true);
  const edits = [['voting_round', 'snapshot', `id = '${round}'`]] as const;
  const said: string[] = [];
  for (const [table, column, where] of edits) {
    const file = copyMain(m, `${table}-${column}`);
    const raw = new Database(file);
    raw.prepare(`UPDATE ${table} SET ${column} = 'x' WHERE ${where}`).run();
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
    const r = await checkWorkshopFile(file);
    expect(r.ok).toBe(false); // refused either way
    said.push(`${table}.${column}: ${r.integrity}`);
    // Fixed in stop 32: `minka check` says the file is sound and its record was changed.
    const cli = await runCli(['check', file], 'es');
    expect(cli.code).toBe(1);
    expect(cli.err).toContain('SQLite dice que el archivo está sano, pero un dato del registro');
    // And the seal, which asks the same check first, refuses it as a finding.
    const db = new Database(file);
    try {
      expect(() => requireConsistent(db, checkRecord)).toThrow(
        expect.objectContaining({ key: 'minutes.error.inconsistent' }),
      );
    } finally {
      db.close();
    }
  }
  // The correct expectation: the file is sound, the edit is what check names.
  expect(said).toEqual(['voting_round.snapshot: ok']);
});
