// The demo's rejected proposals, for reasons across the taxonomy (as in DOMAIN.md's district).
import type { RejectionReason } from '../../../shared/schemas/proposals';

/** Rejections by proposal position: reason and what the workshop wrote down. */
export const REJECTIONS: [index: number, reason: RejectionReason, explanation: string][] = [
  [
    9,
    'notInvestment',
    'Una fiesta y un concurso son gasto corriente, no un proyecto de inversión pública.',
  ],
  [
    8,
    'notInvestment',
    'La entrega de insumos es una donación; puede atenderse con el programa de Agro Rural.',
  ],
  [
    14,
    'otherLevel',
    'La carretera Cusco–Qollqepata es red departamental: le corresponde al Gobierno Regional.',
  ],
  [
    24,
    'otherLevel',
    'Un hospital de referencia es competencia del Gobierno Regional (DIRESA Cusco).',
  ],
  [
    20,
    'notInvestment',
    'El pago de docentes es gasto corriente de la UGEL, no inversión municipal.',
  ],
  [
    12,
    'notViable',
    'No tiene estudio de perfil ni CUI; el trazo cruza terrenos en litigio sin acuerdo.',
  ],
  [5, 'duplicate', 'Ya lo financia el programa regional de mejoramiento genético 2026 en Sallani.'],
  [
    43,
    'otherLevel',
    'Una represa de alcance provincial le corresponde al Gobierno Regional (PER Plan MERISS).',
  ],
  [
    44,
    'notInvestment',
    'Comprar un tractor para la municipalidad es equipamiento sin proyecto de inversión ni servicio definido.',
  ],
  [
    45,
    'duplicate',
    'La segunda etapa ya está incluida en el expediente del P-001; no se financia dos veces.',
  ],
  [
    46,
    'notKeyNeed',
    'La asamblea consideró que la piscigranja beneficia a pocas familias y no es una necesidad clave; se sugiere Agro Rural.',
  ],
  [
    47,
    'missingPreconditions',
    'El terreno no tiene saneamiento físico legal: no se puede invertir en él.',
  ],
  [
    61,
    'otherLevel',
    'La vía de evitamiento es red vecinal de la provincia: corresponde a la Municipalidad Provincial.',
  ],
  [
    62,
    'notKeyNeed',
    'Las comunidades pidieron áreas verdes seguras, no estatuas: el taller decidió que no es necesidad clave.',
  ],
  [
    63,
    'notAligned',
    'Favorece la minería informal denunciada; no está alineado con el Plan de Desarrollo Local Concertado.',
  ],
  [
    64,
    'missingPreconditions',
    'La comunidad no firmó el acta de aporte de mano de obra no calificada.',
  ],
  [
    76,
    'exceedsEnvelope',
    'Cuesta S/ 1,400,000: supera el tope por proyecto fijado en la ordenanza (S/ 1,200,000).',
  ],
  [
    77,
    'notInvestment',
    'Uniformes y útiles son gasto corriente; corresponden al programa del MINEDU.',
  ],
  [
    78,
    'missingPreconditions',
    'El terreno donado no tiene título a nombre de la institución educativa.',
  ],
  [
    79,
    'procedural',
    'Se presentó después del cierre de inscripción de propuestas y sin la ficha firmada.',
  ],
  [85, 'notInvestment', 'La compra de medicinas es gasto corriente de la DIRESA.'],
  [
    86,
    'exceedsEnvelope',
    'S/ 2,500,000 supera el monto total del presupuesto participativo destinado a salud y el tope por proyecto.',
  ],
  [
    87,
    'notAligned',
    'No está en el plan de la Red de Salud: la DIRESA no asignará personal, y no se alinea con los resultados priorizados.',
  ],
  [
    88,
    'procedural',
    'La Ronda Campesina no estaba acreditada como agente participante para este taller.',
  ],
];
