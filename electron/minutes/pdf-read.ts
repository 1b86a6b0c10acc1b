// A deliberately small reader for untrusted PDFs: it only looks for embedded files
// (Filespec → EmbeddedFile stream) the way Minka writes them, with a size limit on the
// input, a limit on each inflated stream, a time budget, and no evaluation of anything
// in the file (no JavaScript, no fonts, no page content is interpreted). Anything it
// does not understand is reported, never thrown past its caller.
import { inflateSync } from 'node:zlib';

export const MAX_PDF_BYTES = 25 * 1024 * 1024;
const MAX_ATTACHMENT_BYTES = 16 * 1024 * 1024;
const MAX_FILESPECS = 64;

export class PdfReadError extends Error {
  constructor(
    readonly reason:
      'notPdf' | 'noAttachments' | 'badAttachment' | 'duplicateAttachment' | 'timeout',
    readonly detail = '',
  ) {
    super(`${reason}${detail ? `: ${detail}` : ''}`);
  }
}

/** Literal PDF string "(…)" with the escapes PDF allows; only what a file name needs. */
function pdfString(raw: string): string {
  return raw.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_m, e: string) => {
    const map: Record<string, string> = {
      n: '\n',
      r: '\r',
      t: '\t',
      b: '\b',
      f: '\f',
      '(': '(',
      ')': ')',
      '\\': '\\',
    };
    return map[e] ?? String.fromCharCode(parseInt(e, 8));
  });
}

function objectBody(text: string, num: number): { dict: string; streamStart: number } | null {
  const re = new RegExp(`(?:^|[\\r\\n])${num} 0 obj\\s*<<`, 'g');
  const m = re.exec(text);
  if (!m) return null;
  const start = m.index + m[0].length;
  const streamAt = text.indexOf('stream', start);
  const endobj = text.indexOf('endobj', start);
  if (streamAt < 0 || (endobj >= 0 && endobj < streamAt)) return null;
  let dataStart = streamAt + 'stream'.length;
  if (text[dataStart] === '\r') dataStart++;
  if (text[dataStart] !== '\n') return null;
  return { dict: text.slice(start, streamAt), streamStart: dataStart + 1 };
}

/**
 * The embedded files of a PDF, by name. Throws PdfReadError for files that are not PDFs,
 * that carry no attachments, or whose attachments cannot be read within the limits.
 */
export function readAttachments(bytes: Uint8Array, deadline: number): Map<string, Buffer> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 16 || buf.subarray(0, 5).toString('latin1') !== '%PDF-')
    throw new PdfReadError('notPdf');
  const text = buf.toString('latin1');
  const files = new Map<string, Buffer>();
  const specRe = /\/Type\s*\/Filespec\b/g;
  let count = 0;
  for (let m = specRe.exec(text); m; m = specRe.exec(text)) {
    if (Date.now() > deadline) throw new PdfReadError('timeout');
    if (++count > MAX_FILESPECS) throw new PdfReadError('badAttachment', 'too many attachments');
    const open = text.lastIndexOf('<<', m.index);
    const close = text.indexOf('endobj', m.index);
    if (open < 0 || close < 0 || close - open > 4096)
      throw new PdfReadError('badAttachment', 'filespec');
    const spec = text.slice(open, close);
    const name =
      /\/UF\s*\(((?:[^()\\]|\\.){1,200})\)/.exec(spec)?.[1] ??
      /\/F\s*\(((?:[^()\\]|\\.){1,200})\)/.exec(spec)?.[1];
    const ef = /\/EF\s*<<\s*\/F\s+(\d{1,9})\s+0\s+R/.exec(spec);
    if (!name || !ef?.[1]) throw new PdfReadError('badAttachment', 'filespec');
    const fileName = pdfString(name);
    if (files.has(fileName)) throw new PdfReadError('duplicateAttachment', fileName);
    const obj = objectBody(text, Number(ef[1]));
    if (!obj || !/\/Type\s*\/EmbeddedFile\b/.test(obj.dict))
      throw new PdfReadError('badAttachment', fileName);
    const len = /\/Length\s+(\d{1,9})(?!\s+\d+\s+R)/.exec(obj.dict);
    if (!len?.[1]) throw new PdfReadError('badAttachment', fileName);
    const length = Number(len[1]);
    if (obj.streamStart + length > buf.length || length > MAX_ATTACHMENT_BYTES)
      throw new PdfReadError('badAttachment', fileName);
    const raw = buf.subarray(obj.streamStart, obj.streamStart + length);
    const filter = /\/Filter\s*\/(\w+)/.exec(obj.dict)?.[1];
    let data: Buffer;
    if (filter === undefined) data = Buffer.from(raw);
    else if (filter === 'FlateDecode') {
      try {
        data = inflateSync(raw, { maxOutputLength: MAX_ATTACHMENT_BYTES });
      } catch {
        throw new PdfReadError('badAttachment', fileName);
      }
    } else throw new PdfReadError('badAttachment', `${fileName}: ${filter}`);
    files.set(fileName, data);
  }
  if (files.size === 0) throw new PdfReadError('noAttachments');
  return files;
}
