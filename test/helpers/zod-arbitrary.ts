// Values shaped by a zod schema, for fuzzing every API channel with inputs that mostly
// pass validation (so handlers, not just the validator, meet odd values). Covers the zod
// kinds our schemas use; anything else falls back to fc.anything().
import fc from 'fast-check';
import type { z } from 'zod';

interface Def {
  type: string;
  checks?: { _zod: { def: Record<string, unknown> } }[];
  format?: string;
  pattern?: RegExp;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  values?: unknown[];
  entries?: Record<string, unknown>;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  in?: z.ZodType;
  items?: z.ZodType[];
}

const def = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;
const checks = (d: Def) => (d.checks ?? []).map((c) => c._zod.def);

/** `ids` are real identifiers of the workshop under test, mixed into strings so lookups sometimes hit. */
export function arbitraryOf(
  schema: z.ZodType,
  ids: string[] = [],
  depth = 0,
): fc.Arbitrary<unknown> {
  const d = def(schema);
  if (depth > 6) return fc.constant(null);
  const next = (s: z.ZodType) => arbitraryOf(s, ids, depth + 1);
  switch (d.type) {
    case 'string': {
      const cs = checks(d);
      const min = Number(cs.find((c) => c['check'] === 'min_length')?.['minimum'] ?? 0);
      const max = Number(cs.find((c) => c['check'] === 'max_length')?.['maximum'] ?? 40);
      const pattern =
        (cs.find((c) => c['check'] === 'string_format')?.['pattern'] as RegExp | undefined) ??
        d.pattern;
      const base = pattern
        ? fc.stringMatching(pattern)
        : fc.string({ minLength: min, maxLength: Math.min(max, min + 60) });
      const real = ids.filter(
        (i) => i.length >= min && i.length <= max && (!pattern || pattern.test(i)),
      );
      return real.length ? fc.oneof(base, fc.constantFrom(...real)) : base;
    }
    case 'number': {
      const cs = checks(d);
      const int = cs.some((c) => c['check'] === 'number_format');
      const lo = cs.find((c) => c['check'] === 'greater_than');
      const hi = cs.find((c) => c['check'] === 'less_than');
      const min = lo ? Number(lo['value']) + (lo['inclusive'] ? 0 : 1) : -1e9;
      const max = hi ? Number(hi['value']) - (hi['inclusive'] ? 0 : 1) : 1e12;
      return int
        ? fc.integer({
            min: Math.max(min, Number.MIN_SAFE_INTEGER),
            max: Math.min(max, Number.MAX_SAFE_INTEGER),
          })
        : fc.double({ min, max, noNaN: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'literal':
      return fc.constantFrom(...(d.values ?? [null]));
    case 'enum':
      return fc.constantFrom(...Object.values(d.entries ?? { x: 'x' }));
    case 'object': {
      const shape = d.shape ?? {};
      const keys = Object.keys(shape);
      const rec: Record<string, fc.Arbitrary<unknown>> = {};
      for (const k of keys) rec[k] = next(shape[k] as z.ZodType);
      return fc.record(rec, {
        requiredKeys: keys.filter(
          (k) => !['optional', 'default'].includes(def(shape[k] as z.ZodType).type),
        ),
      });
    }
    case 'array': {
      const cs = checks(d);
      const max = Number(cs.find((c) => c['check'] === 'max_length')?.['maximum'] ?? 5);
      const min = Number(cs.find((c) => c['check'] === 'min_length')?.['minimum'] ?? 0);
      return fc.array(next(d.element as z.ZodType), {
        minLength: min,
        maxLength: Math.min(max, min + 5),
      });
    }
    case 'tuple':
      return fc.tuple(...(d.items ?? []).map(next));
    case 'optional':
    case 'default':
      return fc.option(next(d.innerType as z.ZodType), { nil: undefined });
    case 'nullable':
      return fc.option(next(d.innerType as z.ZodType), { nil: null });
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return next(d.innerType as z.ZodType);
    case 'union':
      return fc.oneof(...(d.options ?? []).map(next));
    case 'record':
      return fc.dictionary(fc.string({ maxLength: 10 }), next(d.valueType as z.ZodType), {
        maxKeys: 4,
      });
    case 'pipe':
      return next(d.in as z.ZodType);
    default:
      return fc.anything();
  }
}
