// Two laptops of one venue run the same ballot round (two kiosk queues, or two piles of numbered
// paper ballots typed on two laptops). Each laptop's ballots are other people's (kiosk: its own
// voter marks) or other papers (paper: its serials): the round's result is their union, applied
// whatever the order of the files, with no conflict to rule on. Before, main applied only the
// first kit's ballots, the other laptop's were a roundCounts conflict, and a ruling for that
// laptop was refused (a ballot box cannot be emptied again): the conflict stayed open and the
// seal was refused, with the facilitator left to pick whose ballots count.
import { join } from 'node:path';
import { expect, it } from 'vitest';
import {
  copyMain,
  type MainFixture,
  type VenueLaptop,
  venueLaptop,
} from '../../test/helpers/venues-fixture';
import { eachMainWorkshop } from '../../test/helpers/venues-each';
import {
  ballotRound as ballotRoundAt,
  kioskQueue,
  paperPile,
  tallyOf,
} from '../../test/helpers/ballot-queues';
import { sealWarningIds } from '../../test/helpers/minutes-fixture';
import { openWorkshopDb } from '../platform/db';
import { sealWorkshop } from '../minutes/seal';
import { checkRecord } from '../check/check';
import { getRound } from '../voting/voting';
import { forge, forgePayload } from '../../test/helpers/forge-event';
import { canonicalBallots, freeze, type FrozenInputs } from '../../shared/results/frozen';
import { chooseOfficialRound, officialWarnings } from '../results/official';
import { listConflicts, mergeVenue, openConflictCount, settleConflict } from './venues-merge';
import type { Db } from '../platform/db';

let dir: string;
let m: MainFixture;
eachMainWorkshop('ballot-union-', (d, f) => ((dir = d), (m = f)), 8);

const ballotRound = (title: string) => ballotRoundAt(m, title);
const kiosk = (v: VenueLaptop, round: string, orgs: number[], choice: number[]) =>
  kioskQueue(m, v, round, orgs, choice);
const tally = (db: Db, round: string) => tallyOf(m, db, round);

async function twoKiosks() {
  const round = ballotRound('Votación en dos colas');
  const a = await venueLaptop(m, 1, 'desk-a');
  const b = await venueLaptop(m, 1, 'desk-b');
  kiosk(a, round, [0, 1, 2], [0, 0, 1]);
  kiosk(b, round, [3, 4, 5, 6], [3, 3, 3, 2]);
  a.db.close();
  b.db.close();
  return { round, a, b };
}

it('two kiosk queues of one round: every ballot counts, in either order, no conflict, the seal goes through', async () => {
  const { round, a, b } = await twoKiosks();
  const one = openWorkshopDb(copyMain(m, 'one'));
  const two = openWorkshopDb(copyMain(m, 'two'));
  for (const [db, files] of [
    [one, [a.file, b.file]],
    [two, [b.file, a.file]],
  ] as const)
    for (const f of files) mergeVenue(db, m.env, f, { withoutSlip: 'prueba' });
  expect(tally(one, round)).toEqual([0, 0, 1, 2, 3, 3, 3]);
  expect(tally(two, round)).toEqual([0, 0, 1, 2, 3, 3, 3]);
  expect(getRound(one, round).state).toBe('closed');
  const rows = (db: Db) =>
    JSON.stringify([
      db.prepare('SELECT state, closed_at, snapshot FROM voting_round WHERE id = ?').get(round),
      db
        .prepare(
          'SELECT voter_key, participant_id, voted_at FROM round_voter WHERE round_id = ? ORDER BY voter_key',
        )
        .all(round),
    ]);
  expect(rows(one)).toBe(rows(two));
  expect(listConflicts(one).filter((c) => c.kind === 'roundCounts')).toEqual([]);
  expect(openConflictCount(one)).toBe(0);
  expect(checkRecord(one).findings).toEqual([]);
  one.close();
  two.close();
});

