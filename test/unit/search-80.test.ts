// The door's and the kiosk's search measured as a person in a hurry uses it: 80 partial-name
// queries over the 80-person Quechua registry (test/fixtures/registry/quechua-80.csv, read as
// the app reads it), one per person, and the share whose wanted person ranks first. The
// search before issue 13 is kept below, verbatim, so the figure has a same-run baseline.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { foldName, indexForSearch, isClose, rankSearch } from '../../shared/attendance/search';
import { decodeText } from '../../shared/csv/decode';
import { parseCsv } from '../../shared/csv/parse';

interface Person {
  id: string;
  dni: string;
  surnames: string;
  given: string;
  org: string;
  community: string;
}

function registry(): Person[] {
  const bytes = readFileSync(join(__dirname, '../fixtures/registry/quechua-80.csv'));
  const decoded = decodeText(new Uint8Array(bytes));
  expect(decoded.encoding).toBe('windows-1252');
  const csv = parseCsv(decoded.text);
  const col = (name: string) => csv.header.indexOf(name);
  return csv.rows.map((r) => ({
    id: r.cells[0] ?? '',
    dni: (r.cells[col('DNI')] ?? '').padStart(8, '0').replace(/^0+$/, ''),
    surnames: r.cells[col('Apellidos')] ?? '',
    given: r.cells[col('Nombres')] ?? '',
    org: r.cells[col('Organización')] ?? '',
    community: r.cells[col('Comunidad')] ?? '',
  }));
}

const plain = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
/** How a hurried operator spells a surname they heard: Quechua spelling, not the registry's. */
const variant = (s: string) =>
  plain(s)
    .replace(/^hua/, 'wa')
    .replace(/hui/g, 'wi')
    .replace(/cc/g, 'q')
    .replace(/qui/g, 'qi')
    .replace(/que$/, 'qi');

/** One partial-name query per person, in six styles that repeat down the registry. */
function queryFor(p: Person, i: number): string {
  const [s1 = '', s2 = ''] = plain(p.surnames).split(' ');
  const g = plain(p.given).split(' ')[0] ?? '';
  switch (i % 6) {
    case 0:
      return `${g} ${s1} ${s2.slice(0, 2)}`; // "rosa waman hu"
    case 1:
      return `${s1.slice(0, 5)} ${g.slice(0, 3)}`; // "ccahu tit"
    case 2:
      return `${variant(p.surnames.split(' ')[0] ?? '')} ${variant(p.surnames.split(' ')[1] ?? '')} ${g.slice(0, 2)}`; // "qispe mamani ju"
    case 3:
      return `${g} ${s1.slice(0, 4)} ${s2.slice(0, 1)}`; // "rosa wama q"
    case 4:
      return `${s1} ${s2}`; // "waman qori"
    default:
      return `${g} ${s1.slice(0, 2)}${s1.slice(3)}`; // a dropped letter: "nazario coquira"
  }
}

// ---- the search as it was before issue 13 (for the baseline) ----------------------------
function legacySearch(
  items: { id: string; texts: string[]; dni: string }[],
  query: string,
): string[] {
  const index = items.map((it) => ({
    id: it.id,
    words: it.texts
      .flatMap((t) => t.split(/[\s,.;/()-]+/))
      .filter(Boolean)
      .map(foldName),
  }));
  const terms = query
    .trim()
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(foldName)
    .filter(Boolean);
  const scored: { id: string; score: number }[] = [];
  for (const item of index) {
    let score = 0;
    let all = true;
    for (const term of terms) {
      let best = 0;
      for (const w of item.words) {
        if (w === term) best = Math.max(best, 3);
        else if (w.startsWith(term)) best = Math.max(best, 2);
        else if (term.length >= 3 && w.includes(term)) best = Math.max(best, 1);
      }
      if (best === 0) {
        all = false;
        break;
      }
      score += best;
    }
    if (all) scored.push({ id: item.id, score });
  }
  return scored.sort((a, b) => b.score - a.score).map((s) => s.id);
}

