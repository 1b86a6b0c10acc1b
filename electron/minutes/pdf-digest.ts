// What a page shows, as comparable text and as a digest: the page dictionary with every
// reference resolved, streams by their decoded bytes, keys sorted, independent of how the file is
// laid out. One writer (valueText) for the page digest and for the comparison of revisions
// (document-changes.ts).
import { createHash } from 'node:crypto';
import { isInvisibleSignatureWidget, type PdfDoc, streamBody } from './pdf-objects';
import { type Dict, Name, type PdfVal, PStr, Ref, Stream } from './pdf-syntax';

export interface DigestOptions {
  /**
   * Leave out signature fields' widgets that cannot show anything (see
   * isInvisibleSignatureWidget): a digital signature added to a page. A visible one stays in.
   */
  skipSignatureWidgets?: boolean;
  /** Stream digests shared with other pages of documents parsed from the same bytes (revisions.ts). */
  streams?: { get(v: Stream): string };
}

/** How `valueText` writes a value; what differs between its callers. */
export interface ValueTextOptions {
  /** Dictionary keys left out: how the file is laid out, not what it holds. */
  skip: ReadonlySet<string>;
  /** Past this depth `tooDeep` answers (a marker, or it throws). */
  maxDepth: number;
  tooDeep: () => string;
  /** Called before each value is written (a budget may throw). */
  onValue?: () => void;
  /** A reference's text without following it (a page's place in the order), if it has one. */
  refText?: (n: number) => string | undefined;
  /** A stream's bytes as text (its digest). */
  streamText: (v: Stream) => string;
  /** A dictionary entry to write in place of its value, or OMIT to leave the key out. */
  entry?: (key: string, v: PdfVal | undefined) => PdfVal | undefined | typeof OMIT;
}
export const OMIT = Symbol('omit');

/**
 * A comparable text for a value, independent of how the file is laid out: references resolved
 * (each object once, cycles marked), streams by `streamText`, strings by their bytes, dictionary
 * keys sorted. One writer for the page digest and the comparison of revisions (document-changes).
 */
export function valueText(doc: PdfDoc, opts: ValueTextOptions) {
  const memo = new Map<number, string>();
  const stack = new Set<number>();
  const ser = (v: PdfVal | undefined, depth: number): string => {
    opts.onValue?.();
    if (depth > opts.maxDepth) return opts.tooDeep();
    if (v instanceof Ref) {
      const own = opts.refText?.(v.n);
      if (own !== undefined) return own;
      const m = memo.get(v.n);
      if (m !== undefined) return m;
      if (stack.has(v.n)) return '↺';
      stack.add(v.n);
      const out = ser(doc.o.objects.get(v.n), depth + 1);
      stack.delete(v.n);
      memo.set(v.n, out);
      return out;
    }
    if (v === undefined) return 'undef';
    if (v === null || typeof v === 'boolean' || typeof v === 'number') return String(v);
    if (v instanceof Name) return `/${v.v}`;
    if (v instanceof PStr) return `(${Buffer.from(v.v, 'latin1').toString('hex')})`;
    if (Array.isArray(v)) return `[${v.map((x) => ser(x, depth + 1)).join(' ')}]`;
    if (v instanceof Stream) return `${ser(v.dict, depth + 1)}stream:${opts.streamText(v)}`;
    const parts: string[] = [];
    for (const k of [...v.keys()].filter((k) => !opts.skip.has(k)).sort()) {
      const val = opts.entry ? opts.entry(k, v.get(k)) : v.get(k);
      if (val !== OMIT) parts.push(`/${k} ${ser(val, depth + 1)}`);
    }
    return `<<${parts.join(' ')}>>`;
  };
  return ser;
}

const PAGE_SKIP = new Set([
  'Parent',
  'P',
  'Length',
  'Filter',
  'DecodeParms',
  'StructParents',
  'StructParent',
]);

/**
 * A digest of everything a page shows, independent of how the file is laid out: the page
 * dictionary with every reference resolved (contents, resources, fonts, images, annotations),
 * streams by their decoded bytes. Two pages with the same digest draw the same.
 */
export function pageDigest(doc: PdfDoc, page: Dict, opts: DigestOptions = {}): string {
  const ser = valueText(doc, {
    skip: PAGE_SKIP,
    maxDepth: 40,
    tooDeep: () => '…',
    streamText: (v) => (opts.streams ? opts.streams.get(v) : streamBody(v)),
    entry: (k, val) => {
      if (k !== 'Annots' || !opts.skipSignatureWidgets) return val;
      const list = doc.get(val);
      const kept = Array.isArray(list)
        ? list.filter((a) => !isInvisibleSignatureWidget(doc, doc.dict(a)))
        : [];
      return kept.length === 0 ? OMIT : kept;
    },
  });
  return createHash('sha256').update(ser(page, 0)).digest('hex');
}
