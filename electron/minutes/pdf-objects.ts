// A small, general reader of PDF objects for untrusted files, used where Minka must read a
// PDF that another program wrote or extended: a re-save (qpdf, "Save as"), an incremental
// update (an official's digital signature, an annotation). It scans every "N G obj" in file
// order, unpacks object streams, parses values with a real tokenizer (keys in any order,
// nested dictionaries, literal and hex strings) and resolves references. Nothing is executed,
// fonts are not interpreted; streams are inflated under a size limit.
// Which definition of an object counts is decided the way PDF viewers decide it: through the
// cross-reference chain (startxref, classic tables and xref streams, /XRefStm, /Prev; ISO
// 32000-1 §7.5.4-§7.5.8), newest section first. "Last in the file wins" is only the fallback
// for a file whose xref cannot be read (viewers then rebuild it by scanning the same way): a
// copy of an old object appended after the last update, outside any xref, would otherwise be
// what Minka compares while a viewer shows the xref's object. Definitions no xref section
// points at are kept in `unreachable` for the revision check to report.
// Hand-written because pdf-lib / pdfjs-dist are not dependencies of this project (see the
// issue 15 report); the value syntax is in pdf-syntax.ts, the xref chain in pdf-xref.ts.
import { createHash } from 'node:crypto';
import {
  type Dict,
  decodeStream,
  isDict,
  Name,
  Parser,
  type PdfVal,
  PStr,
  Ref,
  Stream,
} from './pdf-syntax';
import { readXrefChain, resolveXref, skipWs } from './pdf-xref';

export { decodeStream, Name, PStr, Ref, Stream } from './pdf-syntax';
export type { Dict, PdfVal } from './pdf-syntax';

export interface PdfObjects {
  /** Latest definition of each object number. */
  objects: Map<number, PdfVal>;
  /** Where each object was (last) defined in the file: byte offset, or the object stream's own offset. */
  offsets: Map<number, number>;
  /** Whether the definitions above were chosen through a readable xref chain. */
  xref: boolean;
  /** Byte offsets of "N G obj" definitions that no xref section points at (empty without xref). */
  unreachable: number[];
  /** The trailer's /Root object number, when the xref chain gave one. */
  root: number | null;
  /** The trailer's /Info object number (newest trailer naming one), when the xref chain gave one. */
  info?: number | null;
}

/** Scan a PDF's bytes for every object (see the header). Throws on files that hold none. */
export function scanObjects(buf: Buffer, deadline: number): PdfObjects {
  const s = buf.toString('latin1');
  const objects = new Map<number, PdfVal>();
  const offsets = new Map<number, number>();
  const pendingLength: { n: number; dict: Dict; start: number; at: number }[] = [];
  /** Every direct definition by byte offset (the xref chooses among them). */
  const defs = new Map<number, { n: number; v: PdfVal }>();
  const re = /(?<![0-9])(\d{1,9})\s+(\d{1,5})\s+obj\b/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (Date.now() > deadline) throw new Error('timeout');
    const n = Number(m[1]);
    const p = new Parser(s, m.index + m[0].length);
    let v: PdfVal;
    try {
      v = p.value();
    } catch {
      continue;
    }
    p.ws();
    if (isDict(v) && s.startsWith('stream', p.pos)) {
      let start = p.pos + 'stream'.length;
      if (s[start] === '\r') start++;
      if (s[start] === '\n') start++;
      const len = v.get('Length');
      if (typeof len === 'number' && len >= 0 && start + len <= buf.length) {
        objects.set(n, new Stream(v, buf.subarray(start, start + len)));
        defs.set(m.index, { n, v: objects.get(n) as PdfVal });
        re.lastIndex = start + len;
      } else {
        pendingLength.push({ n, dict: v, start, at: m.index });
        const end = s.indexOf('endstream', start);
        if (end > 0) re.lastIndex = end;
      }
    } else {
      objects.set(n, v);
      defs.set(m.index, { n, v });
    }
    offsets.set(n, m.index);
  }
  for (const x of pendingLength) {
    const len = x.dict.get('Length');
    const resolved = len instanceof Ref ? objects.get(len.n) : undefined;
    let end = typeof resolved === 'number' ? x.start + resolved : -1;
    if (end < x.start || end > buf.length) {
      end = s.indexOf('endstream', x.start);
      while (end > x.start && (s[end - 1] === '\n' || s[end - 1] === '\r')) end--;
    }
    if (end >= x.start) {
      const st = new Stream(x.dict, buf.subarray(x.start, end));
      defs.set(x.at, { n: x.n, v: st });
      if (offsets.get(x.n) === x.at) objects.set(x.n, st);
    }
  }
  const chain = (() => {
    try {
      return readXrefChain(buf, s, deadline);
    } catch {
      return null;
    }
  })();
  const viaXref = chain ? resolveXref(chain, defs, s) : null;
  if (chain && viaXref) {
    if (viaXref.objects.size === 0) throw new Error('no objects');
    const named = new Set([...chain.named].map((o) => skipWs(s, o)));
    const unreachable = [...defs.keys()].filter((o) => !named.has(o)).sort((a, b) => a - b);
    return { ...viaXref, xref: true, unreachable, root: chain.root, info: chain.info };
  }
  // Object streams: their objects count as defined where the stream is.
  const objStms = [...objects.entries()]
    .filter(
      ([, v]) => v instanceof Stream && (v.dict.get('Type') as Name | undefined)?.v === 'ObjStm',
    )
    .sort((a, b) => (offsets.get(a[0]) ?? 0) - (offsets.get(b[0]) ?? 0));
  for (const [num, st] of objStms) {
    const data = decodeStream(st as Stream);
    if (!data) continue;
    const text = data.toString('latin1');
    const first = (st as Stream).dict.get('First');
    const count = (st as Stream).dict.get('N');
    if (typeof first !== 'number' || typeof count !== 'number') continue;
    const head = text.slice(0, first).trim().split(/\s+/).map(Number);
    const at = offsets.get(num) ?? 0;
    for (let i = 0; i < count && 2 * i + 1 < head.length; i++) {
      const n = head[2 * i] as number;
      const off = head[2 * i + 1] as number;
      // An object defined after the object stream (a later update) keeps its place.
      if ((offsets.get(n) ?? -1) > at) continue;
      try {
        objects.set(n, new Parser(text, first + off).value());
        offsets.set(n, at);
      } catch {
        // An unreadable member is left out, like any unreadable object.
      }
    }
  }
  if (objects.size === 0) throw new Error('no objects');
  return { objects, offsets, xref: false, unreachable: [], root: null };
}

