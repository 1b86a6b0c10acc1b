// Every key the code can show must be in the catalogues of es, quz and en: the literal keys
// in the source (t('…'), tr(io, '…'), MinkaError(code, '…')), the prefixes of keys built at
// run time (`minutes.verdict.${verdict}`), and the name of every event type the Registro
// screen shows as t(`event.${type}`) for every member of shared/events.ts. A missing key would show raw ("event.minutes.x") on screen.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../shared/events';
import { catalogues, LANGS } from '../../shared/i18n';
import { demoDb } from '../helpers/minutes-fixture';
import { tempDir } from '../helpers/tmp';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(p));
    else if (/\.tsx?$/.test(e.name) && !/\.(test|spec)\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}
const files = ['electron', 'shared', join('renderer', 'src')].flatMap((d) =>
  sources(join(root, d)),
);
const es = catalogues.es;
const namespaces = new Set(Object.keys(es).map((k) => k.split('.')[0]));
/** Literals with a catalogue namespace that are not keys (file names, object paths, formats). */
const NOT_KEYS = /\.(ts|tsx|json|pdf|minka|csv|pb|png|xlsx|html|txt|ttf|mjs|cjs)$/;

/** Event types: the members of the union in shared/events.ts (its own test ties it to the writers). */
const eventTypes = new Set<string>(EVENT_TYPES);

function literalKeys(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const f of files) {
    // Comments may name keys or paths in prose; only code shows text.
    const text = readFileSync(f, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
    for (const m of text.matchAll(/(['"`])([a-zA-Z][\w-]*(?:\.[\w-]+)+)\1/g)) {
      const key = m[2] ?? '';
      // Event types are names in the log, shown through `event.<type>` (checked below).
      if (!namespaces.has(key.split('.')[0]) || NOT_KEYS.test(key) || eventTypes.has(key)) continue;
      found.set(key, [...(found.get(key) ?? []), relative(root, f)]);
    }
  }
  return found;
}

describe('every key used in code is translated', () => {
  it('literal keys in the sources exist in es, quz and en', () => {
    const keys = literalKeys();
    expect(keys.size).toBeGreaterThan(300);
    const missing: string[] = [];
    for (const [key, where] of keys)
      for (const lang of LANGS)
        if (
          catalogues[lang][key] === undefined &&
          !Object.keys(catalogues[lang]).some((k) => k.startsWith(key + '.'))
        )
          missing.push(`${lang}: ${key} (${where[0]})`);
    expect(missing).toEqual([]);
  });

  it('keys built at run time have a prefix the catalogues know', () => {
    const missing: string[] = [];
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/`([a-zA-Z][\w]*(?:\.[\w]+)*\.)\$\{/g)) {
        const prefix = m[1] ?? '';
        if (!namespaces.has(prefix.split('.')[0])) continue;
        for (const lang of LANGS)
          if (!Object.keys(catalogues[lang]).some((k) => k.startsWith(prefix)))
            missing.push(`${lang}: ${prefix}… (${relative(root, f)})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every event type of the union has a name in Registro, in every language', () => {
    const types = new Set(eventTypes);
    // And every type the demo workshop really holds (covers types built at run time).
    const { dir, cleanup } = tempDir('minka-i18n-');
    const db = demoDb(dir);
    for (const r of db.prepare('SELECT DISTINCT type FROM event').all() as { type: string }[])
      types.add(r.type);
    db.close();
    cleanup();
    expect(types.size).toBeGreaterThan(30);
    const missing = [...types].flatMap((type) =>
      LANGS.filter((lang) => catalogues[lang][`event.${type}`] === undefined).map(
        (lang) => `${lang}: event.${type}`,
      ),
    );
    expect(missing).toEqual([]);
  });

  it('no Spanish text is left equal to its key', () => {
    expect(Object.entries(es).filter(([k, v]) => !k.startsWith('_') && v === k)).toEqual([]);
  });
});

describe('messages on screen follow a switch of language', () => {
  // A sentence worded when it happened and kept in state stays in that language after a
  // switch ("Propuesta P-003 guardada." under a Quechua screen). Screens keep the key and its
  // values, or the caught error, and word them at each draw (renderer/src/kit/notice.ts).
  const WORDED_IN_STATE = [
    // setMessage(t('…')), setSaved(errorText(e))
    /\bset[A-Z]\w*\(\s*(?:t|errorText|errText)\(/,
    // setMessage({ kind: 'error', text: errorText(e) })
    /\bset[A-Z]\w*\(\s*\{[^}]*?\b(?:text|message):\s*(?:t|errorText|errText)\(/,
    // notify('ok', t('…')), onProblem(t('…'))
    /\b(?:notify|on[A-Z]\w*)\(\s*(?:'(?:ok|error)',\s*)?(?:t|errorText|errText)\(/,
    // setSaved(say('…')): a Say is a function, which React's setState would run as an updater
    // (keep a Notice, an object, instead)
    /\bset[A-Z]\w*\(\s*say\(/,
  ];

  it('no renderer source keeps a worded sentence in state', () => {
    const renderer = files.filter((f) => f.startsWith(join(root, 'renderer')));
    expect(renderer.length).toBeGreaterThan(50);
    const found: string[] = [];
    for (const f of renderer) {
      const text = readFileSync(f, 'utf8');
      for (const re of WORDED_IN_STATE) {
        const m = re.exec(text);
        if (m) found.push(`${relative(root, f)}: ${m[0]}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('the check finds the forms the screens used to write', () => {
    const old = [
      "setMessage({ kind: 'error', text: errorText(e) });",
      "setMessage({\n  kind: 'error',\n  text: t('results.criteria.badScore', { code }),\n});",
      "setResult({ kind: 'ok', text: t('followup.note.saved') });",
      "notify('error', errText(e));",
      "onProblem(t('proposals.error.badCui', { cui }))",
      "setSaved(t('followup.plan.saved', { year }));",
      'setProblem(say(parsed.key, parsed.params));',
    ];
    for (const line of old)
      expect(
        WORDED_IN_STATE.some((re) => re.test(line)),
        line,
      ).toBe(true);
    expect(WORDED_IN_STATE.some((re) => re.test("setNotice(okNotice('export.done'))"))).toBe(false);
  });
});
