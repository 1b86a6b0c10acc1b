// Which pairs of agreements (of different years) have names alike enough to be one
// project: the pairs scoring ≥ the threshold under nameScorer, found without scoring every
// pair. Scoring all pairs grew with the square of the agreements held (10 years: 0.2 s).
//
// Why no pair is missed (a prefix filter). A pair's score is round(100 (dice + cover) / 2)
// with cover ≤ 1, so a score ≥ T needs dice ≥ d = 2 (T − 0.5) / 100 − 1 (0.59 for T = 80).
// dice ≤ (mA + mB) / (WA + WB), where W is a name's total word weight and m the weight of
// its words that have an alike word (similarity > 0) in the other name; so mA ≥ d·WA or
// mB ≥ d·WB. If mA ≥ d·WA, A's words without an alike word weigh ≤ (1 − d)·WA, and any set
// of A's words weighing more than that — its "prefix", the heaviest (rarest) words first —
// holds a word with an alike word in B. So every such pair is met by looking up, for each
// name, the names holding a word alike to one of its prefix words. Rare words have short
// lists, so the work grows with the agreements, not their square.
import { capUnlessIdentical, diceOfWords } from '../plan/similarity';

export interface Candidate {
  i: number;
  j: number;
  s: number;
}

/** Similarities > 0 between distinct vocabulary words, keyed x·V + y (both ways). */
function alikeWords(vocab: readonly string[]): { lists: number[][]; sim: Map<number, number> } {
  // Only words of comparable length can reach a Dice of 0.7 on letter pairs: with p and q
  // pairs (length + 1), 2·min(p, q) / (p + q) ≥ 0.7 needs min/max ≥ 0.7 / 1.3.
  const V = vocab.length;
  const byLen = vocab
    .map((w, id) => ({ id, len: w.length + 1, w }))
    .filter((x) => !/^\d+$/.test(x.w)) // numbers are never alike (see diceOfWords)
    .sort((a, b) => a.len - b.len);
  const lists: number[][] = vocab.map(() => []);
  const sim = new Map<number, number>();
  for (let a = 0; a < byLen.length; a++) {
    const x = byLen[a] as { id: number; len: number; w: string };
    for (let b = a + 1; b < byLen.length; b++) {
      const y = byLen[b] as { id: number; len: number; w: string };
      if (x.len * 1.3 < y.len * 0.7 - 1e-9) break;
      const dxy = diceOfWords(x.w, y.w);
      if (dxy > 0) {
        (lists[x.id] as number[]).push(y.id);
        (lists[y.id] as number[]).push(x.id);
        sim.set(x.id * V + y.id, dxy);
        sim.set(y.id * V + x.id, diceOfWords(y.w, x.w));
      }
    }
  }
  return { lists, sim };
}

/**
 * Pairs i < j of names (`words[i]`), of different minutes and not of two different CUIs,
 * scoring ≥ `threshold` under nameScorer (over the same words and weights), in the
 * order the register links them: highest score first, then i, then j.
 */
export function nameCandidates(
  words: readonly string[][],
  weights: Map<string, number>,
  minutesOf: readonly string[],
  cuiOf: readonly string[],
  threshold: number,
): Candidate[] {
  const n = words.length;
  const ids = new Map<string, number>();
  const vocab: string[] = [];
  const named = words.map((ws) =>
    ws.map((w) => {
      let id = ids.get(w);
      if (id === undefined) {
        id = vocab.length;
        ids.set(w, id);
        vocab.push(w);
      }
      return id;
    }),
  );
  const weight = (id: number) => weights.get(vocab[id] as string) ?? Math.log(2);
  const holders: number[][] = vocab.map(() => []);
  named.forEach((ws, i) => {
    for (const id of new Set(ws)) (holders[id] as number[]).push(i);
  });
  const { lists: alike, sim } = alikeWords(vocab);
  const V = vocab.length;
  const W = Float64Array.from(vocab, (w) => weights.get(w) ?? Math.log(2));
  const L = named.map((ws) => Int32Array.from(ws));
  // nameScorer's arithmetic, step for step, with the word similarities looked up sparsely
  // (nameScorer fills one row over the whole vocabulary per word: quadratic in words).
  const s1 = (x: number, y: number) =>
    x === y ? 1 : (alike[x] as number[]).length === 0 ? 0 : (sim.get(x * V + y) ?? 0);
  const score = (i: number, j: number): number => {
    const a = L[i] as Int32Array;
    const b = L[j] as Int32Array;
    if (a.length === 0 || b.length === 0) return 0;
    let abGot = 0;
    let abAll = 0;
    for (let p = 0; p < a.length; p++) {
      const x = a[p] as number;
      let best = 0;
      for (let q = 0; q < b.length; q++) best = Math.max(best, s1(x, b[q] as number));
      abGot += (W[x] as number) * best;
      abAll += W[x] as number;
    }
    let baGot = 0;
    let baAll = 0;
    for (let q = 0; q < b.length; q++) {
      const y = b[q] as number;
      let best = 0;
      for (let p = 0; p < a.length; p++) best = Math.max(best, s1(a[p] as number, y));
      baGot += (W[y] as number) * best;
      baAll += W[y] as number;
    }
    const dice = (abGot + baGot) / (abAll + baAll);
    const cover = Math.max(abGot / abAll, baGot / baAll);
    return capUnlessIdentical(Math.round(((dice + cover) / 2) * 100), a, b);
  };
  const d = (2 * (threshold - 0.5)) / 100 - 1 - 1e-6;
  // Pairs met (key i·n + j, i < j), collected first and deduplicated by sorting: one
  // pair is met from both names and through several words.
  let keys = new Float64Array(1024);
  let nKeys = 0;
  const consider = (a: number, b: number) => {
    if (a === b) return;
    if (nKeys === keys.length) {
      const k2 = new Float64Array(nKeys * 2);
      k2.set(keys);
      keys = k2;
    }
    keys[nKeys++] = a < b ? a * n + b : b * n + a;
  };
  named.forEach((ws, a) => {
    if (ws.length === 0) return;
    if (d <= 0) {
      for (let b = 0; b < n; b++) consider(a, b); // a threshold this low admits any pair
      return;
    }
    // Weight of each distinct word in this name (counted as often as it appears).
    const mass = new Map<number, number>();
    let total = 0;
    for (const id of ws) {
      mass.set(id, (mass.get(id) ?? 0) + weight(id));
      total += weight(id);
    }
    const heaviest = [...mass.keys()].sort((x, y) => weight(y) - weight(x) || x - y);
    let taken = 0;
    for (const x of heaviest) {
      for (const b of holders[x] as number[]) consider(a, b);
      for (const y of alike[x] as number[]) for (const b of holders[y] as number[]) consider(a, b);
      taken += mass.get(x) as number;
      if (taken > (1 - d) * total) break;
    }
  });
  const met = keys.subarray(0, nKeys).sort();
  const out: Candidate[] = [];
  for (let k = 0; k < met.length; k++) {
    const key = met[k] as number;
    if (k > 0 && key === met[k - 1]) continue;
    const i = Math.floor(key / n);
    const j = key - i * n;
    if (minutesOf[i] === minutesOf[j]) continue;
    const ci = cuiOf[i];
    const cj = cuiOf[j];
    if (ci && cj && ci !== cj) continue;
    const sc = score(i, j);
    if (sc >= threshold) out.push({ i, j, s: sc });
  }
  out.sort((x, y) => y.s - x.s || x.i - y.i || x.j - y.j);
  return out;
}
