import { describe, expect, it } from 'vitest';
import { foldName, indexForSearch, search } from './search';

describe('door search', () => {
  it('folds Quechua spelling variants together', () => {
    expect(foldName('Ccori')).toBe(foldName('Qori'));
    expect(foldName('Qori')).toBe(foldName('Kori'));
    expect(foldName('Huamán')).toBe(foldName('Waman'));
    expect(foldName('Guamán')).toBe(foldName('waman'));
    expect(foldName("Ch'uqllu")).toBe(foldName('Chuqllu'));
    expect(foldName('Qʼuyllur')).toBe(foldName('Quyllur'));
    expect(foldName('Quispe')).toBe(foldName('Kispi'));
    expect(foldName('Ccollque')).toBe(foldName('Qullqi'));
    expect(foldName('MAMANI')).toBe(foldName('mamani'));
    expect(foldName('Ñahui')).toBe(foldName('nawi'));
    expect(foldName('Condori')).not.toBe(foldName('Mamani'));
  });

  const people = indexForSearch([
    { id: 'a', texts: ['Rosa', 'Ccori Huamán', 'C.C. Pacchanta', 'Pacchanta'], dni: '01234567' },
    { id: 'b', texts: ['Juan', 'Quispe Mamani', 'APAFA I.E. 50412', 'Tinkiwasi'], dni: '40123456' },
    { id: 'c', texts: ['Rosalía', 'Condori', 'C.C. Mallmapampa', 'Mallmapampa'], dni: '' },
  ]);

  it('finds people as typed, whatever the spelling', () => {
    expect(search(people, 'qori')).toEqual(['a']);
    expect(search(people, 'waman rosa')).toEqual(['a']);
    expect(search(people, 'kispe')).toEqual(['b']);
    expect(search(people, 'ros')).toEqual(['a', 'c']);
    expect(search(people, 'rosa')[0]).toBe('a');
    expect(search(people, 'tinki')).toEqual(['b']);
    expect(search(people, 'nobody')).toEqual([]);
    expect(search(people, '')).toEqual([]);
  });

  it('finds DNIs by digits, leading zeros included', () => {
    expect(search(people, '0123')).toEqual(['a', 'b']);
    expect(search(people, '01234567')).toEqual(['a']);
    expect(search(people, '4012')).toEqual(['b']);
  });
});
