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
