import { describe, expect, it } from 'vitest';
import { decodeText } from './decode';
import { CsvError } from './errors';

/** Windows-1252 bytes for text in the Latin-1 range (where 1252 and Unicode agree). */
function cp1252(s: string): Uint8Array {
  return Uint8Array.from(
    [...s].map((c) => {
      const code = c.charCodeAt(0);
      if (code > 0xff) throw new Error(`not latin-1: ${c}`);
      return code;
    }),
  );
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof CsvError) return e.code;
    throw e;
  }
  return 'no error';
};

describe('decodeText', () => {
  it('reads Windows-1252 from Excel with ñ and accents', () => {
    const r = decodeText(cp1252('Nombres;Comunidad\r\nÑusta Muñoz;Ácora\r\n'));
    expect(r.encoding).toBe('windows-1252');
    expect(r.text).toBe('Nombres;Comunidad\r\nÑusta Muñoz;Ácora\r\n');
  });

  it('maps the 1252-only characters (€, “ ”) rather than Latin-1 controls', () => {
    const r = decodeText(Uint8Array.from([0x80, 0x20, 0x93, 0x61, 0x94]));
    expect(r.text).toBe('€ “a”');
  });

  it('reads UTF-8 with a BOM and drops the BOM', () => {
    const r = decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('Ñusta;Qhapaq')]));
    expect(r).toEqual({ text: 'Ñusta;Qhapaq', encoding: 'utf-8-bom' });
  });

  it('reads UTF-8 without a BOM', () => {
    expect(decodeText(utf8('Muñoz'))).toEqual({ text: 'Muñoz', encoding: 'utf-8' });
  });

  it('normalises to NFC so that typed and pasted names compare equal', () => {
    const decomposed = 'Mun\u0303oz'; // n + combining tilde
    const r = decodeText(utf8(decomposed));
    expect(r.text).toBe('Muñoz');
    expect(r.text.length).toBe(5);
  });

  it('reads UTF-16LE ("Unicode text" from Excel)', () => {
    const body = 'DNI\tNombres\r\n01234567\tÑusta\r\n';
    const bytes = new Uint8Array(2 + body.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < body.length; i++) bytes[2 + 2 * i] = body.charCodeAt(i) & 0xff;
    for (let i = 0; i < body.length; i++) bytes[3 + 2 * i] = body.charCodeAt(i) >> 8;
    expect(decodeText(bytes)).toEqual({ text: body, encoding: 'utf-16le' });
  });

  it('rejects binary garbage with a typed error', () => {
    const garbage = Uint8Array.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
    ]);
    expect(codeOf(() => decodeText(garbage))).toBe('csv.binary');
    expect(codeOf(() => decodeText(utf8('a;b\n\u0000;c')))).toBe('csv.binary');
  });

  it('tells an Excel workbook apart from a CSV', () => {
    expect(codeOf(() => decodeText(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])))).toBe(
      'csv.excelFile',
    );
    expect(
      codeOf(() =>
        decodeText(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x00])),
      ),
    ).toBe('csv.excelFile');
  });

  it('refuses input over the size limit before decoding it', () => {
    expect(codeOf(() => decodeText(new Uint8Array(101), { maxBytes: 100 }))).toBe('csv.tooLarge');
    expect(codeOf(() => decodeText(new Uint8Array(100).fill(0x61), { maxBytes: 100 }))).toBe(
      'no error',
    );
  });
});
