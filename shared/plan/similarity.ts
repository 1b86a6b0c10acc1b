// How alike two project names are, for matching the minutes' titles to a plan's lines.
// Plans rename projects in the Invierte.pe style ("MEJORAMIENTO DEL SERVICIO DE AGUA PARA
// RIEGO EN LOS SECTORES DE HUARACCA Y COCHACASA DEL DISTRITO DE OCONGATE - QUISPICANCHI -
// CUSCO") and spell Quechua place names their own way (Huaraqa / Huaracca / Waraqa), so:
// words are folded with the door search's Quechua-aware folding, formal filler words are
// dropped, each word counts by how rare it is among all names compared (a place name
// weighs more than "riego"), and words match approximately (letter pairs).
import { foldName } from '../attendance/search';

const STOP = new Set(
  [
    'de',
    'del',
    'la',
    'las',
    'el',
    'los',
    'en',
    'y',
    'e',
    'o',
    'u',
    'a',
    'al',
    'con',
    'por',
    'para',
    'sin',
    'su',
    'sus',
    'n',
    'no',
    'nro',
    'n°',
    'nº',
    'num',
    'numero',
    'ie',
    'iep',
    'cc',
    'c',
    'servicio',
    'servicios',
    'distrito',
    'provincia',
    'departamento',
    'region',
    'sector',
    'sectores',
    'localidad',
    'comunidad',
    'campesina',
    'centro',
    'poblado',
    'anexo',
    'caserio',
  ].map(foldName),
);

// Names repeat the same words (places, works, years of a register): fold each word once.
const folded = new Map<string, string>();
function foldWord(w: string): string {
  let f = folded.get(w);
  if (f === undefined) {
    if (folded.size > 50_000) folded.clear();
    f = foldName(w);
    folded.set(w, f);
  }
  return f;
}

/**
 * A name as written, only without accents, case and filler words: two names are "the same"
 * (confidence 100) only when these agree. The Quechua-aware folding used for scoring makes
 * CAROZABLE and CARROZABLE one word; a person must still confirm that match.
 */
export function literalName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && !STOP.has(foldName(w)))
    .join(' ');
}

/** The confidence of a name match: never 100 unless the names are literally the same. */
export function capUnlessSameName(score: number, a: string, b: string): number {
  return score >= 100 && literalName(a) !== literalName(b) ? 99 : score;
}

