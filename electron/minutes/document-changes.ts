// What a PDF reader shows besides each page's own dictionary (adversary finding, fixpdf): the
// attributes a page inherits from the page tree (ISO 32000-1 §7.7.3.4: Resources, MediaBox,
// CropBox, Rotate; the other boxes default to the CropBox), the page tree's shape, and the
// document-level entries that change what a reader shows or runs (the catalog: NeedsRendering,
// the AcroForm's XFA, OpenAction, AA, JavaScript names, PageLabels, OCProperties, Collection…;
// the Info dictionary, whose /Title every Acta asks readers to show: ViewerPreferences
// /DisplayDocTitle). The signed revision and the final file are compared value by value, each
// reference resolved (object numbers do not matter, so a re-save compares too).
// Accepted as they are today, because signing software writes them and they show nothing: the
// AcroForm's /Fields, /SigFlags, /DA, /DR (the signature fields themselves are checked by
// revisions.ts), /DSS and /Extensions (PAdES LTV data, the ESIC extension), /Version, the
// embedded files (compared by content in revisions.ts), and the Info dictionary's /ModDate and
// /Producer (iText and other signing libraries rewrite them on every incremental save).
// Hand-written on the project's own object reader (pdf-objects.ts): pdf-lib / pdfjs-dist are not
// dependencies (see the issue 15 report); bounded (depth, a budget of values, the page cap).
import type { Revision } from '../../shared/minutes/verify-result';
import { infoShown, xmpShown } from './document-info';
import { decodeText, type PdfDoc, streamBody } from './pdf-objects';
import { valueText } from './pdf-digest';
import { type Dict, type PdfVal, PStr, Ref } from './pdf-syntax';

/** Inherited through the page tree (§7.7.3.4, Table 30). */
const INHERITABLE = ['Resources', 'MediaBox', 'CropBox', 'Rotate'] as const;
/** Not inheritable by the standard, but looked up the same way: some readers do. */
const OTHER_BOXES = ['BleedBox', 'TrimBox', 'ArtBox'] as const;
/** What decides how a page is placed and cut: named when it differs. */
const VIEW_KEYS = ['MediaBox', 'CropBox', 'BleedBox', 'TrimBox', 'ArtBox', 'Rotate', 'UserUnit'];
/** A page-tree node's own structure (its shape is compared on its own). */
const NODE_STRUCTURE = new Set(['Type', 'Kids', 'Count', 'Parent']);
/** Set in an effective page where the walked path and the /Parent chain give other values. */
const CHAIN = 'MinkaParentChainDiffers';

/** Catalog entries signing software may change (see the header); Pages, Names, AcroForm apart. */
const CATALOG_ACCEPTED = new Set(['Type', 'Version', 'DSS', 'Extensions']);
const ACROFORM_ACCEPTED = new Set(['Type', 'Fields', 'SigFlags', 'DA', 'DR']);
const INFO_ACCEPTED = new Set(['ModDate', 'Producer']);

export interface TreePage {
  n: number;
  dict: Dict;
  /** The page-tree nodes above the page as the tree is walked, nearest first. */
  path: { n: number; dict: Dict }[];
}

export interface PageTree {
  pages: TreePage[];
  /** Intermediate nodes (those with /Kids) by object number. */
  nodes: Map<number, Dict>;
}

/** The page tree walked from the catalog, as PdfDoc.pages() walks it, with each page's path. */
export function pageTree(doc: PdfDoc): PageTree {
  const pages: TreePage[] = [];
  const nodes = new Map<number, Dict>();
  const seen = new Set<number>();
  const walk = (ref: PdfVal | undefined, depth: number, path: { n: number; dict: Dict }[]) => {
    if (depth > 32 || pages.length > 10_000) return;
    const n = ref instanceof Ref ? ref.n : -1;
    if (n >= 0 && seen.has(n)) return;
    seen.add(n);
    const d = doc.dict(ref);
    if (!d) return;
    const kids = doc.get(d.get('Kids'));
    if (Array.isArray(kids)) {
      nodes.set(n, d);
      const next = [{ n, dict: d }, ...path];
      for (const k of kids) walk(k, depth + 1, next);
    } else pages.push({ n, dict: d, path });
  };
  walk(doc.catalog()?.get('Pages'), 0, []);
  return { pages, nodes };
}

