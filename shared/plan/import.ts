// A plan file (CSV here; XLSX read in electron/plan) → plan lines with exact amounts, every
// problem named by line and field. Title blocks above the header, total rows at the bottom
// and one project split over several budget lines (MEF data lists a CUI once per activity
// or funding source) are handled here, so the reconciliation sees one item per project.
import { decodeText, type TextEncodingName } from '../csv/decode';
import { type LineIssue, mappedColumns } from '../csv/mapped';
import { parseCsv, type CsvRow, type Delimiter } from '../csv/parse';
import { fold } from '../csv/registry-labels';
import {
  detectDecimalMark,
  parseAmount,
  parseMachineAmount,
  type AmountResult,
  type DecimalMark,
} from './amount';
import { guessPlanMapping, headerScore, type PlanField, type PlanMapping } from './columns';

/** The cells of a plan file after reading, before mapping. */
export interface PlanTable {
  source: 'csv' | 'xlsx';
  encoding: TextEncodingName | null;
  delimiter: Delimiter | null;
  /** XLSX: the sheet read and all sheet names. */
  sheet: string | null;
  sheets: string[];
  header: string[];
  /** 1-based line (CSV) or row number (XLSX) of the header. */
  headerLine: number;
  rows: CsvRow[];
}

/** A problem at a line of the plan file; keys under `plan.import.`. */
export type PlanIssue = LineIssue<PlanField>;

export interface PlanLine {
  /** First line of the file this item comes from; `lines` lists all when merged by CUI. */
  line: number;
  lines: number[];
  cui: string;
  code: string;
  name: string;
  /** The budgeted amount compared with the agreement (PIA for MEF files). */
  amountCents: number;
  pimCents: number | null;
  devengadoCents: number | null;
  year: number | null;
  executor: string;
  sector: string;
}

export interface PlanImport {
  lines: PlanLine[];
  errors: PlanIssue[];
  warnings: PlanIssue[];
  /** Years found in the year column (ascending). */
  years: number[];
}

export const PLAN_LIMITS = { rows: 50_000, nameLength: 500 } as const;

/** Find the header: the row among the first 20 that names the most plan fields. */
export function locateHeader(records: CsvRow[]): {
  header: string[];
  headerLine: number;
  rows: CsvRow[];
} {
  let best = 0;
  let bestScore = -1;
  for (let i = 0; i < Math.min(records.length, 20); i++) {
    const s = headerScore((records[i] as CsvRow).cells);
    if (s > bestScore) {
      best = i;
      bestScore = s;
    }
  }
  const head = records[best] ?? { line: 1, cells: [] };
  const width = head.cells.length;
  const rows = records
    .slice(best + 1)
    .map((r) =>
      r.cells.length >= width
        ? r
        : { line: r.line, cells: [...r.cells, ...Array<string>(width - r.cells.length).fill('')] },
    );
  return { header: head.cells, headerLine: head.line, rows };
}

/** Read a CSV plan file's bytes (UTF-8 with/without BOM, Windows-1252, UTF-16; `;` `,` or tab). Throws CsvError. */
export function readPlanCsv(bytes: Uint8Array): PlanTable {
  const { text, encoding } = decodeText(bytes);
  const parsed = parseCsv(text);
  const all: CsvRow[] = [{ line: parsed.headerLine, cells: parsed.header }, ...parsed.rows];
  const located = locateHeader(all);
  return {
    source: 'csv',
    encoding,
    delimiter: parsed.delimiter,
    sheet: null,
    sheets: [],
    ...located,
  };
}

export { guessPlanMapping };

const clean = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/** CUI as Invierte.pe writes it: 7 digits (Excel drops leading zeros; MEF writes it as a number). */
export function normalizeCui(raw: string): string | null {
  const s = raw.replace(/[\s.]/g, '').replace(/\.0+$/, '');
  if (s === '') return '';
  if (!/^\d{1,8}$/.test(s)) return null;
  return s.padStart(7, '0');
}

const TOTAL_WORDS = [
  'total',
  'total general',
  'totales',
  'suma',
  'subtotal',
  'sub total',
  'llapan',
];

