// What a merge held back, as one sentence per reason: the event kinds and, for a round another
// laptop holds, the round's title (fac28: a kit that ran another venue's round was not named).
import type { Output } from '../../../../shared/api';
import type { Params } from '../../../../shared/i18n';

type Held = Output<'venues:merge'>['value']['heldKinds'];

export function heldList(t: (key: string, params?: Params) => string, held: Held): string {
  return held
    .map((k) =>
      t(`venues.held.${k.why}`, {
        n: k.n,
        types: k.types.map((ty) => `«${t(`event.${ty}`)}»`).join(', '),
        rounds: k.rounds.map((r) => `«${r}»`).join(', '),
      }),
    )
    .join('; ');
}
