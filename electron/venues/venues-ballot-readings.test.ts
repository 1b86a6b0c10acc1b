// Paper serials of one ballot round read otherwise on three laptops (adv30b F5): a and b read 003
// otherwise, b and c read 005 otherwise. A ruling names the reading that stands per clashing
// serial (venues-ballot-readings.ts). Before, one ruling named one laptop for every serial: 005,
// which that laptop never typed, stood as whichever laptop the order of the files joined first,
// `minka check` named the close and the conflict could not be ruled again.
import { expect, it } from 'vitest';
import { canonicalize } from '../../shared/canonical';
import { copyMain, type MainFixture, venueLaptop } from '../../test/helpers/venues-fixture';
import { eachMainWorkshop, refusal } from '../../test/helpers/venues-each';
import { paperPile, paperReadings, threePiles } from '../../test/helpers/ballot-queues';
import { openWorkshopDb, type Db } from '../platform/db';
import { checkRecord } from '../check/check';
import { listConflicts, mergeVenue, openConflictCount, settleConflict } from './venues-merge';

let m: MainFixture;
eachMainWorkshop('ballot-readings-', (_d, f) => (m = f), 12);

/** The round's latest close: its frozen ballots, in content order. */
const frozenBallots = (db: Db, round: string) => {
  const p = db
    .prepare(
      "SELECT payload FROM event WHERE type = 'voting.roundClosed' AND json_extract(payload, '$.id') = ? ORDER BY seq DESC LIMIT 1",
    )
    .pluck()
    .get(round) as string;
  const b = (JSON.parse(p) as { frozen: { inputs: { ballots: unknown[] } } }).frozen.inputs.ballots;
  return b.map((x) => canonicalize(x as never)).sort();
};

it('two clashing serials, each ruled on its own: the same result in every merge order, as ruled, and check passes', async () => {
  const { round, a, b, c } = await threePiles(m);
  // Every ruling anyone could make: 003 as a or b read it, 005 as b or c read it.
  const rulings = [
    { '003': a.kitId, '005': b.kitId },
    { '003': a.kitId, '005': c.kitId },
    { '003': b.kitId, '005': b.kitId },
    { '003': b.kitId, '005': c.kitId },
  ];
  const orders = [
    ['abc', [a.file, b.file, c.file]],
    ['cba', [c.file, b.file, a.file]],
    ['bca', [b.file, c.file, a.file]],
  ] as const;
  const copies = new Map<string, string>();
  for (const [i] of rulings.entries())
    for (const [name] of orders) copies.set(`${name}${i}`, copyMain(m, `${name}${i}`));
  // How each laptop read the clashing serials (proposal indexes).
  const byKit = new Map<string, Record<string, number>>([
    [a.kitId, { '003': 2 }],
    [b.kitId, { '003': 0, '005': 1 }],
    [c.kitId, { '005': 3 }],
  ]);
  for (const [i, ruling] of rulings.entries()) {
    const seen = new Set<string>();
    for (const [name, files] of orders) {
      const db = openWorkshopDb(copies.get(`${name}${i}`)!);
      for (const f of files) mergeVenue(db, m.env, f, { withoutSlip: 'prueba' });
      const conflict = listConflicts(db).find((x) => x.subject === round)!;
      // The laptop named is the first serial's; 005 is named on its own.
      settleConflict(db, m.env, {
        id: conflict.id,
        choice: ruling['003'],
        note: 'Con las cédulas 003 y 005 a la vista',
        readings: { '005': ruling['005'] },
      });
      const papers = paperReadings(m, db, round);
      // Each clashing serial as its ruled laptop read it; every other paper as it was typed.
      expect(papers).toEqual({
        '001': 0,
        '002': 1,
        '003': (byKit.get(ruling['003']) as Record<string, number>)['003'],
        '004': 1,
        '005': (byKit.get(ruling['005']) as Record<string, number>)['005'],
        '006': 3,
        '007': 3,
      });
      expect(openConflictCount(db)).toBe(0);
      expect(listConflicts(db).find((x) => x.subject === round)?.settled?.readings).toEqual(ruling);
      expect(checkRecord(db).findings).toEqual([]);
      seen.add(canonicalize({ papers, frozen: frozenBallots(db, round) }));
      db.close();
    }
    expect(seen.size).toBe(1);
  }
});

