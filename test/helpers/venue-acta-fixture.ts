// A venue workshop whose Acta draws what layouts 7 and 8 added (the shape of the fixture
// test/fixtures/acta/layout7-87b9304): at one venue a door kit and two voting desks whose counts
// differ, the conflict settled for the room's desk (the ruling moves the closed result); a kit
// never merged back; after the close the setup reopened with a reason that ends with a full stop
// and P-001 changed. Typed notes end with their own full stop, as people type them.
import { join } from 'node:path';
import { checkIn } from '../../electron/attendance/attendance';
import { saveAgreement, saveClosingRemarks, saveMember } from '../../electron/minutes/minutes';
import { sealWorkshop, type SealOptions } from '../../electron/minutes/seal';
import { sealWarnings } from '../../electron/minutes/seal-warnings';
import { checkRecord } from '../../electron/check/check';
import { getProposal, saveProposal } from '../../electron/proposals/proposals';
import { chooseOfficialRound, officialWarnings } from '../../electron/results/official';
import { listConflicts, mergeVenue, settleConflict } from '../../electron/venues/venues-merge';
import { closeRound } from '../../electron/voting/close-round';
import { enterCount } from '../../electron/voting/hands';
import { openRound } from '../../electron/voting/voting';
import { reopenSetup } from '../../electron/workshop/setup-lock';
import { getSetup, saveSetup } from '../../electron/workshop/workshop';
import { handOver, type MainFixture, type VenueLaptop, venueLaptop } from './venues-fixture';

export interface VenueActa {
  door: VenueLaptop;
  desk: VenueLaptop;
  round: string;
}

/** Fill `m` (a `mainWorkshop(dir, 8)`) as above, up to the seal. */
export async function venueActaWorkshop(m: MainFixture): Promise<VenueActa> {
  const venue = m.venues[1]!;
  const round = m.rounds[1]!;
  const present = (v: VenueLaptop, who: [string, string][]) => {
    for (const [t] of who)
      checkIn(v.db, v.env, {
        participantId: t,
        venueId: venue.id,
        day: venue.date,
        signMethod: 'signature',
        witness: '',
      });
  };
  const counted = (v: VenueLaptop, counts: number[]) => {
    openRound(v.db, v.env, round);
    m.proposals.forEach((p, i) =>
      enterCount(v.db, v.env, { roundId: round, itemId: p, operator: 'A', count: counts[i]! }),
    );
    closeRound(v.db, v.env, round);
  };
  const door = await venueLaptop(m, 1, 'door', '2026-05-15T13:00:00Z', { noRounds: true });
  const shadow = await venueLaptop(m, 1, 'shadow');
  const desk = await venueLaptop(m, 1, 'desk');
  await venueLaptop(m, 2, 'lost'); // issued, never merged back
  present(door, m.people.slice(6, 8));
  present(shadow, m.people.slice(0, 3));
  counted(shadow, [3, 0, 0, 0]);
  present(desk, m.people.slice(3, 6));
  counted(desk, [0, 1, 0, 3]);
  for (const v of [door, shadow, desk]) handOver(v);
  mergeVenue(m.db, m.env, door.file, { withoutSlip: 'La impresora de la sede no funcionó.' });
  mergeVenue(m.db, m.env, shadow.file, { withoutSlip: 'Entregado en mano.' });
  mergeVenue(m.db, m.env, desk.file, { withoutSlip: 'Entregado en mano.' });
  const c = listConflicts(m.db).find((x) => x.kind === 'roundCounts')!;
  settleConflict(m.db, m.env, {
    id: c.id,
    choice: desk.kitId,
    note: 'Es la mesa que vio la sala.',
  });
  reopenSetup(m.db, m.env, { by: 'Gerencia de Planeamiento', reason: 'Se corrigió el monto.' });
  const { id: _id, ...setup } = getSetup(m.db) as ReturnType<typeof getSetup> & { id?: string };
  saveSetup(m.db, m.env, {
    ...setup,
    envelopeCents: setup.envelopeCents + 50_000_00,
  });
  const p1 = getProposal(m.db, m.proposals[0]!);
  const { createdAt: _c, updatedAt: _u, ...rest } = p1 as typeof p1 & Record<string, unknown>;
  saveProposal(m.db, m.env, {
    ...(rest as Parameters<typeof saveProposal>[2]),
    id: p1.id,
    title: 'Canal de riego 1 (ampliado)',
    estimatedCostCents: p1.estimatedCostCents * 2,
  });
  chooseOfficialRound(m.db, m.env, { roundId: round, confirmed: officialWarnings(m.db, round) });
  saveAgreement(m.db, m.env, {
    text: 'Registrar los proyectos priorizados en el aplicativo del MEF.',
    responsible: 'Gerencia de Planeamiento',
    due: '2026-06-15',
  });
  saveMember(m.db, m.env, {
    participantId: m.people[0]![0],
    name: 'QUISPE MAMANI, Rosa 1',
    dni: '40000000',
    organization: 'Comunidad Campesina Ayllu 1',
    role: 'coordinator',
  });
  saveClosingRemarks(m.db, m.env, 'Se levantó la sesión a las 17:00 horas.');
  return { door, desk, round };
}

/** Seal `m` at the fixture's time with every warning confirmed; the PDF. */
export async function sealVenueActa(
  m: MainFixture,
  opts: Partial<Omit<SealOptions, 'acknowledged'>> = {},
): Promise<Buffer> {
  const lang = opts.lang ?? 'es';
  const { pdf } = await sealWorkshop(
    m.db,
    join(m.dir, 'main-data'),
    new Date('2026-05-16T22:40:00Z'),
    {
      lang,
      bilingual: true,
      slips: false,
      passphrase: null,
      ...opts,
      acknowledged: sealWarnings(m.db, lang).map((w) => w.id),
    },
    checkRecord,
  );
  return pdf;
}
