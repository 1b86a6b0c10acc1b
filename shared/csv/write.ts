// Writing CSV that Excel and LibreOffice open correctly on a municipal PC: UTF-8 with a BOM
// (without it Excel reads UTF-8 as Windows-1252 and mangles ñ and accents), CRLF, and `;` by
// default because a Spanish-locale Excel splits columns on `;`.
import type { Organization, Participant } from '../schemas/attendance';
import { t, type Lang } from '../i18n';
import { REGISTRY_EXPORT_COLUMNS } from './registry-labels';

export interface ToCsvOptions {
  delimiter?: ';' | ',';
  /** Prefix U+FEFF so Excel detects UTF-8 (default true). */
  bom?: boolean;
  /** Neutralise cells a spreadsheet would run as formulas (default true; see guardFormula). */
  formulaGuard?: boolean;
}

// Characters that make Excel, LibreOffice or Google Sheets start a formula (OWASP "CSV
// injection"), plus their full-width forms, which some East-Asian input methods produce and
// Excel also accepts.
const FORMULA_START = new Set([
  '=',
  '+',
  '-',
  '@',
  '\t',
  '\r',
  '\uff1d',
  '\uff0b',
  '\uff0d',
  '\uff20',
]);
// A plain number such as "-12.5" or "-3,25" cannot call anything. Prefixing it would turn
// negative amounts into text and break the officials' sums, so it is left alone.
const PLAIN_NUMBER = /^-\d{1,15}(?:[.,]\d{1,15})?$/;

/**
 * Prefix an apostrophe to a cell that would be run as a formula ("=HYPERLINK(…)", "@SUM(…)",
 * "+51 984…", "-2+3"), as OWASP recommends. Spreadsheets show the apostrophe-prefixed text
 * literally; the registry import strips it again, so our own files round-trip.
 */
export function guardFormula(cell: string): string {
  const first = cell[0];
  if (first === undefined || !FORMULA_START.has(first)) return cell;
  if (PLAIN_NUMBER.test(cell)) return cell;
  return `'${cell}`;
}

function quoteCell(cell: string, delimiter: string): string {
  const needs =
    cell.includes('"') || cell.includes(delimiter) || cell.includes('\n') || cell.includes('\r');
  return needs ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** Serialise rows of cells; every record ends with CRLF. */
export function toCsv(rows: readonly (readonly string[])[], opts: ToCsvOptions = {}): string {
  const delimiter = opts.delimiter ?? ';';
  const guard = opts.formulaGuard ?? true;
  let out = (opts.bom ?? true) ? '\ufeff' : '';
  for (const row of rows) {
    out +=
      row.map((c) => quoteCell(guard ? guardFormula(c) : c, delimiter)).join(delimiter) + '\r\n';
  }
  return out;
}

/**
 * The registry as a spreadsheet: one row per participant with their organisation's columns,
 * then organisations without participants. Headers and values are translated; the import
 * recognises them in every language, so an exported file can be edited and imported again.
 * DNIs stay 8-digit strings; if Excel drops the leading zero on the way, the import restores it.
 */
export function registryToCsv(
  orgs: readonly Organization[],
  participants: readonly Participant[],
  lang: Lang,
  opts: ToCsvOptions = {},
): string {
  const tr = (key: string) => t(lang, key);
  const header = REGISTRY_EXPORT_COLUMNS.map((c) => tr(`csv.header.${c}`));
  const orgCells = (o: Organization | undefined) =>
    o
      ? [
          o.name,
          tr(`csv.value.orgType.${o.type}`),
          o.community,
          tr(`csv.value.standingProof.${o.standingProof}`),
          o.standingRef,
        ]
      : ['', '', '', '', ''];
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const rows: string[][] = [header];
  const withPeople = new Set<string>();
  // Group people under their organisation, in the registry's order.
  const position = new Map(orgs.map((o, i) => [o.id, i]));
  const orgIndex = (p: Participant) =>
    (p.organizationId === null ? undefined : position.get(p.organizationId)) ?? orgs.length;
  const ordered = [...participants].sort((a, b) => orgIndex(a) - orgIndex(b));
  for (const p of ordered) {
    const org = p.organizationId === null ? undefined : byId.get(p.organizationId);
    if (org) withPeople.add(org.id);
    rows.push([
      ...orgCells(org),
      p.dni,
      p.surnames,
      p.givenNames,
      tr(`csv.value.sex.${p.sex}`),
      tr(`csv.value.language.${p.language}`),
      tr(`csv.value.role.${p.role}`),
      tr(`csv.value.voice.${p.voice}`),
      p.authorization,
      tr(`csv.value.accreditation.${p.accreditation}`),
    ]);
  }
  for (const o of orgs)
    if (!withPeople.has(o.id)) rows.push([...orgCells(o), '', '', '', '', '', '', '', '', '']);
  return toCsv(rows, opts);
}