export class PdfDoc {
  constructor(readonly o: PdfObjects) {}

  get(v: PdfVal | undefined): PdfVal | undefined {
    let x = v;
    for (let i = 0; i < 8 && x instanceof Ref; i++) x = this.o.objects.get(x.n);
    return x instanceof Ref ? undefined : x;
  }

  dict(v: PdfVal | undefined): Dict | undefined {
    const x = this.get(v);
    return isDict(x) ? x : x instanceof Stream ? x.dict : undefined;
  }

  /** The catalog defined last (an incremental update rewrites it). */
  catalog(): Dict | undefined {
    if (this.o.root !== null) return this.dict(this.o.objects.get(this.o.root));
    let best: Dict | undefined;
    let at = -1;
    for (const [n, v] of this.o.objects) {
      if (isDict(v) && (v.get('Type') as Name | undefined)?.v === 'Catalog') {
        const off = this.o.offsets.get(n) ?? 0;
        if (off >= at) {
          best = v;
          at = off;
        }
      }
    }
    return best;
  }

  /** Page objects in reading order: [object number, dict]. */
  pages(): { n: number; dict: Dict }[] {
    const out: { n: number; dict: Dict }[] = [];
    const seen = new Set<number>();
    const walk = (ref: PdfVal | undefined, depth: number) => {
      if (depth > 32 || out.length > 10_000) return;
      const n = ref instanceof Ref ? ref.n : -1;
      if (n >= 0 && seen.has(n)) return;
      seen.add(n);
      const d = this.dict(ref);
      if (!d) return;
      const kids = this.get(d.get('Kids'));
      if (Array.isArray(kids)) for (const k of kids) walk(k, depth + 1);
      else out.push({ n, dict: d });
    };
    walk(this.catalog()?.get('Pages'), 0);
    return out;
  }

  /** Embedded files: every filespec (a dictionary with /EF), with its name and decoded bytes. */
  attachmentList(): { name: string; data: Buffer | null }[] {
    const out: { name: string; data: Buffer | null }[] = [];
    for (const v of this.o.objects.values()) {
      if (!isDict(v) || !v.has('EF')) continue;
      const name = this.get(v.get('UF')) ?? this.get(v.get('F'));
      const ef = this.dict(v.get('EF'));
      const st = this.get(ef?.get('F'));
      if (!(name instanceof PStr)) continue;
      out.push({
        name: decodeText(name.v),
        data: st instanceof Stream ? decodeStream(st, 16 * 1024 * 1024) : null,
      });
    }
    return out;
  }
}

