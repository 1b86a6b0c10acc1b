// fac28 item 3: "delegado/a con autorización" was shown with no authorisation recorded.
import { describe, expect, it } from 'vitest';
import { translator } from '../../../../shared/i18n';
import { basisText } from './basisText';

describe('the vote holder basis in the summary', () => {
  it('names the authorisation when one is recorded, and says when none is (es, quz, en)', () => {
    const es = translator('es');
    expect(basisText(es, 'delegate', '')).toBe('delegado/a — autorización no registrada');
    expect(basisText(es, 'delegate', '   ')).toBe('delegado/a — autorización no registrada');
    expect(basisText(es, 'delegate', undefined)).toBe('delegado/a — autorización no registrada');
    expect(basisText(es, 'delegate', ' Acta de asamblea del 12/04/2026 ')).toBe(
      'delegado/a (autorización: Acta de asamblea del 12/04/2026)',
    );
    expect(basisText(es, 'titular', '')).toBe('titular presente');
    expect(basisText(translator('en'), 'delegate', '')).toBe(
      'delegate — no authorisation recorded',
    );
    expect(basisText(translator('quz'), 'delegate', '')).toBe(
      'rantin — saqiy qillqa mana qillqasqachu',
    );
    for (const lang of ['es', 'quz', 'en'] as const)
      expect(basisText(translator(lang), 'delegate', '')).not.toMatch(
        /con autorización|with authori/,
      );
  });
});
