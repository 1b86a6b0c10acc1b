import { useCallback, useMemo, useState } from 'react';
import type { Params } from '../../../shared/i18n';
import { useI18n } from '../i18n';
import { runAction, said, thrown, wordFailure, type ActionResult, type Failure } from './action';

export interface Action {
  /** An action of this screen is running: its buttons are disabled. */
  busy: boolean;
  /** The last failure, worded in the current language; null after a start or a success. */
  error: string | null;
  /** A problem found before calling the core: a catalogue key, worded when drawn. */
  fail: (key: string, params?: Params) => void;
  /** A caught exception, worded when drawn (as `run` does). */
  failWith: (cause: unknown) => void;
  clear: () => void;
  /** Run `fn` with busy set and the error cleared; a failure lands in `error`. */
  run: <T>(fn: () => Promise<T>) => Promise<ActionResult<T>>;
}

/**
 * Busy and error for a screen's async actions, errors translated as everywhere else (or by
 * `wording`, for a screen that words its failures itself, as voting does). The failure is
 * kept, not its sentence: the sentence is made at each render, in the language of the moment.
 */
export function useAction(wording?: (e: unknown) => string): Action {
  const { t, errorText: common } = useI18n();
  const errorText = wording ?? common;
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const run = useCallback(<T>(fn: () => Promise<T>) => runAction(fn, { setBusy, setFailure }), []);
  const fail = useCallback((key: string, params?: Params) => setFailure(said(key, params)), []);
  const failWith = useCallback((cause: unknown) => setFailure(thrown(cause)), []);
  const clear = useCallback(() => setFailure(null), []);
  const error = wordFailure(failure, { t, errorText });
  return useMemo(
    () => ({ busy, error, fail, failWith, clear, run }),
    [busy, error, fail, failWith, clear, run],
  );
}
