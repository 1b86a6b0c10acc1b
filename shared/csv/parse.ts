// RFC 4180 CSV as spreadsheets really write it: `;`, `,` or tab; quoted fields with `""`
// escapes and embedded newlines; CRLF, LF or lone CR; blank lines and trailing separators.
// One pass over the text with a hand-written scanner (no regular expressions on the input),
// so time and memory stay linear whatever the file contains.
import { CsvError, DEFAULT_LIMITS, type CsvLimits } from './errors';

export type Delimiter = ';' | ',' | '\t';
export const DELIMITERS: readonly Delimiter[] = [';', ',', '\t'];

export interface CsvRow {
  /** 1-based physical line on which the record starts (what a spreadsheet user sees). */
  line: number;
  cells: string[];
}

export interface ParsedCsv {
  delimiter: Delimiter;
  header: string[];
  /** Physical line of the header (after any leading blank lines). */
  headerLine: number;
  /**
   * Records after the header. Trailing empty cells are dropped and short rows padded with
   * '' to the header's width, so `cells.length === header.length` unless a row carries
   * values beyond the last header column.
   */
  rows: CsvRow[];
}

export interface ParseOptions {
  /** Force a delimiter instead of detecting it from the header line. */
  delimiter?: Delimiter;
  limits?: Partial<CsvLimits>;
}

const QUOTE = 34; // "
const LF = 10;
const CR = 13;

/**
 * Count candidate delimiters on the first non-blank line that has any, outside quotes (a title
 * line above the header has none; up to 10 are passed over). The most frequent
 * wins; ties prefer tab, then `;` (Excel on a Spanish-locale Windows), then `,`. A header with
 * none of them is a single column.
 */
export function detectDelimiter(text: string): Delimiter {
  const counts = new Map<Delimiter, number>(DELIMITERS.map((d) => [d, 0]));
  let inQuotes = false;
  // Lines of only spaces and separators are blank to the parser, so they are skipped here too.
  let lineHasContent = false;
  let titleLines = 0;
  // A text of blank lines only (";;;" padding) still gets the delimiter it is padded with.
  const totals = new Map<Delimiter, number>(DELIMITERS.map((d) => [d, 0]));
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '"') {
      inQuotes = !inQuotes;
      lineHasContent = true;
    } else if (inQuotes) continue;
    else if (c === '\n' || c === '\r') {
      // A title line above the header ("PADRÓN 2027") has no separator: judge by the next one.
      const found = DELIMITERS.some((d) => (counts.get(d) ?? 0) > 0);
      if (lineHasContent && (found || ++titleLines > 10)) break;
      lineHasContent = false;
      for (const d of DELIMITERS) counts.set(d, 0);
    } else if (c === ';' || c === ',' || c === '\t') {
      counts.set(c, (counts.get(c) ?? 0) + 1);
      totals.set(c, (totals.get(c) ?? 0) + 1);
    } else if (c !== ' ' && c !== '\ufeff') lineHasContent = true;
  }
  const source = lineHasContent ? counts : totals;
  let best: Delimiter = ',';
  let bestCount = 0;
  for (const d of ['\t', ';', ','] as const) {
    const n = source.get(d) ?? 0;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

/** Drop trailing empty cells: Excel pads every row to the widest one with separators. */
function trimTrailingEmpty(cells: string[]): string[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1] === '') end--;
  return end === cells.length ? cells : cells.slice(0, end);
}

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '');

/** Parse CSV text. Throws CsvError (csv.empty, csv.tooLarge, csv.unterminatedQuote, …). */
export function parseCsv(input: string, opts: ParseOptions = {}): ParsedCsv {
  const limits: CsvLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  if (input.length > limits.maxChars)
    throw new CsvError('csv.tooLarge', 0, { size: input.length, max: limits.maxChars });
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  // Text that reached us without decodeText (a paste, a test) is checked for binary too.
  if (text.includes('\u0000')) throw new CsvError('csv.binary', 0);
  const delimiter = opts.delimiter ?? detectDelimiter(text);
  const delim = delimiter.charCodeAt(0);
  const n = text.length;

  const records: CsvRow[] = [];
  let line = 1;
  let i = 0;
  while (i < n) {
    const startLine = line;
    const cells: string[] = [];
    // One record: fields until an unquoted line break or the end of the text.
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        const openLine = line;
        const parts: string[] = [];
        let length = 0;
        let from = ++i;
        for (;;) {
          if (i >= n) throw new CsvError('csv.unterminatedQuote', openLine);
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            parts.push(text.slice(from, i));
            if (text.charCodeAt(i + 1) === QUOTE) {
              parts.push('"');
              length += 1;
              i += 2;
              from = i;
              continue;
            }
            i++;
            break;
          }
          if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) line++;
          i++;
          length++;
          if (length > limits.maxFieldLength)
            throw new CsvError('csv.fieldTooLong', openLine, {
              column: cells.length + 1,
              max: limits.maxFieldLength,
            });
        }
        // Lenient: text after the closing quote (`"abc"def`) is kept, as Excel does.
        const tailFrom = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === delim || c === LF || c === CR) break;
          i++;
        }
        if (i > tailFrom) parts.push(text.slice(tailFrom, i));
        value = parts.join('');
      } else {
        const from = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === delim || c === LF || c === CR) break;
          i++;
        }
        value = text.slice(from, i);
      }
      if (value.length > limits.maxFieldLength)
        throw new CsvError('csv.fieldTooLong', startLine, {
          column: cells.length + 1,
          max: limits.maxFieldLength,
        });
      if (cells.length < limits.maxColumns) cells.push(value);
      // Beyond the limit only empty cells (Excel's padding) are tolerated, and not stored.
      else if (value !== '')
        throw new CsvError('csv.tooManyColumns', startLine, { max: limits.maxColumns });
      if (i < n && text.charCodeAt(i) === delim) {
        i++;
        continue;
      }
      break;
    }
    // End of record: consume one line break (CRLF, LF or CR).
    if (i < n) {
      if (text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF) i += 2;
      else i++;
      line++;
    }
    if (isBlank(cells)) continue;
    if (records.length > limits.maxRows)
      throw new CsvError('csv.tooManyRows', startLine, { max: limits.maxRows });
    records.push({ line: startLine, cells: trimTrailingEmpty(cells) });
  }

  const first = records.shift();
  if (!first) throw new CsvError('csv.empty', 0);
  const header = first.cells;
  const rows = records.map((r) =>
    r.cells.length >= header.length
      ? r
      : {
          line: r.line,
          cells: [...r.cells, ...Array<string>(header.length - r.cells.length).fill('')],
        },
  );
  return { delimiter, header, headerLine: first.line, rows };
}
