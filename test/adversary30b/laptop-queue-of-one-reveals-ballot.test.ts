// Adversary adv30b, finding 3 (goal 1, secrecy): the anonymity set of a kiosk ballot in a round run
// on several laptops is that laptop's queue, not the round. Each laptop's close carries its own
// box (kioskBallots) in its device chain, and main keeps every device chain (device_event) for
// `minka check` to recompute the union and the lot. The facilitator decides which people queue
// at which desk.
//
// What the attacker does: the round runs at two desks; the facilitator sends one person (the
// dissenting titular of Ayllu 4) to the "second desk" alone (a late arrival, an elderly person
// seated apart), everyone else to the first. After the merge, a raw SQLite read of main's file:
// device_event of the second kit holds that person's `voting.voterMarked` and a close whose
// kioskBallots holds one ballot. (With a unanimous desk, every voter there is revealed the same
// way; with a desk of two or three, the split is as good as known.)
// What the record then says: the Acta shows one anonymous result of the union, but the file
// sealed with it tells how Rosa 4 voted.
// Severity: MEDIUM (needs the facilitator to steer the queue, which is their job at the venue;
// the exposure predates the join for a laptop's own file, the join makes several desks the
// documented way to run a round and keeps every desk's box in main for ever).
// Suggested fix: refuse (or warn before) closing a kiosk round on a venue laptop whose box would
// hold fewer than N ballots (or only one distinct content), asking to close it with another desk;
// print each laptop's ballot count in the Acta's device page so a one-voter desk is visible; or
// carry a laptop's box to main under a salted commitment that main opens only for the union.
import { expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { type MainFixture, venueLaptop } from '../helpers/venues-fixture';
import { eachMainWorkshop } from '../helpers/venues-each';
import { ballotRound, kioskQueue } from '../helpers/ballot-queues';
import { mergeVenue } from '../../electron/venues/venues-merge';

let m: MainFixture;
eachMainWorkshop('adv30b-queue-', (_d, f) => (m = f), 8);

it.fails('a raw read of main cannot tell how the one voter of a second desk voted', async () => {
  const round = ballotRound(m, 'Votación en dos mesas');
  const a = await venueLaptop(m, 1, 'desk-a');
  const b = await venueLaptop(m, 1, 'desk-b');
  kioskQueue(m, a, round, [0, 1, 2, 4, 5], [0, 0, 1, 0, 1]);
  kioskQueue(m, b, round, [3], [3]); // Rosa 4 alone at the second desk, for P-004
  a.db.close();
  b.db.close();
  for (const v of [a, b]) mergeVenue(m.db, m.env, v.file, { withoutSlip: 'prueba' });
  m.db.pragma('wal_checkpoint(TRUNCATE)');
  // The attacker: a raw connection, reading only what the file holds.
  const raw = new Database(m.file, { readonly: true });
  const rows = raw
    .prepare(
      "SELECT kit_id, type, payload FROM device_event WHERE type IN ('voting.voterMarked', 'voting.roundClosed') ORDER BY kit_id, seq",
    )
    .all() as { kit_id: string; type: string; payload: string }[];
  raw.close();
  const byKit = new Map<string, { voters: string[]; box: { choices: string[] }[] }>();
  for (const r of rows) {
    const k = byKit.get(r.kit_id) ?? { voters: [], box: [] };
    const p = JSON.parse(r.payload) as Record<string, unknown>;
    if (r.type === 'voting.voterMarked') k.voters.push(p['participantId'] as string);
    else k.box = (p['kioskBallots'] as { choices: string[] }[] | undefined) ?? [];
    byKit.set(r.kit_id, k);
  }
  // Every voter of a desk whose box holds one content: their ballot is that content.
  const learned = new Map<string, string>();
  for (const { voters, box } of byKit.values()) {
    const contents = new Set(box.map((x) => JSON.stringify(x.choices)));
    if (contents.size === 1) for (const v of voters) learned.set(v, [...contents][0]!);
  }
  console.log('[adv30b F3] learned', [...learned]);
  expect(learned.get(m.people[3]![0])).toBeUndefined();
});
