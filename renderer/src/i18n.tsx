import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { DEFAULT_LANG, isLang, type Lang, type Params, t as translate } from '../../shared/i18n';
import { ApiError } from './transport';
import { sayFindings } from '../../shared/check-findings';

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: string, params?: Params) => string;
  /** A failure as a sentence for the person at the screen. */
  errorText: (e: unknown) => string;
}

/** How one language words a key and a caught failure (a core error by its code and params). */
export function wordingOf(lang: Lang): Pick<I18n, 't' | 'errorText'> {
  const t = (key: string, params?: Params) => translate(lang, key, params);
  const errorText = (e: unknown) =>
    e instanceof ApiError
      ? t(e.envelope.key, sayFindings(e.envelope.params, t))
      : t('error.internal', { message: e instanceof Error ? e.message : String(e) });
  return { t, errorText };
}

const Ctx = createContext<I18n | null>(null);
const KEY = 'minka.lang';

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const saved = localStorage.getItem(KEY);
    return isLang(saved) ? saved : DEFAULT_LANG;
  });
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((l: Lang) => {
    localStorage.setItem(KEY, l);
    setLangState(l);
  }, []);
  const value = useMemo<I18n>(() => ({ lang, setLang, ...wordingOf(lang) }), [lang, setLang]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
