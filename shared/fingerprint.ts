/**
 * A short form of a SHA-256 hex digest that a person can read aloud and compare with a
 * paper copy: the first 16 hex digits, upper case, in four groups ("3F2A-9C01-77B4-0E5D").
 */
export function fingerprint(hex: string): string {
  const s = hex.slice(0, 16).toUpperCase();
  return s.match(/.{1,4}/g)?.join('-') ?? s;
}

/** A fingerprint typed from paper: hex digits only (dashes, spaces, case, O/0 and I/L/1 ignored). */
export function typedHex(typed: string): string {
  return typed
    .toUpperCase()
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
    .replace(/[^0-9A-F]/g, '');
}

/**
 * Whether what a person typed from paper names this document: at least its first two groups
 * (8 hex digits), matching from the start of the short fingerprint or of the full hash.
 */
export function typedFingerprintMatches(typed: string, fp: string, sha256: string | null): boolean {
  const q = typedHex(typed);
  if (q.length < 8) return false;
  return fp.replace(/-/g, '').startsWith(q) || (sha256 ?? '').toUpperCase().startsWith(q);
}

/**
 * How what a person typed from paper (a fingerprint, or a key from its card) names this one:
 * 'no', 'weak' (it matches, on fewer than the 16 digits printed: 8 digits are 2^32 tries for
 * the key holder to forge) or 'yes'. One rule for fingerprints and keys, CLI and screen.
 */
export function typedMatch(
  typed: string,
  fp: string | null,
  sha256: string | null = null,
): { match: 'yes' | 'weak' | 'no'; digits: number } {
  const digits = Math.min(typedHex(typed).length, 16);
  if (fp === null || !typedFingerprintMatches(typed, fp, sha256)) return { match: 'no', digits };
  return { match: digits < 16 ? 'weak' : 'yes', digits };
}
