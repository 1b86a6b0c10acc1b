// Why someone holds their organisation's vote, as the summary says it (field test fac28, item 3):
// a delegate's authorisation is named only when one was recorded; without it the line says so,
// not "delegado/a con autorización".
import type { Params } from '../../../../shared/i18n';
import type { VoteHolder } from '../../../../shared/attendance/presence';

export function basisText(
  t: (key: string, params?: Params) => string,
  basis: VoteHolder['basis'],
  authorization: string | undefined,
): string {
  if (basis !== 'delegate') return t(`attendance.basis.${basis}`);
  const auth = authorization?.trim() ?? '';
  return auth ? t('attendance.basis.delegate', { auth }) : t('attendance.basis.delegateNoAuth');
}
