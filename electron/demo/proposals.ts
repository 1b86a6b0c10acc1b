// The demo's proposals: what communities of a high-Andean Cusco district hand in on the
// day (canals, alpaca sheds, classrooms, health posts, roads, water), with the usual share
// rejected for the usual reasons, one reconsidered, and two matters raised off the agenda.
import type { ProposalInput, RejectionReason } from '../../shared/schemas/proposals';
import type { Db } from '../store/db';
import { addMatter, getProposal, reviewProposal, saveProposal } from '../store/proposals';
import { listOrganizations, listParticipants } from '../store/registry';
import { type Env, getSetup } from '../store/workshop';

/** Sector by position in DEFAULT_SECTORS: 0 agriculture, 1 roads, 2 education, 3 health, 4 water. */
type Spec = [sector: 0 | 1 | 2 | 3 | 4 | 5, title: string, community: string, org: string, soles: number, beneficiaries: number, cui?: string, cofinancing?: number, carriedFrom?: string];

const SPECS: Spec[] = [
  [0, 'Mejoramiento del canal de riego Huaraqa–Ccochaccasa', 'Huaraqa', 'Comité de Regantes Huaraqa', 1_150_000, 310, '2456781', 60_000, '2018 P-007'],
  [0, 'Construcción de cobertizos para alpacas en Pacchanta Alta', 'Pacchanta Alta', 'Asociación de Productores de Alpaca Ausangate', 240_000, 85, '', 24_000],
  [0, 'Instalación de riego por aspersión en Mallmapampa', 'Mallmapampa', 'Comunidad Campesina Mallmapampa', 380_000, 140, '2498813'],
  [0, 'Cobertizos y botiquín veterinario para alpacas en Chillihuani', 'Chillihuani', 'Comunidad Campesina Chillihuani', 195_000, 70],
  [0, 'Reservorio rústico para riego en Upispata', 'Upispata', 'Comunidad Campesina Upispata', 310_000, 95],
  [0, 'Mejoramiento genético de alpacas con reproductores', 'Sallani', 'Comunidad Campesina Sallani', 160_000, 60],
  [0, 'Canal de riego revestido Antaqaqa', 'Antaqaqa', 'Comunidad Campesina Antaqaqa', 720_000, 180, '2512034'],
  [0, 'Centro de acopio de papa nativa', 'Ccochaccasa', 'Asociación de Productores de Papa Nativa', 280_000, 110, '', 30_000],
  [0, 'Entrega de semillas y fertilizantes a familias', 'Lauramarca Baja', 'Comunidad Campesina Lauramarca Baja', 90_000, 200],
  [0, 'Fiesta patronal y concurso ganadero', 'Qollqepata', 'Club de Madres Mama Ocllo', 80_000, 1500],
  [1, 'Mejoramiento del camino vecinal Qollqepata–Tinkiwasi', 'Tinkiwasi', 'Comunidad Campesina Tinkiwasi', 1_200_000, 900, '2389450', 0, '2023 P-003'],
  [1, 'Puente carrozable sobre el río Mapacho en Huaraqa', 'Huaraqa', 'Comunidad Campesina Huaraqa', 980_000, 650],
  [1, 'Apertura de trocha carrozable a Sallani', 'Sallani', 'Ronda Campesina Sallani', 860_000, 240],
  [1, 'Mantenimiento del camino de herradura a Accocunca', 'Accocunca', 'Comunidad Campesina Accocunca', 120_000, 130],
  [1, 'Asfaltado de la carretera Cusco–Qollqepata', 'Qollqepata', 'Comunidad Campesina Qollqepata', 1_200_000, 5000],
  [1, 'Pontón peatonal en K’allapampa', "K'allapampa", "Comunidad Campesina K'allapampa", 85_000, 90],
  [2, 'Dos aulas para la I.E. N.º 50412 Pacchanta Alta', 'Pacchanta Alta', 'APAFA I.E. N.º 50412 Pacchanta Alta', 420_000, 120, '2501187'],
  [2, 'Mejoramiento de servicios higiénicos de la I.E. N.º 50398', 'Tinkiwasi', 'APAFA I.E. N.º 50398 Tinkiwasi', 150_000, 95],
  [2, 'Aula y cocina escolar en Mallmapampa', 'Mallmapampa', 'APAFA I.E. N.º 501125 Mallmapampa', 330_000, 60],
  [2, 'Cerco perimétrico de la I.E. N.º 50415 Upispata', 'Upispata', 'APAFA I.E. N.º 50415 Upispata', 110_000, 80],
  [2, 'Pago de docentes contratados para la I.E. N.º 56120', 'Chillihuani', 'APAFA I.E. N.º 56120 Chillihuani', 96_000, 45],
  [2, 'Ampliación de aulas en la I.E. N.º 50750 Qollqepata', 'Qollqepata', 'APAFA I.E. N.º 50750 Qollqepata', 640_000, 310, '2477302'],
  [3, 'Equipamiento del puesto de salud Tinkiwasi', 'Tinkiwasi', 'Puesto de Salud Tinkiwasi', 260_000, 1800, '2520019'],
  [3, 'Casa materna de espera en Qollqepata', 'Qollqepata', 'Club de Madres Mama Ocllo', 520_000, 2400],
  [3, 'Construcción de hospital de referencia provincial', 'Qollqepata', 'Comedor Popular Virgen del Carmen', 1_200_000, 20000],
  [3, 'Ambulancia rural 4x4 para la microrred', 'Huaraqa', 'Comunidad Campesina Huaraqa', 350_000, 6000],
  [4, 'Agua potable y saneamiento en Ccochaccasa', 'Ccochaccasa', 'Comunidad Campesina Ccochaccasa', 890_000, 260, '2466650', 40_000],
  [4, 'Mejoramiento del sistema de agua de Pampacancha', 'Pampacancha', 'Comunidad Campesina Pampacancha', 430_000, 180],
  [4, 'Baños ecológicos para familias de Sallani', 'Sallani', 'Comunidad Campesina Sallani', 270_000, 75],
  [4, 'Captación y reservorio de agua para Accocunca', 'Accocunca', 'Comunidad Campesina Accocunca', 310_000, 140],
  [4, 'Agua potable para Pacchanta Alta', 'Pacchanta Alta', 'Comunidad Campesina Pacchanta Alta', 610_000, 230, '2430098'],
];

