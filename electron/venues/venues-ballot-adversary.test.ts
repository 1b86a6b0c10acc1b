// A ballot round joined from laptops (venues-ballot-join.ts), tried as the facilitator who holds
// the laptops and the keys: the lot that takes out a double vote's extra ballot must not depend
// on the order the files are merged in (or a person could pick it by merging in another order),
// a close rewritten to take out another ballot than the lot's must be named by `minka check` and
// refused by the seal, a venue file whose box was rewritten must be refused against the slip or
// held, and the join must store nothing that links a voter to a ballot.
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { canonicalize } from '../../shared/canonical';
import { freeze, type FrozenInputs } from '../../shared/results/frozen';
import type { BallotContent } from '../../shared/schemas/voting';
import {
  copyMain,
  handOver,
  type MainFixture,
  venueLaptop,
} from '../../test/helpers/venues-fixture';
import { eachMainWorkshop, refusal } from '../../test/helpers/venues-each';
import { ballotRound, kioskQueue, tallyOf } from '../../test/helpers/ballot-queues';
import { forge, forgePayload } from '../../test/helpers/forge-event';
import { runCli } from '../../test/helpers/cli';
import { sealWarningIds } from '../../test/helpers/minutes-fixture';
import { openWorkshopDb, type Db } from '../platform/db';
import { checkRecord } from '../check/check';
import { sealWorkshop } from '../minutes/seal';
import { chainStatus } from '../platform/events';
import { fingerprint } from '../../shared/fingerprint';
import { signDeviceHead } from './venues';
import { listConflicts, mergeVenue } from './venues-merge';

let dir: string;
let m: MainFixture;
eachMainWorkshop('ballot-adv-', (d, f) => ((dir = d), (m = f)), 8);

const closeOf = (db: Db, round: string) =>
  db
    .prepare(
      "SELECT seq, payload FROM event WHERE type = 'voting.roundClosed' AND json_extract(payload, '$.id') = ? ORDER BY seq DESC LIMIT 1",
    )
    .get(round) as { seq: number; payload: string };

/** Three queues: Ayllu 3 votes at a and b, Ayllu 5 at b and c; 8 ballots for 6 vote holders. */
async function threeQueues() {
  const round = ballotRound(m, 'Votación en tres colas');
  const a = await venueLaptop(m, 1, 'desk-a');
  const b = await venueLaptop(m, 1, 'desk-b');
  const c = await venueLaptop(m, 1, 'desk-c');
  kioskQueue(m, a, round, [0, 1, 2], [0, 0, 1]);
  kioskQueue(m, b, round, [2, 3, 4], [3, 3, 2]);
  kioskQueue(m, c, round, [4, 5], [0, 1]);
  for (const v of [a, b, c]) v.db.close();
  return { round, files: [a.file, b.file, c.file] as const };
}

it('three laptops, two double votes: the same two ballots are drawn out in every order of merging, and check passes', async () => {
  const { round, files } = await threeQueues();
  const [a, b, c] = files;
  const seen: string[] = [];
  for (const [name, order] of [
    ['abc', [a, b, c]],
    ['cba', [c, b, a]],
    ['bca', [b, c, a]],
  ] as const) {
    const db = openWorkshopDb(copyMain(m, name));
    for (const f of order) mergeVenue(db, m.env, f, { withoutSlip: 'prueba' });
    const t = tallyOf(m, db, round);
    // Six vote holders, six ballots: two of the eight drawn out.
    expect(t).toHaveLength(6);
    seen.push(
      canonicalize([t, (JSON.parse(closeOf(db, round).payload) as P)['kioskBallots'] ?? null]),
    );
    expect(checkRecord(db).findings).toEqual([]);
    const conflict = listConflicts(db).find((x) => x.subject === round);
    expect(conflict?.sides.map((s) => s.what)).toEqual([
      expect.objectContaining({
        ballots: 3,
        joined: true,
        twice: ['QUISPE MAMANI, Rosa 3 (40000004)'],
      }),
      expect.objectContaining({
        ballots: 3,
        joined: true,
        twice: ['QUISPE MAMANI, Rosa 3 (40000004)', 'QUISPE MAMANI, Rosa 5 (40000008)'],
      }),
      expect.objectContaining({
        ballots: 2,
        joined: true,
        twice: ['QUISPE MAMANI, Rosa 5 (40000008)'],
      }),
    ]);
    db.close();
  }
  expect(new Set(seen).size).toBe(1);
});

type P = Record<string, unknown>;

