// Search at the door: as you type, over names, DNI and community, insensitive to accents,
// case and the common spelling variants of Quechua names in Spanish documents
// (Ccori / Qori / Kori, Huamán / Waman / Guamán, Quispe / Kispi, apostrophes, doubled letters).

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
  /** Texts to match: names, organisation, community. */
  texts: string[];
  dni: string;
}

export interface Indexed {
  id: string;
  words: string[];
  dni: string;
}

export function indexForSearch(items: Searchable[]): Indexed[] {
  return items.map((it) => ({ id: it.id, dni: it.dni, words: it.texts.flatMap((t) => t.split(/[\s,.;/()-]+/)).filter(Boolean).map(foldName) }));
}

/**
 * Items matching every typed word (each as a prefix of some word, after folding), or a
 * DNI containing the typed digits. Best first: exact-word matches before prefixes.
 */
export function search(index: Indexed[], query: string, limit = 12): string[] {
  const q = query.trim();
  if (!q) return [];
  const digits = q.replace(/\D/g, '');
  if (digits.length >= 3 && digits.length === q.replace(/\s/g, '').length) {
    return index.filter((i) => i.dni.includes(digits)).sort((a, b) => Number(b.dni.startsWith(digits)) - Number(a.dni.startsWith(digits))).slice(0, limit).map((i) => i.id);
  }
  const terms = q.split(/[\s,]+/).filter(Boolean).map(foldName).filter(Boolean);
  if (terms.length === 0) return [];
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
  return scored.sort((a, b) => b.score - a.score).slice(0, limit).map((s) => s.id);
}