/** PDF text strings: UTF-16BE with a BOM, else PDFDocEncoding (≈ latin1 for names). */
export function decodeText(s: string): string {
  if (s.startsWith('\u00fe\u00ff'))
    return Buffer.from(s.slice(2), 'latin1').swap16().toString('utf16le');
  return s;
}

/** Whether an annotation is a signature field's widget (/FT /Sig on it or its parent). */
export function isSignatureWidget(doc: PdfDoc, d: Dict | undefined): boolean {
  if (!d) return false;
  const ft = (x: Dict | undefined) => (doc.get(x?.get('FT')) as Name | undefined)?.v;
  return ft(d) === 'Sig' || ft(doc.dict(d.get('Parent'))) === 'Sig';
}

const num = (v: PdfVal | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : NaN);

/**
 * Content-stream operators that draw nothing by themselves: graphics state, path building
 * ended by `n`, clipping. Anything else (a string, a name, an array, `f`, `S`, `Tj`, `Do`,
 * `BI`, `sh`, `BT`…) counts as painting: the check errs towards "visible".
 */
const SILENT_OPS = new Set('q Q cm w J j M i ri n m l c v y h re W W* g G rg RG k K'.split(' '));

/** Whether a decoded content stream can paint: whole-line comments aside, only silent operators. */
function contentPaints(data: Buffer): boolean {
  const text = data
    .toString('latin1')
    .split(/\r\n|\r|\n/)
    .filter((line) => !/^\s*%/.test(line))
    .join('\n');
  for (const tok of text.split(/[\0\t\n\f\r ]+/)) {
    if (tok === '' || SILENT_OPS.has(tok)) continue;
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(tok)) continue;
    return true;
  }
  return false;
}

/**
 * Whether an annotation's appearance dictionary (/AP: normal, rollover, down; each a stream or
 * a dictionary of states) can paint anything. Unreadable or unexpected values count as painting.
 */
function appearancePaints(doc: PdfDoc, ap: PdfVal | undefined): boolean {
  if (ap === undefined || ap === null) return false;
  const apd = doc.dict(ap);
  if (!apd) return true;
  for (const key of ['N', 'R', 'D']) {
    if (!apd.has(key)) continue;
    const v = doc.get(apd.get(key));
    const streams: (PdfVal | undefined)[] =
      v instanceof Stream ? [v] : v instanceof Map ? [...v.values()].map((x) => doc.get(x)) : [v];
    for (const st of streams) {
      if (!(st instanceof Stream)) return true;
      const data = decodeStream(st);
      if (!data || contentPaints(data)) return true;
    }
  }
  return false;
}

/**
 * A signature field's widget that cannot change what a reader sees (PDF 32000-1 §12.5.2,
 * §12.5.3, §12.7.4.5): a /Widget whose /Rect has no area, or flagged Hidden (2) or NoView (32),
 * and whose appearance (if any) paints nothing. That is how PAdES tools write an invisible
 * signature (Minka's co-signature: /Rect [0 0 0 0], no /AP). A stamp drawn by the signature
 * (ReFirma's visible signature) is not invisible and is compared like any other annotation.
 */
export function isInvisibleSignatureWidget(doc: PdfDoc, d: Dict | undefined): boolean {
  if (!d || !isSignatureWidget(doc, d)) return false;
  if ((doc.get(d.get('Subtype')) as Name | undefined)?.v !== 'Widget') return false;
  const rect = doc.get(d.get('Rect'));
  const r = Array.isArray(rect) ? rect.map((x) => num(doc.get(x))) : [];
  const noArea =
    r.length === 4 &&
    r.every((x) => !Number.isNaN(x)) &&
    Math.abs(((r[2] ?? 0) - (r[0] ?? 0)) * ((r[3] ?? 0) - (r[1] ?? 0))) === 0;
  const flags = num(doc.get(d.get('F')));
  const hidden = !Number.isNaN(flags) && (flags & (2 | 32)) !== 0;
  if (!noArea && !hidden) return false;
  return !appearancePaints(doc, d.get('AP'));
}

/**
 * The hash of what a stream holds (inflated when Minka can), once per parsed stream: every page
 * of an Acta shares the same font files, and comparing 400 pages inflated and hashed them again
 * for each page. A Stream is immutable once parsed, so the cached value is the computed one.
 */
const streamBodies = new WeakMap<Stream, string>();
export function streamBody(v: Stream): string {
  let body = streamBodies.get(v);
  if (body === undefined) {
    const data = decodeStream(v);
    body = data
      ? createHash('sha256').update(data).digest('hex')
      : `raw:${createHash('sha256').update(v.raw).digest('hex')}`;
    streamBodies.set(v, body);
  }
  return body;
}
