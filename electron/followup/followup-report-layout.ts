// The follow-up report's text and tables measured before they are drawn: a cell's text wrapped
// at spaces only (a fingerprint or an amount never split), a table's height as
// platform/pdf/table.ts will draw it, and "start on a new page unless this fits". Split from
// followup-report.ts (issue 19: files under 400 lines).
import { bottomLimit, clean, contentWidth, FONT, type Doc } from '../platform/pdf/document';
import type { Column, TableStyle } from '../platform/pdf/table';

export const BODY = 11;

/** Height a Table with these columns would take (header, and each row), measured as table.ts draws it. */
export function measureTable<R>(
  doc: Doc,
  cols: Column<R>[],
  style: TableStyle,
  rows: R[],
): { header: number; rows: number[] } {
  const total = cols.reduce((s, c) => s + c.weight, 0);
  const widths = cols.map((c) => (c.weight / total) * contentWidth(doc) - 2 * style.padding);
  let header = 0;
  cols.forEach((c, i) => {
    const width = widths[i] ?? 0;
    doc.font(FONT.bold).fontSize(style.headerSize);
    let h = doc.heightOfString(clean(c.header.main), { width, align: 'center' });
    if (c.header.second) {
      doc.font(FONT.regular).fontSize(style.headerSize * 0.8);
      h += doc.heightOfString(clean(c.header.second), { width, align: 'center' });
    }
    header = Math.max(header, h);
  });
  const heights = rows.map((r) => {
    let h = style.minRowHeight;
    cols.forEach((c, i) => {
      const text = c.text ? clean(c.text(r)) : '';
      if (!text) return;
      doc.font(c.bold ? FONT.bold : FONT.regular).fontSize(style.fontSize);
      h = Math.max(h, doc.heightOfString(text, { width: widths[i] ?? 0 }) + 2 * style.padding);
    });
    return Math.min(h, style.maxRowHeight);
  });
  return { header: header + 2 * style.padding, rows: heights };
}

/**
 * Break a cell's text into lines ourselves, at spaces only: pdfkit would also break inside a
 * fingerprint after a hyphen ("411A-DBFA-" / "D6AD-0C51") and between "S/" and its amount,
 * which a reader then copies wrong. Lines that fit are left alone by pdfkit.
 */
export function wrapAtSpaces(
  doc: Doc,
  text: string,
  width: number,
  bold: boolean,
  size: number,
): string {
  doc.font(bold ? FONT.bold : FONT.regular).fontSize(size);
  return clean(text)
    .split('\n')
    .map((par) => {
      const tokens: string[] = [];
      for (const w of par.split(' ')) {
        const prev = tokens.at(-1);
        if (prev !== undefined && /S\/$/.test(prev)) tokens[tokens.length - 1] = `${prev} ${w}`;
        else tokens.push(w);
      }
      const lines: string[] = [];
      let line = '';
      for (const tok of tokens) {
        const candidate = line ? `${line} ${tok}` : tok;
        // pdfkit measures a line's last word with the line break after it (a "\n" is 0.6 em
        // wide in DejaVu): so do we, or it breaks our line once more.
        if (!line || doc.widthOfString(`${candidate}\n`) <= width - 0.5) line = candidate;
        else {
          lines.push(line);
          line = tok;
        }
      }
      lines.push(line);
      return lines.join('\n');
    })
    .join('\n');
}

/** Columns whose text is wrapped at spaces for the width table.ts will give them. */
export function fitColumns<R>(doc: Doc, style: TableStyle, cols: Column<R>[]): Column<R>[] {
  const total = cols.reduce((s, c) => s + c.weight, 0);
  return cols.map((c) => {
    const text = c.text;
    if (!text) return c;
    const width = (c.weight / total) * contentWidth(doc) - 2 * style.padding;
    return {
      ...c,
      text: (r: R) => wrapAtSpaces(doc, text(r), width, c.bold ?? false, style.fontSize),
    };
  });
}

/** Start a section on a new page unless `need` points fit below. */
export function keepRoom(doc: Doc, need: number): void {
  if (doc.y + need > bottomLimit(doc)) {
    doc.addPage();
    doc.y = doc.page.margins.top;
  }
}

export function para(doc: Doc, text: string, size = BODY, bold = false): void {
  const width = contentWidth(doc);
  doc
    .font(bold ? FONT.bold : FONT.regular)
    .fontSize(size)
    .text(wrapAtSpaces(doc, text, width, bold, size), doc.page.margins.left, doc.y, { width });
}
