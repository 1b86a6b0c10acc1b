import { describe, expect, it } from 'vitest';
import { OrganizationInput, ParticipantInput } from '../schemas/attendance';
import { decodeText } from './decode';
import { parseCsv } from './parse';
import {
  emptyMapping,
  guessMapping,
  issueMessage,
  locateRegistryHeader,
  normalizeOrgName,
  previewRegistryImport,
  type ExistingRegistry,
  type Mapping,
} from './registry-import';

const none = (): ExistingRegistry => ({ dnis: new Set(), organizationNames: new Map() });
function preview(text: string, existing = none(), mapping?: Partial<Mapping>) {
  const parsed = parseCsv(text);
  return previewRegistryImport(parsed, { ...guessMapping(parsed.header), ...mapping }, existing);
}
/** Files without a DNI column get one file-level note; tests about other things set it aside. */
const other = <T extends { key: string }>(issues: T[]) =>
  issues.filter((i) => i.key !== 'csv.import.noDniColumn');
const brief = (issues: { line: number; field: string | null; key: string }[]) =>
  issues.map((i) => `${i.line}:${i.field}:${i.key.replace('csv.import.', '')}`);

describe('guessMapping', () => {
  it('reads the headers municipalities write', () => {
    const m = guessMapping([
      'N°',
      'Nombre de la Organización',
      'Tipo de organización',
      'Comunidad',
      'N° DNI',
      'Apellido Paterno',
      'Apellido materno',
      'Nombres',
      'SEXO',
      'Idioma',
      'Cargo',
      'Voz',
      'Acreditación',
      'Observaciones',
    ]);
    expect(m).toEqual({
      ...emptyMapping(),
      organization: 1,
      orgType: 2,
      community: 3,
      dni: 4,
      surnames: 5,
      secondSurname: 6,
      givenNames: 7,
      sex: 8,
      language: 9,
      role: 10,
      voice: 11,
      authorization: 12,
    });
  });

  it('reads a full-name column, English headers and a lone "Nombre"', () => {
    expect(guessMapping(['DNI', 'Apellidos y nombres', 'Organización'])).toMatchObject({
      dni: 0,
      fullName: 1,
      organization: 2,
      givenNames: null,
      surnames: null,
    });
    expect(
      guessMapping([
        'Organisation',
        'Type',
        'ID number',
        'Surname',
        'Given names',
        'Gender',
        'Role',
      ]),
    ).toMatchObject({
      organization: 0,
      orgType: 1,
      dni: 2,
      surnames: 3,
      givenNames: 4,
      sex: 5,
      role: 6,
    });
    expect(guessMapping(['Nombre', 'DNI'])).toMatchObject({ fullName: 0, givenNames: null });
  });

  it('does not take "Tipo de documento" for an organisation type nor "Cargo en la organización" for the organisation', () => {
    expect(
      guessMapping(['Tipo de documento', 'Cargo en la organización', 'Organización']),
    ).toMatchObject({ orgType: null, role: 1, organization: 2 });
  });
});

