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
      // Loops and string concatenation instead of entries/filter/map/join (issue 18: the
      // check before sealing canonicalises every event and every frozen result). The output
      // is the same: an array hole is written as nothing, as join() wrote it; keys are sorted
      // by sort()'s default order, which compares UTF-16 code units, as RFC 8785 requires.
      let out: string;
      if (Array.isArray(value)) {
        out = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ',';
          if (!(i in value)) continue;
          const v: unknown = value[i];
          out += write(v === undefined ? null : v, seen);
        }
        out += ']';
      } else {
        const obj = value as Record<string, unknown>;
        const keys = Object.keys(obj).sort();
        out = '{';
        let first = true;
        for (const k of keys) {
          const v = obj[k];
          if (v === undefined) continue;
          out += (first ? '' : ',') + JSON.stringify(k) + ':' + write(v, seen);
          first = false;
        }
        out += '}';
      }
      seen.delete(value);
      return out;
    }
    default:
      throw new CanonicalError(`cannot canonicalize ${typeof value}`);
  }
}

/** Every object's own keys already in RFC 8785 order (UTF-16 code units), at every depth. */
function keysInOrder(value: unknown, depth: number): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (depth > 200) return false;
  if (Array.isArray(value)) {
    for (const v of value) if (!keysInOrder(v, depth + 1)) return false;
    return true;
  }
  let prev: string | null = null;
  for (const k of Object.keys(value)) {
    if (prev !== null && !(prev < k)) return false;
    prev = k;
    if (!keysInOrder((value as Record<string, unknown>)[k], depth + 1)) return false;
  }
  return true;
}

/**
 * Whether `text` is the canonical JSON of `value`, where `value` is what JSON.parse made of
 * `text`. For such a value JSON.stringify writes what canonicalize writes whenever every
 * object's keys are already in canonical order (same strings, same numbers, -0 as 0; a number
 * JSON cannot carry is written "null", which then differs from the text): so the native
 * JSON.stringify plus a walk over the keys answers, and canonicalize only when that says no
 * (issue 18: the chain check asks this of every event). Same answer as
 * `canonicalize(value) === text`, and the same error for a value canonicalize refuses.
 */
export function isCanonicalText(value: unknown, text: string): boolean {
  if (JSON.stringify(value) === text && keysInOrder(value, 0)) return true;
  return canonicalize(value) === text;
}

/** True only when `a` and `b` certainly have the same canonical JSON (see canonicalEqual). */
function sameTree(a: unknown, b: unknown, depth: number): boolean {
  if (depth > 200) return false;
  if (a === null || b === null) return a === b;
  const t = typeof a;
  if (t !== typeof b) return false;
  if (t === 'string' || t === 'boolean') return a === b;
  if (t === 'number') return Number.isFinite(a) && a === b;
  if (t !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      const has = i in a;
      if (has !== i in b) return false;
      if (has && !sameTree(a[i] ?? null, b[i] ?? null, depth + 1)) return false;
    }
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const k of Object.keys(x)) {
    if (x[k] === undefined) continue;
    n++;
    if (!Object.prototype.propertyIsEnumerable.call(y, k) || y[k] === undefined) return false;
    if (!sameTree(x[k], y[k], depth + 1)) return false;
  }
  for (const k of Object.keys(y)) if (y[k] !== undefined) n--;
  return n === 0;
}

/**
 * canonicalize(a) === canonicalize(b), without writing either when a walk over both proves
 * them equal (issue 18: the check recomputes every frozen result and compares it with the
 * stored one). The walk only ever answers "equal" when canonical JSON would write both alike
 * and without refusing (finite numbers, -0 as 0, an array's undefined as null, an object's
 * undefined left out); any other case is canonicalised as before, errors included.
 */
export function canonicalEqual(a: unknown, b: unknown): boolean {
  if (a !== undefined && b !== undefined && sameTree(a, b, 0)) return true;
  return canonicalize(a) === canonicalize(b);
}
