import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvError } from './errors';
import { detectDelimiter, parseCsv } from './parse';
import { guardFormula, toCsv } from './write';

const cells = (text: string) => parseCsv(text).rows.map((r) => r.cells);
const lines = (text: string) => parseCsv(text).rows.map((r) => r.line);
function csvError(f: () => unknown): CsvError {
  try {
    f();
  } catch (e) {
    if (e instanceof CsvError) return e;
    throw e;
  }
  throw new Error('expected a CsvError');
}

describe('parseCsv', () => {
  it('detects ; , and tab from the header line', () => {
    expect(parseCsv('a;b;c\n1;2;3').delimiter).toBe(';');
    expect(parseCsv('a,b,c\n1;2;3').delimiter).toBe(',');
    expect(parseCsv('a\tb\tc\n1,2,3').delimiter).toBe('\t');
    expect(cells('Nombre;Monto\nQuispe;1,5')).toEqual([['Quispe', '1,5']]);
  });

  it('ignores delimiters inside quotes when detecting', () => {
    expect(detectDelimiter('"Apellidos, nombres";DNI\n')).toBe(';');
    expect(detectDelimiter('"a;b;c",d,e\n')).toBe(',');
    expect(detectDelimiter('\n\nDNI;Nombre')).toBe(';');
  });

  it('reads quoted fields with "" escapes and newlines, and numbers lines physically', () => {
    const text =
      'Organización;Nota\r\n"C.C. ""Upis""";"primera línea\r\nsegunda línea"\r\nAPAFA;"a;b"\r\n';
    const p = parseCsv(text);
    expect(p.rows.map((r) => r.cells)).toEqual([
      ['C.C. "Upis"', 'primera línea\r\nsegunda línea'],
      ['APAFA', 'a;b'],
    ]);
    expect(p.rows.map((r) => r.line)).toEqual([2, 4]);
  });

  it('accepts CRLF, LF and lone CR line ends in one file', () => {
    expect(cells('h1;h2\r\na;b\nc;d\re;f')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
    ]);
    expect(lines('h1;h2\r\na;b\nc;d\re;f')).toEqual([2, 3, 4]);
    expect(lines('h\r"x\ry"\rz')).toEqual([2, 4]);
  });

  it('skips blank lines (and rows of bare separators) but keeps line numbers', () => {
    const p = parseCsv(
      '\r\n\r\nDNI;Nombre\r\n\r\n01234567;Ana\r\n;;;\r\n   \r\n40000001;Rosa\r\n\r\n',
    );
    expect(p.headerLine).toBe(3);
    expect(p.rows).toEqual([
      { line: 5, cells: ['01234567', 'Ana'] },
      { line: 8, cells: ['40000001', 'Rosa'] },
    ]);
  });

  it('trims trailing separators and pads short rows to the header', () => {
    const p = parseCsv('a;b;c;;;\n1;;;;;;;\n1;2;3;4\n;2\n');
    expect(p.header).toEqual(['a', 'b', 'c']);
    expect(p.rows.map((r) => r.cells)).toEqual([
      ['1', '', ''],
      ['1', '2', '3', '4'],
      ['', '2', ''],
    ]);
  });

  it('returns no rows for a header-only file and refuses an empty one', () => {
    expect(parseCsv('DNI;Nombres;Apellidos\r\n')).toEqual({
      delimiter: ';',
      header: ['DNI', 'Nombres', 'Apellidos'],
      headerLine: 1,
      rows: [],
    });
    expect(csvError(() => parseCsv('')).code).toBe('csv.empty');
    expect(csvError(() => parseCsv('\r\n \r\n;;\r\n')).code).toBe('csv.empty');
  });

  it('refuses text with NUL characters', () => {
    expect(csvError(() => parseCsv('a;b\n1;\u00002')).code).toBe('csv.binary');
  });

  it('drops a BOM left in the text', () => {
    expect(parseCsv('\ufeffDNI;Nombre\n1;a').header).toEqual(['DNI', 'Nombre']);
  });

  it('keeps a stray quote inside an unquoted field and text after a closing quote', () => {
    expect(cells('a;b\ntubo 5" ;"abc"def')).toEqual([['tubo 5" ', 'abcdef']]);
  });

  it('names the line where an unterminated quote opens', () => {
    const e = csvError(() => parseCsv('a;b\n1;2\n3;"sin cerrar\n4;5\n'));
    expect(e.code).toBe('csv.unterminatedQuote');
    expect(e.line).toBe(3);
    expect(e.params).toEqual({ line: 3 });
  });

  it('bounds field length, columns, rows and size', () => {
    const huge = 'x'.repeat(10_001);
    const quoted = csvError(() => parseCsv(`a;b\n1;"${huge}"`));
    expect([quoted.code, quoted.line, quoted.params['column']]).toEqual(['csv.fieldTooLong', 2, 2]);
    expect(csvError(() => parseCsv(`a;b\n${huge};1`)).code).toBe('csv.fieldTooLong');
    expect(parseCsv(`a;b\n${'x'.repeat(10_000)};1`).rows[0]?.cells[0]?.length).toBe(10_000);

    const wide = Array.from({ length: 201 }, (_, i) => `c${i}`).join(';');
    expect(csvError(() => parseCsv(wide)).code).toBe('csv.tooManyColumns');
    // Excel's padding beyond the limit is harmless.
    expect(parseCsv(`a;b${';'.repeat(500)}\n1;2`).header).toEqual(['a', 'b']);

    const rows = (n: number) => 'h\n' + Array.from({ length: n }, (_, i) => `r${i}`).join('\n');
    expect(parseCsv(rows(5), { limits: { maxRows: 5 } }).rows).toHaveLength(5);
    const tooMany = csvError(() => parseCsv(rows(6), { limits: { maxRows: 5 } }));
    expect([tooMany.code, tooMany.line]).toEqual(['csv.tooManyRows', 7]);

    expect(csvError(() => parseCsv('a;b\n1;2', { limits: { maxChars: 5 } })).code).toBe(
      'csv.tooLarge',
    );
  });

  it('stays linear on pathological input', () => {
    // Each would take quadratic time or blow the stack in a backtracking or recursive parser.
    const inputs = [
      '"' + 'a""'.repeat(1_000_000),
      '"'.repeat(2_000_001),
      'a;'.repeat(100) + '\n' + '\n'.repeat(2_000_000),
    ];
    for (const input of inputs) {
      try {
        parseCsv(input, { limits: { maxFieldLength: 10_000_000 } });
      } catch (e) {
        expect(e).toBeInstanceOf(CsvError);
      }
    }
  });
});