describe('previewRegistryImport', () => {
  it('imports a Windows-1252, `;` file from Excel end to end', () => {
    const text =
      'Organización;Tipo;DNI;Apellidos;Nombres;Sexo;Idioma;Cargo;;\r\nComunidad Campesina de Ñahuinlla;C.C.;1234567;Mamani Quispe;Ñusta;F;Quechua;Titular;;\r\n';
    const bytes = Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
    const decoded = decodeText(bytes);
    expect(decoded.encoding).toBe('windows-1252');
    const p = preview(decoded.text);
    expect(p.errors).toEqual([]);
    expect(p.organizations).toEqual([
      {
        key: 'new-1',
        line: 2,
        name: 'Comunidad Campesina de Ñahuinlla',
        type: 'comunidadCampesina',
        community: '',
        standingProof: 'none',
        standingRef: '',
      },
    ]);
    expect(p.participants).toEqual([
      {
        line: 2,
        dni: '01234567',
        givenNames: 'Ñusta',
        surnames: 'Mamani Quispe',
        sex: 'F',
        language: 'quz',
        role: 'titular',
        authorization: '',
        voice: 'voiceAndVote',
        accreditation: 'pending',
        organizationKey: 'new-1',
      },
    ]);
    expect(issueMessage(p.warnings[0]!, 'es')).toBe(
      'Línea 2, columna «DNI»: el DNI «1234567» perdió sus ceros iniciales (Excel); se registra como 01234567.',
    );
  });

  it('repairs DNIs as spreadsheets mangle them and names each invalid one', () => {
    const p = preview(
      [
        'Nombres,DNI',
        'Ana,12.345.678',
        'Bea,1234567.0',
        "Cira,'00123456",
        'Dora,="00654321"',
        'Eva, 4000 0001 ',
        'Flor,123',
        'Gina,12AB5678',
        'Hilda,123456789',
        'Iris,00000000',
      ].join('\n'),
    );
    expect(p.participants.map((x) => [x.givenNames, x.dni])).toEqual([
      ['Ana', '12345678'],
      ['Bea', '01234567'],
      ['Cira', '00123456'],
      ['Dora', '00654321'],
      ['Eva', '40000001'],
    ]);
    expect(brief(p.errors)).toEqual([
      '7:dni:dniInvalid',
      '8:dni:dniInvalid',
      '9:dni:dniInvalid',
      '10:dni:dniInvalid',
    ]);
    expect(issueMessage(p.errors[1]!, 'es')).toBe(
      'Línea 8, columna «DNI»: el DNI «12AB5678» no tiene 8 dígitos.',
    );
    expect(brief(p.warnings)).toEqual(['3:dni:dniPadded']);
  });

  it('refuses a DNI repeated in the file or already registered, naming both lines', () => {
    const existing: ExistingRegistry = {
      dnis: new Set(['40000009']),
      organizationNames: new Map(),
    };
    const p = preview(
      'DNI;Nombres;Apellidos\n40000001;Ana;Quispe\n\n40000002;Bea;Mamani\n40000001;Ana María;Quispe\n40000009;Ciro;Huamán\n',
      existing,
    );
    expect(p.participants.map((x) => x.line)).toEqual([2, 4]);
    expect(p.errors.map((e) => [e.key, e.line, e.params['firstLine']])).toEqual([
      ['csv.import.dniDuplicate', 5, 2],
      ['csv.import.dniRegistered', 6, undefined],
    ]);
    expect(issueMessage(p.errors[0]!, 'en')).toBe(
      'Line 5, column “DNI”: the DNI 40000001 already appears on line 2.',
    );
  });

  it('deduplicates organisations by folded name and links to registered ones', () => {
    const existing: ExistingRegistry = {
      dnis: new Set(),
      organizationNames: new Map([
        [normalizeOrgName('Municipalidad Distrital de Ocongate'), 'org-muni'],
      ]),
    };
    const p = preview(
      'Organización;Comunidad;DNI;Nombres;Cargo\n' +
        'C.C. Upis;Upis;40000001;Ana;titular\n' +
        'c.c. UPIS;;40000002;Bea;suplente\n' +
        'CC Úpis;Tinke;40000003;Ciro;delegado\n' +
        'MUNICIPALIDAD DISTRITAL DE OCONGATE;;40000004;Dina;Equipo técnico\n',
      existing,
    );
    expect(p.organizations.map((o) => [o.key, o.name, o.community])).toEqual([
      ['new-1', 'C.C. Upis', 'Upis'],
    ]);
    expect(p.participants.map((x) => [x.organizationKey, x.role, x.voice])).toEqual([
      ['new-1', 'titular', 'voiceAndVote'],
      ['new-1', 'suplente', 'voiceAndVote'],
      ['new-1', 'delegate', 'voiceAndVote'],
      ['org-muni', 'member', 'voiceOnly'],
    ]);
    expect(brief(p.warnings)).toEqual([
      '4:community:orgConflict',
      '4:authorization:delegateNoAuthorization',
    ]);
    expect(p.warnings[0]?.params).toMatchObject({ kept: 'Upis', value: 'Tinke', firstLine: 2 });
  });

  it.each([
    ['Comunidad Campesina', 'comunidadCampesina'],
    ['C.C.', 'comunidadCampesina'],
    ['Comunidad nativa', 'comunidadCampesina'],
    ['APAFA', 'apafa'],
    ['Asociación de padres de familia', 'apafa'],
    ['Organización de base', 'grassroots'],
    ['Vaso de leche', 'grassroots'],
    ['Club de Madres', 'grassroots'],
    ['Ronda campesina', 'grassroots'],
    ['ONG', 'ngo'],
    ['O.N.G.', 'ngo'],
    ['Institución del Estado', 'stateBody'],
    ['Municipalidad', 'stateBody'],
    ['Puesto de salud', 'stateBody'],
    ['Asociación de productores', 'association'],
    ['Independiente', 'individual'],
    ['individual', 'individual'],
    ['Llaqta huñunakuy', 'grassroots'],
    ['Peasant community', 'comunidadCampesina'],
  ])('reads the organisation type %j', (word, type) => {
    const p = preview(`Organización;Tipo;Nombres\nUpis;${word};Ana\n`);
    expect(p.organizations[0]?.type).toBe(type);
    expect(other(p.warnings)).toEqual([]);
  });

  it('guesses a missing type from the name, and warns when it cannot', () => {
    const p = preview(
      'Organización;Nombres\nComunidad Campesina de Upis;Ana\nAPAFA I.E. 501;Bea\nLos Andes;Ciro\n',
    );
    expect(p.organizations.map((o) => o.type)).toEqual([
      'comunidadCampesina',
      'apafa',
      'association',
    ]);
    expect(brief(other(p.warnings))).toEqual(['4:orgType:orgTypeMissing']);
    expect(issueMessage(other(p.warnings)[0]!, 'quz')).toContain('Los Andes');
  });

  it('reads sex, language, role and voice words, and warns on unknown ones', () => {
    const rows = [
      ['F', 'castellano', 'titular', 'voz y voto'],
      ['Mujer', 'Runasimi', 'Suplente', 'solo voz'],
      ['Varón', 'Quechua y castellano', 'Delegada', ''],
      ['hombre', 'español', 'miembro', 'sin voto'],
      ['Masculino', 'aimara', 'Presidente', 'quizá'],
      ['?', 'latín', '', ''],
    ];
    const p = preview(
      'Organización;Nombres;Sexo;Idioma;Cargo;Voz;Acreditación\n' +
        rows.map((r) => `C.C. Upis;Ana;${r.join(';')};Acta 1`).join('\n'),
    );
    expect(p.participants.map((x) => [x.sex, x.language, x.role, x.voice])).toEqual([
      ['F', 'es', 'titular', 'voiceAndVote'],
      ['F', 'quz', 'suplente', 'voiceOnly'],
      ['M', 'quz', 'delegate', 'voiceAndVote'],
      ['M', 'es', 'member', 'voiceOnly'],
      ['M', 'other', 'member', 'voiceAndVote'],
      ['X', 'other', 'titular', 'voiceAndVote'],
    ]);
    expect(brief(other(p.warnings))).toEqual([
      '6:voice:voiceUnknown',
      '7:sex:sexUnknown',
      '7:language:languageUnknown',
    ]);
    // "Presidente" is not read as a role: it waits for the operator's choice (registry-roles.test.ts).
    expect(p.roles[0]).toMatchObject({ value: 'Presidente', lines: [6], read: null, chosen: null });
    expect(p.rolesUnchosen).toBe(1);
  });

  it('splits full names by comma, by capitals, or by position with a warning', () => {
    const p = preview(
      'DNI;Apellidos y nombres\n40000001;QUISPE MAMANI, Juan Carlos\n40000002;HUAMÁN CONDORI Rosa\n40000003;DE LA CRUZ CCAMA JOSÉ LUIS\n40000004;Wari\n',
    );
    expect(p.participants.map((x) => [x.surnames, x.givenNames])).toEqual([
      ['QUISPE MAMANI', 'Juan Carlos'],
      ['HUAMÁN CONDORI', 'Rosa'],
      ['DE LA CRUZ CCAMA', 'JOSÉ LUIS'],
      ['', 'Wari'],
    ]);
    expect(brief(p.warnings)).toEqual(['4:fullName:nameSplit']);
    const q = preview('Nombres y apellidos\nJuan Carlos Quispe Mamani\nRosa Huamán\n');
    expect(q.participants.map((x) => [x.givenNames, x.surnames])).toEqual([
      ['Juan Carlos', 'Quispe Mamani'],
      ['Rosa', 'Huamán'],
    ]);
  });

  it('requires a name, and an organisation unless member or individual', () => {
    const p = preview(
      'Organización;Tipo;DNI;Nombres;Apellidos;Cargo\n' +
        'Upis;;40000001;;Quispe;titular\n' + // no given names
        ';;40000002;Bea;Mamani;titular\n' + // titular without organisation
        ';;40000003;Ciro;Ccama;participante\n' + // member: fine
        ';Independiente;40000004;Dina;Huamán;titular\n' + // individual: fine
        'Ninguna;;40000005;Eva;Apaza;\n' + // "Ninguna" is no organisation; no role → member
        'Asociación Los Andes;;;;;\n', // organisation-only row
    );
    expect(brief(p.errors)).toEqual([
      '2:givenNames:nameMissing',
      '3:organization:organizationMissing',
    ]);
    expect(p.participants.map((x) => [x.givenNames, x.organizationKey, x.role])).toEqual([
      ['Ciro', null, 'member'],
      ['Dina', null, 'titular'],
      ['Eva', null, 'member'],
    ]);
    expect(p.organizations.map((o) => o.name)).toEqual(['Upis', 'Asociación Los Andes']);
    expect(issueMessage(p.errors[1]!, 'es')).toBe(
      'Línea 3, columna «Organización»: falta la organización; es obligatoria para titulares, suplentes y delegados.',
    );
  });

  it('uses the field name when the column is not in the file', () => {
    const p = preview('DNI;Nombres;Cargo\n40000001;Ana;titular\n');
    expect(p.errors[0]?.params['field']).toBe('');
    expect(issueMessage(p.errors[0]!, 'es')).toContain('columna «Organización»');
    expect(issueMessage(p.errors[0]!, 'quz')).toContain('«Huñunakuy»');
  });

  it('reports a header-only file, a file without names and a file without DNIs', () => {
    expect(brief(preview('DNI;Nombres;Apellidos\r\n').errors)).toEqual(['1:null:noRows']);
    expect(brief(preview('DNI;Sexo\n40000001;F\n').errors)).toEqual(['1:null:noNameColumn']);
    const p = preview('Nombres;Apellidos\nAna;Quispe\n');
    expect(brief(p.warnings)).toEqual(['1:dni:noDniColumn']);
    expect(p.participants[0]?.dni).toBe('');
  });

  it('lets the user override the guessed mapping', () => {
    const p = preview('Col A;Col B\n40000001;Ana Quispe\n', none(), { dni: 0, fullName: 1 });
    expect(p.participants.map((x) => [x.dni, x.givenNames, x.surnames])).toEqual([
      ['40000001', 'Ana', 'Quispe'],
    ]);
  });

  it('refuses over-long values instead of truncating them', () => {
    const p = preview(`Organización;Nombres\n${'O'.repeat(201)};Ana\nUpis;${'N'.repeat(121)}\n`);
    expect(brief(p.errors)).toEqual(['2:organization:tooLong', '3:givenNames:tooLong']);
    expect(p.errors[0]?.params).toMatchObject({ length: 201, max: 200 });
  });

  it('produces what the registry:import channel accepts', () => {
    const p = preview(
      'Organización;Tipo;Partida;DNI;Apellidos y nombres;Sexo;Cargo;Autorización\nC.C. Upis;CC;Partida 11002345;1234567;QUISPE, Ana;F;delegado;Acta 3\n',
    );
    expect(p.organizations[0]?.standingProof).toBe('publicRegistry');
    for (const o of p.organizations)
      expect(OrganizationInput.extend({}).safeParse(o).success).toBe(true);
    for (const { line: _line, organizationKey: _k, ...x } of p.participants)
      expect(ParticipantInput.safeParse({ ...x, organizationId: null }).error).toBeUndefined();
  });
});

