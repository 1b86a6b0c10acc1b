// `;`-separated rows with CSV quoting ("" inside quotes, newlines inside quotes), CRLF or
// LF. Each row carries the 1-based line it starts on, so errors can point at it. Text may
// arrive in chunks of any size (a file read piece by piece): a row is emitted only once it
// is complete, so memory holds one chunk and one partial row, never the whole file.
import { PbParseError } from './errors';

export interface Row {
  line: number;
  cells: string[];
}

/** Splits text pushed in chunks into rows; `end()` flushes the last row. */
export class RowSplitter {
  private buf = '';
  private line = 1;

  constructor(private readonly emit: (r: Row) => void) {}

  /** Pieces of one long row that has no line end yet: joined once, when it comes. */
  private held: string[] = [];

  push(chunk: string): void {
    // No row can end before a line feed: without one, only keep the piece.
    if (!chunk.includes('\n')) {
      this.held.push(chunk);
      return;
    }
    this.buf = this.join(chunk);
    this.drain(false);
  }

  end(): void {
    this.buf = this.join('');
    this.drain(true);
  }

  private join(chunk: string): string {
    if (this.held.length === 0) return this.buf.length > 0 ? this.buf + chunk : chunk;
    const all = [this.buf, ...this.held, chunk].join('');
    this.held = [];
    return all;
  }

  private drain(final: boolean): void {
    const text = this.buf;
    const len = text.length;
    let pos = 0;
    while (pos < len) {
      let nl = text.indexOf('\n', pos);
      if (nl < 0) {
        if (!final) break; // the row may go on in the next chunk
        nl = len;
      }
      const raw = text.slice(pos, nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl);
      if (!raw.includes('"')) {
        // Fast path: no quoting on this line (almost every line of real files).
        this.emit({ line: this.line, cells: raw.split(';') });
        pos = nl + 1;
        this.line++;
        continue;
      }
      const q = quotedRow(text, pos, this.line, final);
      if (!q) break; // incomplete quoted row: wait for more text
      this.emit(q.row);
      pos = q.next;
      this.line = q.lastLine + 1;
    }
    this.buf = pos >= len ? '' : text.slice(pos);
  }
}

/** One row with quoting from `pos`; null when the text ends before the row does (not final). */
function quotedRow(
  text: string,
  pos: number,
  start: number,
  final: boolean,
): { row: Row; next: number; lastLine: number } | null {
  const len = text.length;
  const cells: string[] = [];
  let line = start;
  let cell = '';
  let i = pos;
  let quoted = false;
  let atCellStart = true;
  for (;;) {
    if (i >= len) {
      if (!final) return null;
      if (quoted) throw new PbParseError('pb.unterminatedQuote', start);
      cells.push(cell);
      break;
    }
    const ch = text[i] as string;
    // A quote or CR as the last character: what follows decides, so wait for it.
    if (!final && i + 1 >= len && (ch === '"' || ch === '\r')) return null;
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
  return {
    row: { line: start, cells: cells.map((c) => c.replace(/\r\n/g, '\n')) },
    next: i,
    lastLine: line,
  };
}

/** All rows of a whole text (the splitter fed once). */
export function rows(text: string): Row[] {
  const out: Row[] = [];
  const s = new RowSplitter((r) => out.push(r));
  s.push(text);
  s.end();
  return out;
}

/** Quote a cell when it holds the separator, a quote or a line break. */
export function quoteCell(cell: string): string {
  return /[;"\r\n]/.test(cell) || cell !== cell.trim() ? `"${cell.replace(/"/g, '""')}"` : cell;
}
