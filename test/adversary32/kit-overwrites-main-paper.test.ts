// Adversary adv32, finding 6 (goal 4, the screen says what happened; goal 1, a result seen must
// not change unruled): a venue laptop's paper reading silently replaces the reading main's own
// typists agreed on for the same serial, with no conflict. While main's own desk has the round
// open, the merge applies the kit's events to it as it applies any laptop's (only the kit's
// opening is held, "not_draft"): each paperEntered goes through enterPaperBallot, whose
// INSERT … ON CONFLICT (round_id, serial, typist) DO UPDATE overwrites main's typist A and B rows
// of that serial, and the kit's close closes main's open round. Nothing compares the kit's
// reading with the one main's typists had agreed (serialClashes is never reached).
//
// What the attacker does: the round of a venue runs at main's desk too. Paper 001 is typed there
// by typists A and B as P-001. The facilitator, on a spare kit for that venue, types 001 as P-002
// (both typists are them), closes the round there and merges the kit.
// What the record then says: no conflict is listed, nobody is asked to rule; paper 001 reads
// P-002 in the round's table and in its close (the room sees the round closed with it), and
// main's desk, still open, is closed by the merge. (`minka check` then names the round's close
// as "not holding exactly the ballots of the laptops joined", which it also says of any round
// where main typed papers of its own: see finding 7.)
// Severity: MEDIUM (one agreed paper reading replaced without a ruling, through the ordinary
// merge; check does complain, but in words that point at the laptops, not at 001).
// Suggested fix: treat main's own agreed reading as a side: a laptop whose serial main's table
// (or main's own paper_entry) reads otherwise waits for a ruling whatever the round's state; and
// never close a round main holds open from a laptop's close without asking.
import { expect, it } from 'vitest';
import { type MainFixture, type VenueLaptop, venueLaptop } from '../helpers/venues-fixture';
import { eachMainWorkshop } from '../helpers/venues-each';
import { ballotRound, paperPile, paperReadings, present } from '../helpers/ballot-queues';
import { listConflicts, mergeVenue } from '../../electron/venues/venues-merge';
import { enterPaperBallot } from '../../electron/voting/paper';
import { openRound } from '../../electron/voting/voting';

let m: MainFixture;
eachMainWorkshop('adv32-overwrite-', (_d, f) => (m = f), 12);

it.fails(
  'a kit reading a paper otherwise than main’s own typists does not replace it unruled',
  async () => {
    const round = ballotRound(m, 'Cédulas en la sede', true);
    const spare = await venueLaptop(m, 1, 'desk-spare');
    // Main's desk: two vote holders present, paper 001 typed twice as P-001 (and 003 as P-004).
    present(m, { db: m.db, env: m.env } as VenueLaptop, [m.people[5]![0], m.people[6]![0]]);
    openRound(m.db, m.env, round);
    for (const [serial, i] of [
      ['001', 0],
      ['003', 3],
    ] as const)
      for (const typist of ['A', 'B'] as const)
        enterPaperBallot(m.db, m.env, {
          roundId: round,
          serial,
          typist,
          ballot: { choices: [m.proposals[i]!], points: null },
        });
    expect(paperReadings(m, m.db, round)).toEqual({ '001': 0, '003': 3 });
    // The spare kit: 001 typed as P-002, and 002; closed, merged.
    paperPile(
      m,
      spare,
      round,
      [
        ['001', 1],
        ['002', 2],
      ],
      [0, 1],
    );
    mergeVenue(m.db, m.env, spare.file, { withoutSlip: 'prueba' });
    const conflict = listConflicts(m.db).some((c) => c.subject === round);
    const reading = paperReadings(m, m.db, round)['001'];
    // The correct behaviour: 001 stays as main's typists read it until someone rules on it.
    expect({ reading, conflict }).toEqual({ reading: 0, conflict: true });
  },
);
