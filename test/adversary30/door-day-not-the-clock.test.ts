// Adversary adv30 (item 2): the day people met is read from the door's `day` field, which is the
// operator's choice (the door screen starts it at the venue's saved date and has a "next day"
// button; dispatch takes any day), never from the laptop's clock. adv29 MEDIUM 3 was fixed by
// comparing the venue's saved date with its first check-in *day*: both are the facilitator's.
//
// What the attacker does (no raw edit, the ordinary screens / dispatch): the invitations went
// out on 04/05 for a workshop held on 14/05 (10 days; the setup asks 15). Before the door opens,
// the facilitator saves the venue's date as 21/05 (17 days). The door's day defaults to it, so
// every check-in made on 14/05 (clock, `checked_in_at`, the event's `at`) says day 21/05; the
// round is created for 21/05 and closed on 14/05; the Acta is sealed on 14/05.
// What the record then says: the convocation line "0 enviadas con menos de 15 días", the export's
// notice 17 days for each invitation, no venueDateMoved warning, `minka check` intact with no
// venue-date lines: the notice the room actually had (10 days) is nowhere.
// Severity: MEDIUM (same harm as adv29 MEDIUM 3, which this bypasses: a convocation short of the
// ordinance's notice printed as on time in the signed Acta, check green).
// Suggested fix: take the day people met from the clock (the workshop's calendar day of the first
// check-in's `checked_in_at`/event time), or name in the seal's warnings and `minka check` the
// check-ins whose `day` is not the calendar day of their own clock time (paper sheets typed in
// later are then named, not silently believed).
// Named since stop 30 (doorday): a check-in recorded more than a day from its clock's day is
// named by minka check and asked at the seal (checkInDayOffClock:VENUE); run as a plain test.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { checkRecord, checkWorkshopFile } from '../../electron/check/check';
import { exportWorkshop } from '../../electron/export/export';
import { sealWorkshop } from '../../electron/minutes/seal';
import { chooseOfficialRound, officialWarnings } from '../../electron/results/official';
import { getSetup } from '../../electron/workshop/workshop';
import { useHoldersWorkshop, ok } from '../helpers/holders-workshop';
import { SEAL_OPTS, sealWarningIds } from '../helpers/minutes-fixture';

const h = useHoldersWorkshop();

it('a door day set to a later date than the clock hides a late convocation', async () => {
  const { w, core } = h;
  const setup = getSetup(w.db);
  expect(setup.minNoticeDays).toBe(15);
  const reg = await ok<{ organizations: { id: string }[] }>(
    core.dispatch('registry:get', { workshopId: w.id }),
  );
  for (const o of reg.organizations)
    await ok(
      core.dispatch('convocation:add', {
        workshopId: w.id,
        invitation: { organizationId: o.id, sentOn: '2026-05-04', channel: 'radio', note: '' },
      }),
    );
  // Before the door opens (the clock reads 14/05): the venue's date saved as 21/05.
  await ok(
    core.dispatch('workshop:saveSetup', {
      workshopId: w.id,
      setup: { ...setup, venues: setup.venues.map((v) => ({ ...v, date: '2026-05-21' })) },
    }),
  );
  h.venue.date = '2026-05-21'; // the door's day: the venue's date, as the screen starts it
  for (const name of ['Dionisio', 'Teófilo', 'Fortunato']) {
    const r = await h.checkIn(name);
    expect(r.checkedInAt.slice(0, 10)).toBe('2026-05-14'); // the clock: 14/05 (UTC-5: 10:00)
  }
  const round = h.closeARound();
  chooseOfficialRound(w.db, h.env, { roundId: round, confirmed: officialWarnings(w.db, round) });
  const warnings = sealWarningIds(w.db);
  const { pdf } = await sealWorkshop(
    w.db,
    h.dir,
    new Date('2026-05-14T20:00:00Z'),
    { ...SEAL_OPTS, acknowledged: warnings },
    checkRecord,
  );
  const f = join(h.dir, 'acta.pdf');
  writeFileSync(f, pdf);
  const text = execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' }).replace(
    /\s+/g,
    ' ',
  );
  const exported = exportWorkshop(w.db, new Date()).invitations.map((i) => i.noticeDays);
  h.core.closeAll();
  const r = await checkWorkshopFile(h.file);
  console.log('[adv30 F1] warnings', warnings, 'export notice', exported);
  console.log('[adv30 F1] acta', /.{40}enviadas con menos.{40}/.exec(text)?.[0]);
  console.log(
    '[adv30 F1] check ok',
    r.ok,
    r.minutes?.ok,
    'venueDates',
    JSON.stringify(r.venueDates),
  );
  // What the room had: 10 days' notice, three invitations late. Some part of the record must say
  // so (the Acta's count, the export, a seal warning or minka check).
  const told =
    /[1-9]\d* enviadas con menos de 15 días/.test(text) ||
    exported.some((d) => d !== null && d < 15) ||
    warnings.some((x) => x.startsWith('venueDateMoved')) ||
    !r.ok ||
    (r.venueDates?.late ?? 0) > 0 ||
    (r.venueDates?.moved.length ?? 0) > 0 ||
    // Since stop 30 (doorday): check-ins recorded on a day far from their clock's are named.
    warnings.some((x) => x.startsWith('checkInDayOffClock')) ||
    (r.checkInDays?.venues.length ?? 0) > 0;
  expect(told, 'a 10-day convocation printed as on time, check green').toBe(true);
});
