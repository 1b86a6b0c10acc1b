// The demo's proposals: what communities of a high-Andean Cusco district hand in on the
// day (canals, alpaca sheds, classrooms, health posts, roads): 89 in four sectors, 65
// admitted and 24 rejected for reasons across the taxonomy (as in DOMAIN.md's district),
// one reconsidered, and two matters raised off the agenda.
import type { ProposalInput, RejectionReason } from '../../shared/schemas/proposals';
import type { Db } from '../store/db';
import { addMatter, getProposal, reviewProposal, saveProposal } from '../store/proposals';
import { listOrganizations, listParticipants } from '../store/registry';
import { type Env, getSetup } from '../store/workshop';

/** Sector by position in DEFAULT_SECTORS: 0 agriculture, 1 roads, 2 education, 3 health (the four sectors of DOMAIN.md). */
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
  // Livestock and agriculture (26–48).
  [0, 'Módulos de riego tecnificado por goteo en Tinkiwasi', 'Tinkiwasi', 'Comunidad Campesina Tinkiwasi', 410_000, 120, '2519904'],
  [0, 'Cobertizos para ovinos en Accocunca', 'Accocunca', 'Comunidad Campesina Accocunca', 150_000, 55],
  [0, 'Instalación de pastos cultivados asociados con riego', 'Upispata', 'Comunidad Campesina Upispata', 230_000, 90],
  [0, 'Sanidad animal: baño antisárnico y botiquín comunal', 'Pampacancha', 'Comunidad Campesina Pampacancha', 85_000, 140],
  [0, 'Mejoramiento del canal de riego Chillihuani–Q’ochapampa', 'Chillihuani', 'Comunidad Campesina Chillihuani', 640_000, 160, '2503311'],
  [0, 'Reservorio de geomembrana para Sallani', 'Sallani', 'Comunidad Campesina Sallani', 290_000, 75],
  [0, 'Centro de esquila y acopio de fibra de alpaca', 'Pacchanta Alta', 'Asociación de Productores de Alpaca Ausangate', 360_000, 130, '', 36_000],
  [0, 'Fitotoldos para hortalizas en familias de Lauramarca Baja', 'Lauramarca Baja', 'Comunidad Campesina Lauramarca Baja', 120_000, 85],
  [0, 'Canal de riego entubado en Antaqaqa Alta', 'Antaqaqa', 'Comunidad Campesina Antaqaqa', 530_000, 110],
  [0, 'Banco de semillas de papa nativa', 'Ccochaccasa', 'Asociación de Productores de Papa Nativa', 140_000, 95],
  [0, 'Mejoramiento de praderas altoandinas con clausura', 'Mallmapampa', 'Comunidad Campesina Mallmapampa', 180_000, 100],
  [0, 'Cobertizos para alpacas en Huaraqa', 'Huaraqa', 'Comunidad Campesina Huaraqa', 210_000, 80],
  [0, 'Riego por aspersión en K’allapampa', "K'allapampa", "Comunidad Campesina K'allapampa", 340_000, 70],
  [0, 'Planta de procesamiento de charqui de alpaca', 'Qollqepata', 'Asociación de Artesanas Awaq Warmikuna', 450_000, 60],
  [0, 'Reforestación con queñua en cabeceras de cuenca', 'Upispata', 'Asociación Wiñay Allpa (ONG)', 260_000, 300],
  [0, 'Qochas para cosecha de agua en Tinkiwasi', 'Tinkiwasi', 'Comunidad Campesina Tinkiwasi', 175_000, 150],
  [0, 'Cerco de pastizales comunales en Chillihuani', 'Chillihuani', 'Comunidad Campesina Chillihuani', 95_000, 65],
  [0, 'Represa de Sibinacocha para riego de la provincia', 'Qollqepata', 'Comunidad Campesina Qollqepata', 1_200_000, 8000],
  [0, 'Compra de tractor agrícola para la municipalidad', 'Qollqepata', 'Comunidad Campesina Qollqepata', 380_000, 500],
  [0, 'Canal de riego Huaraqa (segunda etapa del P-001)', 'Huaraqa', 'Comité de Regantes Huaraqa', 600_000, 310],
  [0, 'Piscigranja de truchas en la laguna Sinakara', 'Mallmapampa', 'Comunidad Campesina Mallmapampa', 220_000, 40],
  [0, 'Cobertizos para vacunos en terreno sin saneamiento', 'Lauramarca Baja', 'Comunidad Campesina Lauramarca Baja', 160_000, 50],
  [0, 'Vivero forestal comunal', 'Accocunca', 'Comunidad Campesina Accocunca', 70_000, 60],
  // Roads (49–65).
  [1, 'Mejoramiento de la trocha Huaraqa–Pacchanta Alta', 'Pacchanta Alta', 'Comunidad Campesina Pacchanta Alta', 950_000, 700, '2476621'],
  [1, 'Puente peatonal colgante sobre el río Q’ellomayu', 'Chillihuani', 'Comunidad Campesina Chillihuani', 310_000, 260],
  [1, 'Mantenimiento del camino vecinal Mallmapampa–Upispata', 'Upispata', 'Comunidad Campesina Upispata', 240_000, 380],
  [1, 'Cunetas y alcantarillas en el camino a Sallani', 'Sallani', 'Comunidad Campesina Sallani', 180_000, 240],
  [1, 'Pontón vehicular en Antaqaqa', 'Antaqaqa', 'Comunidad Campesina Antaqaqa', 420_000, 300],
  [1, 'Camino de herradura a las zonas de pastoreo de Accocunca', 'Accocunca', 'Comunidad Campesina Accocunca', 90_000, 120],
  [1, 'Mejoramiento de la trocha Lauramarca Baja–Ccochaccasa', 'Ccochaccasa', 'Comunidad Campesina Ccochaccasa', 780_000, 520],
  [1, 'Badén en el cruce del río Mapacho en Tinkiwasi', 'Tinkiwasi', 'Comunidad Campesina Tinkiwasi', 150_000, 400],
  [1, 'Muro de contención en el camino a Pampacancha', 'Pampacancha', 'Comunidad Campesina Pampacancha', 260_000, 180],
  [1, 'Apertura de trocha a K’allapampa Alta', "K'allapampa", "Comunidad Campesina K'allapampa", 690_000, 150],
  [1, 'Señalización vial en el centro poblado de Qollqepata', 'Qollqepata', 'Comunidad Campesina Qollqepata', 60_000, 2500],
  [1, 'Puente carrozable Tinkiwasi–Mallmapampa', 'Mallmapampa', 'Comunidad Campesina Mallmapampa', 1_100_000, 900],
  [1, 'Vía de evitamiento de la capital provincial', 'Qollqepata', 'Comunidad Campesina Qollqepata', 1_500_000, 9000],
  [1, 'Pavimentación de la plaza principal con estatuas', 'Qollqepata', 'Club de Madres Mama Ocllo', 900_000, 3000],
  [1, 'Trocha a la mina de Yanamayu', 'Huaraqa', 'Comunidad Campesina Huaraqa', 400_000, 30],
  [1, 'Mantenimiento de la trocha Sallani–Chillihuani sin acuerdo de mano de obra', 'Sallani', 'Ronda Campesina Sallani', 200_000, 150],
  [1, 'Pasarela sobre la quebrada Yanamayu', 'Huaraqa', 'Comunidad Campesina Huaraqa', 120_000, 200],
  // Education (66–80).
  [2, 'Aulas de educación inicial en Huaraqa', 'Huaraqa', 'APAFA I.E. N.º 50401 Huaraqa', 380_000, 40, '2508866'],
  [2, 'Mejoramiento del comedor escolar de la I.E. N.º 56120', 'Chillihuani', 'APAFA I.E. N.º 56120 Chillihuani', 160_000, 45],
  [2, 'Techado de la losa deportiva de la I.E. N.º 50398', 'Tinkiwasi', 'APAFA I.E. N.º 50398 Tinkiwasi', 280_000, 95],
  [2, 'Residencia estudiantil para alumnos de las alturas', 'Qollqepata', 'APAFA I.E. N.º 50750 Qollqepata', 720_000, 120, '2515521'],
  [2, 'Servicios higiénicos de la I.E. N.º 50415 Upispata', 'Upispata', 'APAFA I.E. N.º 50415 Upispata', 130_000, 80],
  [2, 'Aula de innovación con paneles solares en Pacchanta Alta', 'Pacchanta Alta', 'APAFA I.E. N.º 50412 Pacchanta Alta', 210_000, 120],
  [2, 'Reparación de techos de la I.E. N.º 501125 Mallmapampa', 'Mallmapampa', 'APAFA I.E. N.º 501125 Mallmapampa', 95_000, 60],
  [2, 'Cocina mejorada y almacén de Qali Warma en Huaraqa', 'Huaraqa', 'APAFA I.E. N.º 50401 Huaraqa', 75_000, 40],
  [2, 'Calefacción solar en aulas de Chillihuani', 'Chillihuani', 'APAFA I.E. N.º 56120 Chillihuani', 140_000, 45],
  [2, 'Cerco perimétrico de la I.E. N.º 50398 Tinkiwasi', 'Tinkiwasi', 'APAFA I.E. N.º 50398 Tinkiwasi', 120_000, 95],
  [2, 'Instituto superior tecnológico agropecuario', 'Qollqepata', 'Comunidad Campesina Qollqepata', 1_400_000, 600],
  [2, 'Uniformes y útiles escolares para todos los alumnos', 'Qollqepata', 'APAFA I.E. N.º 50750 Qollqepata', 110_000, 900],
  [2, 'Aula nueva en terreno donado sin título', 'Upispata', 'APAFA I.E. N.º 50415 Upispata', 250_000, 80],
  [2, 'Biblioteca escolar presentada fuera de plazo', 'Pacchanta Alta', 'Comité del Vaso de Leche Tinkiwasi', 90_000, 120],
  [2, 'Mobiliario escolar para la I.E. N.º 501125', 'Mallmapampa', 'APAFA I.E. N.º 501125 Mallmapampa', 60_000, 60],
  // Health (81–88).
  [3, 'Mejoramiento del puesto de salud de Pacchanta Alta', 'Pacchanta Alta', 'Comunidad Campesina Pacchanta Alta', 480_000, 1200, '2511470'],
  [3, 'Sala de parto vertical en el puesto de salud Tinkiwasi', 'Tinkiwasi', 'Puesto de Salud Tinkiwasi', 190_000, 900],
  [3, 'Botiquín comunal y casa de espera en Chillihuani', 'Chillihuani', 'Comunidad Campesina Chillihuani', 150_000, 400],
  [3, 'Centro de vigilancia comunal de la anemia infantil', 'Lauramarca Baja', 'Comité del Vaso de Leche Tinkiwasi', 120_000, 300],
  [3, 'Compra de medicinas para el año', 'Qollqepata', 'Comedor Popular Virgen del Carmen', 80_000, 2000],
  [3, 'Hospital de especialidades en la capital del distrito', 'Qollqepata', 'Club de Madres Mama Ocllo', 2_500_000, 20000],
  [3, 'Posta médica en Upispata sin personal asignado por la DIRESA', 'Upispata', 'Comunidad Campesina Upispata', 350_000, 300],
  [3, 'Campaña de salud con atenciones gratuitas', 'Sallani', 'Ronda Campesina Sallani', 45_000, 600],
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
  [43, 'otherLevel', 'Una represa de alcance provincial le corresponde al Gobierno Regional (PER Plan MERISS).'],
  [44, 'notInvestment', 'Comprar un tractor para la municipalidad es equipamiento sin proyecto de inversión ni servicio definido.'],
  [45, 'duplicate', 'La segunda etapa ya está incluida en el expediente del P-001; no se financia dos veces.'],
  [46, 'notKeyNeed', 'La asamblea consideró que la piscigranja beneficia a pocas familias y no es una necesidad clave; se sugiere Agro Rural.'],
  [47, 'missingPreconditions', 'El terreno no tiene saneamiento físico legal: no se puede invertir en él.'],
  [61, 'otherLevel', 'La vía de evitamiento es red vecinal de la provincia: corresponde a la Municipalidad Provincial.'],
  [62, 'notKeyNeed', 'Las comunidades pidieron áreas verdes seguras, no estatuas: el taller decidió que no es necesidad clave.'],
  [63, 'notAligned', 'Favorece la minería informal denunciada; no está alineado con el Plan de Desarrollo Local Concertado.'],
  [64, 'missingPreconditions', 'La comunidad no firmó el acta de aporte de mano de obra no calificada.'],
  [76, 'exceedsEnvelope', 'Cuesta S/ 1,400,000: supera el tope por proyecto fijado en la ordenanza (S/ 1,200,000).'],
  [77, 'notInvestment', 'Uniformes y útiles son gasto corriente; corresponden al programa del MINEDU.'],
  [78, 'missingPreconditions', 'El terreno donado no tiene título a nombre de la institución educativa.'],
  [79, 'procedural', 'Se presentó después del cierre de inscripción de propuestas y sin la ficha firmada.'],
  [85, 'notInvestment', 'La compra de medicinas es gasto corriente de la DIRESA.'],
  [86, 'exceedsEnvelope', 'S/ 2,500,000 supera el monto total del presupuesto participativo destinado a salud y el tope por proyecto.'],
  [87, 'notAligned', 'No está en el plan de la Red de Salud: la DIRESA no asignará personal, y no se alinea con los resultados priorizados.'],
  [88, 'procedural', 'La Ronda Campesina no estaba acreditada como agente participante para este taller.'],
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
    if (!rejected.has(i)) reviewProposal(db, env, { proposalId: pid, decision: 'admitted', reason: null, explanation: '' });
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