class OverBudget extends Error {}

/**
 * A comparable text for a value (pdf-objects' valueText): a page as its place in the page order,
 * a page-tree node as "pages-node", streams by the SHA-256 of their decoded bytes. Past `budget`
 * values it cannot be compared and counts as changed on either side.
 */
function valueKeyer(doc: PdfDoc, pageIndex: Map<number, number>, nodes: Map<number, Dict>) {
  let budget = 200_000;
  const overBudget = (): never => {
    throw new OverBudget();
  };
  const ser = valueText(doc, {
    skip: new Set(['Parent', 'P', 'Length', 'Filter', 'DecodeParms']),
    maxDepth: 48,
    tooDeep: overBudget,
    onValue: () => {
      if (--budget < 0) overBudget();
    },
    refText: (n) => {
      const page = pageIndex.get(n);
      if (page !== undefined) return `page#${page}`;
      return nodes.has(n) ? 'pages-node' : undefined;
    },
    streamText: streamBody,
  });
  return (v: PdfVal | undefined): string => {
    try {
      return ser(v, 0);
    } catch (e) {
      if (e instanceof OverBudget) return `over-budget:${Math.random()}`;
      throw e;
    }
  };
}

const num = (doc: PdfDoc, v: PdfVal | undefined) => {
  const x = doc.get(v);
  return typeof x === 'number' && Number.isFinite(x) ? x : NaN;
};

/** A rectangle as [llx lly urx ury] (corners in any order, §7.9.5), or undefined when not one. */
function box(doc: PdfDoc, v: PdfVal | undefined): number[] | undefined {
  const a = doc.get(v);
  if (!Array.isArray(a) || a.length !== 4) return undefined;
  const [x0, y0, x1, y1] = a.map((x) => num(doc, x)) as [number, number, number, number];
  if ([x0, y0, x1, y1].some(Number.isNaN)) return undefined;
  return [Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)];
}

/** The nearest node along /Parent that defines `key` (bounded, cycle-safe). */
function viaParent(doc: PdfDoc, page: Dict, key: string): PdfVal | undefined {
  const seen = new Set<Dict>();
  let d = doc.dict(page.get('Parent'));
  for (let i = 0; d && i < 32 && !seen.has(d); i++) {
    if (d.has(key)) return d.get(key);
    seen.add(d);
    d = doc.dict(d.get('Parent'));
  }
  return undefined;
}

/**
 * The page dictionary as a reader applies it: the inherited attributes filled in from the tree,
 * the boxes normalised (CropBox defaults to MediaBox, the other boxes to CropBox), /Rotate as
 * 0, 90, 180 or 270. Where the walked path and the page's /Parent chain disagree (readers use
 * either), both are kept so that such a page differs from any page where they agree.
 */
export function effectivePage(doc: PdfDoc, p: TreePage, keyOf: (v: PdfVal) => string): Dict {
  const out: Dict = new Map(p.dict);
  const disagree: string[] = [];
  for (const key of [...INHERITABLE, ...OTHER_BOXES]) {
    if (p.dict.has(key)) continue;
    const node = p.path.find((x) => x.dict.has(key));
    const v = node?.dict.get(key);
    const parent = viaParent(doc, p.dict, key);
    if (v !== undefined) out.set(key, v);
    else if (parent !== undefined) out.set(key, parent);
    if (
      (v === undefined) !== (parent === undefined) ||
      (v !== undefined && parent !== undefined && keyOf(v) !== keyOf(parent))
    )
      disagree.push(key);
  }
  // The other boxes are reduced to their intersection with the media box (§14.11.2).
  const media = box(doc, out.get('MediaBox'));
  const clip = (b: number[] | undefined) =>
    b && media
      ? [
          Math.max(b[0] as number, media[0] as number),
          Math.max(b[1] as number, media[1] as number),
          Math.min(b[2] as number, media[2] as number),
          Math.min(b[3] as number, media[3] as number),
        ]
      : b;
  if (media) out.set('MediaBox', media);
  const crop = clip(box(doc, out.get('CropBox'))) ?? (out.has('CropBox') ? undefined : media);
  if (crop) out.set('CropBox', crop);
  for (const key of OTHER_BOXES) {
    const b = clip(box(doc, out.get(key))) ?? (out.has(key) ? undefined : crop);
    if (b) out.set(key, b);
  }
  const rot = out.has('Rotate') ? num(doc, out.get('Rotate')) : 0;
  out.set(
    'Rotate',
    Number.isInteger(rot)
      ? ((rot % 360) + 360) % 360
      : new PStr(`?${keyOf(out.get('Rotate') ?? null)}`),
  );
  if (disagree.length > 0) out.set(CHAIN, new PStr(disagree.join(',')));
  return out;
}

