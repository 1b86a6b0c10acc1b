// The busy/error bookkeeping of one async action, apart from React so that it can be tested
// without a DOM: busy while it runs, the previous error cleared when it starts, a failure
// kept as the sentence the screen shows (never rethrown: the banner is the report).

export interface ActionSetters {
  setBusy: (busy: boolean) => void;
  setError: (error: string | null) => void;
  /** A failure as a sentence for the person at the screen (`useI18n().errorText`). */
  errorText: (e: unknown) => string;
}

export type ActionResult<T> = { ok: true; value: T } | { ok: false; error: string };

export async function runAction<T>(
  fn: () => Promise<T>,
  { setBusy, setError, errorText }: ActionSetters,
): Promise<ActionResult<T>> {
  setBusy(true);
  setError(null);
  try {
    return { ok: true, value: await fn() };
  } catch (e) {
    const error = errorText(e);
    setError(error);
    return { ok: false, error };
  } finally {
    setBusy(false);
  }
}
