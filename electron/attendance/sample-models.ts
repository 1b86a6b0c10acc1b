// Realistic, deterministic models for the PDF tests and test/pdf-samples.ts: ~90 people
// from an Ocongate-like district, with the characters printing must not lose (ñ, á, the
// Quechua ʼ U+02BC and the ASCII apostrophe people also type) and DNIs with leading zeros.
import type { AccreditedListModel } from './accredited-list';
import type { AttendanceSheetModel } from './attendance-sheet';

const GIVEN = [
  'María Ñusta',
  'Qʼuyllur',
  "Ch'uqllu",
  'Julián',
  'Rosa Amparo',
  'Teófilo',
  'Sisa',
  'Inés',
  'Wayra',
  'Ángel Mariano',
  'Hilaria',
  'Túpac',
  'Yolanda',
  'Efraín',
  'Killa',
  'Saturnina',
];
const SURNAMES = [
  'QUISPE MAMANI',
  'HUAMÁN CCORI',
  'CCAHUANA NÚÑEZ',
  'TTITO PUMAYALLI',
  'CONDORI YUPANQUI',
  'MAMANI QUISPE',
  'CRUZ HUILLCA',
  'ÑAUPA CHOQUE',
  'PAUCAR ANCCO',
  'SUTTA QQUESSO',
  'YAPURA CHALCO',
  'LEÓN PEÑA',
];
const ORGS: { name: string; type: string; community: string }[] = [
  {
    name: 'Comunidad Campesina de Qʼuyllur Ritʼi',
    type: 'Comunidad campesina',
    community: 'Sinakara',
  },
  { name: 'Comunidad Campesina de Ccollana', type: 'Comunidad campesina', community: 'Ccollana' },
  { name: 'APAFA I.E. N.º 50589 Tayancani', type: 'APAFA', community: 'Tayancani' },
  {
    name: "Asociación de Productores de Alpaca Ch'uqllu",
    type: 'Asociación',
    community: 'Pacchanta',
  },
  {
    name: 'Club de Madres Santa Rosa de Lima',
    type: 'Organización de base',
    community: 'Ocongate',
  },
  { name: 'Comunidad Campesina de Mahuayani', type: 'Comunidad campesina', community: 'Mahuayani' },
  { name: 'Vaso de Leche Sector Palcca', type: 'Organización de base', community: 'Palcca' },
  { name: 'Comité de Regantes del Canal Lauramarca', type: 'Asociación', community: 'Lauramarca' },
  { name: 'Ronda Campesina de Upis', type: 'Organización de base', community: 'Upis' },
  { name: 'Puesto de Salud de Marcapata', type: 'Entidad del Estado', community: 'Ocongate' },
];
const ROLES = ['Titular', 'Suplente', 'Delegado/a', 'Participante'];

export interface SamplePerson {
  name: string;
  dni: string;
  org: number;
  role: string;
  sex: 'F' | 'M';
}

/** `count` people; every seventh DNI starts with zeros, as spreadsheets love to lose them. */
export function samplePeople(count = 90): SamplePerson[] {
  const people: SamplePerson[] = [];
  for (let i = 0; i < count; i++) {
    const given = GIVEN[i % GIVEN.length] ?? '';
    const surname = SURNAMES[(i * 5) % SURNAMES.length] ?? '';
    const dni =
      i === 0
        ? '01234567'
        : i % 7 === 0
          ? String(4321 + i * 37).padStart(8, '0')
          : String(40000000 + i * 104729);
    people.push({
      name: `${surname}, ${given}`,
      dni,
      org: i % ORGS.length,
      role: ROLES[i % ROLES.length] ?? '',
      sex: i % 2 === 0 ? 'F' : 'M',
    });
  }
  return people;
}

export const SAMPLE_FINGERPRINT = '3F2A-9C01-77B4-0E5D';
export const SAMPLE_CREATED_AT = new Date('2026-05-14T13:05:00Z');

export function sampleAttendanceModel(count = 90, blankRows = 12): AttendanceSheetModel {
  return {
    municipality: 'Municipalidad Distrital de Ocongate',
    title: 'Taller de identificación y priorización de proyectos — Presupuesto Participativo',
    fiscalYear: 2027,
    venue: {
      name: 'Sede Tinki',
      place: 'Salón comunal de Tinki, Ocongate, Quispicanchi, Cusco',
      date: '2026-05-14',
    },
    fingerprint: SAMPLE_FINGERPRINT,
    rows: samplePeople(count).map((p) => ({
      name: p.name,
      dni: p.dni,
      organization: ORGS[p.org]?.name ?? '',
      role: p.role,
    })),
    blankRows,
  };
}

export function sampleAccreditedModel(count = 90): AccreditedListModel {
  const people = samplePeople(count);
  const organizations = ORGS.map((o, oi) => ({
    ...o,
    participants: people
      .filter((p) => p.org === oi)
      .map((p) => ({
        name: p.name,
        dni: p.dni,
        role: p.role,
        voice: p.role === 'Participante' ? 'Solo voz' : 'Voz y voto',
        sex: p.sex === 'F' ? 'Mujer' : 'Varón',
        language: p.dni.endsWith('7') ? 'Castellano' : 'Quechua',
      })),
  })).filter((o) => o.participants.length > 0);
  return {
    municipality: 'Municipalidad Distrital de Ocongate',
    title: 'Taller de identificación y priorización de proyectos — Presupuesto Participativo',
    fiscalYear: 2027,
    fingerprint: SAMPLE_FINGERPRINT,
    organizations,
    totals: {
      organizations: organizations.length,
      participants: people.length,
      women: people.filter((p) => p.sex === 'F').length,
      men: people.filter((p) => p.sex === 'M').length,
    },
  };
}
