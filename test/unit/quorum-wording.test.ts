// The quorum lines (door panel, summary, the Acta's official-round lines) must read right when
// more are present than needed and when fewer are. They said "29 de 16 organizaciones
// necesarias": present and needed run into one phrase, nonsense once present > needed. Each
// number now has its own label, in es, quz and en, met and not met.
import { describe, expect, it } from 'vitest';
import { LANGS, t } from '../../shared/i18n';

const CASES = [
  { met: true, actual: 29, required: 16, base: 31 },
  { met: false, actual: 9, required: 16, base: 31 },
] as const;

const KEYS = (met: boolean) => [
  `attendance.presence.${met ? 'quorumMet' : 'quorumNotMet'}.organizations`,
  `attendance.presence.${met ? 'quorumMet' : 'quorumNotMet'}.people`,
  ...(met
    ? ['minutes.pdf.quorumMet.organizations', 'minutes.pdf.quorumMet.people']
    : ['results.official.warn.belowQuorum']),
  'attendance.summary.quorumCell.organizations',
  'attendance.summary.quorumCell.people',
];

describe('quorum wording', () => {
  it.each(LANGS.flatMap((lang) => CASES.map((c) => [lang, c] as const)))(
    '%s: %o — present and needed each named, never "present of needed"',
    (lang, c) => {
      for (const key of KEYS(c.met)) {
        const text = t(lang, key, {
          actual: c.actual,
          required: c.required,
          base: c.base,
          answer: 'x',
        });
        expect(text, key).toContain(String(c.actual));
        expect(text, key).toContain(String(c.required));
        // "29 de 16", "29 of 16", "29 / 16", "16 manta 29": one number read as part of the other.
        expect(text, key).not.toMatch(/\b(29|9) (de|of|\/) 16\b|\b16 manta (29|9)\b/);
        expect(text, key).not.toMatch(/\{\w+\}/);
      }
    },
  );

  it('es and en read as a person would say it', () => {
    const org = (lang: 'es' | 'en', met: boolean, actual: number) =>
      t(lang, `attendance.presence.${met ? 'quorumMet' : 'quorumNotMet'}.organizations`, {
        actual,
        required: 16,
        base: 31,
      });
    expect(org('es', true, 29)).toBe(
      'Hay quórum — organizaciones con agente presente: 29; mínimo necesario: 16 (de 31 con agente acreditado)',
    );
    expect(org('es', false, 9)).toBe(
      'Falta quórum — organizaciones con agente presente: 9; mínimo necesario: 16 (de 31 con agente acreditado)',
    );
    expect(org('en', true, 29)).toBe(
      'Quorum reached — organisations with an agent present: 29; minimum needed: 16 (of 31 with an accredited agent)',
    );
    expect(t('es', 'results.official.warn.belowQuorum', { actual: 9, required: 16 })).toBe(
      'Al cerrar la ronda no había quórum (presentes: 9; mínimo necesario: 16).',
    );
  });
});
