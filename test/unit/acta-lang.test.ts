// fac27: the Acta's language followed the screen's (a facilitator with the interface in Quechua
// sealed a legal Acta in machine-drafted Quechua). It is chosen: Spanish by default on every
// entry point, another language a seal warning to confirm (`actaLang:quz`), signed in the payload.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actaLangWarning } from '../../shared/minutes/acta-lang';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

const { dir, cleanup } = tempDir('minka-acta-lang-');
const demo = join(dir, 'demo.minka');
const data = join(dir, 'data');

/** The signed payload's render settings, as `minka export` gives them. */
async function signedLang(file: string): Promise<string | undefined> {
  const r = await runCli(['export', file]);
  expect(r.code).toBe(0);
  const doc = JSON.parse(r.out) as { minutes: { payload: { render?: { lang: string } } } | null };
  return doc.minutes?.payload.render?.lang;
}

function copy(name: string): string {
  const f = join(dir, name);
  copyFileSync(demo, f);
  return f;
}

beforeAll(async () => {
  expect((await runCli(['demo', '--out', demo])).code).toBe(0);
}, 120_000);
afterAll(cleanup);

describe('the Acta language is a choice, Spanish by default', () => {
  it('one warning for Quechua and for English, none for Spanish', () => {
    expect(actaLangWarning('es')).toBeNull();
    expect(actaLangWarning('quz')).toMatchObject({
      id: 'actaLang:quz',
      key: 'minutes.ui.sealWarn.actaLangQuz',
    });
    expect(actaLangWarning('en')?.id).toBe('actaLang:en');
  });

  it('minka seal in a Quechua terminal, without --lang: the Acta is in Spanish', async () => {
    const f = copy('quz-terminal.minka');
    const r = await runCli(['seal', f, '--out', join(dir, 'a.pdf'), '--data', data], 'quz');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(await signedLang(f)).toBe('es');
  }, 120_000);

  it('minka seal --lang quz is refused until actaLang:quz is confirmed, then signed as quz', async () => {
    const f = copy('quz-chosen.minka');
    const out = join(dir, 'b.pdf');
    const refused = await runCli(['seal', f, '--out', out, '--data', data, '--lang', 'quz']);
    expect(refused.code).not.toBe(0);
    expect(refused.err).toContain('actaLang:quz');
    expect(await signedLang(f)).toBeUndefined();
    const ok = await runCli([
      'seal',
      f,
      '--out',
      out,
      '--data',
      data,
      '--lang',
      'quz',
      '--confirm',
      'actaLang:quz',
    ]);
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    expect(await signedLang(f)).toBe('quz');
  }, 120_000);

  it('a confirmation for Quechua does not seal in English', async () => {
    const f = copy('en-chosen.minka');
    const r = await runCli([
      'seal',
      f,
      '--out',
      join(dir, 'c.pdf'),
      '--data',
      data,
      '--lang',
      'en',
      '--confirm',
      'actaLang:quz',
    ]);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('actaLang:en');
  }, 120_000);
});