/** The words of a name that carry meaning, folded. */
export function nameWords(name: string): string[] {
  return name
    .split(/[^\p{L}\p{N}'’ʼ]+/u)
    .map(foldWord)
    .filter((w) => w.length > 1 && !STOP.has(w));
}

function bigrams(w: string): Map<string, number> {
  const m = new Map<string, number>();
  const s = ` ${w} `;
  for (let i = 0; i < s.length - 1; i++) {
    const g = s.slice(i, i + 2);
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

// Plans repeat the same few hundred words: each pair of words is compared once.
const memo = new Map<string, number>();

/** Dice coefficient of letter pairs, 0..1; words below 0.7 count as different. */
export function wordSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const key = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
  let v = memo.get(key);
  if (v === undefined) {
    if (memo.size > 200_000) memo.clear();
    v = diceOfWords(a, b);
    memo.set(key, v);
  }
  return v;
}

export function diceOfWords(a: string, b: string): number {
  if (/^\d+$/.test(a) || /^\d+$/.test(b)) return 0; // "50412" and "50415" are different schools
  const ga = bigrams(a);
  const gb = bigrams(b);
  let common = 0;
  let total = 0;
  for (const [g, n] of ga) {
    common += Math.min(n, gb.get(g) ?? 0);
    total += n;
  }
  for (const n of gb.values()) total += n;
  const d = (2 * common) / total;
  return d >= 0.7 ? d : 0;
}

/** Word weights from how many of the names compared contain each word (rare words weigh more). */
export function wordWeights(names: readonly string[][]): Map<string, number> {
  const df = new Map<string, number>();
  for (const words of names) for (const w of new Set(words)) df.set(w, (df.get(w) ?? 0) + 1);
  const n = names.length;
  const out = new Map<string, number>();
  for (const [w, d] of df) out.set(w, Math.log(1 + n / d));
  return out;
}

/**
 * Similarity of two names (already split by nameWords), 0..100: the mean of the soft Dice
 * over weighted words and the share of the shorter name found in the longer one.
 */
export function nameSimilarity(
  a: readonly string[],
  b: readonly string[],
  weights: Map<string, number>,
): number {
  if (a.length === 0 || b.length === 0) return 0;
  const w = (x: string) => weights.get(x) ?? Math.log(2);
  const side = (from: readonly string[], to: readonly string[]) => {
    let got = 0;
    let all = 0;
    for (const x of from) {
      let best = 0;
      for (const y of to) best = Math.max(best, wordSimilarity(x, y));
      got += w(x) * best;
      all += w(x);
    }
    return { got, all };
  };
  const ab = side(a, b);
  const ba = side(b, a);
  const dice = (ab.got + ba.got) / (ab.all + ba.all);
  const cover = Math.max(ab.got / ab.all, ba.got / ba.all);
  return capUnlessIdentical(Math.round(((dice + cover) / 2) * 100), a, b);
}

/**
 * 100 means "the same name" and nothing else: a misspelt word ("CAROZABLE") or a missing one
 * can round up to 100 on a long name, so any difference in the normalised words caps at 99.
 */
export function capUnlessIdentical(
  score: number,
  a: ArrayLike<string | number>,
  b: ArrayLike<string | number>,
): number {
  if (score < 100) return score;
  if (a.length !== b.length) return 99;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return 99;
  return score;
}

/**
 * The same similarity as nameSimilarity for many pairs at once: words become integer ids
 * and each word of the left-hand names gets one row of similarities to the whole
 * vocabulary, so scoring a pair is array look-ups (a provincial plan has thousands of lines).
 */
export function nameScorer(
  left: readonly string[][],
  right: readonly string[][],
  weights: Map<string, number>,
): (i: number, j: number) => number {
  const ids = new Map<string, number>();
  const vocab: string[] = [];
  const idOf = (w: string) => {
    let id = ids.get(w);
    if (id === undefined) {
      id = vocab.length;
      ids.set(w, id);
      vocab.push(w);
    }
    return id;
  };
  const L = left.map((ws) => Int32Array.from(ws.map(idOf)));
  const R = right.map((ws) => Int32Array.from(ws.map(idOf)));
  const W = Float64Array.from(vocab, (w) => weights.get(w) ?? Math.log(2));
  const rows = new Map<number, Float64Array>();
  const row = (x: number) => {
    let r = rows.get(x);
    if (!r) {
      const wx = vocab[x] as string;
      r = Float64Array.from(vocab, (y) => (y === wx ? 1 : diceOfWords(wx, y)));
      rows.set(x, r);
    }
    return r;
  };
  return (i, j) => {
    const a = L[i];
    const b = R[j];
    if (!a || !b || a.length === 0 || b.length === 0) return 0;
    let abGot = 0;
    let abAll = 0;
    for (const x of a) {
      const r = row(x);
      let best = 0;
      for (const y of b) best = Math.max(best, r[y] as number);
      abGot += (W[x] as number) * best;
      abAll += W[x] as number;
    }
    let baGot = 0;
    let baAll = 0;
    for (const y of b) {
      let best = 0;
      for (const x of a) best = Math.max(best, row(x)[y] as number);
      baGot += (W[y] as number) * best;
      baAll += W[y] as number;
    }
    const dice = (abGot + baGot) / (abAll + baAll);
    const cover = Math.max(abGot / abAll, baGot / baAll);
    return capUnlessIdentical(Math.round(((dice + cover) / 2) * 100), a, b);
  };
}
