// Layout blocks of the Acta: keep-together, section headings, paragraphs, ruled tables,
// boxed totals and numbered lists, all black on white with the embedded font.
import { formatInteger } from '../../../shared/format';
import {
  bottomLimit,
  clean,
  contentWidth,
  FONT,
  heading,
  hRule,
  label,
  RULE,
  type Doc,
  type Voice,
  say,
} from '../../platform/pdf/document';
import { Table, type Column } from '../../platform/pdf/table';

export const both = (v: Voice, key: string, params?: Record<string, string | number>) => {
  const l = label(v, key, params);
  return l.second ? `${l.main} / ${l.second}` : l.main;
};

/** Keep `height` points together: start a new page when less room is left. */
export function room(doc: Doc, height: number): void {
  if (doc.y + height > bottomLimit(doc)) {
    doc.addPage();
    doc.y = doc.page.margins.top;
  }
  doc.x = doc.page.margins.left;
}

export function section(
  doc: Doc,
  v: Voice,
  key: string,
  params?: Record<string, string | number>,
): void {
  room(doc, 110);
  doc.moveDown(0.6);
  heading(doc, label(v, key, params), { size: 13 });
  hRule(doc, doc.y + 1, RULE.heavy);
  doc.y += 6;
}

export function para(doc: Doc, text: string, size = 9.5, bold = false): void {
  doc
    .font(bold ? FONT.bold : FONT.regular)
    .fontSize(size)
    .text(clean(text), doc.page.margins.left, doc.y, { width: contentWidth(doc) });
}

export const tableStyle = {
  fontSize: 8.5,
  headerSize: 8,
  padding: 3.5,
  minRowHeight: 16,
  maxRowHeight: 120,
};

export function table<R>(doc: Doc, v: Voice, cols: Column<R>[], rows: R[]): void {
  const tb = new Table<R>(doc, cols, tableStyle, label(v, 'pdf.continued').main);
  for (const r of rows) tb.row(r);
  tb.end();
}

export function totalsBoxes(doc: Doc, v: Voice, items: [string, number][]): void {
  room(doc, 56);
  const left = doc.page.margins.left;
  const gap = 6;
  const w = (contentWidth(doc) - gap * (items.length - 1)) / items.length;
  const top = doc.y;
  const h = v.second ? 46 : 38;
  items.forEach(([key, value], i) => {
    const x = left + i * (w + gap);
    doc.save().lineWidth(0.8).rect(x, top, w, h).stroke().restore();
    doc
      .font(FONT.bold)
      .fontSize(14)
      .text(formatInteger(value), x, top + 4, { width: w, align: 'center' });
    const l = label(v, key);
    doc
      .font(FONT.regular)
      .fontSize(7.5)
      .text(l.main, x + 2, doc.y, { width: w - 4, align: 'center' });
    if (l.second) doc.fontSize(6.5).text(l.second, x + 2, doc.y, { width: w - 4, align: 'center' });
  });
  doc.x = left;
  doc.y = top + h + 8;
}

export function numbered(
  doc: Doc,
  v: Voice,
  items: { text: string; sub: string }[],
  emptyKey: string,
): void {
  if (items.length === 0) {
    para(doc, say(v, v.lang, emptyKey));
    return;
  }
  items.forEach((x, i) => {
    room(doc, 30);
    doc
      .font(FONT.bold)
      .fontSize(9.5)
      .text(`${i + 1}.`, doc.page.margins.left, doc.y, { continued: false, width: 18 });
    doc.moveUp();
    doc
      .font(FONT.regular)
      .fontSize(9.5)
      .text(clean(x.text), doc.page.margins.left + 18, doc.y, { width: contentWidth(doc) - 18 });
    if (x.sub)
      doc
        .font(FONT.regular)
        .fontSize(8)
        .text(clean(x.sub), doc.page.margins.left + 18, doc.y, { width: contentWidth(doc) - 18 });
    doc.moveDown(0.3);
  });
}
