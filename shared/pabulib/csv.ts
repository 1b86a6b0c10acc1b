// `;`-separated rows with CSV quoting ("" inside quotes, newlines inside quotes), CRLF or
// LF. Each row carries the 1-based line it starts on, so errors can point at it.
import { PbParseError } from './errors';

export interface Row {
  line: number;
  cells: string[];
}

export function* rows(text: string): Generator<Row> {
  let pos = 0;
  let line = 1;
  const len = text.length;
  while (pos < len) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = len;
    const raw = text.slice(pos, nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl);
    if (!raw.includes('"')) {
      // Fast path: no quoting on this line (almost every line of real files).
      yield { line, cells: raw.split(';') };
      pos = nl + 1;
      line++;
      continue;
    }
    const start = line;
    const cells: string[] = [];
    let cell = '';
    let i = pos;
    let quoted = false;
    let atCellStart = true;
    for (;;) {
      if (i >= len) {
        if (quoted) throw new PbParseError('pb.unterminatedQuote', start);
        cells.push(cell);
        break;
      }
      const ch = text[i] as string;
      if (quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
          } else {
            quoted = false;
            i++;
          }
        } else {
          if (ch === '\n') line++;
          cell += ch;
          i++;
        }
      } else if (ch === '"' && atCellStart) {
        quoted = true;
        atCellStart = false;
        i++;
      } else if (ch === ';') {
        cells.push(cell);
        cell = '';
        atCellStart = true;
        i++;
      } else if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
        cells.push(cell);
        i += ch === '\r' ? 2 : 1;
        break;
      } else {
        cell += ch;
        atCellStart = false;
        i++;
      }
    }
    // A quoted cell that spans lines keeps its inner CRLF as LF, like most CSV readers.
    yield { line: start, cells: cells.map((c) => c.replace(/\r\n/g, '\n')) };
    pos = i;
    line++;
  }
}

/** Quote a cell when it holds the separator, a quote or a line break. */
export function quoteCell(cell: string): string {
  return /[;"\r\n]/.test(cell) || cell !== cell.trim() ? `"${cell.replace(/"/g, '""')}"` : cell;
}
