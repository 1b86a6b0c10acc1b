// The Acta's language is chosen, not inherited from the screen (fac27): a facilitator working
// with the interface in Quechua sealed a legal Acta in machine-drafted, unreviewed Quechua.
// Spanish (the reference text) is the default everywhere a seal starts (the seal panel,
// `minka seal`); another language is a seal warning to confirm like the others, by one id,
// and the language chosen is signed in the payload's render settings (`render.lang`).
import type { Lang } from '../lang';
import type { SealWarning } from '../schemas/minutes';

/** The Acta's language unless the facilitator chooses another: the reviewed reference text. */
export const ACTA_DEFAULT_LANG: Lang = 'es';

/** The seal warning that an Acta in this language asks to confirm; none for Spanish. */
export function actaLangWarning(lang: Lang): SealWarning | null {
  if (lang === ACTA_DEFAULT_LANG) return null;
  return {
    id: `actaLang:${lang}`,
    key: lang === 'quz' ? 'minutes.ui.sealWarn.actaLangQuz' : 'minutes.ui.sealWarn.actaLangEn',
    params: {},
  };
}
