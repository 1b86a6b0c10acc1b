import { describe, expect, it } from 'vitest';
import type { Organization, Participant } from '../schemas/attendance';
import { parseCsv } from './parse';
import { guessMapping, previewRegistryImport } from './registry-import';
import { guardFormula, registryToCsv, toCsv } from './write';

describe('toCsv', () => {
  it('writes a BOM, CRLF and `;` by default, quoting only where needed', () => {
    expect(
      toCsv([
        ['DNI', 'Nombre'],
        ['01234567', 'Quispe; "Juan"'],
        ['x', 'dos\nlíneas'],
      ]),
    ).toBe('\ufeffDNI;Nombre\r\n01234567;"Quispe; ""Juan"""\r\nx;"dos\nlíneas"\r\n');
  });

  it('can leave the BOM out and use commas', () => {
    expect(toCsv([['a,b', 'c;d']], { delimiter: ',', bom: false })).toBe('"a,b",c;d\r\n');
  });

  it('keeps DNIs as 8-digit text', () => {
    expect(toCsv([['00012345']], { bom: false })).toBe('00012345\r\n');
  });
});

describe('formula injection', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","Ver")', `"'=HYPERLINK(""http://evil.example"",""Ver"")"`],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['+51 984 123 456', "'+51 984 123 456"],
    ['-2+3+cmd|/C calc!A0', "'-2+3+cmd|/C calc!A0"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
    ['＝1+1', "'＝1+1"],
  ])('neutralises %j', (cell, written) => {
    expect(toCsv([[cell]], { bom: false })).toBe(`${written}\r\n`);
  });

  it.each(['-12.5', '-3,25', '-7', 'Quispe', '', '01234567', 'a=b', ' =1'])(
    'leaves %j as it is',
    (cell) => {
      expect(guardFormula(cell)).toBe(cell);
    },
  );

  it('can be turned off for machine-to-machine files', () => {
    expect(toCsv([['=1+1']], { bom: false, formulaGuard: false })).toBe('=1+1\r\n');
  });
});

const org = (id: string, name: string, extra: Partial<Organization> = {}): Organization => ({
  id,
  name,
  type: 'comunidadCampesina',
  community: 'Upis',
  standingProof: 'publicRegistry',
  standingRef: 'Partida 11002345',
  ...extra,
});
const person = (id: string, dni: string, extra: Partial<Participant> = {}): Participant => ({
  id,
  dni,
  givenNames: 'Juana',
  surnames: 'Quispe Mamani',
  sex: 'F',
  language: 'quz',
  organizationId: 'o1',
  role: 'titular',
  authorization: '',
  voice: 'voiceAndVote',
  accreditation: 'accredited',
  ...extra,
});

describe('registryToCsv', () => {
  const orgs = [
    org('o1', 'C.C. Upis'),
    org('o2', 'APAFA I.E. 501', { type: 'apafa', standingProof: 'none', standingRef: '' }),
    org('o3', 'Vaso de Leche Tinke', { type: 'grassroots' }),
  ];
  const people = [
    person('p3', '40000003', {
      organizationId: 'o2',
      role: 'delegate',
      givenNames: 'Rosa',
      surnames: 'Huamán',
      authorization: 'Acta del 12/04/2026',
      language: 'es',
    }),
    person('p1', '01234567'),
    person('p2', '40000002', {
      role: 'suplente',
      givenNames: '=Pedro',
      surnames: 'Condori',
      sex: 'M',
    }),
    person('p4', '', {
      organizationId: null,
      role: 'member',
      voice: 'voiceOnly',
      givenNames: 'Luis',
      surnames: 'Ccama',
      sex: 'X',
    }),
  ];

  it('writes translated headers, grouped rows, 8-digit DNIs and guarded names', () => {
    const text = registryToCsv(orgs, people, 'es');
    expect(text.startsWith('\ufeffOrganización;Tipo de organización;Comunidad / territorio;')).toBe(
      true,
    );
    const rows = parseCsv(text).rows.map((r) => r.cells);
    expect(rows.map((r) => [r[0], r[5], r[7]])).toEqual([
      ['C.C. Upis', '01234567', 'Juana'],
      ['C.C. Upis', '40000002', "'=Pedro"],
      ['APAFA I.E. 501', '40000003', 'Rosa'],
      ['', '', 'Luis'],
      ['Vaso de Leche Tinke', '', ''],
    ]);
    expect(rows[0]).toEqual([
      'C.C. Upis',
      'Comunidad campesina',
      'Upis',
      'Registros Públicos (SUNARP)',
      'Partida 11002345',
      '01234567',
      'Quispe Mamani',
      'Juana',
      'Mujer',
      'Quechua',
      'Titular',
      'Voz y voto',
      '',
      'Acreditado/a',
    ]);
  });

  it('writes Quechua headers and values in quz', () => {
    const header = parseCsv(registryToCsv(orgs, people, 'quz')).header;
    expect(header[0]).toBe('Huñunakuy');
    expect(header).toContain('Ayllu sutikuna');
  });

  it.each(['es', 'en', 'quz'] as const)('imports again what it exported (%s)', (lang) => {
    const parsed = parseCsv(registryToCsv(orgs, people, lang));
    const preview = previewRegistryImport(parsed, guessMapping(parsed.header), {
      dnis: new Set(),
      organizationNames: new Map(),
    });
    expect(preview.errors).toEqual([]);
    const orgFields = ({
      name,
      type,
      community,
      standingProof,
      standingRef,
    }: Omit<Organization, 'id'>) => ({ name, type, community, standingProof, standingRef });
    expect(preview.organizations.map(orgFields)).toEqual(orgs.map(orgFields));
    // Keys are given in the order organisations first appear: o1, o2, o3.
    const idOfKey = new Map(preview.organizations.map((o, i) => [o.key, orgs[i]?.id ?? '?']));
    const back = preview.participants.map(({ line: _line, organizationKey, ...p }) => ({
      ...p,
      organizationId: organizationKey === null ? null : (idOfKey.get(organizationKey) ?? '?'),
    }));
    // Exported grouped by organisation; accreditation is not imported (the committee decides).
    const want = ['p1', 'p2', 'p3', 'p4'].map((id) => {
      const { id: _id, ...rest } = people.find((p) => p.id === id) ?? person('?', '?');
      return { ...rest, accreditation: 'pending' };
    });
    expect(back).toEqual(want);
  });
});
