// The busy/error bookkeeping of one async action, apart from React so that it can be tested
// without a DOM: busy while it runs, the previous failure cleared when it starts, a failure
// kept (never rethrown: the banner is the report). A failure is kept as what happened — the
// exception, or a catalogue key and its values — and worded only when it is drawn: after a
// switch of language the message on screen follows (it used to stay in the language it was
// first written in: "Revise los campos marcados" under an English screen).
import type { Params } from '../../../shared/i18n';

/** What a screen words its messages with (the current language's `t` and `errorText`). */
export interface Wording {
  t: (key: string, params?: Params) => string;
  /** A caught exception as a sentence for the person at the screen. */
  errorText: (e: unknown) => string;
}

/** A message worded when drawn, in the language of that moment. */
export type Say = (w: Wording) => string;

export type Failure = { kind: 'thrown'; cause: unknown } | { kind: 'said'; say: Say };

/** A caught exception, to be worded by the screen's `errorText`. */
export const thrown = (cause: unknown): Failure => ({ kind: 'thrown', cause });
/** A problem the screen found itself: a catalogue key and its values. */
export const said = (key: string, params?: Params): Failure => ({
  kind: 'said',
  say: (w) => w.t(key, params),
});

/**
 * A problem the screen found before calling the core, thrown to where failures are reported
 * (`run`, or a screen's `act` that catches) and worded there like a core error: a key and its
 * values, never a sentence made in the language of the moment it was thrown.
 */
export class Problem extends Error {
  constructor(
    readonly key: string,
    readonly params?: Params,
  ) {
    super(key);
    this.name = 'Problem';
  }
}

/** A caught exception as the sentence to show now (a `Problem` by its key). */
export const wordThrown = (cause: unknown, w: Wording): string =>
  cause instanceof Problem ? w.t(cause.key, cause.params) : w.errorText(cause);

/** The failure as the sentence to show now; null when there is none. */
export function wordFailure(f: Failure | null, w: Wording): string | null {
  if (f === null) return null;
  return f.kind === 'thrown' ? wordThrown(f.cause, w) : f.say(w);
}

export interface ActionSetters {
  setBusy: (busy: boolean) => void;
  setFailure: (failure: Failure | null) => void;
}

export type ActionResult<T> = { ok: true; value: T } | { ok: false; cause: unknown };

export async function runAction<T>(
  fn: () => Promise<T>,
  { setBusy, setFailure }: ActionSetters,
): Promise<ActionResult<T>> {
  setBusy(true);
  setFailure(null);
  try {
    return { ok: true, value: await fn() };
  } catch (cause) {
    setFailure(thrown(cause));
    return { ok: false, cause };
  } finally {
    setBusy(false);
  }
}
