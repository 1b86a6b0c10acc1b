// The kit's logic without a DOM (vitest runs in Node here): the busy/error bookkeeping of an
// action, the tabs' keyboard model, and the tab bar's and field's markup rendered to a string.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { t as translate, type Lang } from '../../../shared/i18n';
import { wordingOf } from '../i18n';
import { ApiError } from '../transport';
import {
  Problem,
  runAction,
  said,
  thrown,
  wordFailure,
  type Failure,
  type Wording,
} from './action';
import { errorNotice, okNotice, thrownNotice, wordNotice, type Notice } from './notice';
import { Field } from './Field';
import { Tabs } from './Tabs';
import { tabKeyTarget } from './tabs-keys';

function recorder() {
  const busy: boolean[] = [];
  const failures: (Failure | null)[] = [];
  return {
    busy,
    failures,
    setters: {
      setBusy: (b: boolean) => busy.push(b),
      setFailure: (f: Failure | null) => failures.push(f),
    },
  };
}

/** The wording of one language, as the screen's useI18n gives it. */
const wording = (lang: Lang): Wording => ({
  t: (key, params) => translate(lang, key, params),
  errorText: (e) => translate(lang, 'error.internal', { message: String(e) }),
});

describe('runAction (useAction)', () => {
  it('a failing action: busy on then off, the failure kept, not rethrown', async () => {
    const r = recorder();
    const boom = new Error('disk full');
    const out = await runAction(() => Promise.reject(boom), r.setters);
    expect(out).toEqual({ ok: false, cause: boom });
    expect(r.busy).toEqual([true, false]);
    expect(r.failures).toEqual([null, thrown(boom)]);
  });

  it('a succeeding action clears the previous failure and hands back its value', async () => {
    const r = recorder();
    let busyInside: boolean | undefined;
    const out = await runAction(() => {
      busyInside = r.busy.at(-1);
      return Promise.resolve(42);
    }, r.setters);
    expect(out).toEqual({ ok: true, value: 42 });
    expect(busyInside).toBe(true);
    expect(r.busy).toEqual([true, false]);
    expect(r.failures).toEqual([null]);
  });
});

describe('a failure is worded when drawn', () => {
  it('a key found wrong in Spanish reads in Quechua and English after a switch', () => {
    const f = said('setup.error.date');
    const es = wordFailure(f, wording('es'));
    expect(es).toBe('Fecha requerida');
    expect(wordFailure(f, wording('quz'))).not.toBe(es);
    expect(wordFailure(f, wording('en'))).not.toBe(es);
    expect(wordFailure(f, wording('en'))).toBe(translate('en', 'setup.error.date'));
  });

  it('an exception is worded by the language of the moment, with its values', () => {
    const f = thrown('disk full');
    expect(wordFailure(f, wording('en'))).toContain('disk full');
    expect(wordFailure(f, wording('en'))).not.toBe(wordFailure(f, wording('es')));
    expect(wordFailure(null, wording('es'))).toBeNull();
  });
});

describe('a notice is worded when drawn (what a write did, or why it failed)', () => {
  /** A screen's state across a switch of language: set once, drawn in es, then quz, then en. */
  const drawn = (n: Notice) =>
    (['es', 'quz', 'en'] as const).map((l) => wordNotice(n, wordingOf(l)));

  it('a success notice kept in Spanish reads in Quechua and English after a switch', () => {
    const [es, quz, en] = drawn(okNotice('proposals.saved', { code: 'P-003' }));
    expect(es).toEqual({ kind: 'ok', text: 'Propuesta P-003 guardada' });
    expect(quz).toEqual({
      kind: 'ok',
      text: translate('quz', 'proposals.saved', { code: 'P-003' }),
    });
    expect(quz?.text).not.toBe(es?.text);
    expect(en?.text).toBe('Proposal P-003 saved');
  });

  it("the core's error (its code's key and params) is worded in the language of the moment", () => {
    const core = new ApiError({
      code: 'ALREADY_EXISTS',
      key: 'voting.error.serialUsed',
      params: { serial: 'A-12' },
      message: 'serial used',
    });
    const [es, quz, en] = drawn(thrownNotice(core));
    expect(es).toEqual({
      kind: 'error',
      text: 'La papeleta A-12 ya está registrada en esta ronda.',
    });
    expect(quz?.text).toBe(translate('quz', 'voting.error.serialUsed', { serial: 'A-12' }));
    expect(en?.text).toBe('Ballot A-12 is already recorded in this round.');
  });

  it('a problem the screen found, thrown or set, is a key and its values too', () => {
    const thrownProblem = drawn(thrownNotice(new Problem('proposals.error.badCui', { cui: '12' })));
    const setProblem = drawn(errorNotice('proposals.error.badCui', { cui: '12' }));
    expect(thrownProblem).toEqual(setProblem);
    expect(setProblem.map((x) => x?.text)).toEqual([
      'El CUI tiene 7 dígitos: «12»',
      'CUIqa 7 yupayniyuq: «12»',
      'A CUI has 7 digits: "12"',
    ]);
    // useAction words a thrown Problem the same way (not as an internal error).
    expect(
      wordFailure(thrown(new Problem('proposals.error.badCui', { cui: '12' })), wordingOf('quz')),
    ).toBe('CUIqa 7 yupayniyuq: «12»');
    expect(wordNotice(null, wordingOf('es'))).toBeNull();
  });
});

describe('Tabs keyboard', () => {
  it('arrows move and wrap, Home/End jump, other keys are left alone', () => {
    expect(tabKeyTarget('ArrowRight', 0, 3)).toBe(1);
    expect(tabKeyTarget('ArrowRight', 2, 3)).toBe(0);
    expect(tabKeyTarget('ArrowLeft', 0, 3)).toBe(2);
    expect(tabKeyTarget('ArrowDown', 1, 3)).toBe(2);
    expect(tabKeyTarget('ArrowUp', 1, 3)).toBe(0);
    expect(tabKeyTarget('Home', 2, 3)).toBe(0);
    expect(tabKeyTarget('End', 0, 3)).toBe(2);
    expect(tabKeyTarget('Enter', 1, 3)).toBeNull();
    expect(tabKeyTarget('a', 1, 3)).toBeNull();
    expect(tabKeyTarget('ArrowRight', 0, 0)).toBeNull();
  });

  it('renders a tablist whose selected tab alone is in the tab order', () => {
    const html = renderToStaticMarkup(
      createElement(Tabs<'a' | 'b'>, {
        tabs: ['a', 'b'],
        selected: 'b',
        onSelect: () => undefined,
        label: (x: string) => `Tab ${x}`,
      }),
    );
    expect(html).toContain('role="tablist"');
    expect(html).toMatch(/role="tab" aria-selected="false" tabindex="-1"[^>]*data-tab="a"/);
    expect(html).toMatch(/role="tab" aria-selected="true" tabindex="0"[^>]*data-tab="b"/);
  });
});

describe('Field', () => {
  it('points the input at its error message', () => {
    const html = renderToStaticMarkup(
      createElement(Field, {
        label: 'DNI',
        error: 'No es un DNI',
        children: createElement('input'),
      }),
    );
    const describedBy = /aria-describedby="([^"]+)"/.exec(html)?.[1];
    expect(describedBy).toBeTruthy();
    expect(html).toContain(`id="${describedBy}"`);
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('No es un DNI');
  });

  it('without an error the input carries no description', () => {
    const html = renderToStaticMarkup(
      createElement(Field, { label: 'DNI', children: createElement('input') }),
    );
    expect(html).not.toContain('aria-describedby');
    expect(html).not.toContain('aria-invalid');
  });
});
