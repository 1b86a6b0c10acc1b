import type { Params } from '../i18n';

/**
 * A tally that cannot proceed for a reason a person must see (a refused tie, a rule that
 * does not apply to the ballots). `code` is an i18n key; `params` fill its placeholders.
 */
export class TallyError extends Error {
  constructor(
    readonly code: string,
    readonly params: Params = {},
  ) {
    super(code);
    this.name = 'TallyError';
  }
}

/** Thrown under the 'refuse' policy: these projects tied and a person must choose. */
export class TieRefusedError extends TallyError {
  constructor(readonly tied: readonly string[]) {
    super('tally.tieRefused', { projects: tied.join(', ') });
    this.name = 'TieRefusedError';
  }
}
