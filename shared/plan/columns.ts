// Which column of a plan file holds what. MEF open data has fixed names (ANO_EJE,
// EJECUTORA_NOMBRE, PRODUCTO_PROYECTO, PRODUCTO_PROYECTO_NOMBRE, MONTO_PIA, MONTO_PIM,
// MONTO_DEVENGADO…); municipal sheets say "Código", "Nombre del proyecto", "Monto (S/)".
// The guess is shown to the person, who corrects it before anything is compared.
import { fold, hasWords } from '../csv/registry-labels';

export const PLAN_FIELDS = [
  'cui',
  'code',
  'name',
  'amount',
  'pim',
  'devengado',
  'year',
  'executor',
  'sector',
] as const;
export type PlanField = (typeof PLAN_FIELDS)[number];
export type PlanMapping = Record<PlanField, number | null>;

export function emptyPlanMapping(): PlanMapping {
  return Object.fromEntries(PLAN_FIELDS.map((f) => [f, null])) as PlanMapping;
}

const any = (h: string, words: readonly string[]) => words.some((w) => hasWords(h, w));

// Tried in this order, each over all columns: specific rules first, so that "MONTO_PIA"
// wins the amount even when "MONTO_CERTIFICADO" stands to its left.
const RULES: readonly (readonly [PlanField, (h: string) => boolean])[] = [
  ['pim', (h) => hasWords(h, 'pim')],
  [
    'devengado',
    (h) => any(h, ['devengado', 'ejecutado', 'ejecucion', 'executed', 'spent', 'tukusqa']),
  ],
  ['amount', (h) => hasWords(h, 'pia')],
  ['year', (h) => any(h, ['ano eje', 'ano', 'anio', 'year', 'ejercicio', 'wata'])],
  ['executor', (h) => hasWords(h, 'ejecutora') && hasWords(h, 'nombre')],
  ['executor', (h) => any(h, ['entidad', 'municipalidad', 'pliego nombre'])],
  ['sector', (h) => any(h, ['sector', 'funcion nombre', 'funcion', 'division funcional nombre'])],
  [
    'cui',
    (h) =>
      h === 'producto proyecto' ||
      any(h, ['cui', 'codigo unico', 'snip', 'codigo de inversion', 'codigo unico de inversion']),
  ],
  [
    'name',
    (h) =>
      h === 'producto proyecto nombre' ||
      (hasWords(h, 'nombre') && any(h, ['proyecto', 'inversion', 'obra'])),
  ],
  [
    'amount',
    (h) =>
      any(h, [
        'monto',
        'importe',
        'presupuesto',
        'costo',
        'amount',
        'asignado',
        'financiado',
        'budget',
        'soles',
        'qullqi',
      ]) &&
      !any(h, ['certificado', 'comprometido', 'comprometido anual', 'girado', 'cofinanciamiento']),
  ],
  [
    'name',
    (h) =>
      any(h, [
        'nombre',
        'descripcion',
        'denominacion',
        'proyecto',
        'name',
        'title',
        'titulo',
        'obra',
        'inversion',
        'sutin',
      ]),
  ],
  ['code', (h) => any(h, ['codigo', 'cod', 'code', 'propuesta', 'proposal'])],
  ['code', (h) => any(h, ['item', 'n', 'nro'])],
];

/** Guess the mapping from a header row; each column and each field is used at most once. */
export function guessPlanMapping(header: readonly string[]): PlanMapping {
  const mapping = emptyPlanMapping();
  const folded = header.map((h) => fold(h));
  const used = new Set<number>();
  for (const [field, test] of RULES) {
    if (mapping[field] !== null) continue;
    const col = folded.findIndex((h, i) => h !== '' && !used.has(i) && test(h));
    if (col >= 0) {
      mapping[field] = col;
      used.add(col);
    }
  }
  return mapping;
}

/** How many fields a header row would give: used to find the header below a title block. */
export function headerScore(cells: readonly string[]): number {
  const m = guessPlanMapping(cells);
  let score = 0;
  for (const f of PLAN_FIELDS) if (m[f] !== null) score += f === 'name' || f === 'amount' ? 2 : 1;
  return score;
}
