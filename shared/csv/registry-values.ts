// Tolerant readers for the values municipal spreadsheets hold: the words people type for an
// organisation type, a sex, a language, a role. Each first tries our own export's labels in
// every language (so exports round-trip), then the words seen in the field. Each returns
// null when it does not recognise the value, and the caller decides what to warn.
import type { OrgType, Participant, ParticipantRole } from '../schemas/attendance';
import { catalogueWords, fold, hasWords } from './registry-labels';

type Sex = Participant['sex'];
type Language = Participant['language'];
type Voice = Participant['voice'];
type StandingProof = 'publicRegistry' | 'municipalResolution' | 'assemblyAct' | 'other' | 'none';

/** First rule whose phrases occur (as whole words) in the folded value. */
function byWords<T>(folded: string, rules: readonly (readonly [T, readonly string[]])[]): T | null {
  for (const [value, phrases] of rules) if (phrases.some((p) => hasWords(folded, p))) return value;
  return null;
}

function reader<T extends string>(
  prefix: string,
  rules: readonly (readonly [T, readonly string[]])[],
) {
  return (raw: string): T | null => {
    const folded = fold(raw);
    if (!folded) return null;
    const exact = catalogueWords(prefix).get(folded);
    if (exact !== undefined) return exact as T;
    return byWords(folded, rules);
  };
}

// Order matters: specific phrases ("asociacion de padres") before general ones ("asociacion").
const ORG_TYPE_RULES: readonly (readonly [OrgType, readonly string[]])[] = [
  [
    'individual',
    [
      'independiente',
      'individual',
      'persona natural',
      'no organizado',
      'no organizada',
      'sin organizacion',
      'ninguna',
      'unaffiliated',
    ],
  ],
  ['apafa', ['apafa', 'asociacion de padres', 'padres de familia', 'parents']],
  ['ngo', ['ong', 'ongd', 'ngo', 'no gubernamental', 'non governmental']],
  [
    'comunidadCampesina',
    [
      'comunidad campesina',
      'comunidad nativa',
      'cc',
      'ccpp',
      'comunidad',
      'ayllu',
      'peasant community',
    ],
  ],
  [
    'stateBody',
    [
      'institucion del estado',
      'estado',
      'estatal',
      'municipalidad',
      'municipal',
      'institucion publica',
      'entidad publica',
      'ministerio',
      'gobierno regional',
      'institucion educativa',
      'ie',
      'iep',
      'puesto de salud',
      'centro de salud',
      'ugel',
      'red de salud',
      'agencia agraria',
      'state',
      'public body',
    ],
  ],
  [
    'grassroots',
    [
      'organizacion social de base',
      'organizacion de base',
      'osb',
      'vaso de leche',
      'club de madres',
      'comedor popular',
      'comedor',
      'ronda campesina',
      'rondas campesinas',
      'junta vecinal',
      'jass',
      'comite',
      'grassroots',
    ],
  ],
  [
    'association',
    [
      'asociacion',
      'cooperativa',
      'gremio',
      'productores',
      'sindicato',
      'federacion',
      'association',
    ],
  ],
];
/** Organisation type from the type column or, when that is empty, from the organisation's name. */
export const readOrgType = reader<OrgType>('csv.value.orgType.', ORG_TYPE_RULES);

export const readSex = reader<Sex>('csv.value.sex.', [
  ['F', ['f', 'fem', 'femenino', 'femenina', 'mujer', 'dama', 'female', 'woman', 'warmi']],
  ['M', ['m', 'masc', 'masculino', 'varon', 'hombre', 'male', 'man', 'h', 'v', 'qari', 'kari']],
  ['X', ['x', 'otro', 'other', 'sin dato', 'no indica', 'nd']],
]);

/** A bilingual "Quechua y castellano" takes the first language named. */
export function readLanguage(raw: string): Language | null {
  const folded = fold(raw);
  if (!folded) return null;
  const exact = catalogueWords('csv.value.language.').get(folded);
  if (exact !== undefined) return exact as Language;
  const names: [Language, string[]][] = [
    ['es', ['castellano', 'espanol', 'spanish', 'es', 'cast', 'kastilla simi', 'castilla simi']],
    ['quz', ['quechua', 'runasimi', 'runa simi', 'qichwa', 'qhichwa', 'kechwa', 'quz', 'qu']],
    [
      'other',
      [
        'aimara',
        'aymara',
        'ingles',
        'english',
        'ashaninka',
        'matsigenka',
        'machiguenga',
        'otro',
        'other',
      ],
    ],
  ];
  let best: Language | null = null;
  let bestAt = Infinity;
  for (const [lang, words] of names) {
    for (const w of words) {
      const at = ` ${folded} `.indexOf(` ${w} `);
      if (at >= 0 && at < bestAt) {
        best = lang;
        bestAt = at;
      }
    }
  }
  return best;
}

/** Role, plus the voice it implies (the technical team and observers have voice, no vote). */
export function readRole(raw: string): { role: ParticipantRole; voiceOnly: boolean } | null {
  const folded = fold(raw);
  if (!folded) return null;
  const exact = catalogueWords('csv.value.role.').get(folded);
  if (exact !== undefined) return { role: exact as ParticipantRole, voiceOnly: false };
  const voiceOnly =
    byWords(folded, [
      [
        true,
        [
          'equipo tecnico',
          'tecnico',
          'observador',
          'observadora',
          'veedor',
          'veedora',
          'facilitador',
          'facilitadora',
        ],
      ],
    ]) ?? false;
  if (voiceOnly) return { role: 'member', voiceOnly };
  const role = byWords<ParticipantRole>(folded, [
    ['suplente', ['suplente', 'alterno', 'alterna', 'accesitario', 'alternate']],
    ['delegate', ['delegado', 'delegada', 'delegate', 'rantin', 'representante delegado']],
    ['titular', ['titular', 'principal', 'agente participante']],
    [
      'member',
      ['miembro', 'participante', 'socio', 'socia', 'asistente', 'member', 'participant', 'hamuq'],
    ],
  ]);
  return role === null ? null : { role, voiceOnly: false };
}

