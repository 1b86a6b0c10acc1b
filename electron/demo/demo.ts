// The demo workshop: a fictional rural district in Cusco modelled on DOMAIN.md, so every
// screen has realistic data to show. Names of people and the district are invented;
// place names sound like the region's. Each feature adds its part in fillDemo().
import type { WorkshopSetup } from '../../shared/schemas/workshop';
import { DEFAULT_SECTORS } from '../../shared/schemas/workshop';
import type { Db } from '../store/db';
import type { Env } from '../store/workshop';
import { fillDemoFollowup } from './earlier';
import { fillDemoMinutes } from './minutes';
import { fillDemoProposals } from './proposals';
import { fillDemoCriteria } from './criteria';
import { fillDemoRegistry } from './registry';
import { fillDemoVoting } from './voting';

export const DEMO_FILE = 'demo-qollqepata-2027.minka';

export function demoSetup(): WorkshopSetup {
  return {
    municipality: 'Municipalidad Distrital de Qollqepata',
    ubigeo: '081299',
    fiscalYear: 2027,
    title: 'Taller de priorización de proyectos — Presupuesto Participativo 2027',
    envelopeCents: 3_850_000_00,
    venues: [
      { name: 'Sede central', place: 'Auditorio municipal, Qollqepata', date: '2026-05-14' },
      { name: 'Sede Tinkiwasi', place: 'Local comunal de Tinkiwasi', date: '2026-05-15' },
      {
        name: 'Sede Pacchanta Alta',
        place: 'Escuela N.º 50412, Pacchanta Alta',
        date: '2026-05-15',
      },
      { name: 'Sede Mallmapampa', place: 'Local comunal de Mallmapampa', date: '2026-05-16' },
    ],
    sectors: DEFAULT_SECTORS.map((name) => ({ name })),
    quorum: { kind: 'percent', percent: 50 },
    voteRule: 'perOrganization',
    tieBreak: 'lexicographic',
    selectionRule: 'greedy',
    sectorSplit: false,
    minNoticeDays: 15,
    representativesPublic: false,
    timeZone: 'America/Lima',
  };
}

/** Fill the feature data of the demo (runs inside the creating transaction). */
export function fillDemo(db: Db, env: Env): void {
  fillDemoRegistry(db, env);
  // Preparing the year: what became of the 2026 agreements (issue 7 §4).
  fillDemoFollowup(db, env);
  fillDemoProposals(db, env);
  // The technical team scores before the prioritisation round closes: closing freezes the result.
  fillDemoCriteria(db, env);
  fillDemoVoting(db, env);
  fillDemoMinutes(db, env);
}

/**
 * The demo's clock: the record reads as if kept on the workshop's days (from 08:00 in Peru,
 * 40 seconds per recorded action), whatever day the demo file is written.
 */
export function demoEnv(base: Env): Env {
  let t = Date.parse('2026-05-14T13:00:00Z');
  return { newId: () => base.newId(), now: () => new Date((t += 40_000)) };
}
