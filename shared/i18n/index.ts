// UI and CLI text comes only from these catalogues. One JSON file per language and
// namespace, so that a reviewer can edit plain files (see shared/i18n/README.md).
import esCore from './es/core.json';
import quzCore from './quz/core.json';
import enCore from './en/core.json';
import esTally from './es/tally.json';
import quzTally from './quz/tally.json';
import enTally from './en/tally.json';
import esCsv from './es/csv.json';
import quzCsv from './quz/csv.json';
import enCsv from './en/csv.json';
import esPdf from './es/pdf.json';
import quzPdf from './quz/pdf.json';
import enPdf from './en/pdf.json';
import esAttendance from './es/attendance.json';
import quzAttendance from './quz/attendance.json';
import enAttendance from './en/attendance.json';
import esProposals from './es/proposals.json';
import esMinutes from './es/minutes.json';
import quzMinutes from './quz/minutes.json';
import enMinutes from './en/minutes.json';
import quzProposals from './quz/proposals.json';
import enProposals from './en/proposals.json';
import esVoting from './es/voting.json';
import quzVoting from './quz/voting.json';
import enVoting from './en/voting.json';
import esBackup from './es/backup.json';
import quzBackup from './quz/backup.json';
import enBackup from './en/backup.json';
import esResults from './es/results.json';
import quzResults from './quz/results.json';
import enResults from './en/results.json';
import esPlan from './es/plan.json';
import quzPlan from './quz/plan.json';
import enPlan from './en/plan.json';
import esFollowup from './es/followup.json';
import quzFollowup from './quz/followup.json';
import enFollowup from './en/followup.json';
import esExport from './es/export.json';
import quzExport from './quz/export.json';
import enExport from './en/export.json';
import esVenues from './es/venues.json';
import quzVenues from './quz/venues.json';
import enVenues from './en/venues.json';
import esSignatures from './es/signatures.json';
import quzSignatures from './quz/signatures.json';
import enSignatures from './en/signatures.json';

import { LANGS, type Lang } from '../lang';

export { LANGS, type Lang };
export const DEFAULT_LANG: Lang = 'es';

type Catalogue = Record<string, string | string[]>;

function merge(...parts: Catalogue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of parts) {
    for (const [k, v] of Object.entries(part)) {
      if (k.startsWith('_')) continue; // metadata such as _status, _reviewed
      if (typeof v !== 'string') continue;
      if (k in out) throw new Error(`i18n: duplicate key ${k}`);
      out[k] = v;
    }
  }
  return out;
}

/** The Quechua catalogue's parts: merged for display, and read for their `_reviewed` lists. */
const QUZ_PARTS: Catalogue[] = [
  quzCore,
  quzTally,
  quzCsv,
  quzPdf,
  quzAttendance,
  quzProposals,
  quzVoting,
  quzResults,
  quzBackup,
  quzMinutes,
  quzPlan,
  quzFollowup,
  quzExport,
  quzVenues,
  quzSignatures,
];

export const catalogues: Record<Lang, Record<string, string>> = {
  es: merge(
    esCore,
    esTally,
    esCsv,
    esPdf,
    esAttendance,
    esProposals,
    esVoting,
    esResults,
    esBackup,
    esMinutes,
    esPlan,
    esFollowup,
    esExport,
    esVenues,
    esSignatures,
  ),
  quz: merge(...QUZ_PARTS),
  en: merge(
    enCore,
    enTally,
    enCsv,
    enPdf,
    enAttendance,
    enProposals,
    enVoting,
    enResults,
    enBackup,
    enMinutes,
    enPlan,
    enFollowup,
    enExport,
    enVenues,
    enSignatures,
  ),
};

/** Keys of the Quechua catalogue that a speaker has reviewed; every other quz string is machine-drafted. */
export function reviewedQuechuaKeys(): Set<string> {
  const reviewed = new Set<string>();
  for (const part of QUZ_PARTS) {
    const r = part['_reviewed'];
    if (Array.isArray(r)) for (const k of r) reviewed.add(k);
  }
  return reviewed;
}

