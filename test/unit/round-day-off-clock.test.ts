// A round opened or closed on another calendar day than its own (adv30 F2), on a fresh
// workshop whose registry comes from a municipal CSV. A round's presence is its venue's open
// check-ins of its `day`; day 2 voted with the door and the round left on day 1 freezes day 1's
// quorum and vote holders. `minka check` (es/quz/en), the record check and the seal name the
// round with its day and the clock's days; the seal refuses until it is confirmed. A round held
// on its own day is not named.
import { describe, expect, it } from 'vitest';
import { roundsOffClock } from '../../shared/attendance/day-off-clock';
import { checkRecord, checkWorkshopFile } from '../../electron/check/check';
import { sealWorkshop } from '../../electron/minutes/seal';
import { chooseOfficialRound, officialWarnings } from '../../electron/results/official';
import { runCli } from '../helpers/cli';
import { ok, useHoldersWorkshop } from '../helpers/holders-workshop';
import { SEAL_OPTS, sealWarningIds } from '../helpers/minutes-fixture';

describe('rounds held on another day than their own', () => {
  const h = useHoldersWorkshop();
  const dayOff = (ids: string[]) => ids.filter((x) => x.startsWith('roundDayOffClock:'));

  it('every opening and close counts, in any order: the earliest opening, the latest close (adv31 F4)', () => {
    const row = {
      id: 'r1',
      title: 'Dos mesas',
      venueId: 'v1',
      day: '2026-05-15',
      state: 'closed',
      openedAt: '2026-05-15T15:00:00Z', // the desk joined first, 10:00 in Lima
      closedAt: '2026-05-15T16:00:00Z',
    };
    const venues = [{ id: 'v1', name: 'Sede' }];
    const desks = ['2026-05-15T15:00:00Z', '2026-05-14T23:00:00Z']; // desk c: 14/05 18:00
    expect(roundsOffClock([row], venues, 'America/Lima')).toEqual([]);
    for (const openings of [desks, [...desks].reverse()])
      expect(roundsOffClock([{ ...row, openings, closes: [] }], venues, 'America/Lima')).toEqual([
        {
          roundId: 'r1',
          title: 'Dos mesas',
          venue: 'Sede',
          day: '2026-05-15',
          opened: '2026-05-14',
          closed: '2026-05-15',
        },
      ]);
    const late = { ...row, closes: ['2026-05-16T15:00:00Z', '2026-05-15T16:00:00Z'] };
    expect(roundsOffClock([late], venues, 'America/Lima')[0]?.closed).toBe('2026-05-16');
    // An open round's closes are not its close.
    expect(roundsOffClock([{ ...late, state: 'open' }], venues, 'America/Lima')).toEqual([]);
  });

  it('a round opened and closed on its day is not named', async () => {
    for (const name of ['Dionisio', 'Teófilo']) await h.checkIn(name);
    h.closeARound(); // 14/05, clock 14/05 in Lima
    expect(checkRecord(h.w.db).checkInDays.rounds).toEqual([]);
    expect(dayOff(sealWarningIds(h.w.db))).toEqual([]);
  });

  it('day 2 voted under day 1: named by check (es/quz/en, --json), the record check and the seal', async () => {
    for (const name of ['Dionisio', 'Teófilo']) await h.checkIn(name);
    h.clock = Date.parse('2026-05-15T15:00:00Z'); // the next morning, 10:00 in Lima
    const round = h.closeARound(); // its day: the venue's, 14/05
    const named = {
      roundId: round,
      title: expect.any(String) as unknown as string,
      venue: 'Sede central',
      day: '2026-05-14',
      opened: '2026-05-15',
      closed: '2026-05-15',
    };
    expect(checkRecord(h.w.db).checkInDays.rounds).toEqual([named]);
    const verified = await ok<{ checkInDays?: { rounds?: unknown[] } }>(
      h.core.dispatch('chain:verify', { workshopId: h.w.id }),
    );
    expect(verified.checkInDays?.rounds).toEqual([named]);
    const { db } = h.w;
    chooseOfficialRound(db, h.env, { roundId: round, confirmed: officialWarnings(db, round) });
    const id = `roundDayOffClock:${round}`;
    expect(dayOff(sealWarningIds(db))).toEqual([id]);
    const at = new Date('2026-05-15T20:00:00Z');
    const refused = await sealWorkshop(
      db,
      h.dir,
      at,
      { ...SEAL_OPTS, acknowledged: sealWarningIds(db).filter((x) => x !== id) },
      checkRecord,
    ).then(
      () => null,
      (e: unknown) => e as { key: string },
    );
    expect(refused?.key).toBe('minutes.error.sealUnconfirmed');
    await sealWorkshop(
      db,
      h.dir,
      at,
      { ...SEAL_OPTS, acknowledged: sealWarningIds(db) },
      checkRecord,
    );
    h.core.closeAll();
    const r = await checkWorkshopFile(h.file);
    expect(r.ok).toBe(true); // a warning: the exit code stays 0
    expect(r.checkInDays?.rounds).toEqual([named]);
    const es = await runCli(['check', h.file], 'es');
    expect(es.code).toBe(0);
    expect(es.out).toContain('Votaciones abiertas o cerradas en otro día que el suyo (1):');
    expect(es.out).toMatch(
      /\(Sede central\), del 14\/05\/2026: abierta el 15\/05\/2026 y cerrada el 15\/05\/2026 según el reloj\./,
    );
    const quz = await runCli(['check', h.file], 'quz');
    expect(quz.out).toContain("14/05/2026 p'unchawpaq: relojpi 15/05/2026 p'unchawpi kichasqa");
    const en = await runCli(['check', h.file], 'en');
    expect(en.out).toContain('of 14/05/2026: opened on 15/05/2026 and closed on 15/05/2026');
    const json = JSON.parse((await runCli(['check', h.file, '--json'])).out) as {
      checkInDays?: { rounds?: unknown[] };
    };
    expect(json.checkInDays?.rounds).toEqual([named]);
  });
});
