import { LANGS, type Lang } from '../../../shared/i18n';
import { useI18n } from '../i18n';

const NAMES: Record<Lang, string> = { es: 'Español', quz: 'Runasimi', en: 'English' };

/** Always visible: one click switches every label on screen. Names are autonyms, not translated. */
export function LanguageToggle() {
  const { lang, setLang, t } = useI18n();
  return (
    <div className="lang-toggle" role="group" aria-label={t('app.language')}>
      {LANGS.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={l === lang}
          className={l === lang ? 'active' : ''}
          onClick={() => setLang(l)}
        >
          {NAMES[l]}
        </button>
      ))}
    </div>
  );
}