describe('a title block above the header (municipal registers often carry one)', () => {
  const body = [
    'N°;DNI;Apellidos;Nombres;Sexo;Organización;Tipo de organización;Comunidad;Cargo',
    '1;26597796;WAMAN QORI;Rosa;Mujer;APAFA I.E. 50400 Pacchanta;APAFA;Pacchanta;Titular',
    '2;04899917;HUAMÁN CCORI;Rosa;Mujer;APAFA I.E. 50400 Pacchanta;APAFA;Pacchanta;Suplente',
  ];
  it.each([
    ['a title with no separator and a blank line', ['PADRÓN DE ORGANIZACIONES 2027', ''], 3],
    [
      'a title padded by Excel, and a district line',
      ['PADRÓN 2027;;;;', 'Distrito de Ocongate;;;'],
      3,
    ],
  ])('%s: the header is found below it, nothing of it is imported', (_name, title, headerLine) => {
    const parsed = parseCsv([...title, ...body].join('\r\n'));
    expect(parsed.delimiter).toBe(';');
    const located = locateRegistryHeader(parsed);
    expect(located.titleRows).toBe(title.filter((l) => l.replace(/;/g, '') !== '').length);
    expect(located.headerLine).toBe(headerLine);
    const p = previewRegistryImport(located, guessMapping(located.header), none());
    expect(p.errors).toEqual([]);
    expect(p.participants.map((x) => [x.line, x.surnames, x.dni])).toEqual([
      [headerLine + 1, 'WAMAN QORI', '26597796'],
      [headerLine + 2, 'HUAMÁN CCORI', '04899917'],
    ]);
  });

  it('a file whose first row is the header is read as before', () => {
    const parsed = parseCsv(body.join('\n'));
    const located = locateRegistryHeader(parsed);
    expect(located.titleRows).toBe(0);
    expect(located).toMatchObject({ header: parsed.header, headerLine: 1, rows: parsed.rows });
  });
});
