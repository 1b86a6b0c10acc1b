// Bytes → text. Municipal spreadsheets arrive as UTF-8 (with or without BOM, from "CSV UTF-8"
// or LibreOffice), as Windows-1252 (Excel's plain "CSV" on a Spanish Windows) or as UTF-16
// (Excel's "Unicode text"). Strict UTF-8 decoding fails on any 1252 accent, so it is a
// reliable test: a 1252 file that happens to be valid UTF-8 would need sequences like "Ã±",
// which no Spanish or Quechua name contains.
import { CsvError, DEFAULT_LIMITS } from './errors';

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) =>
  prefix.every((b, i) => bytes[i] === b);

/** Decode a file's bytes into NFC text; throws CsvError for binary input or an Excel workbook. */
export function decodeText(bytes: Uint8Array, opts: { maxBytes?: number } = {}): DecodedText {
  const maxBytes = opts.maxBytes ?? DEFAULT_LIMITS.maxChars;
  if (bytes.length > maxBytes)
    throw new CsvError('csv.tooLarge', 0, { size: bytes.length, max: maxBytes });
  // The commonest mistake is picking the .xlsx (a ZIP) or old .xls (OLE2) instead of the CSV:
  // say so, rather than "binary file".
  if (
    startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) ||
    startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
  ) {
    throw new CsvError('csv.excelFile', 0);
  }
  let decoded: DecodedText;
  if (startsWith(bytes, [0xff, 0xfe]))
    decoded = { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  else if (startsWith(bytes, [0xfe, 0xff]))
    decoded = { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  else {
    // NUL never occurs in a text CSV in an 8-bit encoding; it marks images, PDFs, databases.
    if (bytes.includes(0)) throw new CsvError('csv.binary', 0);
    const bom = startsWith(bytes, [0xef, 0xbb, 0xbf]);
    try {
      // ignoreBOM: false (the default) drops the BOM from the text.
      decoded = {
        text: new TextDecoder('utf-8', { fatal: true }).decode(bytes),
        encoding: bom ? 'utf-8-bom' : 'utf-8',
      };
    } catch {
      decoded = { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
    }
  }
  if (decoded.text.includes('\u0000')) throw new CsvError('csv.binary', 0);
  // Names typed on different systems differ in composition (n + combining tilde vs ñ); NFC
  // makes search, duplicate detection and signatures agree.
  return { text: decoded.text.normalize('NFC'), encoding: decoded.encoding };
}

// 0x80–0x9F in Windows-1252 (WHATWG table; the five undefined bytes map to C1 controls).
// Decoded by hand because Node's TextDecoder('windows-1252') decodes this range as Latin-1
// (€ → U+0080), while browsers follow the WHATWG table: the renderer and the CLI must agree.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const codes: number[] = [];
    for (let i = start; i < Math.min(start + CHUNK, bytes.length); i++) {
      const b = bytes[i] as number;
      codes.push(b >= 0x80 && b < 0xa0 ? CP1252_HIGH.charCodeAt(b - 0x80) : b);
    }
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}