it('the joined round seals; check names a close that does not hold exactly the laptops’ ballots', async () => {
  const { round, a, b } = await twoKiosks();
  mergeVenue(m.db, m.env, b.file, { withoutSlip: 'prueba' });
  // The second laptop's round events are joined, so the report holds none of them back.
  const second = mergeVenue(m.db, m.env, a.file, { withoutSlip: 'prueba' });
  expect(second.held).toEqual([]);
  // Its three check-ins, three voter marks and its close (the opening is the round's, not counted).
  expect(second.applied).toBe(7);
  expect(tally(m.db, round)).toEqual([0, 0, 1, 2, 3, 3, 3]);
  chooseOfficialRound(m.db, m.env, { roundId: round, confirmed: officialWarnings(m.db, round) });
  const sealed = await sealWorkshop(
    m.db,
    join(dir, 'main-data'),
    new Date('2026-05-16T22:00:00Z'),
    {
      lang: 'es',
      bilingual: false,
      slips: false,
      passphrase: null,
      acknowledged: sealWarningIds(m.db, 'es'),
    },
    checkRecord,
  );
  expect(sealed.pdf.length).toBeGreaterThan(1000);
  // The adversary stuffs one more copy of a ballot into the joined close (every laptop's box is
  // still in it, so each device event still finds its ballots there) and chains the log again.
  const file = copyMain(m, 'forged');
  const closeSeq = m.db
    .prepare(
      "SELECT seq FROM event WHERE type = 'voting.roundClosed' AND json_extract(payload, '$.id') = ? ORDER BY seq DESC LIMIT 1",
    )
    .pluck()
    .get(round) as number;
  forgePayload(file, closeSeq, (p) => {
    const kb = p['kioskBallots'] as unknown[];
    return { ...p, kioskBallots: [...kb, kb[0]] };
  });
  const forged = openWorkshopDb(file);
  expect(checkRecord(forged).findings.join('\n')).toContain(
    `ballot round ${round}: its close does not hold exactly the ballots of the laptops joined (${a.kitId}, ${b.kitId})`,
  );
  forged.close();
});

it('one vote holder marked on both laptops: one ballot drawn out by lot, the same in either order; the conflict names the person; a ruling records why and moves nothing', async () => {
  const round = ballotRound('Votación con voto doble');
  const a = await venueLaptop(m, 1, 'desk-a');
  const b = await venueLaptop(m, 1, 'desk-b');
  kiosk(a, round, [0, 1, 2], [0, 0, 1]);
  kiosk(b, round, [2, 3], [3, 3]); // Ayllu 3's titular votes again at the other queue.
  a.db.close();
  b.db.close();
  const other = openWorkshopDb(copyMain(m, 'other'));
  mergeVenue(m.db, m.env, a.file, { withoutSlip: 'prueba' });
  mergeVenue(m.db, m.env, b.file, { withoutSlip: 'prueba' });
  mergeVenue(other, m.env, b.file, { withoutSlip: 'prueba' });
  mergeVenue(other, m.env, a.file, { withoutSlip: 'prueba' });
  // No laptop's box is left out (that would drop every other voter there, and a person would
  // choose which): 5 ballots for 4 voters, and one is drawn out by the lot the laptops' closes
  // fix (venues-ballot-draw.ts), the same one whatever the order of the files.
  const got = tally(m.db, round);
  expect(got).toHaveLength(4);
  for (const x of got) expect([0, 0, 1, 3, 3]).toContain(x);
  expect(tally(other, round)).toEqual(got);
  other.close();
  const c = listConflicts(m.db).find((x) => x.kind === 'roundCounts' && x.subject === round);
  expect(c?.sides.map((x) => x.what)).toEqual([
    expect.objectContaining({
      ballots: 3,
      joined: true,
      twice: ['QUISPE MAMANI, Rosa 3 (40000004)'],
    }),
    expect.objectContaining({
      ballots: 2,
      joined: true,
      twice: ['QUISPE MAMANI, Rosa 3 (40000004)'],
    }),
  ]);
  expect(c?.settled).toBeNull();
  settleConflict(m.db, m.env, { id: c!.id, choice: b.kitId, note: 'Votó en las dos colas' });
  expect(tally(m.db, round)).toEqual(got);
  expect(listConflicts(m.db).find((x) => x.id === c!.id)?.settled?.choice).toBe(b.kitId);
  expect(checkRecord(m.db).findings).toEqual([]);
});