export const readVoice = reader<Voice>('csv.value.voice.', [
  [
    'voiceOnly',
    [
      'solo voz',
      'sin voto',
      'no vota',
      'sin derecho a voto',
      'equipo tecnico',
      'observador',
      'voice only',
      'no',
      'rimayllam',
    ],
  ],
  ['voiceAndVote', ['voz y voto', 'con voto', 'voto', 'vota', 'si', 'yes', 'vote']],
  ['voiceOnly', ['voz']],
]);

export const readStandingProof = reader<StandingProof>('csv.value.standingProof.', [
  ['none', ['ninguno', 'ninguna', 'sin documento', 'no tiene', 'none']],
  [
    'publicRegistry',
    [
      'sunarp',
      'registros publicos',
      'registro publico',
      'partida',
      'partida registral',
      'ficha registral',
      'public registry',
    ],
  ],
  [
    'municipalResolution',
    [
      'resolucion',
      'resolucion municipal',
      'resolucion de alcaldia',
      'ra',
      'rm',
      'ordenanza',
      'resolution',
    ],
  ],
  ['assemblyAct', ['acta', 'acta de asamblea', 'libro de actas', 'assembly']],
  ['other', ['otro', 'otra', 'other', 'constancia', 'certificado']],
]);

/**
 * A DNI as spreadsheets mangle it: "12.345.678", "1234567" (lost zero), "1234567.0" (read as
 * a number), "'01234567" (our formula guard or a typed apostrophe), ="01234567" (the Excel
 * text trick). Returns the 8 digits and whether zeros had to be restored, or null.
 * Only one or two lost zeros are restored: a number of five digits or fewer is a typing
 * error, not a DNI.
 */
export function readDni(raw: string): { dni: string; padded: boolean } | null {
  let s = raw.trim();
  const excelText = /^="(.*)"$/.exec(s);
  if (excelText) s = excelText[1] ?? '';
  if (s.startsWith("'")) s = s.slice(1);
  s = s.replace(/^(\d+)[.,]0+$/, '$1');
  const digits = s.replace(/[\s.\u00a0-]/g, '');
  if (!/^\d{6,8}$/.test(digits) || /^0+$/.test(digits)) return null;
  return { dni: digits.padStart(8, '0'), padded: digits.length < 8 };
}

const PARTICLES = new Set(['de', 'del', 'la', 'las', 'los', 'y', 'da', 'van', 'von']);

/** Words with particles attached to the following word: "DE LA CRUZ" is one surname. */
function nameUnits(words: string[]): string[] {
  const units: string[] = [];
  let pending = '';
  for (const w of words) {
    if (PARTICLES.has(w.toLowerCase())) pending += `${w} `;
    else {
      units.push(pending + w);
      pending = '';
    }
  }
  if (pending) units.push(pending.trim());
  return units;
}

const isUpper = (w: string) => w === w.toUpperCase() && w !== w.toLowerCase();

/**
 * Split a full name. "QUISPE MAMANI, Juan" splits at the comma; "QUISPE MAMANI Juan Carlos"
 * at the change from capitals (RENIEC lists write surnames in capitals). Otherwise by
 * position: two surnames (Peruvian custom) first when the column says "apellidos y
 * nombres", last otherwise; `guessed` says the result should be checked.
 */
export function splitFullName(
  raw: string,
  surnamesFirst: boolean,
): { givenNames: string; surnames: string; guessed: boolean } {
  const s = raw.replace(/\s+/g, ' ').trim();
  const comma = s.indexOf(',');
  if (comma >= 0) {
    const before = s.slice(0, comma).trim();
    const after = s.slice(comma + 1).trim();
    return surnamesFirst || isUpper(before) || !isUpper(after)
      ? { surnames: before, givenNames: after, guessed: false }
      : { surnames: after, givenNames: before, guessed: false };
  }
  const words = s ? s.split(' ') : [];
  if (words.length <= 1) return { givenNames: s, surnames: '', guessed: false };
  const caps = words.map(isUpper);
  const firstLower = caps.indexOf(false);
  if (firstLower > 0 && caps.slice(firstLower).every((c) => !c)) {
    return {
      surnames: words.slice(0, firstLower).join(' '),
      givenNames: words.slice(firstLower).join(' '),
      guessed: false,
    };
  }
  const lastUpperRun = caps.lastIndexOf(false);
  if (
    lastUpperRun >= 0 &&
    lastUpperRun < words.length - 1 &&
    caps.slice(0, lastUpperRun + 1).every((c) => !c)
  ) {
    return {
      givenNames: words.slice(0, lastUpperRun + 1).join(' '),
      surnames: words.slice(lastUpperRun + 1).join(' '),
      guessed: false,
    };
  }
  const units = nameUnits(words);
  const nSurnames = units.length >= 3 ? 2 : 1;
  if (surnamesFirst)
    return {
      surnames: units.slice(0, nSurnames).join(' '),
      givenNames: units.slice(nSurnames).join(' '),
      guessed: true,
    };
  return {
    givenNames: units.slice(0, units.length - nSurnames).join(' '),
    surnames: units.slice(units.length - nSurnames).join(' '),
    guessed: true,
  };
}
