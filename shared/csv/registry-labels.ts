// Field names of the registry import and the words that identify them. Shared by the column
// guesser, the value parsers and the export, so that what we write we can read back.
import { catalogues, LANGS } from '../i18n';

export const REGISTRY_FIELDS = [
  'organization',
  'orgType',
  'community',
  'standingProof',
  'standingRef',
  'dni',
  'givenNames',
  'surnames',
  /** "Apellido materno" when a sheet splits the surnames in two columns (RENIEC style). */
  'secondSurname',
  /** Alternative to given names + surnames: "APELLIDOS, Nombres" or "Nombres Apellidos". */
  'fullName',
  'sex',
  'language',
  'role',
  'voice',
  'authorization',
] as const;
export type RegistryField = (typeof REGISTRY_FIELDS)[number];

/** Columns of the export, in order. `accreditation` is exported for reading but never imported. */
export const REGISTRY_EXPORT_COLUMNS = [
  'organization',
  'orgType',
  'community',
  'standingProof',
  'standingRef',
  'dni',
  'surnames',
  'givenNames',
  'sex',
  'language',
  'role',
  'voice',
  'authorization',
  'accreditation',
] as const;

/**
 * Fold a header or value for comparison: no accents, lower case, dots inside acronyms
 * removed ("C.C." → "cc", "I.E." → "ie"), any other punctuation a space, spaces collapsed.
 * NFKD also turns "º" into "o" and full-width letters into ASCII.
 */
export function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\./g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** True when `phrase` (already folded) occurs in `folded` as whole words. */
export function hasWords(folded: string, phrase: string): boolean {
  return ` ${folded} `.includes(` ${phrase} `);
}

const wordCache = new Map<string, Map<string, string>>();

/**
 * Every language's catalogue text for keys under `prefix`, folded → the key's suffix.
 * `catalogueWords('csv.value.sex.')` maps "mujer", "warmi", "woman" → "F".
 */
export function catalogueWords(prefix: string): Map<string, string> {
  const cached = wordCache.get(prefix);
  if (cached) return cached;
  const out = new Map<string, string>();
  wordCache.set(prefix, out);
  for (const lang of LANGS) {
    for (const [key, text] of Object.entries(catalogues[lang])) {
      if (!key.startsWith(prefix)) continue;
      const folded = fold(text);
      if (folded && !out.has(folded)) out.set(folded, key.slice(prefix.length));
    }
  }
  return out;
}
