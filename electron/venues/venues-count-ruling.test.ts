// adv27 (adversary, fac27), venfix: two voting desks at one venue enter different show-of-hands
// counts for the venue's round. Main applied the counts of the kit prepared first, whatever the
// merge order; the conflict was then settled for the OTHER desk ("vale 9702-…"), the Acta
// printed that settlement, and the official list was still computed from the counts the
// settlement rejected. No warning, no refusal, `check` ok. A facilitator who prepares a shadow
// desk kit first decided the venue's result. Now the ruling decides whose counts are applied
// (venues-ruling.ts), the seal asks to confirm the moved result, the Acta says so, and `check`
// names a record whose closed result is not the chosen laptop's.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import {
  handOver,
  type MainFixture,
  type VenueLaptop,
  venueLaptop,
} from '../../test/helpers/venues-fixture';
import { eachMainWorkshop } from '../../test/helpers/venues-each';
import { checkIn } from '../attendance/attendance';
import { getSealed } from '../minutes/minutes';
import { sealWorkshop } from '../minutes/seal';
import { requireSealWarnings, sealWarnings } from '../minutes/seal-warnings';
import { chooseOfficialRound, officialWarnings } from '../results/official';
import { roundResults } from '../results/results';
import { openRound } from '../voting/voting';
import { enterCount } from '../voting/hands';
import { closeRound } from '../voting/close-round';
import { roundDetail } from '../voting/round-reads';
import { exportWorkshop } from '../export/export';
import { checkRecord } from '../check/check';
import { appendEvent } from '../platform/events';
import { listConflicts, mergeVenue, settleConflict } from './venues-merge';
import { MinutesPayload } from '../../shared/minutes/payload';

let dir: string;
let m: MainFixture;
eachMainWorkshop('adv27-counts-', (d, f) => ((dir = d), (m = f)), 6);

const SHADOW = [3, 0, 0, 0];
const ROOM_SAW = [0, 0, 0, 3];

/** A shadow desk kit prepared first, the room's desk second; both count the venue's round. */
async function twoDesks(): Promise<{ shadow: VenueLaptop; desk: VenueLaptop; round: string }> {
  const shadow = await venueLaptop(m, 1, 'shadow'); // prepared first
  const desk = await venueLaptop(m, 1, 'desk');
  const venue = m.venues[1]!;
  const round = m.rounds[1]!;
  const run = (v: VenueLaptop, who: [string, string][], counts: number[]) => {
    for (const [t] of who)
      checkIn(v.db, v.env, {
        participantId: t,
        venueId: venue.id,
        day: venue.date,
        signMethod: 'signature',
        witness: '',
      });
    openRound(v.db, v.env, round);
    m.proposals.forEach((p, i) =>
      enterCount(v.db, v.env, { roundId: round, itemId: p, operator: 'A', count: counts[i]! }),
    );
    closeRound(v.db, v.env, round);
    handOver(v);
  };
  run(shadow, m.people.slice(0, 3), SHADOW);
  run(desk, m.people.slice(3, 6), ROOM_SAW);
  return { shadow, desk, round };
}

const counts = (round: string) => roundDetail(m.db, round).counts.map((x) => x.mine);
const seal = (acknowledged: string[] = []) =>
  sealWorkshop(
    m.db,
    join(dir, 'main-data'),
    new Date('2026-05-16T22:00:00Z'),
    {
      lang: 'es',
      bilingual: false,
      slips: false,
      passphrase: null,
      acknowledged,
    },
    checkRecord,
  );

it('a counts conflict settled for one desk: the result follows that desk, or the seal refuses (adv27)', async () => {
  const { shadow, desk, round } = await twoDesks();
  // The room's desk is merged first: the order of files does not matter here.
  mergeVenue(m.db, m.env, desk.file, { withoutSlip: 'prueba' });
  mergeVenue(m.db, m.env, shadow.file, { withoutSlip: 'prueba' });
  const c = listConflicts(m.db).find((x) => x.kind === 'roundCounts');
  expect(c).toBeDefined();
  settleConflict(m.db, m.env, {
    id: c!.id,
    choice: desk.kitId,
    note: 'Es la mesa que vio la sala',
  });
  const applied = counts(round);
  chooseOfficialRound(m.db, m.env, { roundId: round, confirmed: officialWarnings(m.db, round) });
  const sealed = await seal().then(
    () => true,
    () => false,
  );
  // Sealed with the counts the settlement rejected ([3,0,0,0]) is the defect.
  expect({ sealed, counts: sealed ? applied : ROOM_SAW }).toEqual({ sealed, counts: ROOM_SAW });
});