describe('door and kiosk search over 80 Quechua names', () => {
  const people = registry();
  const items = people.map((p) => ({
    id: p.id,
    dni: p.dni,
    name: [p.given, p.surnames],
    texts: [p.org, p.community],
  }));
  const index = indexForSearch(items);
  const queries = people.map((p, i) => ({ want: p.id, q: queryFor(p, i) }));

  it('puts the wanted person first for at least 95 % of 80 partial-name queries (was lower)', () => {
    expect(people).toHaveLength(80);
    const legacyItems = people.map((p) => ({
      id: p.id,
      dni: p.dni,
      texts: [p.given, p.surnames, p.org, p.community],
    }));
    const before = queries.filter(({ want, q }) => legacySearch(legacyItems, q)[0] === want).length;
    const after = queries.filter(({ want, q }) => rankSearch(index, q)[0]?.id === want).length;
    const missed = queries
      .filter(({ want, q }) => rankSearch(index, q)[0]?.id !== want)
      .map(({ q }) => q);
    // Enter checks in the wrong person without asking: before, whenever the first was wrong;
    // now only when the first is wrong and not flagged as close to the second.
    const silentBefore = 80 - before;
    const silentAfter = queries.filter(({ want, q }) => {
      const hits = rankSearch(index, q);
      return hits[0]?.id !== want && !isClose(hits);
    }).length;
    // Printed for the closing note.
    console.log(
      `search-80: wanted person first before ${before}/80, after ${after}/80; Enter takes the wrong person silently before ${silentBefore}/80, after ${silentAfter}/80; missed: ${missed.join(' | ')}`,
    );
    expect(after).toBeGreaterThanOrEqual(76);
    expect(after).toBeGreaterThan(before);
    expect(silentAfter).toBeLessThanOrEqual(1);
  });

  it('ranks the exact spelling above the sound-alike: "waman qori" is WAMAN QORI, Rosa', () => {
    const name = (id: string | undefined) => people.find((p) => p.id === id)?.surnames;
    const hits = rankSearch(index, 'waman qori');
    expect(name(hits[0]?.id)).toBe('WAMAN QORI');
    expect(name(hits[1]?.id)).toBe('HUAMÁN CCORI');
    expect(isClose(hits)).toBe(false);
    expect(name(rankSearch(index, 'huaman ccori rosa')[0]?.id)).toBe('HUAMÁN CCORI');
  });

  it('finds partial words, given name first, accents off', () => {
    const first = (q: string) => {
      const p = people.find((x) => x.id === rankSearch(index, q)[0]?.id);
      return p ? `${p.surnames}, ${p.given}` : '';
    };
    const all = (q: string) =>
      rankSearch(index, q).map((h) => people.find((x) => x.id === h.id)?.surnames);
    expect(all('ccahu')).toEqual(expect.arrayContaining(['CCAHUANA HUILLCA', 'HUILLCA CCAHUANA']));
    expect(all('choqu')).toEqual(
      expect.arrayContaining(['CHOQUE CONDORI', 'CHOQUEHUANCA QUISPE', 'CCALLO CHOQUE']),
    );
    // One letter off is only a fallback: "rosa" lists the three Rosas, not "Ausa(ngate)" or ROJAS.
    expect(rankSearch(index, 'rosa').map((h) => people.find((x) => x.id === h.id)?.given)).toEqual([
      'Rosa',
      'Rosa',
      'Rosa',
    ]);
    expect(first('ccahu ti')).toBe('CCAHUANA HUILLCA, Tito');
    expect(first('choqu hil')).toBe('CHOQUE CONDORI, Hilario');
    expect(first('rosa waman hu')).toBe('WAMAN HUILLCA, Rosa');
    expect(first('tito apaza hu')).toBe('APAZA HUILLCA, Tito');
    expect(first('felicitas nahui')).toBe('ÑAHUI CUSI, Felícitas');
    expect(first('04512377')).toBe('APAZA HUILLCA, Tito');
  });

  it('two close candidates are flagged so Enter does not pick one silently', () => {
    // Two Rosas whose first surname is WAMAN: "rosa waman" cannot tell them apart.
    const hits = rankSearch(index, 'rosa waman');
    expect(isClose(hits)).toBe(true);
    expect(isClose(rankSearch(index, 'rosa waman qori'))).toBe(false);
    // "choqu" is both CHOQUE and CHOQUEHUANCA (and any other Choque): a choice is needed.
    expect(isClose(rankSearch(index, 'choqu'))).toBe(true);
  });
});
