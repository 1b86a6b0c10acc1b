// What happened to a sealed PDF after Minka signed it, in words (issue 15):
// - incremental updates appended after Minka's signature: a digital signature (a /Sig value
//   with /ByteRange and /Contents, as ReFirma / Firma Perú and PAdES add it), an annotation,
//   a form field, new content on a page; pages whose drawing changed are named. A signature
//   field counts as a mere signature only when it is signed and its widget shows nothing
//   (isInvisibleSignatureWidget); a visible stamp or an empty field is a change of its own;
// - object definitions after the signature that no xref section points at, or an xref that
//   cannot be followed: "other" (objects are read through the xref, as viewers read them);
// - a re-save by another program (the whole file rewritten): each page compared with the
//   redraw from the signed payload, by what it shows, not by how the file is laid out.
import { X509Certificate } from 'node:crypto';
import { pageDigest } from './pdf-digest';
import type { Revision } from '../../shared/minutes/verify-result';
import {
  type Dict,
  isInvisibleSignatureWidget,
  isSignatureWidget,
  Name,
  PdfDoc,
  PStr,
  Ref,
  scanObjects,
  Stream,
  streamBody,
  decodeText,
} from './pdf-objects';
import { documentChanges, effectivePages } from './document-changes';
import { isDict } from './pdf-syntax';

export interface RevisionReport {
  revisions: Revision[];
  changedPages: number[];
}

function docOf(buf: Buffer, deadline: number): PdfDoc | null {
  try {
    return new PdfDoc(scanObjects(buf, deadline));
  } catch {
    return null;
  }
}

/**
 * Stream digests for one comparison of two documents parsed from the same bytes (the signed
 * revision is the start of the file): a stream at the same place in the same memory, with the
 * same decoding (what decodeStream reads: /Filter, the predictor), holds the same bytes, so it
 * is inflated and hashed once for both documents instead of once per document (issue 18). Kept
 * for one comparison only, while nobody writes into the file's buffer.
 */
class StreamDigests {
  private readonly byMemory = new Map<ArrayBufferLike, Map<string, string>>();
  get(v: Stream): string {
    const f = v.dict.get('Filter');
    const parms = v.dict.get('DecodeParms');
    const decoding = JSON.stringify([
      f instanceof Name
        ? f.v
        : Array.isArray(f)
          ? f.map((x) => (x instanceof Name ? x.v : '?'))
          : null,
      isDict(parms) && typeof parms.get('Predictor') === 'number' ? parms.get('Predictor') : null,
    ]);
    const key = `${v.raw.byteOffset}:${v.raw.length}:${decoding}`;
    let memory = this.byMemory.get(v.raw.buffer);
    if (!memory) {
      memory = new Map();
      this.byMemory.set(v.raw.buffer, memory);
    }
    let body = memory.get(key);
    if (body === undefined) {
      body = streamBody(v);
      memory.set(key, body);
    }
    return body;
  }
}

/**
 * 1-based pages that differ between two documents (added or removed pages count). Each page is
 * compared as a reader applies it: with what it inherits from the page tree (effectivePages).
 */
function differingPages(a: PdfDoc, b: PdfDoc): number[] {
  const pa = effectivePages(a);
  const pb = effectivePages(b);
  const out: number[] = [];
  const opts = { skipSignatureWidgets: true, streams: new StreamDigests() };
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (!x || !y) out.push(i + 1);
    else if (pageDigest(a, x, opts) !== pageDigest(b, y, opts)) out.push(i + 1);
  }
  return out;
}

const nameOf = (doc: PdfDoc, d: Dict, key: string) => (doc.get(d.get(key)) as Name | undefined)?.v;

/** Whether a signature field's value (/V) is a signature: /ByteRange and a non-empty /Contents. */
function holdsSignature(doc: PdfDoc, field: Dict): boolean {
  const v = doc.dict(field.get('V'));
  const contents = v && doc.get(v.get('Contents'));
  return (
    !!v &&
    Array.isArray(doc.get(v.get('ByteRange'))) &&
    contents instanceof PStr &&
    /[^\0]/.test(contents.v)
  );
}

/**
 * The signer named by a digital signature: the common name of the end-entity certificate in
 * the CMS/PKCS#7 /Contents (ReFirma, Firma Perú and PAdES carry it there), else /Name.
 * Certificates are found by trying each DER SEQUENCE with node's X509 parser (bounded).
 */
function signerOf(doc: PdfDoc, d: Dict): string {
  const contents = doc.get(d.get('Contents'));
  if (contents instanceof PStr) {
    const der = Buffer.from(contents.v, 'latin1');
    const names: { cn: string; ca: boolean }[] = [];
    let tries = 0;
    for (let i = 0; i + 4 < der.length && tries < 4000 && names.length < 8; i++) {
      if (der[i] !== 0x30 || der[i + 1] !== 0x82) continue;
      const len = ((der[i + 2] ?? 0) << 8) | (der[i + 3] ?? 0);
      if (len < 200 || i + 4 + len > der.length) continue;
      tries++;
      try {
        const cert = new X509Certificate(der.subarray(i, i + 4 + len));
        const cn = /(?:^|\n)CN=([^\n]+)/.exec(cert.subject)?.[1];
        if (cn) names.push({ cn, ca: cert.ca });
        i += 3 + len;
      } catch {
        // Not a certificate: keep looking.
      }
    }
    const signer = names.find((n) => !n.ca) ?? names[0];
    if (signer) return signer.cn.normalize('NFC').slice(0, 120);
  }
  return textOf(doc, d, 'Name');
}

