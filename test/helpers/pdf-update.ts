// Incremental updates appended to a sealed PDF, written by hand the way other programs write
// them (ISO 32000-1 §7.5.6): new and redefined objects, a cross-reference section for them and
// a trailer whose /Prev points at the previous one. Used to play an official who adds a
// digital signature (as ReFirma / Firma Perú do: a /Sig value with /ByteRange and /Contents,
// a signature field and its widget), an annotation, or an overlay drawn on a page.
import { PdfDoc, scanObjects } from '../../electron/minutes/pdf-objects';

interface Base {
  pdf: Buffer;
  size: number;
  root: number;
  prevXref: number;
  pages: number[];
}

function base(pdf: Buffer): Base {
  const s = pdf.toString('latin1');
  const trailers = [...s.matchAll(/trailer\s*<<([\s\S]*?)>>\s*startxref\s+(\d+)/g)];
  const t = trailers.at(-1);
  if (!t) throw new Error('no trailer');
  const size = Number(/\/Size (\d+)/.exec(t[1] ?? '')?.[1]);
  const root = Number(/\/Root (\d+) 0 R/.exec(t[1] ?? '')?.[1]);
  const doc = new PdfDoc(scanObjects(pdf, Date.now() + 10_000));
  return { pdf, size, root, prevXref: Number(t[2]), pages: doc.pages().map((p) => p.n) };
}

/** The text of object n's dictionary ("<< … >>") as last written. */
function objectText(pdf: Buffer, n: number): string {
  const s = pdf.toString('latin1');
  const all = [...s.matchAll(new RegExp(`(?:^|\\n)${n} 0 obj\\s*(<<[\\s\\S]*?>>)\\s*endobj`, 'g'))];
  const m = all.at(-1);
  if (!m?.[1]) throw new Error(`object ${n} not found`);
  return m[1];
}

/** Add entries to a dictionary's text (just before its closing >>). */
function withEntries(dict: string, entries: string): string {
  return `${dict.slice(0, dict.lastIndexOf('>>'))}${entries}\n>>`;
}