export function isLang(x: unknown): x is Lang {
  return typeof x === 'string' && (LANGS as readonly string[]).includes(x);
}

export type Params = Record<string, string | number>;

/**
 * Translate `key` into `lang`, filling `{name}` placeholders. A key missing from a
 * language falls back to Spanish, then to the key itself (tests assert none are missing).
 */
export function t(lang: Lang, key: string, params?: Params): string {
  const template = catalogues[lang][key] ?? catalogues.es[key] ?? key;
  if (!params) return template;
  // A value that ends a sentence itself (a typed reason "…el monto.", a catalogue sentence)
  // before the template's own full stop gives one stop, not "monto..": the template's goes.
  // So does the template's comma, semicolon or colon after a value ending with the same mark.
  return plurals(template, params).replace(
    /\{(\w+)\}(\.(?!\.)|[,;:])?/g,
    (m, name: string, mark: string | undefined) => {
      const v = params[name];
      if (v === undefined) return m;
      const s = String(v);
      return mark && doubled(s, mark) ? s : s + (mark ?? '');
    },
  );
}

/** Whether `value` put before the template's `mark` would print the mark twice ("monto..", "a,,"). */
function doubled(value: string, mark: string): boolean {
  return mark === '.' ? /[.!?…]$/.test(value) : value.endsWith(mark);
}

/**
 * `t` as layouts up to 7 of the Acta were drawn: every value put in as it is, even a
 * sentence-ending one before the template's full stop ("monto.."). Those layouts' drawing keeps
 * it, so a verifier redraws their signed pages exactly; from layout 8 the Acta uses `t`.
 */
export function tAsWritten(lang: Lang, key: string, params?: Params): string {
  const template = catalogues[lang][key] ?? catalogues.es[key] ?? key;
  if (!params) return template;
  return plurals(template, params).replace(/\{(\w+)\}/g, (m, name: string) => {
    const v = params[name];
    return v === undefined ? m : String(v);
  });
}

/**
 * Plural forms, written in the catalogue as a subset of ICU MessageFormat so that each number
 * in a sentence agrees on its own: `{n, plural, one {# fila} other {# filas}}` ("1 filas" was
 * printed before). `#` is the number; `=0 {…}` matches exactly. Spanish, English and (as the
 * drafts are written) Quechua take "one" for 1 only. Hand-written: i18next's plural suffixes
 * cover one count per key, and the catalogues are plain JSON a reviewer edits.
 */
export function plurals(template: string, params: Params): string {
  const head = /\{(\w+), plural,/g;
  let out = '';
  let from = 0;
  for (let m = head.exec(template); m; m = head.exec(template)) {
    const name = m[1] ?? '';
    // Read the `selector {body}` pairs up to the brace closing the plural.
    let i = m.index + m[0].length;
    const forms = new Map<string, string>();
    for (;;) {
      while (template[i] === ' ') i++;
      if (template[i] === '}' || i >= template.length) break;
      const sel = /^[=\w]+/.exec(template.slice(i))?.[0] ?? '';
      i += sel.length;
      while (template[i] === ' ') i++;
      if (!sel || template[i] !== '{') return template; // malformed: shown as written
      let depth = 0;
      const start = i + 1;
      for (; i < template.length; i++) {
        if (template[i] === '{') depth++;
        else if (template[i] === '}' && --depth === 0) break;
      }
      forms.set(sel, template.slice(start, i));
      i++;
    }
    const n = Number(params[name]);
    const body =
      forms.get(`=${n}`) ?? (n === 1 ? forms.get('one') : undefined) ?? forms.get('other') ?? '';
    out += template.slice(from, m.index) + body.replace(/#/g, String(params[name] ?? ''));
    from = i + 1;
    head.lastIndex = from;
  }
  return out + template.slice(from);
}

export function translator(lang: Lang): (key: string, params?: Params) => string {
  return (key, params) => t(lang, key, params);
}
