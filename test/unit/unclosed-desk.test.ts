// adv30b F4: a ballot round run at two desks (laptops) of one venue, where desk c marked voters
// and never closed the round. Its ballots stayed in c's box, counted nowhere: the conflict's side
// counts c's voters, `minka check` lists the desk with its voter count (es/en, --json; the exit
// code unchanged: a warning), the seal asks to confirm unclosedDesk:ROUND naming the kit and the
// count, and nothing says how anyone voted. A ruling for desk a does not drop c for good: closed
// there and merged again, its ballots are joined. An honest round where both desks closed is
// not named. adv31 F1: a desk's paper serials count when any typist typed them and nobody
// voided them, agreed or not, so a pile only typist A typed names the desk too.
import { expect, it } from 'vitest';
import { type MainFixture, venueLaptop, handOver } from '../helpers/venues-fixture';
import { eachMainWorkshop, refusal } from '../helpers/venues-each';
import { ballotRound, kioskQueue, present, tallyOf } from '../helpers/ballot-queues';
import { sealWarningIds } from '../helpers/minutes-fixture';
import { runCli } from '../helpers/cli';
import { openWorkshopDb } from '../../electron/platform/db';
import { enterPaperBallot, resolvePaper } from '../../electron/voting/paper';
import { closeRound } from '../../electron/voting/close-round';
import { openRound } from '../../electron/voting/voting';
import { checkRecord } from '../../electron/check/check';
import { requireSealWarnings, sealWarnings } from '../../electron/minutes/seal-warnings';
import { Core } from '../../electron/core/core';
import { listConflicts, mergeVenue, settleConflict } from '../../electron/venues/venues-merge';
import { unclosedDeskLines } from '../../shared/voting/unclosed-desks';
import { t } from '../../shared/i18n';

let m: MainFixture;
eachMainWorkshop('unclosed-desk-', (_d, f) => (m = f), 8);

it('a desk that marked three voters and never closed is named with its count, not its votes', async () => {
  const round = ballotRound(m, 'Votación en dos mesas');
  const a = await venueLaptop(m, 1, 'desk-a');
  const c = await venueLaptop(m, 1, 'desk-c');
  kioskQueue(m, a, round, [0, 1, 2], [0, 0, 1]);
  kioskQueue(m, c, round, [3, 4, 5], [3, 3, 3], false); // the round left open on desk c
  a.db.close();
  c.db.close();
  for (const v of [a, c]) mergeVenue(m.db, m.env, v.file, { withoutSlip: 'prueba' });
  expect(tallyOf(m, m.db, round)).toEqual([0, 0, 1]);

  // The conflict's side for desk c counts its voters.
  const conflict = listConflicts(m.db).find((x) => x.subject === round)!;
  const sideC = conflict.sides.find((x) => x.source === c.kitId)!;
  expect(sideC.what).toMatchObject({ closed: false, ballots: 0, voters: 3 });
  settleConflict(m.db, m.env, { id: conflict.id, choice: a.kitId, note: 'La mesa C no cerró' });

  // minka check: a warning naming the desk and its voters, no finding.
  const record = checkRecord(m.db);
  expect(record.findings).toEqual([]);
  const desk = {
    roundId: round,
    title: 'Votación en dos mesas',
    venue: m.venues[1]!.name,
    kitId: c.kitId,
    kit: c.kitId.slice(0, 8),
    voters: 3,
    papers: 0,
  };
  expect(record.venues.unclosed).toEqual([desk]);
  const lines = unclosedDeskLines(record.venues.unclosed).map((l) => t('es', l.key, l.params));
  expect(lines[1]).toBe(
    `«Votación en dos mesas» (${desk.venue}), kit ${desk.kit}: 3 votantes marcados; sus cédulas no se contaron.`,
  );
  m.db.pragma('wal_checkpoint(TRUNCATE)');
  const cli = await runCli(['check', m.file], 'en');
  expect(cli.out).toContain(`kit ${desk.kit}: 3 voters marked; their ballots were not counted.`);
  const json = await runCli(['check', m.file, '--json']);
  expect(json.code).toBe(cli.code); // a warning: the exit code is the same either way
  const parsed = JSON.parse(json.out) as { venues: { unclosed: unknown } };
  expect(parsed.venues.unclosed).toEqual([desk]);
  // Registro → Verificar (chain:verify) lists it too.
  const core = new Core({ dataDir: m.dir, host: 'cli' });
  try {
    const opened = core.openReadOnly(m.file);
    expect((await core.call('chain:verify', { workshopId: opened.id })).unclosed).toEqual([desk]);
  } finally {
    core.closeAll();
  }

  // The seal asks to confirm it, naming the kit and the count.
  const w = sealWarnings(m.db, 'es').find((x) => x.id === `unclosedDesk:${round}`);
  expect(w?.params).toMatchObject({ kit: desk.kit, count: 3, papers: 0 });
  expect(t('es', w!.key, w!.params)).toContain(`laptop del kit ${desk.kit} marcó a 3 votantes`);
  const others = sealWarningIds(m.db, 'es').filter((id) => id !== w!.id);
  expect(refusal(() => requireSealWarnings(m.db, others, 'es'))).toContain(
    `unclosedDesk:${round} («Votación en dos mesas»)`,
  );

  // Secrecy: counts of voters only; nothing names the proposal they chose.
  const said = JSON.stringify([record.venues.unclosed, w, sideC.what, json.out]);
  for (const p of m.proposals) expect(said).not.toContain(p);
  expect(said).not.toContain('P-004');

  // The ruling dropped nothing for good: closed on desk c and merged again, its box is joined.
  const again = openWorkshopDb(c.file);
  closeRound(again, c.env, round);
  handOver({ ...c, db: again });
  again.close();
  mergeVenue(m.db, m.env, c.file, { withoutSlip: 'prueba' });
  expect(tallyOf(m, m.db, round)).toEqual([0, 0, 1, 3, 3, 3]);
  expect(checkRecord(m.db).venues.unclosed).toBeUndefined();
  const ids = sealWarningIds(m.db, 'es');
  expect(ids).not.toContain(`unclosedDesk:${round}`);
  expect(ids).toContain(`ballotsJoined:${round}`);
});

