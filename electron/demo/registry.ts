// The demo's registry, convocation log and first check-ins: a fictional district with
// Quechua-speaking peasant communities (names invented, place names regional in sound).
import type {
  OrgType,
  Participant,
  ParticipantInput,
  SignMethod,
} from '../../shared/schemas/attendance';
import type { Db } from '../platform/db';
import { addInvitation, checkIn, checkOut, undoCheckIn, walkIn } from '../attendance/attendance';
import { saveOrganization, saveParticipant } from '../registry/registry';
import type { Env } from '../workshop/workshop';

/** A small deterministic generator so the demo is the same file every time. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const COMMUNITIES = [
  'Tinkiwasi',
  'Pacchanta Alta',
  'Mallmapampa',
  'Huaraqa',
  'Ccochaccasa',
  'Upispata',
  'Lauramarca Baja',
  'Sallani',
  'Antaqaqa',
  'Pampacancha',
  'Chillihuani',
  "K'allapampa",
  'Accocunca',
  'Qollqepata',
];
const SURNAMES = [
  'Quispe',
  'Mamani',
  'Huamán',
  'Condori',
  'Ccori',
  'Huillca',
  'Choque',
  'Apaza',
  'Cusi',
  'Yupanqui',
  'Puma',
  'Ttito',
  'Ccallo',
  'Huarca',
  'Illa',
  'Sonqo',
  'Qorimanya',
  'Chambi',
  'Layme',
  'Taipe',
  'Ccahuana',
  'Turpo',
  'Mayta',
  'Waman',
  'Chillihuani',
  'Ccasa',
  'Gutiérrez',
  'Flores',
  'Rojas',
  'Álvarez',
];
const WOMEN = [
  'Rosa',
  'Justina',
  'Marcelina',
  'Hilaria',
  'Vicenta',
  'Nicolasa',
  'Felícitas',
  'Dionisia',
  'Paulina',
  'Sabina',
  'Gregoria',
  'Luzmila',
  'Yolanda',
  'Teodora',
  'Maruja',
  'Nélida',
];
const MEN = [
  'Juan',
  'Florencio',
  'Eusebio',
  'Teófilo',
  'Gregorio',
  'Saturnino',
  'Cirilo',
  'Valentín',
  'Mariano',
  'Leoncio',
  'Hipólito',
  'Santos',
  'Wilber',
  'Edgar',
  'Néstor',
  'Fortunato',
];

interface OrgSpec {
  name: string;
  type: OrgType;
  community: string;
  proof: 'publicRegistry' | 'municipalResolution' | 'assemblyAct' | 'other' | 'none';
  ref: string;
  people: number;
}

function organizations(): OrgSpec[] {
  const orgs: OrgSpec[] = COMMUNITIES.map((c, i) => ({
    name: `Comunidad Campesina ${c}`,
    type: 'comunidadCampesina',
    community: c,
    proof: 'publicRegistry',
    ref: `Partida N.º ${11002300 + i * 17}`,
    people: 2,
  }));
  const schools = [
    ['50412', 'Pacchanta Alta'],
    ['50398', 'Tinkiwasi'],
    ['501125', 'Mallmapampa'],
    ['50415', 'Upispata'],
    ['50750', 'Qollqepata'],
    ['56120', 'Chillihuani'],
    ['50401', 'Huaraqa'],
  ] as const;
  for (const [n, c] of schools)
    orgs.push({
      name: `APAFA I.E. N.º ${n} ${c}`,
      type: 'apafa',
      community: c,
      proof: 'municipalResolution',
      ref: `R.D. ${Number(n) % 900}-2024-UGEL`,
      people: 2,
    });
  for (const [name, c] of [
    ['Comité del Vaso de Leche Tinkiwasi', 'Tinkiwasi'],
    ['Club de Madres Mama Ocllo', 'Qollqepata'],
    ['Comedor Popular Virgen del Carmen', 'Lauramarca Baja'],
    ['Ronda Campesina Sallani', 'Sallani'],
    ['Comité de Regantes Huaraqa', 'Huaraqa'],
  ] as const)
    orgs.push({
      name,
      type: 'grassroots',
      community: c,
      proof: 'assemblyAct',
      ref: 'Acta de asamblea 2025',
      people: 2,
    });
  for (const [name, c] of [
    ['Asociación de Productores de Alpaca Ausangate', 'Pacchanta Alta'],
    ['Asociación de Artesanas Awaq Warmikuna', 'Qollqepata'],
    ['Asociación de Productores de Papa Nativa', 'Ccochaccasa'],
  ] as const)
    orgs.push({
      name,
      type: 'association',
      community: c,
      proof: 'publicRegistry',
      ref: 'Partida N.º 11045877',
      people: 2,
    });
  orgs.push({
    name: 'Asociación Wiñay Allpa (ONG)',
    type: 'ngo',
    community: 'Qollqepata',
    proof: 'publicRegistry',
    ref: 'Partida N.º 11020045',
    people: 1,
  });
  orgs.push({
    name: 'Puesto de Salud Tinkiwasi',
    type: 'stateBody',
    community: 'Tinkiwasi',
    proof: 'other',
    ref: 'Oficio 045-2026',
    people: 1,
  });
  orgs.push({
    name: 'Equipo técnico municipal',
    type: 'stateBody',
    community: 'Qollqepata',
    proof: 'other',
    ref: 'Resolución de Alcaldía 112-2026',
    people: 5,
  });
  return orgs;
}

export function fillDemoRegistry(db: Db, env: Env): void {
  const rand = rng(2027);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const usedDni = new Set<string>();
  const dni = () => {
    for (;;) {
      // Some DNIs start with zeros: spreadsheets love to drop them, Minka keeps them.
      const n =
        rand() < 0.12
          ? Math.floor(rand() * 9_999_999)
          : 40_000_000 + Math.floor(rand() * 39_999_999);
      const s = String(n).padStart(8, '0');
      if (!usedDni.has(s)) {
        usedDni.add(s);
        return s;
      }
    }
  };
  const person = (
    orgId: string | null,
    role: Participant['role'],
    voice: Participant['voice'],
    extra: Partial<ParticipantInput> = {},
  ): ParticipantInput => {
    const female = rand() < 0.45;
    return {
      dni: dni(),
      givenNames: pick(female ? WOMEN : MEN),
      surnames: `${pick(SURNAMES)} ${pick(SURNAMES)}`,
      sex: female ? 'F' : 'M',
      language: rand() < 0.7 ? 'quz' : 'es',
      organizationId: orgId,
      role,
      authorization: '',
      voice,
      accreditation: 'accredited',
      ...extra,
    };
  };

  const people: Participant[] = [];
  const orgIds: string[] = [];
  organizations().forEach((spec, i) => {
    const org = saveOrganization(db, env, {
      name: spec.name,
      type: spec.type,
      community: spec.community,
      standingProof: spec.proof,
      standingRef: spec.ref,
    });
    orgIds.push(org.id);
    const technical = spec.name.startsWith('Equipo técnico');
    for (let k = 0; k < spec.people; k++) {
      const role = technical ? 'member' : k === 0 ? 'titular' : 'suplente';
      const extra: Partial<ParticipantInput> =
        i === 20 && k === 1 ? { accreditation: 'pending' } : {};
      people.push(
        saveParticipant(
          db,
          env,
          person(org.id, role, technical ? 'voiceOnly' : 'voiceAndVote', extra),
        ),
      );
    }
    // Community members who come to listen: voice, no vote.
    if (spec.type === 'comunidadCampesina' && i % 2 === 0)
      people.push(saveParticipant(db, env, person(org.id, 'member', 'voiceOnly')));
    // Some communities send a delegate with an assembly's authorisation.
    if (i === 3 || i === 9 || i === 12)
      people.push(
        saveParticipant(
          db,
          env,
          person(org.id, 'delegate', 'voiceAndVote', {
            authorization: `Acta de asamblea comunal del ${10 + i}/04/2026`,
          }),
        ),
      );
    // Sent by letter weeks ahead, except a few: late, or only by radio.
    const daysBefore = i === 5 ? 3 : i === 11 ? 6 : 18 + (i % 10);
    const sent = new Date(Date.UTC(2026, 4, 14 - daysBefore)).toISOString().slice(0, 10);
    addInvitation(db, env, {
      organizationId: org.id,
      sentOn: sent,
      channel: i % 7 === 3 ? 'radio' : i % 9 === 4 ? 'assembly' : i % 11 === 6 ? 'phone' : 'letter',
      note: i === 5 ? 'Recibida por el presidente tres días antes' : '',
    });
  });
  // Individuals with voice only, and one accreditation refused (not from the district).
  for (let k = 0; k < 10; k++)
    people.push(saveParticipant(db, env, person(null, 'member', 'voiceOnly')));
  people.push(
    saveParticipant(db, env, person(null, 'member', 'voiceOnly', { accreditation: 'rejected' })),
  );

  const venues = db.prepare('SELECT id, date FROM venue ORDER BY position').all() as {
    id: string;
    date: string;
  }[];
  const central = venues[0];
  const tinki = venues[1];
  if (!central || !tinki) return;
  const methods: SignMethod[] = ['signature', 'signature', 'signature', 'thumbprint'];
  // The first day at the central venue: most come; some at Tinkiwasi the next day.
  people.forEach((p, i) => {
    if (p.accreditation === 'rejected') return;
    const venue = i % 5 === 1 ? tinki : i % 4 === 3 ? null : central;
    if (!venue) return;
    const signMethod = i === 7 ? 'ruego' : (methods[i % methods.length] as SignMethod);
    checkIn(db, env, {
      participantId: p.id,
      venueId: venue.id,
      day: venue.date,
      signMethod,
      witness: signMethod === 'ruego' ? 'Prof. Edgar Huamán Ccasa' : '',
    });
  });
  // A mistaken check-in, undone and kept in the record; one person left early.
  const wrong = people.find((p, i) => i % 4 === 3 && p.accreditation === 'accredited');
  if (wrong) {
    const r = checkIn(db, env, {
      participantId: wrong.id,
      venueId: central.id,
      day: central.date,
      signMethod: 'signature',
      witness: '',
    });
    undoCheckIn(db, env, r.id, 'Se registró a la persona equivocada (mismo apellido)');
  }
  const leaving = db
    .prepare(
      'SELECT id FROM attendance WHERE venue_id = ? AND undone_at IS NULL ORDER BY checked_in_at LIMIT 1 OFFSET 5',
    )
    .pluck()
    .get(central.id) as string | undefined;
  if (leaving) checkOut(db, env, leaving);
  walkIn(
    db,
    env,
    { ...person(orgIds[0] ?? null, 'member', 'voiceOnly'), accreditation: 'pending' },
    { venueId: central.id, day: central.date, signMethod: 'thumbprint', witness: '' },
  );
}
