// The attachments of an untrusted PDF: embedded files (a filespec's /EF stream) found in any
// valid structure — keys in any order, object streams, compressed xref, incremental updates —
// by the object reader in pdf-objects.ts, with a size limit on the input, a limit on each
// inflated stream, a time budget, and no evaluation of anything in the file. Anything it
// does not understand is reported, never thrown past its caller.
import { PdfDoc, scanObjects } from './pdf-objects';

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

/**
 * The embedded files of a PDF, by name, in any valid structure (see pdf-objects.ts). Throws
 * PdfReadError for files that are not PDFs, that carry no attachments, or whose attachments
 * cannot be read within the limits.
 */
export function readAttachments(bytes: Uint8Array, deadline: number): Map<string, Buffer> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 16 || buf.subarray(0, 5).toString('latin1') !== '%PDF-')
    throw new PdfReadError('notPdf');
  let doc: PdfDoc;
  try {
    doc = new PdfDoc(scanObjects(buf, deadline));
  } catch (e) {
    if (e instanceof Error && e.message === 'timeout') throw new PdfReadError('timeout');
    throw new PdfReadError('noAttachments');
  }
  const found = doc.attachmentList();
  if (found.length > MAX_FILESPECS) throw new PdfReadError('badAttachment', 'too many attachments');
  const files = new Map<string, Buffer>();
  for (const f of found) {
    if (files.has(f.name)) throw new PdfReadError('duplicateAttachment', f.name);
    if (!f.data || f.data.length > MAX_ATTACHMENT_BYTES)
      throw new PdfReadError('badAttachment', f.name);
    files.set(f.name, f.data);
  }
  if (files.size === 0) throw new PdfReadError('noAttachments');
  return files;
}