/** What parseCsv promises to give back for rows written by toCsv: blank rows gone, trailing empties trimmed, short rows padded. */
function expected(rows: string[][]): { header: string[]; rows: string[][] } {
  const kept = rows
    .filter((r) => !r.every((c) => c.trim() === ''))
    .map((r) => {
      let end = r.length;
      while (end > 0 && r[end - 1] === '') end--;
      return r.slice(0, end);
    });
  const header = kept[0] ?? [];
  return {
    header,
    rows: kept
      .slice(1)
      .map((r) =>
        r.length >= header.length ? r : [...r, ...Array<string>(header.length - r.length).fill('')],
      ),
  };
}

describe('round trip parseCsv(toCsv(x))', () => {
  // Any string but NUL, which marks a binary file and is refused on purpose.
  const anyCell = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 12 }).map((s) => s.replaceAll('\u0000', '')),
    fc.constantFrom('', '"', '""', ';', ',', '\t', '\r\n', '\r', '\n', ' ', '=1+1', '-5', 'ñ'),
  );
  const table = fc.array(fc.array(anyCell, { minLength: 1, maxLength: 6 }), {
    minLength: 1,
    maxLength: 8,
  });
  const nonBlankTable = table.filter((rows) => rows.some((r) => r.some((c) => c.trim() !== '')));

  it('returns arbitrary cells unchanged (given delimiter, guard off)', () => {
    fc.assert(
      fc.property(nonBlankTable, fc.constantFrom<';' | ','>(';', ','), (rows, delimiter) => {
        const p = parseCsv(toCsv(rows, { delimiter, formulaGuard: false }), { delimiter });
        const want = expected(rows);
        expect(p.header).toEqual(want.header);
        expect(p.rows.map((r) => r.cells)).toEqual(want.rows);
      }),
      { numRuns: 500 },
    );
  });

  it('detects the delimiter it was written with', () => {
    const word = fc.string({
      unit: fc.constantFrom(...'abcdefghijklmnñopqrstuvwxyzáéíóú0123456789'),
      minLength: 1,
      maxLength: 8,
    });
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 2, maxLength: 6 }),
        table,
        fc.constantFrom<';' | ','>(';', ','),
        (header, body, delimiter) => {
          const p = parseCsv(toCsv([header, ...body], { delimiter, formulaGuard: false }));
          expect(p.delimiter).toBe(delimiter);
          expect(p.header).toEqual(header);
          expect(p.rows.map((r) => r.cells)).toEqual(expected([header, ...body]).rows);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('with the formula guard on, gives back guarded cells and never a live formula', () => {
    fc.assert(
      fc.property(nonBlankTable, (rows) => {
        const p = parseCsv(toCsv(rows), { delimiter: ';' });
        const want = expected(rows.map((r) => r.map(guardFormula)));
        expect([p.header, ...p.rows.map((r) => r.cells)]).toEqual([want.header, ...want.rows]);
        for (const cell of [p.header, ...p.rows.map((r) => r.cells)].flat()) {
          if (/^[=+\-@\t\r]/.test(cell)) expect(cell).toMatch(/^-\d+([.,]\d+)?$/);
        }
      }),
      { numRuns: 300 },
    );
  });
});
