// A venue date saved after its check-ins (adv29 MEDIUM 3), from a fresh workshop whose registry
// comes from a municipal CSV: the invitations went out on 04/05 for a workshop held on 14/05 (10
// days; the setup asks 15); everyone checks in on 14/05; then the venue's date is saved as 21/05
// (17 days). The notice stays counted to 14/05, the day they met, in the Acta, the export and
// `minka check`; the moved date is named by the seal (to confirm), by `minka check` and by the
// record check; an Acta sealed by an older build (which counted to the saved date) is not called
// edited, and gets the venue-date lines instead.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRecord, checkWorkshopFile } from '../../electron/check/check';
import { exportWorkshop } from '../../electron/export/export';
import { sealWorkshop } from '../../electron/minutes/seal';
import { chooseOfficialRound, officialWarnings } from '../../electron/results/official';
import { getSetup } from '../../electron/workshop/workshop';
import { useHoldersWorkshop, ok } from '../helpers/holders-workshop';
import { runCli } from '../helpers/cli';
import { forgeSeal } from '../helpers/forge-seal';
import { SEAL_OPTS, sealWarningIds } from '../helpers/minutes-fixture';

const pdfText = (dir: string, pdf: Buffer): string => {
  const f = join(dir, 'acta.pdf');
  writeFileSync(f, pdf);
  return execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
};

describe('a venue date saved after its check-ins', () => {
  const h = useHoldersWorkshop();

  /** Invited on 04/05, checked in on 14/05, the date then saved as 21/05, a round closed. */
  const moveTheDate = async () => {
    const { w, core } = h;
    const setup = getSetup(w.db);
    expect(setup.minNoticeDays).toBe(15);
    expect(h.venue.date).toBe('2026-05-14');
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
    for (const name of ['Dionisio', 'Teófilo', 'Fortunato']) await h.checkIn(name);
    // Nothing moved yet: no warning, the notice (10 days) late for all three.
    expect(sealWarningIds(w.db).filter((x) => x.startsWith('venueDateMoved'))).toEqual([]);
    expect(exportWorkshop(w.db, new Date()).invitations.map((i) => i.noticeDays)).toEqual([
      10, 10, 10,
    ]);
    // The ordinary setup save: it goes through.
    await ok(
      core.dispatch('workshop:saveSetup', {
        workshopId: w.id,
        setup: { ...setup, venues: setup.venues.map((v) => ({ ...v, date: '2026-05-21' })) },
      }),
    );
    expect(getSetup(w.db).venues[0]?.date).toBe('2026-05-21');
    const round = h.closeARound();
    chooseOfficialRound(w.db, h.env, { roundId: round, confirmed: officialWarnings(w.db, round) });
    return reg.organizations.length;
  };

  it('is counted to the day they met, named by the seal, the Acta and minka check', async () => {
    const orgs = await moveTheDate();
    expect(orgs).toBe(3);
    const { db } = h.w;
    const id = `venueDateMoved:${h.venue.id}`;
    expect(sealWarningIds(db)).toContain(id);
    // The export counts to 14/05 as well: 10 days, late.
    const exported = exportWorkshop(db, new Date()).invitations;
    expect(exported.map((i) => [i.noticeDays, i.late])).toEqual([
      [10, true],
      [10, true],
      [10, true],
    ]);
    // The seal asks for it by name.
    const at = new Date('2026-05-14T20:00:00Z');
    const others = sealWarningIds(db).filter((x) => x !== id);
    const refused = await sealWorkshop(
      db,
      h.dir,
      at,
      { ...SEAL_OPTS, acknowledged: others },
      checkRecord,
    ).then(
      () => null,
      (e: unknown) => e as { key: string; params: { list: string } },
    );
    expect(refused?.key).toBe('minutes.error.sealUnconfirmed');
    expect(refused?.params.list).toContain(`${id} («Sede central»)`);
    const { pdf } = await sealWorkshop(
      db,
      h.dir,
      at,
      { ...SEAL_OPTS, acknowledged: sealWarningIds(db) },
      checkRecord,
    );
    const text = pdfText(h.dir, pdf);
    expect(text).toMatch(/; 3 enviadas con menos de 15 días de anticipación/);
    // The Acta's drawing is unchanged (layout 8): its venue table prints the saved date.
    expect(text).toMatch(/Sede central 21\/05\/2026/);
    h.core.closeAll();
    // minka check: intact, and the venue's date named (a warning: the exit code stays 0).
    const r = await checkWorkshopFile(h.file);
    expect(r.ok).toBe(true);
    expect(r.minutes?.ok).toBe(true);
    expect(r.venueDates).toEqual({
      moved: [{ venueId: h.venue.id, name: 'Sede central', date: '2026-05-21', met: '2026-05-14' }],
      late: 3,
      days: 15,
    });
    const es = await runCli(['check', h.file], 'es');
    expect(es.code).toBe(0);
    expect(es.out).toContain(
      '«Sede central»: fecha guardada 21/05/2026; primer registro de asistencia del 14/05/2026.',
    );
    expect(es.out).toContain('3 invitaciones enviadas con menos de 15 días de anticipación');
    const json = JSON.parse((await runCli(['check', h.file, '--json'])).out) as {
      venueDates?: { moved: unknown[] };
    };
    expect(json.venueDates?.moved).toHaveLength(1);
  });

  it('an Acta sealed by an older build (counted to the saved date) is not edited; it is named', async () => {
    await moveTheDate();
    const { db } = h.w;
    // The older build's count: 17 days to 21/05, none late. Signed with the laptop's key.
    await forgeSeal(db, h.dir, {
      tamper: (p) => {
        expect(p.convocation.late).toBe(3);
        p.convocation.late = 0;
      },
    });
    h.core.closeAll();
    const r = await checkWorkshopFile(h.file);
    expect(r.minutes?.problems).toEqual([]);
    expect(r.venueDates?.sealedLate).toBe(0);
    expect(r.venueDates?.late).toBe(3);
    const es = await runCli(['check', h.file], 'es');
    expect(es.out).toContain(
      'El acta sellada imprime 0 enviadas con menos de 15 días de anticipación: se contaron a la fecha guardada de la sede',
    );
  });

  it('a count that no build made is still an edit', async () => {
    await moveTheDate();
    await forgeSeal(h.w.db, h.dir, { tamper: (p) => void (p.convocation.late = 1) });
    h.core.closeAll();
    const r = await checkWorkshopFile(h.file);
    expect(r.ok).toBe(false);
    expect(r.minutes?.problems).toEqual([
      { key: 'minutes.checkDb.edited', params: { sections: 'convocation' } },
    ]);
  });
});