it('either merge order, either ruling: results, export and Acta follow the ruling; the seal asks to confirm the moved result', async () => {
  const { shadow, desk, round } = await twoDesks();
  mergeVenue(m.db, m.env, shadow.file, { withoutSlip: 'prueba' });
  mergeVenue(m.db, m.env, desk.file, { withoutSlip: 'prueba' });
  // Before any ruling the first kit's counts are applied (the rule the README states).
  expect(counts(round)).toEqual(SHADOW);
  const c = listConflicts(m.db).find((x) => x.kind === 'roundCounts')!;
  settleConflict(m.db, m.env, { id: c.id, choice: desk.kitId, note: 'Es la mesa que vio la sala' });
  expect(counts(round)).toEqual(ROOM_SAW);
  const res = roundResults(m.db, round);
  if (res.kind !== 'priority') throw new Error('a priority round');
  const votes = new Map(res.value.projects.map((r) => [r.proposalId, r.votes]));
  expect(m.proposals.map((p) => votes.get(p))).toEqual(ROOM_SAW);
  const ex = exportWorkshop(m.db, new Date('2026-05-16T21:00:00Z')) as unknown as {
    rounds: { id: string; handsEntries: { itemId: string; count: number }[] }[];
  };
  const hands = ex.rounds.find((r) => r.id === round)!.handsEntries;
  expect(m.proposals.map((p) => hands.find((h) => h.itemId === p)?.count)).toEqual(ROOM_SAW);
  expect(checkRecord(m.db).findings).toEqual([]);
  chooseOfficialRound(m.db, m.env, { roundId: round, confirmed: officialWarnings(m.db, round) });
  const ws = sealWarnings(m.db);
  expect(ws.find((w) => w.id === `countsRuled:${round}`)?.params).toMatchObject({
    kit: desk.kitId.slice(0, 8),
  });
  expect(() => requireSealWarnings(m.db, ['committeeEmpty'])).toThrow(
    'minutes.error.sealUnconfirmed',
  );
  const { pdf } = await seal(ws.map((w) => w.id));
  const payload = MinutesPayload.parse(JSON.parse(getSealed(m.db)?.payload ?? '{}'));
  expect(payload.conflicts?.find((x) => x.kind === 'roundCounts')).toMatchObject({
    choice: desk.kitId,
    reapplied: true,
  });
  const f = join(dir, 'acta.pdf');
  writeFileSync(f, pdf);
  if (process.env['VENFIX_OUT']) writeFileSync(`${process.env['VENFIX_OUT']}.ruling.pdf`, pdf);
  const s = execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' }).replace(
    /\s+/g,
    ' ',
  );
  expect(s).toContain('Los conteos de esa laptop reemplazaron, después del cierre');
});

it('check names a ruling recorded without its counts applied, and a forged applied link (adv27)', async () => {
  const { shadow, desk, round } = await twoDesks();
  mergeVenue(m.db, m.env, shadow.file, { withoutSlip: 'prueba' });
  mergeVenue(m.db, m.env, desk.file, { withoutSlip: 'prueba' });
  const c = listConflicts(m.db).find((x) => x.kind === 'roundCounts')!;
  // The adversary writes the settlement as the old code did: the decision only.
  const at = '2026-05-16T20:00:00.000Z';
  m.db
    .prepare(
      'UPDATE merge_conflict SET settled_choice = ?, settled_note = ?, settled_at = ? WHERE id = ?',
    )
    .run(desk.kitId, 'x', at, c.id);
  m.db.transaction(() =>
    appendEvent(m.db, new Date(at), {
      type: 'venues.conflictSettled',
      payload: { id: c.id, kind: c.kind, subject: c.subject, choice: desk.kitId, note: 'x' },
    }),
  )();
  expect(counts(round)).toEqual(SHADOW);
  const a = checkRecord(m.db);
  expect(a.ok).toBe(false);
  expect(a.findings.join('\n')).toContain(
    `round ${round} settled for device ${desk.kitId}, yet its closed result is not that device's counts (applied from ${shadow.kitId})`,
  );
  // And relinking main's close to the desk's close event does not pass it off.
  const closeSeq = m.db
    .prepare(
      "SELECT seq FROM event WHERE type = 'voting.roundClosed' AND json_extract(payload, '$.id') = ? ORDER BY seq DESC LIMIT 1",
    )
    .pluck()
    .get(round) as number;
  const deskClose = m.db
    .prepare(
      "SELECT seq FROM device_event WHERE kit_id = ? AND type = 'voting.roundClosed' ORDER BY seq DESC LIMIT 1",
    )
    .pluck()
    .get(desk.kitId) as number;
  m.db
    .prepare('UPDATE applied_event SET kit_id = ?, device_seq = ? WHERE main_seq = ?')
    .run(desk.kitId, deskClose, closeSeq);
  const b = checkRecord(m.db);
  expect(b.ok).toBe(false);
  expect(b.findings.join('\n')).toContain(
    `round ${round} settled for device ${desk.kitId}, yet its closed result is not that device's counts (applied from ${desk.kitId})`,
  );
  await expect(seal()).rejects.toThrow();
});