function textOf(doc: PdfDoc, d: Dict, key: string): string {
  const v = doc.get(d.get(key));
  return v instanceof PStr ? decodeText(v.v).normalize('NFC').slice(0, 120) : '';
}

/**
 * List the incremental updates after the signed revision. `changedPages` are the pages whose
 * drawing differs from the signed revision's (a signature widget that shows nothing left aside).
 */
export function listRevisions(file: Buffer, signed: Buffer, deadline: number): RevisionReport {
  const full = docOf(file, deadline);
  const before = docOf(signed, deadline);
  if (!full || !before)
    return { revisions: [{ kind: 'other', page: null, subject: '' }], changedPages: [] };
  const pageOf = new Map<number, number>();
  full.pages().forEach((p, i) => {
    const annots = full.get(p.dict.get('Annots'));
    if (Array.isArray(annots)) for (const a of annots) if (a instanceof Ref) pageOf.set(a.n, i + 1);
  });
  const revisions: Revision[] = [];
  const added = [...full.o.offsets.entries()]
    .filter(([, at]) => at >= signed.length)
    .sort((x, y) => x[1] - y[1]);
  for (const [n] of added) {
    const d = full.dict(full.o.objects.get(n));
    if (!d) continue;
    const page = pageOf.get(n) ?? null;
    if (d.has('ByteRange') && d.has('Contents')) {
      revisions.push({ kind: 'signature', page: null, subject: signerOf(full, d) });
      continue;
    }
    if (isSignatureWidget(full, d)) {
      // A signature field must hold a signature (pdfsig: "not signed" otherwise), and its
      // widget may only be one that shows nothing, on a page: a stamp painted over the page
      // ("visible signature") changes what a reader sees.
      if (nameOf(full, d, 'FT') === 'Sig' && !holdsSignature(full, d))
        revisions.push({ kind: 'unsignedSignature', page, subject: textOf(full, d, 'T') });
      const widget = nameOf(full, d, 'Subtype') === 'Widget' || d.has('Rect');
      if (widget && !isInvisibleSignatureWidget(full, d))
        revisions.push({ kind: 'visibleSignature', page, subject: textOf(full, d, 'T') });
      else if (widget && page === null) revisions.push({ kind: 'other', page: null, subject: '' });
      continue;
    }
    if (d.has('FT')) {
      revisions.push({ kind: 'formField', page, subject: '' });
      continue;
    }
    if (
      nameOf(full, d, 'Type') === 'Annot' ||
      (d.has('Rect') && d.has('Subtype') && pageOf.has(n))
    ) {
      revisions.push({ kind: 'annotation', page, subject: textOf(full, d, 'T') });
    }
  }
  // Object bytes after the signed revision that no cross-reference section points at (a decoy
  // copy of an old page placed after the last update), or a later xref Minka cannot follow:
  // bytes Minka cannot name, read by viewers otherwise than by this check.
  if (full.o.unreachable.some((at) => at >= signed.length) || (before.o.xref && !full.o.xref))
    revisions.push({ kind: 'other', page: null, subject: '' });
  const changedPages = differingPages(before, full);
  // The page tree, what each page inherits, and the document-level entries (document-changes.ts).
  const doc = documentChanges(before, full, { sameNumbers: true });
  revisions.push(...doc.revisions);
  const explained = new Set([...revisions.map((r) => r.page), ...doc.viewPages]);
  for (const p of changedPages)
    if (!explained.has(p))
      revisions.push({
        kind: p > before.pages().length || p > full.pages().length ? 'pages' : 'pageContent',
        page: p,
        subject: '',
      });
  // The attachments a reader sees: replaced or added later, they no longer say what was signed.
  const key = (doc: PdfDoc) =>
    doc
      .attachmentList()
      .map((f) => `${f.name}:${f.data?.toString('base64') ?? ''}`)
      .sort()
      .join('|');
  if (key(full) !== key(before)) revisions.push({ kind: 'attachments', page: null, subject: '' });
  if (revisions.length === 0 && added.length === 0 && file.length > signed.length)
    revisions.push({ kind: 'other', page: null, subject: '' });
  return { revisions, changedPages };
}

/**
 * A file rewritten whole: pages compared with the redraw, and the document-level entries (a
 * re-save renumbers objects and may rebuild the page tree: what each page inherits is compared,
 * not the tree's shape); null when it cannot be read as PDF objects.
 */
export function compareResaved(
  file: Buffer,
  drawn: Buffer,
  deadline: number,
): { changedPages: number[]; revisions: Revision[] } | null {
  const a = docOf(drawn, deadline);
  const b = docOf(file, deadline);
  if (!a || !b || b.pages().length === 0) return null;
  const changedPages = differingPages(a, b);
  const doc = documentChanges(a, b, { sameNumbers: false });
  return { changedPages, revisions: doc.revisions };
}

/**
 * The pages of a signed revision that differ from the redraw of its payload, by the comparison
 * above ('' when none can be named: the difference is not in a page's drawing, or unreadable).
 */
export function pagesApart(signed: Uint8Array, drawn: Buffer, deadline: number): string {
  try {
    return compareResaved(Buffer.from(signed), drawn, deadline)?.changedPages.join(', ') ?? '';
  } catch {
    return '';
  }
}