/** Each page's effective dictionary (see effectivePage), in reading order. */
export function effectivePages(doc: PdfDoc, tree: PageTree = pageTree(doc)): Dict[] {
  const keyOf = keyerFor(doc, tree);
  return tree.pages.map((p) => effectivePage(doc, p, keyOf));
}

function keyerFor(doc: PdfDoc, tree: PageTree) {
  const index = new Map<number, number>();
  tree.pages.forEach((p, i) => index.set(p.n, i));
  return valueKeyer(doc, index, tree.nodes);
}

/** Keys of two dictionaries whose values differ (either side may be missing). */
function differingKeys(
  a: Dict | undefined,
  b: Dict | undefined,
  ka: (v: PdfVal | undefined) => string,
  kb: (v: PdfVal | undefined) => string,
  skip: Set<string>,
): string[] {
  const keys = new Set([...(a?.keys() ?? []), ...(b?.keys() ?? [])]);
  return [...keys].filter((k) => !skip.has(k) && ka(a?.get(k)) !== kb(b?.get(k))).sort();
}

/** What a pages range looks like in a message: "1, 2, 3". */
const list = (pages: Iterable<number>) => [...new Set(pages)].sort((x, y) => x - y);

export interface DocumentChanges {
  revisions: Revision[];
  /** Pages (1-based) whose placement or cut (boxes, rotation) differs: already named. */
  viewPages: number[];
}

/**
 * What differs between the signed revision (`before`) and the file (`after`) outside the
 * pages' own drawing. `sameNumbers`: an incremental update, where object numbers persist, so
 * the page tree's shape and nodes are compared too; a re-save renumbers and may rebuild the
 * tree, so only what each page inherits is compared there.
 */