it('a laptop joined later that marked none of the double votes adds its ballots and moves nothing the lot drew', async () => {
  const round = ballotRound(m, 'Votación con una cola tardía');
  const a = await venueLaptop(m, 1, 'desk-a');
  const b = await venueLaptop(m, 1, 'desk-b');
  const c = await venueLaptop(m, 1, 'desk-c');
  kioskQueue(m, a, round, [0, 1, 2], [0, 1, 2]);
  kioskQueue(m, b, round, [2, 3, 4], [3, 3, 0]);
  kioskQueue(m, c, round, [5, 6], [1, 1]);
  for (const v of [a, b, c]) v.db.close();
  mergeVenue(m.db, m.env, a.file, { withoutSlip: 'prueba' });
  mergeVenue(m.db, m.env, b.file, { withoutSlip: 'prueba' });
  const before = tallyOf(m, m.db, round);
  expect(before).toHaveLength(5);
  mergeVenue(m.db, m.env, c.file, { withoutSlip: 'prueba' });
  expect(tallyOf(m, m.db, round)).toEqual([...before, 1, 1].sort());
  expect(checkRecord(m.db).findings).toEqual([]);
});

it('the key holder rewrites the joined close to take out another ballot than the lot drew: minka check names it, the seal refuses', async () => {
  const { round, files } = await threeQueues();
  for (const f of files) mergeVenue(m.db, m.env, f, { withoutSlip: 'prueba' });
  const kept = tallyOf(m, m.db, round);
  // Every ballot the three boxes held: [0, 0, 1, 3, 3, 2, 0, 1]; the lot drew two of them.
  const union = [0, 0, 0, 1, 1, 2, 3, 3];
  const drawn = [...union];
  for (const k of kept) drawn.splice(drawn.indexOf(k), 1);
  expect(drawn).toHaveLength(2);
  // The forger keeps the ballots they like: both drawn ones back in, two others out instead,
  // with the frozen result computed again from the new box so that it holds.
  const out = union.filter((x) => !drawn.includes(x)).slice(0, 2);
  const wanted = [...union];
  for (const x of out) wanted.splice(wanted.indexOf(x), 1);
  expect(wanted.sort()).not.toEqual(kept);
  const ballot = (i: number): BallotContent => ({ choices: [m.proposals[i]!], points: null });
  const { seq } = closeOf(m.db, round);
  const file = copyMain(m, 'forged');
  forgePayload(file, seq, (p) => {
    const frozen = p['frozen'] as { inputs: FrozenInputs };
    const ballots = wanted.map(ballot);
    return {
      ...p,
      kioskBallots: ballots,
      frozen: freeze({ ...frozen.inputs, ballots }),
    };
  });
  // `minka check` on the honest file and on the forged one: exit 0, then 1 naming the close.
  const honest = await runCli(['check', copyMain(m, 'honest')]);
  expect([honest.code, honest.err]).toEqual([0, '']);
  const cli = await runCli(['check', file]);
  expect(cli.code).toBe(1);
  expect(cli.err).toContain(
    'Round “Votación en tres colas” was closed with ballots that are not exactly those of the laptops joined',
  );
  const forged = openWorkshopDb(file);
  expect(tallyOf(m, forged, round)).toEqual(wanted);
  const findings = checkRecord(forged).findings;
  expect(findings.join('\n')).toContain(
    `ballot round ${round}: its close does not hold exactly the ballots of the laptops joined`,
  );
  await expect(
    sealWorkshop(
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
    ),
  ).rejects.toThrow();
  forged.close();
});

it('the key holder drops a whole laptop from the joined round (its links deleted, the close and its result rewritten): check names it from the device chains', async () => {
  const round = ballotRound(m, 'Votación con una cola quitada');
  const a = await venueLaptop(m, 1, 'desk-a');
  const b = await venueLaptop(m, 1, 'desk-b');
  kioskQueue(m, a, round, [0, 1, 2], [0, 0, 1]);
  kioskQueue(m, b, round, [3, 4, 5], [3, 3, 2]);
  a.db.close();
  b.db.close();
  mergeVenue(m.db, m.env, a.file, { withoutSlip: 'prueba' });
  mergeVenue(m.db, m.env, b.file, { withoutSlip: 'prueba' });
  expect(tallyOf(m, m.db, round)).toEqual([0, 0, 1, 2, 3, 3]);
  const { seq } = closeOf(m.db, round);
  const file = copyMain(m, 'forged');
  forge(file, (raw) => {
    raw
      .prepare(
        "DELETE FROM applied_event WHERE kit_id = ? AND device_seq IN (SELECT seq FROM device_event WHERE kit_id = ? AND type LIKE 'voting.%')",
      )
      .run(b.kitId, b.kitId);
  });
  forgePayload(file, seq, (p) => {
    const inputs = (p['frozen'] as { inputs: FrozenInputs }).inputs;
    const ballots = [0, 0, 1].map((i) => ({ choices: [m.proposals[i]!], points: null }));
    return { ...p, kioskBallots: ballots, frozen: freeze({ ...inputs, ballots }) };
  });
  const forged = openWorkshopDb(file);
  expect(tallyOf(m, forged, round)).toEqual([0, 0, 1]);
  expect(checkRecord(forged).findings.join('\n')).toContain(
    `ballot round ${round}: its close does not hold exactly the ballots of the laptops joined (${a.kitId})`,
  );
  forged.close();
});

