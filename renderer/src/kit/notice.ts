// A screen's notice — what a write did, or why it failed — kept as what happened and worded
// when drawn, as useAction keeps its failure: after a switch of language the banner on screen
// follows (screens used to keep the sentence, which stayed in the language it was written in).
import type { Params } from '../../../shared/i18n';
import { wordThrown, type Say, type Wording } from './action';

export interface Notice {
  kind: 'ok' | 'error';
  say: Say;
}

/** A catalogue key and its values, worded when drawn. */
export const say =
  (key: string, params?: Params): Say =>
  (w) =>
    w.t(key, params);

/** What was done: a key and its values, or a sentence built of several (a `Say`). */
export const okNotice = (what: string | Say, params?: Params): Notice => ({
  kind: 'ok',
  say: typeof what === 'string' ? say(what, params) : what,
});

/** A problem found by the screen: a key and its values. */
export const errorNotice = (key: string, params?: Params): Notice => ({
  kind: 'error',
  say: say(key, params),
});

/** A caught exception (the core's AppError with its code and params, or a `Problem`). */
export const thrownNotice = (cause: unknown): Notice => ({
  kind: 'error',
  say: (w) => wordThrown(cause, w),
});

/** The notice as the sentence to show now; null when there is none. */
export function wordNotice(
  n: Notice | null,
  w: Wording,
): { kind: 'ok' | 'error'; text: string } | null {
  return n && { kind: n.kind, text: n.say(w) };
}
