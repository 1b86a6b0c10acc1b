// Which column holds which field, guessed from the header as municipalities write it
// ("N° DNI", "Apellidos y nombres", "Tipo de organización", "Cargo"…) or as our own export
// writes it in any language. The user can correct the guess before importing.
import {
  catalogueWords,
  fold,
  hasWords,
  REGISTRY_FIELDS,
  type RegistryField,
} from './registry-labels';
import type { CsvRow, ParsedCsv } from './parse';

export type Mapping = Record<RegistryField, number | null>;

export function emptyMapping(): Mapping {
  return Object.fromEntries(REGISTRY_FIELDS.map((f) => [f, null])) as Mapping;
}

/**
 * Heuristics in priority order: a column takes the first field that matches and is still
 * free. "Tipo de organización" must be tried before "Organización", "Apellidos y nombres"
 * before "Apellidos", "Apellido materno" before "Apellido".
 */
const RULES: readonly (readonly [RegistryField, (h: string) => boolean])[] = [
  // "Tipo de documento" (DNI / carné de extranjería) is not an organisation type.
  [
    'orgType',
    (h) =>
      ['tipo', 'type', 'clase', 'categoria'].some((w) => hasWords(h, w)) &&
      !['documento', 'doc', 'document'].some((w) => hasWords(h, w)),
  ],
  [
    'standingRef',
    (h) =>
      [
        'referencia',
        'partida',
        'ficha registral',
        'n de resolucion',
        'numero de resolucion',
        'reference',
      ].some((w) => hasWords(h, w)),
  ],
  [
    'standingProof',
    (h) =>
      ['personeria', 'sustento', 'inscripcion', 'standing', 'reconocimiento'].some((w) =>
        hasWords(h, w),
      ),
  ],
  // "Estado de acreditación" is the export's status column: read, never imported.
  [
    'authorization',
    (h) =>
      !hasWords(h, 'estado') &&
      !hasWords(h, 'status') &&
      [
        'acreditacion',
        'autorizacion',
        'credencial',
        'authorization',
        'authorisation',
        'carta poder',
      ].some((w) => hasWords(h, w)),
  ],
  // Before organisation: "Cargo en la organización" is a role.
  [
    'role',
    (h) =>
      ['cargo', 'rol', 'role', 'condicion', 'titular', 'suplente', 'calidad'].some((w) =>
        hasWords(h, w),
      ),
  ],
  [
    'organization',
    (h) =>
      [
        'organizacion',
        'organizaciones',
        'institucion',
        'entidad',
        'organization',
        'organisation',
        'osb',
        'agrupacion',
      ].some((w) => hasWords(h, w)),
  ],
  [
    'dni',
    (h) =>
      [
        'dni',
        'documento de identidad',
        'doc identidad',
        'documento',
        'nro documento',
        'identity document',
        'id number',
      ].some((w) => hasWords(h, w)),
  ],
  [
    'fullName',
    (h) =>
      [
        'apellidos y nombres',
        'apellido y nombre',
        'nombres y apellidos',
        'nombre y apellido',
        'nombre completo',
        'full name',
        'representante',
        'participante',
        'nombre del representante',
        'apellidos nombres',
        'nombres apellidos',
      ].some((w) => hasWords(h, w)),
  ],
  [
    'secondSurname',
    (h) =>
      ['materno', 'ap materno', 'second surname', 'segundo apellido'].some((w) => hasWords(h, w)),
  ],
  [
    'surnames',
    (h) =>
      [
        'apellidos',
        'apellido',
        'apellido paterno',
        'surname',
        'surnames',
        'last name',
        'family name',
      ].some((w) => hasWords(h, w)),
  ],
  [
    'givenNames',
    (h) =>
      [
        'nombres',
        'nombre',
        'prenombres',
        'given names',
        'given name',
        'first name',
        'first names',
        'name',
      ].some((w) => hasWords(h, w)),
  ],
  [
    'community',
    (h) =>
      [
        'comunidad',
        'sector',
        'anexo',
        'centro poblado',
        'territorio',
        'localidad',
        'caserio',
        'barrio',
        'community',
        'ayllu',
      ].some((w) => hasWords(h, w)),
  ],
  ['sex', (h) => ['sexo', 'genero', 'sex', 'gender'].some((w) => hasWords(h, w))],
  [
    'language',
    (h) => ['idioma', 'lengua', 'lengua materna', 'language', 'simi'].some((w) => hasWords(h, w)),
  ],
  ['voice', (h) => ['voz', 'voto', 'participacion', 'voice', 'vote'].some((w) => hasWords(h, w))],
];

/** Guess the column of each field; fields without a plausible column are null. */
export function guessMapping(header: readonly string[]): Mapping {
  const mapping = emptyMapping();
  const exact = catalogueWords('csv.header.');
  const taken = new Set<number>();
  const folded = header.map(fold);
  // Our own export's headers, in any language, are exact and win over heuristics.
  folded.forEach((h, col) => {
    const field = exact.get(h);
    if (field === 'accreditation') taken.add(col);
    else if (field !== undefined && isField(field) && mapping[field] === null) {
      mapping[field] = col;
      taken.add(col);
    }
  });
  folded.forEach((h, col) => {
    if (taken.has(col) || !h) return;
    for (const [field, matches] of RULES) {
      if (mapping[field] === null && matches(h)) {
        mapping[field] = col;
        taken.add(col);
        return;
      }
    }
  });
  // A lone "Nombre" with no surnames column holds the whole name.
  if (mapping.givenNames !== null && mapping.surnames === null && mapping.fullName === null) {
    const h = folded[mapping.givenNames] ?? '';
    if (h === 'nombre' || h === 'name') {
      mapping.fullName = mapping.givenNames;
      mapping.givenNames = null;
    }
  }
  return mapping;
}

function isField(x: string): x is RegistryField {
  return (REGISTRY_FIELDS as readonly string[]).includes(x);
}

/** Whether a full-name column lists surnames first ("Apellidos y nombres", RENIEC order). */
export function surnamesFirst(headerCell: string): boolean {
  const h = fold(headerCell);
  const a = h.indexOf('apellido');
  const n = h.indexOf('nombre');
  return a >= 0 && (n < 0 || a < n);
}

/** How many fields a row would give as a header. */
function headerScore(cells: readonly string[]): number {
  return Object.values(guessMapping(cells)).filter((c) => c !== null).length;
}

/**
 * Municipal registers often carry a title block above the header ("PADRÓN DE
 * ORGANIZACIONES 2027", the district, a blank line). The header is the row among the first 10
 * that names the most registry fields; the rows above it are left out and counted, so the
 * preview can say so. A file whose first row is already the best header is returned as is.
 */
export function locateRegistryHeader(parsed: ParsedCsv): ParsedCsv & { titleRows: number } {
  const records: CsvRow[] = [{ line: parsed.headerLine, cells: parsed.header }, ...parsed.rows];
  let best = 0;
  let bestScore = headerScore(parsed.header);
  for (let i = 1; i < Math.min(records.length, 10); i++) {
    const score = headerScore((records[i] as CsvRow).cells);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  if (best === 0) return { ...parsed, titleRows: 0 };
  const head = records[best] as CsvRow;
  const width = head.cells.length;
  const rows = records
    .slice(best + 1)
    .map((r) =>
      r.cells.length >= width
        ? r
        : { line: r.line, cells: [...r.cells, ...Array<string>(width - r.cells.length).fill('')] },
    );
  return {
    delimiter: parsed.delimiter,
    header: head.cells,
    headerLine: head.line,
    rows,
    titleRows: best,
  };
}
