/**
 * A short form of a SHA-256 hex digest that a person can read aloud and compare with a
 * paper copy: the first 16 hex digits, upper case, in four groups ("3F2A-9C01-77B4-0E5D").
 */
export function fingerprint(hex: string): string {
  const s = hex.slice(0, 16).toUpperCase();
  return s.match(/.{1,4}/g)?.join('-') ?? s;
}
