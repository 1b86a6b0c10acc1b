import { useCallback, useMemo, useState } from 'react';
import { useI18n } from '../i18n';
import { runAction, type ActionResult } from './action';

export interface Action {
  /** An action of this screen is running: its buttons are disabled. */
  busy: boolean;
  /** The last failure, translated; null after a start or a success. */
  error: string | null;
  setError: (error: string | null) => void;
  /** Run `fn` with busy set and the error cleared; a failure lands in `error`. */
  run: <T>(fn: () => Promise<T>) => Promise<ActionResult<T>>;
}

/**
 * Busy and error for a screen's async actions, errors translated as everywhere else (or by
 * `wording`, for a screen that words its failures itself, as voting does).
 */
export function useAction(wording?: (e: unknown) => string): Action {
  const { errorText: common } = useI18n();
  const errorText = wording ?? common;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    <T>(fn: () => Promise<T>) => runAction(fn, { setBusy, setError, errorText }),
    [errorText],
  );
  return useMemo(() => ({ busy, error, setError, run }), [busy, error, run]);
}
