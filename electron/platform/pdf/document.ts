// Building blocks shared by every PDF Minka prints (attendance sheets, accredited list, and
// later the signed minutes): A4 pages with embedded fonts, deterministic metadata, bilingual
// headings, and the page furniture (page x/y, record fingerprint) painted once all pages exist.
// Everything is black on white with thin rules: the documents go through cheap B/W printers
// and photocopiers, so nothing may depend on colour.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { t as oneStop, tAsWritten as t, type Lang, type Params } from '../../../shared/i18n';
import { resourcePath } from '../resources';
import { canonicalUnicode, shareLayouts, sharedFont } from './font-cache';

export type Doc = PDFKit.PDFDocument;

/** Font names registered on every document. Helvetica is never used: it garbles ʼ (U+02BC). */
export const FONT = { regular: 'Minka-Regular', bold: 'Minka-Bold' } as const;

/** 1 cm in PDF points. */
export const CM = 72 / 2.54;

/** Page margins in points. The bottom one leaves room for the footer painted by `paintPageFurniture`. */
export const MARGIN = { top: 28, left: 30, right: 30, bottom: 44 } as const;

/** Thin rules print as solid lines on B/W lasers; 0.5 pt grey survives photocopying. */
export const RULE = { thin: 0.5, heavy: 1.2, grey: '#555555', black: '#000000' } as const;

interface FontFiles {
  regular: Buffer;
  bold: Buffer;
}
let fontCache: FontFiles | null = null;

const FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;

/** Read once and keep: the TTFs are ~1.5 MB, and pdfkit embeds only the glyphs used. */
function loadFonts(): FontFiles {
  if (!fontCache) {
    // Buffers, not paths: pdfkit treats a string as a path and we want one read per process.
    fontCache = {
      regular: readFileSync(resourcePath(`fonts/${FONT_FILES.regular}`)),
      bold: readFileSync(resourcePath(`fonts/${FONT_FILES.bold}`)),
    };
  }
  return fontCache;
}

/** The font files every document embeds, by file name, with the SHA-256 of each (signed into the Acta). */
export function fontIdentity(): { name: string; sha256: string }[] {
  const f = loadFonts();
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  return [
    { name: FONT_FILES.regular, sha256: sha(f.regular) },
    { name: FONT_FILES.bold, sha256: sha(f.bold) },
  ];
}

/** BCP 47 tag written into the PDF so screen readers pick a voice; Quechua has no es-PE fallback. */
const PDF_LANG: Record<Lang, string> = { es: 'es-PE', quz: 'quz-PE', en: 'en' };

/** What every render function takes besides its model. */
export interface RenderOptions {
  lang: Lang;
  /** Add the second language (Quechua, or Spanish under Quechua) under headings and column heads. */
  bilingual?: boolean;
  /** Written as the PDF's creation date; fixes the output bytes. */
  createdAt: Date;
}

export interface CreateDocumentOptions {
  title: string;
  subject?: string;
  lang: Lang;
  layout: 'portrait' | 'landscape';
  /** Written as CreationDate and ModDate: same input and same date give identical bytes. */
  createdAt: Date;
}

export function createDocument(opts: CreateDocumentOptions): Doc {
  const fonts = loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    layout: opts.layout,
    margins: { ...MARGIN },
    bufferPages: true,
    autoFirstPage: true,
    lang: PDF_LANG[opts.lang],
    displayTitle: true,
    info: {
      Title: opts.title,
      Author: 'Minka',
      Creator: 'Minka',
      Producer: 'Minka (PDFKit)',
      ...(opts.subject ? { Subject: opts.subject } : {}),
      CreationDate: opts.createdAt,
      ModDate: opts.createdAt,
    },
  });
  // The fonts parsed once per process, and words shaped once per process (font-cache.ts).
  doc.registerFont(FONT.regular, sharedFont(fonts.regular) as Buffer);
  doc.registerFont(FONT.bold, sharedFont(fonts.bold) as Buffer);
  shareLayouts(doc);
  canonicalUnicode(doc);
  doc.font(FONT.regular).fillColor(RULE.black).strokeColor(RULE.black);
  return doc;
}

/** Width between the side margins of the current page. */
export function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

/** Lowest y that body content may reach on the current page. */
export function bottomLimit(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom;
}

/**
 * Languages a document speaks: the chosen one, and for bilingual prints a second line in
 * smaller type (Quechua under Spanish or English; Spanish under Quechua).
 */
export interface Voice {
  lang: Lang;
  second: Lang | null;
  /**
   * Values put in as the screens' `t` does: one stop after a value that ends a sentence, not
   * "monto.." (the Acta from layout 8). Unset: each value as written, as older Actas drew it.
   */
  oneStop?: boolean;
}

/** A catalogue text in `lang` with its values put in as this voice does (`oneStop`). */
export function say(v: Pick<Voice, 'oneStop'>, lang: Lang, key: string, params?: Params): string {
  return v.oneStop ? oneStop(lang, key, params) : t(lang, key, params);
}

export function voice(lang: Lang, bilingual = false): Voice {
  if (!bilingual) return { lang, second: null };
  return { lang, second: lang === 'quz' ? 'es' : 'quz' };
}