/** Apply a mapping: plan lines merged by CUI and year, with errors and warnings by line and field. */
export function importPlan(
  table: Pick<PlanTable, 'source' | 'header' | 'headerLine' | 'rows'>,
  mapping: PlanMapping,
): PlanImport {
  const out: PlanImport = { lines: [], errors: [], warnings: [], years: [] };
  const { issue, cell } = mappedColumns(table.header, mapping, clean);

  if (mapping.name === null && mapping.cui === null && mapping.code === null) {
    issue(out.errors, table.headerLine, null, 'plan.import.noIdColumn');
    return out;
  }
  if (mapping.amount === null) {
    issue(out.errors, table.headerLine, null, 'plan.import.noAmountColumn');
    return out;
  }
  if (table.rows.length === 0) {
    issue(out.errors, table.headerLine, null, 'plan.import.noRows');
    return out;
  }
  if (table.rows.length > PLAN_LIMITS.rows) {
    issue(out.errors, table.headerLine, null, 'plan.import.tooManyRows', {
      count: table.rows.length,
      max: PLAN_LIMITS.rows,
    });
    return out;
  }

  const cellOf = (row: CsvRow, f: PlanField) => cell(row.cells, f);
  const marks = new Map<PlanField, DecimalMark | null>();
  for (const f of ['amount', 'pim', 'devengado'] as const)
    marks.set(f, detectDecimalMark(table.rows.map((r) => cellOf(r, f))));
  const amountOf = (f: 'amount' | 'pim' | 'devengado', raw: string): AmountResult =>
    table.source === 'xlsx' && /^-?\d*\.?\d+(?:[eE][+-]?\d+)?$/.test(raw)
      ? parseMachineAmount(raw)
      : parseAmount(raw, marks.get(f) ?? null);

  const byKey = new Map<string, PlanLine>();
  const years = new Set<number>();
  for (const row of table.rows) {
    const { line } = row;
    const name = cellOf(row, 'name');
    const code = cellOf(row, 'code');
    const rawCui = cellOf(row, 'cui');
    const rawAmount = cellOf(row, 'amount');
    if (!name && !code && !rawCui && !rawAmount) continue;
    // "TOTAL" rows: a sum of the lines above, not a project.
    if (!rawCui && TOTAL_WORDS.includes(fold(name || code))) {
      issue(
        out.warnings,
        line,
        mapping.name !== null ? 'name' : 'code',
        'plan.import.totalSkipped',
        { value: name || code },
      );
      continue;
    }
    const errorsBefore = out.errors.length;
    const cui = normalizeCui(rawCui);
    if (cui === null) issue(out.errors, line, 'cui', 'plan.import.cuiInvalid', { value: rawCui });
    else if (rawCui && cui !== rawCui.replace(/\s/g, ''))
      issue(out.warnings, line, 'cui', 'plan.import.cuiPadded', { value: rawCui, cui });
    if (!name && !code && !cui) issue(out.errors, line, 'name', 'plan.import.nameMissing');
    if (name.length > PLAN_LIMITS.nameLength)
      issue(out.errors, line, 'name', 'plan.import.tooLong', {
        length: name.length,
        max: PLAN_LIMITS.nameLength,
      });
    let amountCents = 0;
    if (!rawAmount) issue(out.errors, line, 'amount', 'plan.import.amountMissing');
    else {
      const r = amountOf('amount', rawAmount);
      if (r.ok) amountCents = r.cents;
      else issue(out.errors, line, 'amount', `plan.import.amount.${r.error}`, { value: rawAmount });
    }
    const optional = (f: 'pim' | 'devengado'): number | null => {
      const raw = cellOf(row, f);
      if (!raw) return null;
      const r = amountOf(f, raw);
      if (r.ok) return r.cents;
      issue(out.errors, line, f, `plan.import.amount.${r.error}`, { value: raw });
      return null;
    };
    const pimCents = optional('pim');
    const devengadoCents = optional('devengado');
    let year: number | null = null;
    const rawYear = cellOf(row, 'year');
    if (rawYear) {
      const y = /^\d{4}(\.0+)?$/.test(rawYear) ? Number(rawYear.slice(0, 4)) : NaN;
      if (y >= 2000 && y <= 2100) {
        year = y;
        years.add(y);
      } else issue(out.errors, line, 'year', 'plan.import.yearInvalid', { value: rawYear });
    }
    if (out.errors.length > errorsBefore) continue;

    const item: PlanLine = {
      line,
      lines: [line],
      cui: cui ?? '',
      code,
      name,
      amountCents,
      pimCents,
      devengadoCents,
      year,
      executor: cellOf(row, 'executor'),
      sector: cellOf(row, 'sector'),
    };
    const key = item.cui ? `${item.cui}|${year ?? ''}` : null;
    const prev = key ? byKey.get(key) : undefined;
    if (prev) {
      prev.lines.push(line);
      prev.amountCents += amountCents;
      if (pimCents !== null) prev.pimCents = (prev.pimCents ?? 0) + pimCents;
      if (devengadoCents !== null)
        prev.devengadoCents = (prev.devengadoCents ?? 0) + devengadoCents;
      if (!prev.name) prev.name = name;
      if (!prev.code) prev.code = code;
      continue;
    }
    if (key) byKey.set(key, item);
    out.lines.push(item);
  }
  for (const l of out.lines) {
    if (l.lines.length > 1)
      issue(out.warnings, l.line, 'cui', 'plan.import.merged', {
        cui: l.cui,
        count: l.lines.length,
        lines: l.lines.join(', '),
      });
  }
  out.years = [...years].sort((a, b) => a - b);
  return out;
}

/** Keep only the lines of one fiscal year when the file has a year column and several years. */
export function linesForYear(
  lines: PlanLine[],
  year: number,
): { lines: PlanLine[]; dropped: number } {
  const kept = lines.filter((l) => l.year === null || l.year === year);
  return { lines: kept, dropped: lines.length - kept.length };
}