export function documentChanges(
  before: PdfDoc,
  after: PdfDoc,
  opts: { sameNumbers: boolean },
): DocumentChanges {
  const tb = pageTree(before);
  const ta = pageTree(after);
  const kb = keyerFor(before, tb);
  const ka = keyerFor(after, ta);
  const revisions: Revision[] = [];
  const push = (kind: Revision['kind'], subject: string, pages: number[] = []) =>
    revisions.push({
      kind,
      page: pages.length === 1 ? (pages[0] as number) : null,
      subject,
      ...(pages.length > 0 ? { pages: list(pages) } : {}),
    });

  // The catalog.
  const cb = before.catalog();
  const ca = after.catalog();
  // Pages is the tree (below); Names and AcroForm are compared entry by entry, without hashing
  // the attachments their whole value holds.
  const whole = new Set([...CATALOG_ACCEPTED, 'Pages', 'Names', 'AcroForm']);
  const split = ['Names', 'AcroForm'].filter((k) => cb?.has(k) || ca?.has(k));
  for (const k of [...differingKeys(cb, ca, kb, ka, whole), ...split]) {
    if (k === 'Names') {
      const nb = before.dict(cb?.get('Names'));
      const na = after.dict(ca?.get('Names'));
      for (const sub of differingKeys(nb, na, kb, ka, new Set(['EmbeddedFiles'])))
        push('document', sub === 'JavaScript' ? 'JavaScript' : `Names/${sub}`);
    } else if (k === 'AcroForm') {
      const fb = before.dict(cb?.get('AcroForm'));
      const fa = after.dict(ca?.get('AcroForm'));
      if (ca?.has('AcroForm') && !fa) push('document', 'AcroForm');
      for (const sub of differingKeys(fb, fa, kb, ka, ACROFORM_ACCEPTED))
        push('document', sub === 'XFA' ? 'XFA' : `AcroForm/${sub}`);
    } else if (k === 'Metadata') {
      // Signing software may add or update XMP (dates, tool): only what a reader shows counts.
      const was = xmpShown(before, cb?.get('Metadata')) ?? infoShown(before);
      const now = xmpShown(after, ca?.get('Metadata')) ?? new Map<string, string>();
      const keys = [...now].filter(([key, v]) => v !== '' && was.get(key) !== v).map(([x]) => x);
      if (keys.length > 0) push('info', `Metadata ${keys.join(', ')}`);
    } else push('document', k);
  }

  // The Info dictionary. A reader shows its /Title as the window's title (every Acta sets
  // /DisplayDocTitle), /Author and /Subject in its properties: free text the key holder could
  // use to misstate the result beside intact pages. So a change there is "altered afterwards"
  // like any other, named; only /ModDate and /Producer, which signing libraries rewrite on
  // every save, are left aside.
  const info = (doc: PdfDoc) => {
    const n = doc.o.info;
    return n === null || n === undefined ? undefined : doc.dict(doc.o.objects.get(n));
  };
  const text = (doc: PdfDoc, k: (v: PdfVal | undefined) => string) => (v: PdfVal | undefined) => {
    const x = doc.get(v);
    return x instanceof PStr ? `(${decodeText(x.v)})` : k(v);
  };
  // An entry removed shows nothing new (a co-signing tool whose trailer leaves out /Info, then
  // a re-save, drops the dictionary): only entries the file has, with another value, count.
  const infoAfter = info(after);
  const infoKeys = differingKeys(
    info(before),
    infoAfter,
    text(before, kb),
    text(after, ka),
    INFO_ACCEPTED,
  ).filter((k) => infoAfter?.has(k));
  if (infoKeys.length > 0) push('info', infoKeys.join(', '));

  // The page tree: which page objects in which order, and each node's own attributes.
  if (opts.sameNumbers) {
    const what = new Set<string>();
    const pages: number[] = [];
    const nb = tb.pages.map((p) => p.n);
    const na = ta.pages.map((p) => p.n);
    na.forEach((n, i) => {
      if (nb[i] !== n) pages.push(i + 1);
    });
    if (nb.length !== na.length || pages.length > 0) what.add('Kids');
    ta.pages.forEach((p, i) => {
      const q = tb.pages[i];
      const pathA = p.path.map((x) => `${x.n}`).join('/');
      const pathB = q?.path.map((x) => `${x.n}`).join('/');
      if (pathA !== pathB) {
        what.add('Kids');
        pages.push(i + 1);
      }
      for (const node of p.path) {
        const keys = differingKeys(tb.nodes.get(node.n), node.dict, kb, ka, NODE_STRUCTURE);
        if (keys.length > 0) {
          keys.forEach((x) => what.add(x));
          pages.push(i + 1);
        }
      }
    });
    if (what.size > 0) push('pageTree', [...what].sort().join(', '), list(pages));
  }

  // Each page's placement and cut as a reader applies it (inherited values included).
  const eb = tb.pages.map((p) => effectivePage(before, p, kb));
  const ea = ta.pages.map((p) => effectivePage(after, p, ka));
  const bySubject = new Map<string, number[]>();
  for (let i = 0; i < Math.min(eb.length, ea.length); i++) {
    const setOn = (p: TreePage | undefined, k: string) =>
      p !== undefined && (p.dict.has(k) || p.path.some((x) => x.dict.has(k)));
    // Boxes that only follow the CropBox (their default) are not named beside it.
    const keys = VIEW_KEYS.filter(
      (k) =>
        kb(eb[i]?.get(k)) !== ka(ea[i]?.get(k)) &&
        (!(OTHER_BOXES as readonly string[]).includes(k) ||
          setOn(tb.pages[i], k) ||
          setOn(ta.pages[i], k)),
    );
    // The walked path and the /Parent chain disagree (differently from the signed revision).
    if (kb(eb[i]?.get(CHAIN)) !== ka(ea[i]?.get(CHAIN))) keys.push('Parent');
    if (keys.length === 0) continue;
    const subject = keys.join(', ');
    bySubject.set(subject, [...(bySubject.get(subject) ?? []), i + 1]);
  }
  const viewPages: number[] = [];
  for (const [subject, pages] of bySubject) {
    push('pageView', subject, pages);
    viewPages.push(...pages);
  }
  return { revisions, viewPages: list(viewPages) };
}
