import { describe, expect, it } from 'vitest';
import { catalogues, LANGS, t } from './index';

describe('i18n catalogues', () => {
  it('every language has exactly the Spanish keys', () => {
    const es = Object.keys(catalogues.es).sort();
    for (const lang of LANGS) {
      expect(Object.keys(catalogues[lang]).sort(), lang).toEqual(es);
    }
  });

  it('every placeholder used in Spanish appears in each translation', () => {
    for (const [key, text] of Object.entries(catalogues.es)) {
      const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      for (const lang of LANGS)
        expect(ph(catalogues[lang][key] ?? ''), `${lang}:${key}`).toEqual(ph(text));
    }
  });

  it('fills placeholders and falls back to the key', () => {
    expect(t('es', 'no.such.key')).toBe('no.such.key');
  });
});