/** The label in the main language and, when bilingual and different, in the second one. */
export function label(
  v: Voice,
  key: string,
  params?: Params,
): { main: string; second: string | null } {
  const main = say(v, v.lang, key, params);
  const second = v.second ? say(v, v.second, key, params) : null;
  return { main, second: second && second !== main ? second : null };
}

/** Text as printed: NFC so that "a + combining accent" from a paste uses the precomposed glyph. */
export function clean(s: string): string {
  return s.normalize('NFC');
}

export interface HeadingOptions {
  size?: number;
  align?: 'left' | 'center' | 'right';
  x?: number;
  width?: number;
}

/**
 * A heading in bold, with its second-language line beneath in smaller regular type.
 * Moves doc.y below the heading and returns that y.
 */
export function heading(
  doc: Doc,
  text: { main: string; second: string | null },
  opts: HeadingOptions = {},
): number {
  const size = opts.size ?? 14;
  const x = opts.x ?? doc.page.margins.left;
  const width = opts.width ?? contentWidth(doc);
  const align = opts.align ?? 'left';
  doc.font(FONT.bold).fontSize(size).fillColor(RULE.black);
  doc.text(clean(text.main), x, doc.y, { width, align });
  if (text.second) {
    doc.font(FONT.regular).fontSize(Math.max(7, size * 0.68));
    doc.text(clean(text.second), x, doc.y, { width, align });
  }
  doc.font(FONT.regular);
  return doc.y;
}

/**
 * "Label: value" pairs laid out in columns, label in small regular type and value in bold,
 * as in the title block of a form. Returns the y below the block.
 */
export function fieldGrid(
  doc: Doc,
  fields: { label: string; value: string }[],
  opts: { columns: number; size?: number },
): number {
  const size = opts.size ?? 10;
  const left = doc.page.margins.left;
  const colWidth = contentWidth(doc) / opts.columns;
  const top = doc.y;
  let rowTop = top;
  let rowBottom = top;
  fields.forEach((f, i) => {
    const col = i % opts.columns;
    if (col === 0 && i > 0) rowTop = rowBottom + 3;
    const x = left + col * colWidth;
    doc
      .font(FONT.regular)
      .fontSize(size * 0.75)
      .text(clean(f.label), x, rowTop, { width: colWidth - 8 });
    doc
      .font(FONT.bold)
      .fontSize(size)
      .text(clean(f.value) || '—', x, doc.y, { width: colWidth - 8 });
    rowBottom = Math.max(rowBottom, doc.y);
  });
  doc.font(FONT.regular);
  doc.y = rowBottom;
  doc.x = left;
  return rowBottom;
}

/** A horizontal rule across the content width at y. */
export function hRule(
  doc: Doc,
  y: number,
  width: number = RULE.thin,
  color: string = RULE.black,
): void {
  const left = doc.page.margins.left;
  doc
    .save()
    .lineWidth(width)
    .strokeColor(color)
    .moveTo(left, y)
    .lineTo(left + contentWidth(doc), y)
    .stroke()
    .restore();
}

export interface Furniture {
  voice: Voice;
  /** Identifies the sheet if pages get separated: "Municipalidad … · Lista de asistencia · Sede …". */
  caption: string;
  /** Short record fingerprint ("3F2A-9C01-77B4-0E5D") printed on every page, if any. */
  fingerprint?: string;
}

/**
 * Paint the footer on every buffered page: caption left, fingerprint centred, "Página x/y"
 * right. Runs once the body is complete because the page count is known only then.
 */
export function paintPageFurniture(doc: Doc, f: Furniture): void {
  const range = doc.bufferedPageRange();
  const total = range.count;
  for (let i = 0; i < total; i++) {
    doc.switchToPage(range.start + i);
    const { left, right, bottom } = doc.page.margins;
    const width = doc.page.width - left - right;
    const y = doc.page.height - bottom + 12;
    hRule(doc, y - 5, RULE.thin, RULE.grey);
    // Writing below the bottom margin would make pdfkit start a new page: lift the margin
    // while painting, and give every text call an explicit height so nothing wraps on.
    doc.page.margins.bottom = 0;
    const size = 7.5;
    const page = t(f.voice.lang, 'pdf.page', { page: i + 1, pages: total });
    doc.font(FONT.bold).fontSize(9);
    const pageWidth = doc.widthOfString(page);
    doc.text(page, left + width - pageWidth, y, {
      lineBreak: false,
      width: pageWidth + 1,
      height: 14,
    });
    let printWidth = width - pageWidth - 16;
    if (f.fingerprint) {
      const fp = t(f.voice.lang, 'pdf.fingerprint', { fingerprint: f.fingerprint });
      doc.font(FONT.bold).fontSize(size + 0.5);
      const fpWidth = doc.widthOfString(fp);
      const fpX = left + width - pageWidth - 16 - fpWidth;
      doc.text(fp, fpX, y + 1, { lineBreak: false, width: fpWidth + 1, height: 12 });
      printWidth = fpX - left - 16;
    }
    // The caption may take two lines on portrait pages rather than lose the document's name.
    doc.font(FONT.regular).fontSize(size);
    doc.text(clean(f.caption), left, y + 1, {
      width: Math.max(printWidth, 40),
      height: 2 * size * 1.25,
      ellipsis: true,
      lineGap: 0,
    });
    doc.page.margins.bottom = bottom;
  }
}

/** End the document and collect its bytes. */
export function toBuffer(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