/** Rejections by proposal position: reason and what the workshop wrote down. */
const REJECTIONS: [index: number, reason: RejectionReason, explanation: string][] = [
  [9, 'notInvestment', 'Una fiesta y un concurso son gasto corriente, no un proyecto de inversión pública.'],
  [8, 'notInvestment', 'La entrega de insumos es una donación; puede atenderse con el programa de Agro Rural.'],
  [14, 'otherLevel', 'La carretera Cusco–Qollqepata es red departamental: le corresponde al Gobierno Regional.'],
  [24, 'otherLevel', 'Un hospital de referencia es competencia del Gobierno Regional (DIRESA Cusco).'],
  [20, 'notInvestment', 'El pago de docentes es gasto corriente de la UGEL, no inversión municipal.'],
  [12, 'notViable', 'No tiene estudio de perfil ni CUI; el trazo cruza terrenos en litigio sin acuerdo.'],
  [5, 'duplicate', 'Ya lo financia el programa regional de mejoramiento genético 2026 en Sallani.'],
  [28, 'missingPreconditions', 'Falta el compromiso de operación y mantenimiento firmado por la asamblea comunal.'],
];

export function fillDemoProposals(db: Db, env: Env): void {
  const sectors = getSetup(db).sectors;
  const orgs = new Map(listOrganizations(db).map((o) => [o.name, o.id]));
  const ids: string[] = [];
  SPECS.forEach(([sector, title, community, org, soles, beneficiaries, cui = '', cofinancing = 0, carriedFrom = ''], i) => {
    const input: ProposalInput = {
      code: `P-${String(i + 1).padStart(3, '0')}`,
      title,
      description: '',
      sectorId: sectors[sector]?.id ?? sectors[0]?.id ?? '',
      community,
      organizationId: orgs.get(org) ?? null,
      estimatedCostCents: soles * 100,
      beneficiaries,
      cui,
      cofinancingCents: cofinancing * 100,
      carriedFrom,
    };
    ids.push(saveProposal(db, env, input).id);
  });
  const id = (i: number) => ids[i] ?? '';
  // A typo fixed on the spot: the edit shows in the record.
  const { status: _s, createdAt: _c, updatedAt: _u, ...sheds } = getProposal(db, id(1));
  saveProposal(db, env, { ...sheds, description: 'Cobertizos de piedra y calamina para el invierno; la comunidad aporta adobe y mano de obra.' });
  for (const [i, reason, explanation] of REJECTIONS) reviewProposal(db, env, { proposalId: id(i), decision: 'rejected', reason, explanation });
  // Reconsidered: the community brought the approved profile, so the workshop admitted it.
  reviewProposal(db, env, { proposalId: id(15), decision: 'rejected', reason: 'notViable', explanation: 'No se presentó la ficha técnica del pontón.' });
  reviewProposal(db, env, { proposalId: id(15), decision: 'admitted', reason: null, explanation: 'La comunidad presentó la ficha técnica aprobada por la Subgerencia de Obras; se reconsidera.' });
  const rejected = new Set([...REJECTIONS.map(([i]) => i), 15]);
  ids.forEach((pid, i) => {
    if (!rejected.has(i) && i < 26) reviewProposal(db, env, { proposalId: pid, decision: 'admitted', reason: null, explanation: '' });
  });
  const someone = listParticipants(db).find((p) => p.accreditation === 'accredited' && p.organizationId === orgs.get('Comunidad Campesina Huaraqa'));
  addMatter(db, env, {
    text: 'Una comunidad vecina usa el agua de la quebrada Yanamayu, aguas arriba de Huaraqa, para minería informal de oro; el agua baja turbia y el ganado enferma.',
    raisedBy: someone ? `${someone.givenNames} ${someone.surnames}` : 'Presidente de la C.C. Huaraqa',
    participantId: someone?.id ?? null,
  });
  addMatter(db, env, {
    text: 'Piden que la municipalidad informe cuánto gastó en la remodelación de la plaza principal, que no figura en ninguna acta.',
    raisedBy: 'Representante del Club de Madres Mama Ocllo',
    participantId: null,
  });
}
