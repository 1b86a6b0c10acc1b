// RFC 8785 (JSON Canonicalization Scheme): the exact bytes that get hashed and signed.
// Keys sorted by UTF-16 code units, no whitespace, ECMAScript number serialisation,
// strings escaped as JSON.stringify does (which matches RFC 8785 for strings).

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export class CanonicalError extends Error {}

export function canonicalize(value: unknown): string {
  return write(value, new Set());
}

function write(value: unknown, seen: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalError('non-finite number');
      // ECMAScript Number-to-String is what RFC 8785 prescribes; -0 becomes 0.
      return Object.is(value, -0) ? '0' : String(value);
    case 'string':
      return JSON.stringify(value);
    case 'object': {
      if (seen.has(value)) throw new CanonicalError('cyclic structure');
      seen.add(value);
      let out: string;
      if (Array.isArray(value)) {
        out =
          '[' + value.map((v: unknown) => write(v === undefined ? null : v, seen)).join(',') + ']';
      } else {
        const entries = Object.entries(value as Record<string, unknown>).filter(
          ([, v]) => v !== undefined,
        );
        // Default sort compares UTF-16 code units, exactly as RFC 8785 requires.
        entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        out =
          '{' + entries.map(([k, v]) => JSON.stringify(k) + ':' + write(v, seen)).join(',') + '}';
      }
      seen.delete(value);
      return out;
    }
    default:
      throw new CanonicalError(`cannot canonicalize ${typeof value}`);
  }
}