it('paper ballots typed on two laptops: distinct serials add up, a serial typed on both with one reading counts once', async () => {
  const round = ballotRoundAt(m, 'Cédulas en papel', true);
  const a = await venueLaptop(m, 1, 'desk-a');
  const b = await venueLaptop(m, 1, 'desk-b');
  const type = (v: VenueLaptop, papers: [string, number][], who: number[]) =>
    paperPile(m, v, round, papers, who);
  type(
    a,
    [
      ['001', 0],
      ['002', 1],
      ['003', 2],
    ],
    [0, 1, 2],
  );
  type(
    b,
    [
      ['003', 2],
      ['004', 3],
      ['005', 3],
    ],
    [3, 4, 5],
  );
  mergeVenue(m.db, m.env, b.file, { withoutSlip: 'prueba' });
  mergeVenue(m.db, m.env, a.file, { withoutSlip: 'prueba' });
  expect(tally(m.db, round)).toEqual([0, 1, 2, 3, 3]);
  expect(
    listConflicts(m.db).map((c) => [c.kind, c.label, JSON.stringify(c.sides.map((x) => x.what))]),
  ).toEqual([]);
  expect(checkRecord(m.db).findings).toEqual([]);
});

it('one paper serial read otherwise on two laptops: a conflict; the ruling says whose reading stands, and no laptop’s other papers are left out', async () => {
  const round = ballotRoundAt(m, 'Cédulas leídas dos veces', true);
  const a = await venueLaptop(m, 1, 'desk-a');
  const b = await venueLaptop(m, 1, 'desk-b');
  const type = (v: VenueLaptop, papers: [string, number][], who: number[]) =>
    paperPile(m, v, round, papers, who);
  type(
    a,
    [
      ['001', 0],
      ['002', 1],
      ['003', 2],
    ],
    [0, 1, 2],
  );
  type(
    b,
    [
      ['003', 0],
      ['004', 3],
    ],
    [3, 4],
  ); // The same paper 003, read as P-001 here.
  mergeVenue(m.db, m.env, b.file, { withoutSlip: 'prueba' });
  mergeVenue(m.db, m.env, a.file, { withoutSlip: 'prueba' });
  // Laptop a's papers wait: its 003 says otherwise than the one counted.
  expect(tally(m.db, round)).toEqual([0, 3]);
  const c = listConflicts(m.db).find((x) => x.subject === round)!;
  expect(c.sides.map((x) => [x.source, x.what])).toEqual([
    [a.kitId, expect.objectContaining({ joined: false, serials: ['003'] })],
    [b.kitId, expect.objectContaining({ joined: true, serials: ['003'] })],
  ]);
  expect(openConflictCount(m.db)).toBe(1);
  // With the paper in hand: laptop a read it right. Every paper counts, 003 as a read it.
  settleConflict(m.db, m.env, { id: c.id, choice: a.kitId, note: 'La cédula 003 marca P-003' });
  expect(tally(m.db, round)).toEqual([0, 1, 2, 3]);
  expect(openConflictCount(m.db)).toBe(0);
  expect(checkRecord(m.db).findings).toEqual([]);
  // The key holder reads 003 as laptop b did after all, in the table and in the close's frozen
  // result computed again: the ruling named a's reading, so check names the close.
  const file = copyMain(m, 'forged');
  const { seq } = m.db
    .prepare(
      "SELECT seq FROM event WHERE type = 'voting.roundClosed' AND json_extract(payload, '$.id') = ? ORDER BY seq DESC LIMIT 1",
    )
    .get(round) as { seq: number };
  const p0 = JSON.stringify([m.proposals[0]]);
  forge(file, (raw) =>
    raw
      .prepare("UPDATE ballot SET choices = ? WHERE round_id = ? AND serial = '003'")
      .run(p0, round),
  );
  forgePayload(file, seq, (p) => {
    const inputs = (p['frozen'] as { inputs: FrozenInputs }).inputs;
    const ballots = canonicalBallots(
      (inputs.ballots ?? []).map((x) =>
        x.choices[0] === m.proposals[2] ? { ...x, choices: [m.proposals[0]!] } : x,
      ),
    );
    return { ...p, frozen: freeze({ ...inputs, ballots }) };
  });
  const forged = openWorkshopDb(file);
  expect(tally(forged, round)).toEqual([0, 0, 1, 3]);
  // (Its typed entries, left as they were, are named too.)
  expect(checkRecord(forged).findings).toContain(
    `ballot round ${round}: its close does not hold exactly the ballots of the laptops joined (${a.kitId}, ${b.kitId})`,
  );
  forged.close();
});
