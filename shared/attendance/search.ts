// Search at the door and at the kiosk (one function for both): as you type, over names, DNI
// and organisation, insensitive to accents and case, tolerant of the spelling variants of
// Quechua names in Spanish documents (Ccori / Qori / Kori, Huamán / Waman / Guamán, Quispe /
// Kispi, apostrophes, doubled letters) and of a typo (one letter off, or two neighbours
// swapped: "humaan" for Huamán) — but what was typed exactly always ranks above what merely
// sounds alike, so Enter never takes the sound-alike by surprise. When no one matches every
// typed word, people matching some of them are offered, most words first (field test fac26:
// 13 of 113 hurried entries found nobody though the other words matched exactly).

/** Fold a string to a key where spelling variants of the same name coincide. */
export function foldName(s: string): string {
  let t = s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '') // accents (ñ → n too)
    .toLowerCase()
    .replace(/['’ʼ`´‘]/g, ''); // ejectives and apostrophes: Ch'uqllu = Chuqllu
  t = t
    .replace(/gu(?=[aeiou])/g, 'w') // Guamán → waman
    .replace(/hu(?=[aeiou])/g, 'w') // Huamán → waman
    .replace(/qu(?=[ei])/g, 'k') // Quispe → kispe
    .replace(/c(?=[ei])/g, 's') // Cesar → sesar
    .replace(/[cq]/g, 'k') // Ccori, Qori → kkori, kori
    .replace(/[xj]/g, 'h')
    .replace(/z/g, 's')
    .replace(/v/g, 'b')
    .replace(/y(?=$|[^aeiou])/g, 'i')
    .replace(/e/g, 'i') // three-vowel Quechua written with five: Ccollque / Qullqi
    .replace(/o/g, 'u')
    .replace(/([a-z])\1+/g, '$1'); // doubled letters: Ccori → kori, Llamocca
  return t;
}

export interface Searchable {
  id: string;
  /** The person's name parts (given names, surnames): what an exact full-name match means. */
  name?: string[];
  /** Other texts to match: organisation, community. */
  texts: string[];
  dni: string;
}

interface Word {
  /** Accents and case off, as written. */
  plain: string;
  /** Spelling variants folded together. */
  folded: string;
  /** A word of the person's name (not of their organisation or community). */
  name: boolean;
}

export interface Indexed {
  id: string;
  words: Word[];
  /** The name's plain words, sorted: equal to the query's for an exact full-name match. */
  fullName: string;
  dni: string;
}

/** Accents, case and apostrophes off; ñ stays apart from n only in the folded key's spelling. */
export function plainWord(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’ʼ`´‘]/g, '');
}

const splitWords = (t: string) => t.split(/[\s,.;/()-]+/).filter(Boolean);

export function indexForSearch(items: Searchable[]): Indexed[] {
  return items.map((it) => {
    const nameWords = (it.name ?? []).flatMap(splitWords).map(plainWord).filter(Boolean);
    const other = (it.name ? it.texts : it.texts)
      .flatMap(splitWords)
      .map(plainWord)
      .filter(Boolean);
    const words: Word[] = [
      ...nameWords.map((w) => ({ plain: w, folded: foldName(w), name: true })),
      ...other.map((w) => ({ plain: w, folded: foldName(w), name: it.name === undefined })),
    ];
    return { id: it.id, dni: it.dni, words, fullName: [...nameWords].sort().join(' ') };
  });
}

/**
 * How well one typed word matches one word of a record, best first:
 * 4 the same word, 3 the start of it, 2 the same or the start after folding spelling
 * variants (a partial last syllable too: "qahu" for Ccahuana), 1 one letter off (a typo).
 */
function wordMatch(term: Term, w: Word): number {
  if (w.plain === term.plain) return 4;
  if (w.plain.startsWith(term.plain)) return 3;
  if (w.folded.startsWith(term.folded)) return 2;
  if (term.cuts.some((f) => w.folded.startsWith(f))) return 2;
  if (term.plain.length >= 3) {
    // One letter off, as typed or after folding, against the whole word or its start.
    // Typos are rarely on the first letter: requiring it keeps "rosa" from matching "ausa(ngate)".
    for (const [t, x] of [
      [term.plain, w.plain],
      [term.folded, w.folded],
    ] as const)
      if (
        t[0] === x[0] &&
        (withinOne(t, x) ||
          withinOne(t, x.slice(0, t.length)) ||
          withinOne(t, x.slice(0, t.length + 1)))
      )
        return 1;
  }
  return 0;
}

/**
 * Optimal-string-alignment (restricted Damerau) distance at most 1: one letter added, dropped
 * or changed, or two adjacent letters swapped — the commonest slip of a hurried typist.
 */
export function withinOne(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length)
    return (
      a.slice(i + 1) === b.slice(i + 1) ||
      (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2))
    );
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * Ranking tiers: 0 exact full name or DNI, 1 every word as typed (prefixes, any order),
 * 2 spelling variants, 3 fuzzy, 4 only some of the typed words match (a fallback).
 */
export type Tier = 0 | 1 | 2 | 3 | 4;

export interface Hit {
  id: string;
  tier: Tier;
  /** Within a tier: higher is better (whole words over prefixes, the name over the community). */
  score: number;
}

const TIER_OF: Record<number, Tier> = { 4: 1, 3: 1, 2: 2, 1: 3 };

interface Term {
  plain: string;
  folded: string;
  /** A half-typed last syllable folds differently from the whole word ("hu" before its
   * vowel): the word without its last one or two letters, folded, when 3 letters remain. */
  cuts: string[];
}

function term(plain: string): Term {
  const n = plain.length;
  const cuts =
    n >= 4 ? [1, 2].map((c) => foldName(plain.slice(0, n - c))).filter((f) => f.length >= 3) : [];
  return { plain, folded: foldName(plain), cuts };
}

function scoreItem(item: Indexed, terms: Term[], fullQuery: string): Hit | null {
  if (item.fullName !== '' && item.fullName === fullQuery)
    return { id: item.id, tier: 0, score: 100 };
  // Each typed word takes its own word of the record, longest typed word first.
  const used = new Set<number>();
  let worst = 4;
  let score = 0;
  let missing = 0;
  const order = [...terms].sort((a, b) => b.plain.length - a.plain.length);
  for (const t of order) {
    let best = 0;
    let at = -1;
    let bestName = false;
    item.words.forEach((w, k) => {
      if (used.has(k)) return;
      const m = wordMatch(t, w);
      if (m > best || (m === best && m > 0 && w.name && !bestName)) {
        best = m;
        at = k;
        bestName = w.name;
      }
    });
    if (best === 0) {
      missing++;
      continue;
    }
    used.add(at);
    worst = Math.min(worst, best);
    // A name word weighs more than the community; an earlier name word (the first surname
    // when written surname-first) slightly more than a later one.
    score += best + (bestName ? 0.5 : 0) - at * 0.001;
  }
  if (missing === 0) return { id: item.id, tier: TIER_OF[worst] ?? 3, score };
  // Some words matched: ranked by how many (each worth more than any word's quality), for a
  // query of several words only, and only when most of them matched (two of three, three of
  // four): one word of two is a different person ("Teodora Qquehue" is not any Teodora).
  const matched = terms.length - missing;
  if (matched * 2 <= terms.length) return null;
  return { id: item.id, tier: 4, score: matched * 10 + score };
}

/**
 * Ranked matches for what was typed: a DNI (all digits) by its digits, leading zeros
 * included; otherwise every typed word must match a different word of the record.
 */
export function rankSearch(index: Indexed[], query: string, limit = 12): Hit[] {
  const q = query.trim();
  if (!q) return [];
  const digits = q.replace(/\D/g, '');
  if (digits.length >= 3 && digits.length === q.replace(/\s/g, '').length) {
    const padded = digits.length < 8 ? digits.padStart(8, '0') : digits;
    const hits: Hit[] = [];
    for (const i of index) {
      if (!i.dni) continue;
      if (i.dni === digits || i.dni === padded) hits.push({ id: i.id, tier: 0, score: 100 });
      else if (i.dni.startsWith(digits)) hits.push({ id: i.id, tier: 1, score: 1 });
      else if (i.dni.includes(digits)) hits.push({ id: i.id, tier: 3, score: 1 });
    }
    return sortHits(hits).slice(0, limit);
  }
  const terms = splitWords(q).map(plainWord).filter(Boolean).map(term);
  if (terms.length === 0) return [];
  const fullQuery = terms
    .map((t) => t.plain)
    .sort()
    .join(' ');
  const hits: Hit[] = [];
  for (const item of index) {
    const h = scoreItem(item, terms, fullQuery);
    if (h) hits.push(h);
  }
  // Fallbacks: one letter off shows only when nothing matched as typed or as a variant, and
  // people matching only some of the words only when nobody matched them all.
  const best = Math.min(...hits.map((h) => (h.tier < 3 ? 0 : h.tier)));
  return sortHits(hits.filter((h) => (h.tier < 3 ? 0 : h.tier) === best)).slice(0, limit);
}

const sortHits = (hits: Hit[]) => hits.sort((a, b) => a.tier - b.tier || b.score - a.score);

/**
 * Whether the first two candidates are too close for Enter to choose between them: same
 * tier and nearly the same score. The screen then shows both and asks for a choice.
 */
export function isClose(hits: readonly Hit[]): boolean {
  const [a, b] = hits;
  // Two people each matching only some words: a guess between them, however far apart.
  if (a?.tier === 4 && b) return true;
  return !!a && !!b && a.tier === b.tier && a.score - b.score < 0.9;
}

/** The best candidate matches only some of the typed words: Enter must not take it unasked. */
export function isGuess(hits: readonly Hit[]): boolean {
  return hits[0]?.tier === 4;
}

/** Ids only, best first (registry filter and benchmarks). */
export function search(index: Indexed[], query: string, limit = 12): string[] {
  return rankSearch(index, query, limit).map((h) => h.id);
}
