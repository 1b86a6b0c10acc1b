import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareEs, comparePeople, sortedEs } from './collate';

describe('Spanish collation', () => {
  it('puts Ñ after N and ignores accents and case for order', () => {
    expect(
      ['ÑAHUI', 'OBLITAS', 'NUÑEZ', 'Zapata', 'HUAMÁN', 'huaman', 'HUALPA'].sort(compareEs),
    ).toEqual(['HUALPA', 'HUAMÁN', 'huaman', 'NUÑEZ', 'ÑAHUI', 'OBLITAS', 'Zapata']);
    expect(compareEs('Ñahui', 'Nina')).toBeGreaterThan(0);
    expect(compareEs('Ñahui', 'Oblitas')).toBeLessThan(0);
  });

  it('orders people by surnames, then given names', () => {
    const p = (surnames: string, givenNames: string) => ({ surnames, givenNames });
    const list = [
      p('ÑAHUI CUSI', 'Felícitas'),
      p('NINA HUAMÁN', 'Saturnina'),
      p('Huamán Ccori', 'Rosa'),
      p('HUAMAN APAZA', 'Teófilo'),
      p('OBLITAS', 'Ana'),
    ];
    expect(list.sort(comparePeople).map((x) => x.surnames)).toEqual([
      'HUAMAN APAZA',
      'Huamán Ccori',
      'NINA HUAMÁN',
      'ÑAHUI CUSI',
      'OBLITAS',
    ]);
  });
});

describe('the written-out Spanish order agrees with Intl.Collator("es") on names', () => {
  it('for a list of Quechua and Spanish surnames', () => {
    const names = [
      'ÑAHUI',
      'NINA',
      'NUÑEZ',
      'NUNEZ',
      'OBLITAS',
      'HUAMÁN',
      'HUALPA',
      'CCORI',
      'CCORI APAZA',
      'CCORIMANYA',
      'CHOQUE',
      'CUSI',
      'QUISPE',
      'QISPE',
      'LLAVILLA',
      'LUNA',
      'ÁLVAREZ',
      'APAZA',
      'Ángel',
      'ZAMALLOA',
    ];
    const icu = new Intl.Collator('es', { sensitivity: 'base' });
    expect([...names].sort(compareEs)).toEqual(
      [...names].sort((a, b) => icu.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0)),
    );
  });
});

describe('sortedEs (keys computed once)', () => {
  it('gives exactly the order of comparePeople, ties kept in input order', () => {
    const part = fc.constantFrom(
      'Ñahui',
      'Nina',
      'HUAMÁN',
      'Huaman',
      'huamán',
      'Qispe',
      'Quispe',
      'Ccori',
      '',
      'Ñ',
    );
    fc.assert(
      fc.property(
        fc.array(fc.record({ surnames: part, givenNames: part, n: fc.nat() }), { maxLength: 40 }),
        (people) => {
          expect(sortedEs(people, (p) => [p.surnames, p.givenNames])).toEqual(
            [...people].sort(comparePeople),
          );
        },
      ),
    );
  });
});