/** Append one update holding these objects (number → body text, streams included). */
export function appendUpdate(
  pdf: Buffer,
  objects: Map<number, string>,
  size: number,
  root: number,
  prev: number,
): Buffer {
  let out = pdf.at(-1) === 0x0a ? pdf : Buffer.concat([pdf, Buffer.from('\n')]);
  const offsets: [number, number][] = [];
  for (const [n, body] of [...objects].sort((a, b) => a[0] - b[0])) {
    offsets.push([n, out.length]);
    out = Buffer.concat([out, Buffer.from(`${n} 0 obj\n${body}\nendobj\n`, 'latin1')]);
  }
  const xrefAt = out.length;
  let xref = 'xref\n';
  for (const [n, off] of offsets) xref += `${n} 1\n${String(off).padStart(10, '0')} 00000 n \n`;
  xref += `trailer\n<<\n/Size ${size}\n/Root ${root} 0 R\n/Prev ${prev}\n>>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([out, Buffer.from(xref, 'latin1')]);
}

/**
 * An official's digital signature on page `page` (1-based), invisible as most are. `cms` is
 * the DER of a CMS/PKCS#7 signature to put in /Contents (zeros when not given); `signer` goes
 * into /Name.
 */
export function addDigitalSignature(pdf: Buffer, signer: string, page = 1, cms?: Buffer): Buffer {
  const b = base(pdf);
  const pageNum = b.pages[page - 1];
  if (pageNum === undefined) throw new Error('no such page');
  const sig = b.size;
  const widget = b.size + 1;
  const contents = (cms?.toString('hex') ?? '').padEnd(
    Math.max(2048, (cms?.length ?? 0) * 2 + 64),
    '0',
  );
  const objects = new Map<number, string>([
    [
      sig,
      `<<\n/Type /Sig\n/Filter /Adobe.PPKLite\n/SubFilter /ETSI.CAdES.detached\n/ByteRange [0 1000 3048 500]\n/Contents <${contents}>\n/Name (${signer})\n/Reason (Conformidad)\n/M (D:20260520120000-05'00')\n>>`,
    ],
    [
      widget,
      `<<\n/Type /Annot\n/Subtype /Widget\n/FT /Sig\n/T (Firma 1)\n/V ${sig} 0 R\n/Rect [0 0 0 0]\n/F 132\n/P ${pageNum} 0 R\n>>`,
    ],
    [pageNum, withEntries(objectText(pdf, pageNum), `\n/Annots [${widget} 0 R]`)],
    [
      b.root,
      withEntries(objectText(pdf, b.root), `\n/AcroForm << /Fields [${widget} 0 R] /SigFlags 3 >>`),
    ],
  ]);
  return appendUpdate(pdf, objects, b.size + 2, b.root, b.prevXref);
}

/** A visible text box (FreeText annotation with its appearance) on page `page`. */
export function addAnnotation(pdf: Buffer, page: number, text: string): Buffer {
  const b = base(pdf);
  const pageNum = b.pages[page - 1];
  if (pageNum === undefined) throw new Error('no such page');
  const annot = b.size;
  const ap = b.size + 1;
  const stream = `q 1 1 0 rg 0 0 200 40 re f Q BT /Helv 14 Tf 5 15 Td (${text}) Tj ET`;
  const objects = new Map<number, string>([
    [
      annot,
      `<<\n/Type /Annot\n/Subtype /FreeText\n/Rect [100 600 300 640]\n/Contents (${text})\n/T (Revisor)\n/DA (/Helv 14 Tf 0 g)\n/AP << /N ${ap} 0 R >>\n/P ${pageNum} 0 R\n>>`,
    ],
    [
      ap,
      `<<\n/Type /XObject\n/Subtype /Form\n/BBox [0 0 200 40]\n/Length ${stream.length}\n>>\nstream\n${stream}\nendstream`,
    ],
    [pageNum, withEntries(objectText(pdf, pageNum), `\n/Annots [${annot} 0 R]`)],
  ]);
  return appendUpdate(pdf, objects, b.size + 2, b.root, b.prevXref);
}

/** New content drawn over page `page` (a white box and other text), as an overlay tool does. */
export function addOverlay(pdf: Buffer, page: number): Buffer {
  const b = base(pdf);
  const pageNum = b.pages[page - 1];
  if (pageNum === undefined) throw new Error('no such page');
  const content = b.size;
  const stream = 'q 1 g 100 500 200 40 re f Q';
  const pageText = objectText(pdf, pageNum);
  const existing = /\/Contents\s+(\d+ 0 R|\[[^\]]*\])/.exec(pageText)?.[1] ?? '';
  const list = existing.startsWith('[') ? existing.slice(1, -1) : existing;
  const objects = new Map<number, string>([
    [content, `<<\n/Length ${stream.length}\n>>\nstream\n${stream}\nendstream`],
    [
      pageNum,
      pageText.replace(/\/Contents\s+(\d+ 0 R|\[[^\]]*\])/, `/Contents [${list} ${content} 0 R]`),
    ],
  ]);
  return appendUpdate(pdf, objects, b.size + 1, b.root, b.prevXref);
}

export interface SignatureWidgetOptions {
  /** The widget's /Rect ([0 0 0 0]: invisible). */
  rect: [number, number, number, number];
  /** Annotation flags (/F): 4 print, 2 hidden, 32 no view. */
  flags: number;
  /** Content of the normal appearance (/AP /N), drawn in a form XObject the size of the page. */
  appearance?: string;
}

/**
 * A signature field (/FT /Sig, no /V: unsigned) whose widget sits on page `page`, added to the
 * page's /Annots and the form's /Fields, as an attacker adds one to paint over a sealed page
 * (a "visible signature" that is only an overlay) or as a tool prepares a field to sign later.
 */
export function addSignatureField(pdf: Buffer, page: number, o: SignatureWidgetOptions): Buffer {
  const b = base(pdf);
  const pageNum = b.pages[page - 1];
  if (pageNum === undefined) throw new Error('no such page');
  const widget = b.size;
  const form = b.size + 1;
  const font = b.size + 2;
  const ap = o.appearance === undefined ? '' : `\n/AP << /N ${form} 0 R >>`;
  const objects = new Map<number, string>([
    [
      widget,
      `<<\n/Type /Annot\n/Subtype /Widget\n/FT /Sig\n/T (Signature9)\n/F ${o.flags}\n/Rect [${o.rect.join(' ')}]\n/P ${pageNum} 0 R${ap}\n>>`,
    ],
  ]);
  if (o.appearance !== undefined) {
    objects.set(font, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
    objects.set(
      form,
      `<<\n/Type /XObject\n/Subtype /Form\n/BBox [0 0 595 842]\n/Resources << /Font << /Hv ${font} 0 R >> >>\n/Length ${o.appearance.length}\n>>\nstream\n${o.appearance}\nendstream`,
    );
  }
  const pageText = objectText(pdf, pageNum);
  objects.set(
    pageNum,
    /\/Annots\s*\[/.test(pageText)
      ? pageText.replace(/\/Annots\s*\[([^\]]*)\]/, `/Annots [$1 ${widget} 0 R]`)
      : withEntries(pageText, `\n/Annots [${widget} 0 R]`),
  );
  const rootText = objectText(pdf, b.root);
  const acro = /\/AcroForm (\d+) 0 R/.exec(rootText)?.[1];
  if (acro) {
    const formText = objectText(pdf, Number(acro));
    objects.set(
      Number(acro),
      formText.replace(/\/Fields\s*\[([^\]]*)\]/, `/Fields [$1 ${widget} 0 R]`),
    );
  } else {
    objects.set(
      b.root,
      withEntries(rootText, `\n/AcroForm << /Fields [${widget} 0 R] /SigFlags 3 >>`),
    );
  }
  return appendUpdate(pdf, objects, b.size + 3, b.root, b.prevXref);
}

/**
 * Redefine, in a new incremental update, the widget of the file's first signature field (the
 * seal's own PAdES signature, still signed) with these /Rect, /F and appearance: a stamp drawn
 * by a signature that holds, as ReFirma draws a visible one, or a hidden one that draws nothing.
 */
export function redrawFirstSignatureWidget(pdf: Buffer, o: SignatureWidgetOptions): Buffer {
  const b = base(pdf);
  const doc = new PdfDoc(scanObjects(pdf, Date.now() + 10_000));
  const n = [...doc.o.objects.keys()].find((k) => {
    const d = doc.dict(doc.o.objects.get(k));
    return (d?.get('FT') as { v?: string } | undefined)?.v === 'Sig' && d?.has('Rect');
  });
  if (n === undefined) throw new Error('no signature widget');
  const form = b.size;
  const text = objectText(pdf, n)
    .replace(/\/Rect\s*\[[^\]]*\]/, `/Rect [${o.rect.join(' ')}]`)
    .replace(/\/F \d+/, `/F ${o.flags}`);
  const objects = new Map<number, string>([
    [n, o.appearance === undefined ? text : withEntries(text, `\n/AP << /N ${form} 0 R >>`)],
  ]);
  if (o.appearance !== undefined)
    objects.set(
      form,
      `<<\n/Type /XObject\n/Subtype /Form\n/BBox [0 0 200 60]\n/Length ${o.appearance.length}\n>>\nstream\n${o.appearance}\nendstream`,
    );
  return appendUpdate(pdf, objects, b.size + 1, b.root, b.prevXref);
}

/**
 * The QR code's form (one object every page places, MINUTES_LAYOUT 5) redefined in an update:
 * a forger's QR for another document, shown on every page while each page's own content stays.
 */
export function replaceQrForm(pdf: Buffer, stream = '0 0 0 rg 0 0 0.5 0.5 re f'): Buffer {
  const b = base(pdf);
  const s = pdf.toString('latin1');
  const m = /(?:^|\n)(\d+) 0 obj\s*<<[^>]*\/Subtype \/Form[^>]*\/BBox \[0 0 1 1\]/.exec(s);
  if (!m?.[1]) throw new Error('no QR form');
  const body = `<<\n/Type /XObject\n/Subtype /Form\n/FormType 1\n/BBox [0 0 1 1]\n/Length ${stream.length}\n>>\nstream\n${stream}\nendstream`;
  return appendUpdate(pdf, new Map([[Number(m[1]), body]]), b.size, b.root, b.prevXref);
}
