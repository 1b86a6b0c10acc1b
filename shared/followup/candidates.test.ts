// The prefix-filtered candidate search finds exactly the pairs (and order) that scoring
// every pair finds — the register's grouping before issue 18 — on random registers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nameScorer, nameWords, wordWeights } from '../plan/similarity';
import { nameCandidates, type Candidate } from './candidates';

/** The grouping's candidate search as it was: every pair scored. */
function allPairs(
  words: string[][],
  minutesOf: string[],
  cuiOf: string[],
  threshold: number,
): Candidate[] {
  const score = nameScorer(words, words, wordWeights(words));
  const out: Candidate[] = [];
  for (let i = 0; i < words.length; i++)
    for (let j = i + 1; j < words.length; j++) {
      if (minutesOf[i] === minutesOf[j]) continue;
      const ci = cuiOf[i];
      const cj = cuiOf[j];
      if (ci && cj && ci !== cj) continue;
      const s = score(i, j);
      if (s >= threshold) out.push({ i, j, s });
    }
  return out.sort((x, y) => y.s - x.s || x.i - y.i || x.j - y.j);
}

// Words with spelling variants (Ccori/Qori, Huamán/Waman), numbers and near-misses, so
// that pairs fall on both sides of the threshold.
const WORDS = [
  'canal',
  'kanal',
  'riego',
  'rigu',
  'Ccori',
  'Qori',
  'Huamán',
  'Waman',
  'aulas',
  'aula',
  'puesto',
  'salud',
  'camino',
  'vecinal',
  'Pacchanta',
  'Pachanta',
  'Sallani',
  'reservorio',
  'reservorios',
  '50412',
  '50415',
  'sector',
  'puente',
  'alpacas',
  'cobertizos',
  'Tinki',
  'Tinkiwasi',
];
const title = fc
  .array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 6 })
  .map((ws) => ws.join(' '));
const item = fc.record({
  title,
  minutes: fc.integer({ min: 0, max: 4 }),
  cui: fc.constantFrom('', '', '', '2500001', '2500002'),
});

describe('nameCandidates', () => {
  it.each([80, 90, 60, 40])(
    'equals scoring every pair on random registers (threshold %i)',
    (threshold) => {
      fc.assert(
        fc.property(fc.array(item, { maxLength: 60 }), (items) => {
          const words = items.map((x) => nameWords(x.title));
          const minutesOf = items.map((x) => `m${x.minutes}`);
          const cuiOf = items.map((x) => x.cui);
          const got = nameCandidates(words, wordWeights(words), minutesOf, cuiOf, threshold);
          expect(got).toEqual(allPairs(words, minutesOf, cuiOf, threshold));
        }),
        { numRuns: 300 },
      );
    },
  );
});
