// The door's search on the hurried entries of field test fac26 (two fresh workshops, 150-person
// registries as the municipality sends them: Windows-1252, ';', a title row). Each query below
// found nobody ("Nadie con ese nombre o DNI") although its other words matched exactly: two
// neighbouring letters swapped ("humaan" for Huamán) or one word beyond repair.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  indexForSearch,
  isClose,
  isGuess,
  rankSearch,
  withinOne,
} from '../../shared/attendance/search';
import { decodeText } from '../../shared/csv/decode';
import { parseCsv } from '../../shared/csv/parse';

function registry(file: string) {
  const bytes = readFileSync(join(__dirname, '../fixtures/registry', file));
  const csv = parseCsv(decodeText(new Uint8Array(bytes)).text);
  const header = csv.rows.find((r) => r.cells.includes('Apellidos'))?.cells ?? csv.header;
  const col = (name: string) => header.indexOf(name);
  const people = csv.rows
    .filter((r) => /^\d+$/.test(r.cells[0] ?? ''))
    .map((r) => ({
      id: `${r.cells[col('Apellidos')] ?? ''}, ${r.cells[col('Nombres')] ?? ''}`,
      dni: r.cells[col('DNI')] ?? '',
      name: [r.cells[col('Nombres')] ?? '', r.cells[col('Apellidos')] ?? ''],
      texts: [r.cells[col('Organización')] ?? '', r.cells[col('Comunidad')] ?? ''],
    }));
  expect(people.length).toBe(150);
  return indexForSearch(people);
}

describe('door search on the fac26 hurried entries', () => {
  const a = registry('fac26-ocongate-150.csv');
  const c = registry('fac26-ocongate-150-c.csv');

  it('two swapped neighbours are one slip (restricted Damerau), not two', () => {
    expect(withinOne('humaan', 'huaman')).toBe(true);
    expect(withinOne('ccroi', 'ccori')).toBe(true);
    expect(withinOne('qusipe', 'quispe')).toBe(true);
    expect(withinOne('ab', 'ba')).toBe(true);
    expect(withinOne('abcd', 'badc')).toBe(false); // two swaps are two slips
    expect(withinOne('huaman', 'humana')).toBe(false);
  });

  it.each([
    [a, 'juana humaan ccori', 'HUAMÁN CCORI, Juana'],
    [a, 'saturnina ccroi waman', 'CCORI WAMAN, Saturnina'],
    [a, 'florencia qusipe nahui', 'QUISPE ÑAHUI, Florencia'],
    [a, 'nestor tiocna nunez', 'TICONA NÚÑEZ, Néstor'],
    [a, 'agripina nauhi apaza', 'ÑAHUI APAZA, Agripina'],
    [a, 'florencia chmabi ccori', 'CHAMBI CCORI, Florencia'],
    [c, 'juana humaan ccori', 'HUAMÁN CCORI, Juana'],
    [c, 'yolanda qoir ticona', 'QORI TICONA, Yolanda'],
    [c, 'simeon codnori apaza', 'CONDORI APAZA, Simeón'],
    [c, 'wilber yuapnqui qori', 'YUPANQUI QORI, Wilber'],
  ])('%#: "%s" finds %s first', (index, query, who) => {
    const hits = rankSearch(index, query);
    expect(hits[0]?.id).toBe(who);
  });

  it('a word beyond repair: the people matching the other words, most words first, never taken by Enter unasked', () => {
    const hits = rankSearch(a, 'juana xxxxxx ccori');
    expect(hits.map((h) => h.id)).toContain('HUAMÁN CCORI, Juana');
    expect(hits.every((h) => h.tier === 4)).toBe(true);
    expect(isGuess(hits)).toBe(true);
    // One word of three is not enough to offer anyone.
    expect(rankSearch(a, 'juana wxtz pfkd')).toEqual([]);
  });

  it('the exact name still comes first, before a sound-alike or a swap', () => {
    const hits = rankSearch(a, 'juana huaman ccori');
    expect(hits[0]?.id).toBe('HUAMÁN CCORI, Juana');
    expect(hits[0]?.tier).toBe(0);
    expect(isClose(hits)).toBe(false);
  });
});
