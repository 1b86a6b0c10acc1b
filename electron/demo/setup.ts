// The demo workshop's setup: Qollqepata, four venues, the default sectors and rules.
import type { WorkshopSetup } from '../../shared/schemas/workshop';
import { DEFAULT_SECTORS } from '../../shared/schemas/workshop';

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