it('an honest round where both desks closed is not named', async () => {
  const round = ballotRound(m, 'Votación en dos mesas');
  const a = await venueLaptop(m, 1, 'desk-a');
  const c = await venueLaptop(m, 1, 'desk-c');
  kioskQueue(m, a, round, [0, 1, 2], [0, 0, 1]);
  kioskQueue(m, c, round, [3, 4, 5], [3, 3, 2]);
  a.db.close();
  c.db.close();
  for (const v of [a, c]) mergeVenue(m.db, m.env, v.file, { withoutSlip: 'prueba' });
  expect(tallyOf(m, m.db, round)).toEqual([0, 0, 1, 2, 3, 3]);
  const record = checkRecord(m.db);
  expect(record.findings).toEqual([]);
  expect(record.venues.unclosed).toBeUndefined();
  expect(sealWarningIds(m.db, 'es').filter((id) => id.startsWith('unclosedDesk:'))).toEqual([]);
  m.db.pragma('wal_checkpoint(TRUNCATE)');
  expect((await runCli(['check', m.file], 'en')).out).not.toContain('never closed');
});

it('one desk alone that never closed: no conflict to rule, still named by check and the seal', async () => {
  const round = ballotRound(m, 'Votación en una mesa');
  const c = await venueLaptop(m, 1, 'desk-c');
  kioskQueue(m, c, round, [3, 4], [1, 1], false);
  c.db.close();
  mergeVenue(m.db, m.env, c.file, { withoutSlip: 'prueba' });
  expect(listConflicts(m.db).filter((x) => x.subject === round)).toEqual([]);
  expect(checkRecord(m.db).venues.unclosed?.map((d) => [d.kit, d.voters])).toEqual([
    [c.kitId.slice(0, 8), 2],
  ]);
  const w = sealWarnings(m.db, 'es').find((x) => x.id === `unclosedDesk:${round}`);
  expect(w?.params).toMatchObject({ count: 2, papers: 0 });
});

it('a desk that only typed papers, agreed or not, is named by the serials typed (voided: not)', async () => {
  const round = ballotRound(m, 'Votación en dos mesas');
  const a = await venueLaptop(m, 1, 'desk-a');
  const c = await venueLaptop(m, 1, 'desk-c');
  kioskQueue(m, a, round, [0, 1, 2], [0, 0, 1]);
  present(m, c, [m.people[3]![0]]);
  openRound(c.db, c.env, round);
  const paper = (serial: string, typist: 'A' | 'B', i: number) =>
    enterPaperBallot(c.db, c.env, {
      roundId: round,
      serial,
      typist,
      ballot: { choices: [m.proposals[i]!], points: null },
    });
  paper('0201', 'A', 3); // both typists agree
  paper('0201', 'B', 3);
  paper('0202', 'A', 3); // they disagree, nobody resolved it
  paper('0202', 'B', 2);
  paper('0203', 'A', 3); // typist B never got to it
  paper('0204', 'A', 3); // voided on the paper in hand
  resolvePaper(c.db, c.env, { roundId: round, serial: '0204', keep: 'void' });
  handOver(c);
  a.db.close();
  c.db.close();
  for (const v of [a, c]) mergeVenue(m.db, m.env, v.file, { withoutSlip: 'prueba' });

  const conflict = listConflicts(m.db).find((x) => x.subject === round)!;
  const sideC = conflict.sides.find((x) => x.source === c.kitId)!;
  expect(sideC.what).toMatchObject({ closed: false, ballots: 1, voters: 0, papers: 3 });
  expect(t('es', 'venues.side.ballotsNotClosedVoters', { voters: 0, papers: 3 })).toContain(
    '0 votantes marcados y 3 cédulas de papel digitadas',
  );
  const record = checkRecord(m.db);
  expect(record.venues.unclosed?.map((d) => [d.kitId, d.voters, d.papers])).toEqual([
    [c.kitId, 0, 3],
  ]);
  const w = sealWarnings(m.db, 'es').find((x) => x.id === `unclosedDesk:${round}`);
  expect(w?.params).toMatchObject({ count: 0, papers: 3 });
  // Counts only: nothing names what the papers say.
  const said = JSON.stringify([record.venues.unclosed, w, sideC.what]);
  for (const p of m.proposals) expect(said).not.toContain(p);
});
