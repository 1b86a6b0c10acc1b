// The event union's JSON values (shared/events.ts), checked without being copied (issue 18).
/**
 * Any JSON value kept as written (a frozen result, imported data): null, a boolean, a string,
 * a finite number, an array or a plain object of them — what z.json() accepts. Checked by one
 * walk and kept as it is: z.json() tries its union member by member at every node and copies
 * the whole tree, and a round's close carries its every ballot and input, so reading the log
 * through the union (every `minka check`, every seal) spent about half its time there (issue 18).
 */
export const isJson = (v: unknown, depth = 0): boolean => {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v !== 'object' || depth > 500) return false;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (!(i in v) || !isJson(v[i], depth + 1)) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  for (const k of Reflect.ownKeys(v))
    if (typeof k !== 'string' || !isJson((v as Record<string, unknown>)[k], depth + 1))
      return false;
  return true;
};
