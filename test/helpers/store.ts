// Store-test helpers: a fixed clock with sequential ids, and an error's code and key.
import { MinkaError } from '../../electron/platform/classify-error';
import type { Env } from '../../electron/workshop/workshop';

/** Starts at 2026-05-14 13:00 UTC, one second per call; ids id0001, id0002, … */
export function fixedEnv(start = new Date('2026-05-14T13:00:00Z')): Env {
  let t = start.getTime();
  let n = 0;
  return { now: () => new Date((t += 1000)), newId: () => `id${String(++n).padStart(4, '0')}` };
}

/** `CODE:key` of the MinkaError a call throws, the text of any other error, or 'no error'. */
export function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof MinkaError ? `${e.code}:${e.key}` : String(e);
  }
  return 'no error';
}
