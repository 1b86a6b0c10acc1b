import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalEqual, canonicalize, isCanonicalText } from './canonical';

describe('canonicalize (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units and drops whitespace', () => {
    // Example from RFC 8785 §3.2.3 (property sorting).
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expect(canonicalize(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","ö":"Latin Small Letter O With Diaeresis","€":"Euro Sign","😀":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('serialises numbers as ECMAScript does (RFC 8785 §3.2.2.3)', () => {
    // eslint-disable-next-line no-loss-of-precision -- the RFC's own example of a rounded literal
    expect(canonicalize([333333333.33333329, 1e30, 4.5, 0.002, 1e-27, -0])).toBe(
      '[333333333.3333333,1e+30,4.5,0.002,1e-27,0]',
    );
  });

  it('refuses values JSON cannot carry', () => {
    expect(() => canonicalize(Number.NaN)).toThrow();
    const a: Record<string, unknown> = {};
    a['self'] = a;
    expect(() => canonicalize(a)).toThrow();
  });

  it('is stable under key order and round-trips through JSON.parse', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const c = canonicalize(v);
        return canonicalize(JSON.parse(c)) === c;
      }),
    );
  });

  it('writes what the former entries/map/join version wrote, holes and undefined included', () => {
    // The version before issue 18 made it faster, kept here as the reference.
    const reference = (value: unknown): string => {
      if (value === null) return 'null';
      if (typeof value === 'boolean') return value ? 'true' : 'false';
      if (typeof value === 'number') return Object.is(value, -0) ? '0' : String(value);
      if (typeof value === 'string') return JSON.stringify(value);
      if (Array.isArray(value))
        return (
          '[' + value.map((v: unknown) => reference(v === undefined ? null : v)).join(',') + ']'
        );
      const entries = Object.entries(value as Record<string, unknown>).filter(
        ([, v]) => v !== undefined,
      );
      entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return '{' + entries.map(([k, v]) => JSON.stringify(k) + ':' + reference(v)).join(',') + '}';
    };
    const value = fc.letrec((tie) => ({
      any: fc.oneof(
        { maxDepth: 4 },
        fc.constant(null),
        fc.boolean(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.string({ unit: 'grapheme' }),
        fc.array(fc.option(tie('any'), { nil: undefined }), { maxLength: 5 }),
        fc.sparseArray(tie('any'), { maxLength: 6 }),
        fc.dictionary(fc.string(), fc.option(tie('any'), { nil: undefined }), { maxKeys: 5 }),
      ),
    })).any;
    fc.assert(
      fc.property(value, (v) => canonicalize(v) === reference(v)),
      { numRuns: 2000 },
    );
    expect(canonicalize([1, , 3])).toBe('[1,,3]'); // eslint-disable-line no-sparse-arrays
    expect(canonicalize({ b: 1, a: undefined, '10': 2, '9': 3 })).toBe('{"10":2,"9":3,"b":1}');
  });

  it('isCanonicalText answers as canonicalize(JSON.parse(text)) === text does', () => {
    const texts = fc.oneof(
      fc.jsonValue().map((v) => canonicalize(v)),
      fc.jsonValue().map((v) => JSON.stringify(v)),
    );
    fc.assert(
      fc.property(texts, (t) => {
        const v: unknown = JSON.parse(t);
        return isCanonicalText(v, t) === (canonicalize(v) === t);
      }),
      { numRuns: 2000 },
    );
    // Integer-like keys: JSON.stringify puts "9" before "10", canonical JSON after it.
    expect(isCanonicalText(JSON.parse('{"10":1,"9":2}'), '{"10":1,"9":2}')).toBe(true);
    expect(isCanonicalText(JSON.parse('{"9":2,"10":1}'), '{"9":2,"10":1}')).toBe(false);
    expect(isCanonicalText(JSON.parse('{"b":1,"a":2}'), '{"b":1,"a":2}')).toBe(false);
    expect(isCanonicalText(JSON.parse('[1.0]'), '[1.0]')).toBe(false);
    expect(() => isCanonicalText(JSON.parse('[1e999]'), '[1e999]')).toThrow();
  });

  it('canonicalEqual answers as comparing the two canonical texts does', () => {
    const leaf = fc.oneof(
      fc.constantFrom(null, 0, -0, 1, 1.5, '', 'a', '1', true, false, undefined),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    );
    const value = fc.letrec((tie) => ({
      any: fc.oneof(
        { maxDepth: 3 },
        leaf,
        fc.array(tie('any'), { maxLength: 3 }),
        fc.sparseArray(tie('any'), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom('a', 'b', '10', '9'), tie('any'), { maxKeys: 3 }),
      ),
    })).any;
    const canon = (v: unknown) => {
      try {
        return canonicalize(v);
      } catch {
        return 'refused';
      }
    };
    const answer = (a: unknown, b: unknown) => {
      try {
        return canonicalEqual(a, b);
      } catch {
        return 'refused';
      }
    };
    const expected = (a: unknown, b: unknown) => {
      const x = canon(a);
      const y = canon(b);
      return x === 'refused' || y === 'refused' ? 'refused' : x === y;
    };
    // Random pairs (mostly different) and a value against a copy of itself (equal).
    fc.assert(
      fc.property(value, value, (a, b) => answer(a, b) === expected(a, b)),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(value, (a) => {
        const copy: unknown = a === undefined ? undefined : structuredClone(a);
        return answer(a, copy) === expected(a, copy);
      }),
      { numRuns: 3000 },
    );
    expect(canonicalEqual([undefined], [null])).toBe(true);
    expect(canonicalEqual({ a: undefined, b: 1 }, { b: 1 })).toBe(true);
    expect(canonicalEqual([1, , 2], [1, undefined, 2])).toBe(false); // eslint-disable-line no-sparse-arrays
    expect(() => canonicalEqual([Infinity], [Infinity])).toThrow();
  });
});