it('a venue file whose box was rewritten and chained again, signed with its own key: refused against the slip; a ballot stuffed in is held, not joined', async () => {
  const round = ballotRound(m, 'Votación con caja cambiada');
  const a = await venueLaptop(m, 1, 'desk-a');
  const b = await venueLaptop(m, 1, 'desk-b');
  kioskQueue(m, a, round, [0, 1, 2], [0, 0, 1]);
  kioskQueue(m, b, round, [3, 4, 5], [3, 3, 2]);
  const slip = fingerprint(chainStatus(b.db).head);
  const closeSeq = closeOf(b.db, round).seq;
  a.db.close();
  b.db.close();
  /** The key holder edits b's close, chains again and signs the head with b's own key. */
  const rewrite = (change: (kb: BallotContent[]) => BallotContent[]) => {
    forgePayload(b.file, closeSeq, (p) => ({
      ...p,
      kioskBallots: change(p['kioskBallots'] as BallotContent[]),
    }));
    forge(b.file, (raw) => raw.prepare('DELETE FROM device_seal').run());
    const db = openWorkshopDb(b.file);
    expect(signDeviceHead(db, b.dataDir)).toBe(true);
    handOver({ ...b, db });
    db.close();
  };
  // Every P-004 becomes P-001: as many ballots as voter marks.
  rewrite((kb) =>
    kb.map((x) => (x.choices[0] === m.proposals[3] ? { ...x, choices: [m.proposals[0]!] } : x)),
  );
  mergeVenue(m.db, m.env, a.file, { withoutSlip: 'prueba' });
  expect(refusal(() => mergeVenue(m.db, m.env, b.file, { slipHead: slip }))).toContain(
    'venues.slip.differs',
  );
  expect(tallyOf(m, m.db, round)).toEqual([0, 0, 1]);
  // One ballot more than b's voter marks: whatever proof, b's box is held, named, not joined.
  rewrite((kb) => [...kb, kb[0]!]);
  const r = mergeVenue(m.db, m.env, b.file, { withoutSlip: 'sin boleta' });
  expect(r.held.map((h) => h.why)).toContain('kioskMismatch');
  expect(tallyOf(m, m.db, round)).toEqual([0, 0, 1]);
  const c = listConflicts(m.db).find((x) => x.subject === round);
  expect(c?.sides.map((s) => [s.source, s.what])).toEqual([
    [a.kitId, expect.objectContaining({ joined: true })],
    [b.kitId, expect.objectContaining({ joined: false, closed: true })],
  ]);
  expect(c?.settled).toBeNull();
});

it('the joined round keeps no voter beside a ballot: an empty box, marks without contents, the close in content order', async () => {
  const { round, files } = await threeQueues();
  for (const f of files) mergeVenue(m.db, m.env, f, { withoutSlip: 'prueba' });
  const db = m.db;
  expect(db.prepare('SELECT COUNT(*) FROM ballot_box').pluck().get()).toBe(0);
  expect(db.prepare('SELECT COUNT(*) FROM ballot WHERE round_id = ?').pluck().get(round)).toBe(0);
  for (const p of db
    .prepare(
      "SELECT payload FROM event WHERE type IN ('voting.voterMarked', 'venues.merged', 'venues.conflictSettled')",
    )
    .pluck()
    .all() as string[]) {
    expect(p).not.toContain('choices');
    expect(p).not.toContain(m.proposals[3]!);
  }
  const kb = (JSON.parse(closeOf(db, round).payload) as P)['kioskBallots'] as BallotContent[];
  expect(kb.map((b) => canonicalize(b))).toEqual(kb.map((b) => canonicalize(b)).sort());
  // Six marks on main, one per vote holder, whoever marked them twice across laptops.
  expect(
    db
      .prepare('SELECT COUNT(DISTINCT voter_key), COUNT(*) FROM round_voter WHERE round_id = ?')
      .raw()
      .get(round),
  ).toEqual([6, 6]);
});
