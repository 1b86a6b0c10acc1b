// Check-ins filed under a day that is not the day on their clock (fac30 HIGH), from a fresh
// workshop whose registry comes from a municipal CSV: the venue's date typed wrong (24/05 for
// 14/05), three people checked in on 14/05 by the clock (the door files them as day 24/05),
// then the date corrected to 14/05. `minka check`, the record check and the seal name the venue
// and the count; the seal refuses until it is confirmed. One day's distance is tolerated (the
// demo's Tinkiwasi check-ins are clocked the evening before their day).
import { describe, expect, it } from 'vitest';
import { checkRecord, checkWorkshopFile } from '../../electron/check/check';
import { sealWorkshop } from '../../electron/minutes/seal';
import { chooseOfficialRound, officialWarnings } from '../../electron/results/official';
import { getSetup } from '../../electron/workshop/workshop';
import { checkInsOffClock, checkInsTheEveBefore } from '../../shared/attendance/day-off-clock';
import { runCli } from '../helpers/cli';
import { ok, useHoldersWorkshop } from '../helpers/holders-workshop';
import { demoDb, SEAL_OPTS, sealWarningIds } from '../helpers/minutes-fixture';
import { tempDir } from '../helpers/tmp';

describe('check-ins recorded off their clock day', () => {
  const h = useHoldersWorkshop();

  const setVenueDate = async (date: string) => {
    const setup = getSetup(h.w.db);
    await ok(
      h.core.dispatch('workshop:saveSetup', {
        workshopId: h.w.id,
        setup: { ...setup, venues: setup.venues.map((v) => ({ ...v, date })) },
      }),
    );
  };

  /** The date typed as 24/05, three check-ins on 14/05 by the clock, the date corrected. */
  const wrongDate = async (typed: string) => {
    await setVenueDate(typed);
    h.venue.date = typed; // the door's day: the venue's saved date
    for (const name of ['Dionisio', 'Teófilo', 'Fortunato']) await h.checkIn(name);
    await setVenueDate('2026-05-14');
  };

  it('names the venue and the count in minka check, the record check and the seal', async () => {
    const id = () => `checkInDayOffClock:${h.venue.id}`;
    expect(sealWarningIds(h.w.db).filter((x) => x.startsWith('checkInDayOffClock'))).toEqual([]);
    await wrongDate('2026-05-24');
    const named = {
      venueId: h.venue.id,
      name: 'Sede central',
      count: 3,
      total: 3,
      day: '2026-05-24',
      clock: '2026-05-14',
    };
    expect(checkRecord(h.w.db).checkInDays).toEqual({ venues: [named], eve: [], rounds: [] });
    expect(
      (await ok<{ checkInDays?: unknown }>(h.core.dispatch('chain:verify', { workshopId: h.w.id })))
        .checkInDays,
    ).toEqual({ venues: [named], eve: [], rounds: [] });
    // A round at the day they were filed under (the one at the corrected date has no one).
    const round = h.closeARound();
    chooseOfficialRound(h.w.db, h.env, {
      roundId: round,
      confirmed: officialWarnings(h.w.db, round),
    });
    const { db } = h.w;
    expect(sealWarningIds(db)).toContain(id());
    const at = new Date('2026-05-14T20:00:00Z');
    const refused = await sealWorkshop(
      db,
      h.dir,
      at,
      { ...SEAL_OPTS, acknowledged: sealWarningIds(db).filter((x) => x !== id()) },
      checkRecord,
    ).then(
      () => null,
      (e: unknown) => e as { key: string; params: { list: string } },
    );
    expect(refused?.key).toBe('minutes.error.sealUnconfirmed');
    expect(refused?.params.list).toContain(`${id()} («Sede central»)`);
    await sealWorkshop(
      db,
      h.dir,
      at,
      { ...SEAL_OPTS, acknowledged: sealWarningIds(db) },
      checkRecord,
    );
    h.core.closeAll();
    // minka check: intact (a warning, the exit code stays 0), the venue and the count named.
    const r = await checkWorkshopFile(h.file);
    expect(r.ok).toBe(true);
    expect(r.checkInDays?.venues).toEqual([named]);
    // The round filed under 24/05 and closed on 14/05 by the clock is named too (adv30 F2).
    expect(r.checkInDays?.rounds?.map((x) => [x.day, x.closed])).toEqual([
      ['2026-05-24', '2026-05-14'],
    ]);
    const es = await runCli(['check', h.file], 'es');
    expect(es.code).toBe(0);
    expect(es.out).toContain(
      '«Sede central»: 3 de 3 registros con otro día; el primero, registrado como del 24/05/2026, se hizo el 14/05/2026 según el reloj.',
    );
    const en = await runCli(['check', h.file], 'en');
    expect(en.out).toContain('“Sede central”: 3 of 3 check-ins on another day');
    const json = JSON.parse((await runCli(['check', h.file, '--json'])).out) as {
      checkInDays?: { venues: unknown[] };
    };
    expect(json.checkInDays?.venues).toEqual([named]);
  });

  it('one day off is tolerated (arrivals the evening before); two days are not', async () => {
    await wrongDate('2026-05-15');
    expect(checkRecord(h.w.db).checkInDays.venues).toEqual([]);
    expect(sealWarningIds(h.w.db).some((x) => x.startsWith('checkInDayOffClock'))).toBe(false);
    const v = [{ id: 'v', name: 'V' }];
    const at = (day: string, checkedInAt: string, undoneAt: string | null = null) => ({
      venueId: 'v',
      day,
      checkedInAt,
      undoneAt,
    });
    // Two days, in the workshop's zone: 23:30 in Lima on 12/05 is 04:30Z on 13/05.
    expect(checkInsOffClock(v, [at('2026-05-14', '2026-05-13T04:30:00Z')], 'America/Lima')).toEqual(
      [{ venueId: 'v', name: 'V', count: 1, total: 1, day: '2026-05-14', clock: '2026-05-12' }],
    );
    expect(checkInsOffClock(v, [at('2026-05-14', '2026-05-13T04:30:00Z')], 'UTC')).toEqual([]);
    // An undone check-in counts nowhere, here neither.
    expect(
      checkInsOffClock(
        v,
        [at('2026-05-24', '2026-05-14T15:00:00Z', '2026-05-14T15:01:00Z')],
        'UTC',
      ),
    ).toEqual([]);
  });

  it('check-ins the evening before: named only for people checked in on that earlier day', () => {
    const v = [{ id: 'v', name: 'V' }];
    const at = (participantId: string, day: string, checkedInAt: string) => ({
      participantId,
      venueId: 'v',
      day,
      checkedInAt,
      undoneAt: null,
    });
    const day1 = (p: string) => at(p, '2026-05-14', '2026-05-14T15:00:00Z'); // 10:00 Lima
    const eve = (p: string) => at(p, '2026-05-15', '2026-05-15T00:00:00Z'); // 14/05 19:00 Lima
    const today = (p: string) => at(p, '2026-05-15', '2026-05-15T15:00:00Z');
    // a and b were in on day 1 and checked in for day 2 that evening; c arrived from far away
    // that evening (no day-1 check-in); d came on day 2.
    const rows = [day1('a'), day1('b'), eve('a'), eve('b'), eve('c'), today('d')];
    expect(checkInsTheEveBefore(v, rows, 'America/Lima')).toEqual([
      { venueId: 'v', name: 'V', day: '2026-05-15', count: 2, total: 4 },
    ]);
    expect(checkInsTheEveBefore(v, [eve('c'), today('d')], 'America/Lima')).toEqual([]);
    // In UTC the evening check-ins are on 15/05 by the clock: not before their day.
    expect(checkInsTheEveBefore(v, rows, 'UTC')).toEqual([]);
  });

  it('the demo (Tinkiwasi clocked the evening before its 15/05) is not named', () => {
    const { dir, cleanup } = tempDir('minka-demo-day-');
    const db = demoDb(dir);
    try {
      expect(checkRecord(db).checkInDays.venues).toEqual([]);
      expect(sealWarningIds(db).some((x) => x.startsWith('checkInDayOffClock'))).toBe(false);
      // Nor as check-ins the evening before (adv31 F3): they were not checked in on 14/05.
      expect(checkRecord(db).checkInDays.eve).toEqual([]);
      expect(sealWarningIds(db).some((x) => x.startsWith('checkInEve'))).toBe(false);
    } finally {
      db.close();
      cleanup();
    }
  });
});