it('a ruling decides only the serials it names: one that leaves a clashing serial unruled, names a serial nobody read otherwise, or a laptop that did not read it is refused and moves nothing', async () => {
  const { round, a, b, c } = await threePiles(m);
  for (const f of [a.file, b.file, c.file]) mergeVenue(m.db, m.env, f, { withoutSlip: 'prueba' });
  const conflict = listConflicts(m.db).find((x) => x.subject === round)!;
  const before = paperReadings(m, m.db, round);
  const settle = (choice: string, readings?: Record<string, string>) =>
    refusal(() =>
      settleConflict(m.db, m.env, {
        id: conflict.id,
        choice,
        note: 'Con el papel a la vista',
        ...(readings ? { readings } : {}),
      }),
    );
  // For a alone: 005, which a never typed, would stand as the order of the files left it.
  expect(settle(a.kitId)).toBe('venues.error.serialsUnruled {"serials":"005"}');
  // For c alone: 003, which c never typed, likewise.
  expect(settle(c.kitId)).toBe('venues.error.serialsUnruled {"serials":"003"}');
  // A reading named for a serial read one way (006), or for a laptop that did not read it.
  expect(settle(b.kitId, { '006': c.kitId })).toBe('venues.error.badChoice {}');
  expect(settle(a.kitId, { '005': a.kitId })).toBe('venues.error.badChoice {}');
  expect(settle(a.kitId, { '005': 'main' })).toBe('venues.error.badChoice {}');
  // Nothing moved, nothing recorded: the conflict is open, no settlement event.
  expect(paperReadings(m, m.db, round)).toEqual(before);
  expect(openConflictCount(m.db)).toBe(1);
  expect(
    m.db.prepare("SELECT COUNT(*) FROM event WHERE type = 'venues.conflictSettled'").pluck().get(),
  ).toBe(0);
  // b read both: a ruling for b names both serials, and only those two move from b's reading.
  expect(settle(b.kitId)).toBe('no error');
  expect(paperReadings(m, m.db, round)).toEqual({
    '001': 0,
    '002': 1,
    '003': 0,
    '004': 1,
    '005': 1,
    '006': 3,
    '007': 3,
  });
  expect(listConflicts(m.db).find((x) => x.subject === round)?.settled?.readings).toEqual({
    '003': b.kitId,
    '005': b.kitId,
  });
  expect(checkRecord(m.db).findings).toEqual([]);
});

it('a fourth laptop after the ruling reads 005 as b did: the conflict reopens, is ruled again per serial, and the record holds as ruled', async () => {
  const { round, a, b, c } = await threePiles(m);
  const d = await venueLaptop(m, 1, 'desk-d');
  paperPile(
    m,
    d,
    round,
    [
      ['005', 1],
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
  mergeVenue(m.db, m.env, d.file, { withoutSlip: 'prueba' });
  // d's 005 says otherwise than the reading that stands: its papers wait, the conflict reopens.
  expect(paperReadings(m, m.db, round)['008']).toBeUndefined();
  expect(openConflictCount(m.db)).toBe(1);
  // Ruled again with the paper in hand: 005 as b (and d) read it; 003 stays as a read it.
  settleConflict(m.db, m.env, {
    id,
    choice: a.kitId,
    note: 'Revisada otra vez: la 005 marca P-002',
    readings: { '005': d.kitId },
  });
  expect(paperReadings(m, m.db, round)).toEqual({
    '001': 0,
    '002': 1,
    '003': 2,
    '004': 1,
    '005': 1,
    '006': 3,
    '007': 3,
    '008': 0,
  });
  expect(openConflictCount(m.db)).toBe(0);
  expect(checkRecord(m.db).findings).toEqual([]);
});

it('a reading an earlier ruling left out of the table cannot be named again (refused, nothing moves); the reading that stands can, and check passes', async () => {
  const { round, a, b, c } = await threePiles(m);
  const d = await venueLaptop(m, 1, 'desk-d');
  paperPile(m, d, round, [['005', 0]], [9]); // A third reading of 005.
  for (const f of [a.file, b.file, c.file]) mergeVenue(m.db, m.env, f, { withoutSlip: 'prueba' });
  const id = listConflicts(m.db).find((x) => x.subject === round)!.id;
  const rule = (kit005: string) =>
    refusal(() =>
      settleConflict(m.db, m.env, {
        id,
        choice: a.kitId,
        note: 'Con la 005 a la vista',
        readings: { '005': kit005 },
      }),
    );
  expect(rule(c.kitId)).toBe('no error');
  mergeVenue(m.db, m.env, d.file, { withoutSlip: 'prueba' });
  expect(openConflictCount(m.db)).toBe(1);
  const before = paperReadings(m, m.db, round);
  // b was joined without its 005: its reading is in no laptop still to join.
  expect(rule(b.kitId)).toBe(
    'venues.error.readingJoinedWithout {"serial":"005","title":"Cédulas en tres mesas"}',
  );
  expect([paperReadings(m, m.db, round), openConflictCount(m.db)]).toEqual([before, 1]);
  expect(rule(c.kitId)).toBe('no error');
  expect(paperReadings(m, m.db, round)['005']).toBe(3);
  expect(openConflictCount(m.db)).toBe(0);
  expect(checkRecord(m.db).findings).toEqual([]);
});
