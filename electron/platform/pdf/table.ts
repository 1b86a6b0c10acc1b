// A ruled table for printed lists: wrapping cells, rows at least as tall as a thumbprint
// needs, the header repeated at the top of every page, and group rows ("Organisation …")
// that repeat as "(continúa)" after a page break so no page starts with orphaned people.
// Black lines only, no zebra fills: shading turns to mud on photocopies and hides ink.
import { bottomLimit, clean, contentWidth, FONT, RULE, type Doc } from './document';
import { oneLineX } from './table-line';

export type Align = 'left' | 'center' | 'right';

export interface Column<R> {
  /** Header text; `second` is the smaller second-language line (bilingual prints). */
  header: { main: string; second: string | null };
  /** Relative width: columns are scaled together to fill the content width. */
  weight: number;
  align?: Align;
  bold?: boolean;
  /** Cell text; a column without it is left empty (a signature cell). */
  text?: (row: R) => string;
  /** Side of an empty square drawn centred in the cell, in points (a thumbprint box). */
  square?: number;
}

export interface TableStyle {
  fontSize: number;
  headerSize: number;
  padding: number;
  /** Every body row is at least this tall (room to sign, or for a thumbprint square). */
  minRowHeight: number;
  /** Longer cell text is cut with an ellipsis instead of pushing a row off the page. */
  maxRowHeight: number;
}

/** How pdfkit writes a number into page content (PDFObject.number). */
const pdfNum = (n: number): string => String(Math.round(n * 1e6) / 1e6);

/** Switch for tests: false measures every cell with pdfkit's full wrap, as before issue 18. */
export const tableMeasure = { fastPath: true };

interface MeasuredRow {
  height: number;
  /** `width`: the text's width when it was measured as one line with room to spare, else null. */
  cells: Array<{ text: string; lines: number; width: number | null } | null>;
}

export class Table<R> {
  private readonly widths: number[];
  private readonly xs: number[];
  /** Header font size per column: smaller where a single word would not fit the cell. */
  private readonly headerSizes: number[];
  private y: number;
  private groupText: string | null = null;

  /** Draws the header at the current doc.y (on a new page if too little room is left). */
  constructor(
    private readonly doc: Doc,
    private readonly columns: Column<R>[],
    private readonly style: TableStyle,
    /** "(continúa)": appended to a group row repeated after a page break. */
    private readonly continuedLabel: string,
  ) {
    const total = columns.reduce((s, c) => s + c.weight, 0);
    const width = contentWidth(doc);
    this.widths = columns.map((c) => (c.weight / total) * width);
    this.xs = [];
    let x = doc.page.margins.left;
    for (const w of this.widths) {
      this.xs.push(x);
      x += w;
    }
    this.headerSizes = columns.map((c, i) => this.fitHeaderSize(c, i));
    // Line advances measured now, before anything is drawn: measuring changes the font in use.
    for (const f of [FONT.regular, FONT.bold]) this.advance(f, style.fontSize);
    this.headerSizes.forEach((size) => {
      this.advance(FONT.bold, size);
      this.advance(FONT.regular, size * 0.8);
    });
    this.y = doc.y;
    if (this.y + this.headerHeight() + style.minRowHeight > bottomLimit(doc)) this.newPage(false);
    else this.drawHeader();
  }

  /** Start a group (e.g. one organisation) kept together with at least its first row. */
  group(text: string): void {
    const h = this.spanHeight(text);
    // Cleared first: a page break here must not repeat the previous group as "(continúa)".
    this.groupText = null;
    this.ensure(h + this.style.minRowHeight);
    this.groupText = text;
    this.drawSpan(text, h);
  }

  /** One body row: each cell's text measured once, for its height and for where it is drawn. */
  row(r: R): void {
    const m = this.measureRow(r);
    this.ensure(m.height);
    this.drawRow(m);
  }

  /**
   * Finish the table and leave doc.y below it. `keepAfter` points of content that follows
   * (a closing line) are kept on the same page as the last row, or moved to a new page.
   */
  end(gap = 8, keepAfter = 0): number {
    const doc = this.doc;
    doc.x = doc.page.margins.left;
    if (this.y + gap + keepAfter > bottomLimit(doc)) {
      doc.addPage();
      doc.y = doc.page.margins.top;
    } else doc.y = this.y + gap;
    return doc.y;
  }

  private ensure(height: number): void {
    if (this.y + height <= bottomLimit(this.doc)) return;
    this.newPage(true);
  }

  private newPage(repeatGroup: boolean): void {
    this.doc.addPage();
    this.y = this.doc.page.margins.top;
    this.drawHeader();
    if (repeatGroup && this.groupText !== null) {
      const text = `${this.groupText} ${this.continuedLabel}`;
      this.drawSpan(text, this.spanHeight(text));
    }
  }

  private cellWidth(i: number): number {
    return (this.widths[i] ?? 0) - 2 * this.style.padding;
  }

  /** pdfkit splits a word too long for its cell letter by letter ("Thumbprin/t"): shrink instead. */
  private fitHeaderSize(c: Column<R>, i: number): number {
    const { doc, style } = this;
    doc.font(FONT.bold).fontSize(style.headerSize);
    const widest = Math.max(
      ...clean(c.header.main)
        .split(/\s+/)
        .map((w) => doc.widthOfString(w)),
    );
    const w = this.cellWidth(i);
    return widest > w ? Math.max(5.5, (style.headerSize * w) / widest - 0.1) : style.headerSize;
  }

  /** Lines of each column's header (main, second): the same on every page, counted once. */
  private headerLines: Array<[number, number]> | null = null;

  private headerLineCounts(): Array<[number, number]> {
    if (this.headerLines) return this.headerLines;
    const { doc, style } = this;
    this.headerLines = this.columns.map((c, i) => {
      const w = this.cellWidth(i);
      const size = this.headerSizes[i] ?? style.headerSize;
      doc.font(FONT.bold).fontSize(size);
      const main = doc.heightOfString(clean(c.header.main), { width: w, align: 'center' });
      let second = 0;
      if (c.header.second) {
        doc.font(FONT.regular).fontSize(size * 0.8);
        second = doc.heightOfString(clean(c.header.second), { width: w, align: 'center' });
      }
      return [
        Math.round(main / this.advance(FONT.bold, size)),
        c.header.second ? Math.round(second / this.advance(FONT.regular, size * 0.8)) : 0,
      ];
    });
    return this.headerLines;
  }

  /** Height of column i's header text, as pdfkit would measure it at the current doc.y. */
  private headerTextHeight(i: number): number {
    const size = this.headerSizes[i] ?? this.style.headerSize;
    const [main, second] = this.headerLineCounts()[i] ?? [0, 0];
    let h = this.heightAt(main, FONT.bold, size);
    if (second > 0) h += this.heightAt(second, FONT.regular, size * 0.8);
    return h;
  }

  private headerHeight(): number {
    let h = 0;
    this.columns.forEach((_c, i) => (h = Math.max(h, this.headerTextHeight(i))));
    return h + 2 * this.style.padding;
  }

  private drawHeader(): void {
    const { doc, style } = this;
    const h = this.headerHeight();
    this.columns.forEach((c, i) => {
      const x = this.xs[i] ?? 0;
      const w = this.cellWidth(i);
      const size = this.headerSizes[i] ?? style.headerSize;
      this.box(x, this.y, this.widths[i] ?? 0, h);
      const textH = this.headerTextHeight(i);
      const ty = this.y + (h - textH) / 2;
      doc
        .font(FONT.bold)
        .fontSize(size)
        .text(clean(c.header.main), x + style.padding, ty, {
          width: w,
          align: 'center',
          height: h,
        });
      if (c.header.second) {
        doc
          .font(FONT.regular)
          .fontSize(size * 0.8)
          .text(clean(c.header.second), x + style.padding, doc.y, {
            width: w,
            align: 'center',
            height: h,
          });
      }
    });
    // A heavier rule under the header says where the body starts without any fill.
    this.line(this.xs[0] ?? 0, this.y + h, contentWidth(doc), RULE.heavy);
    this.y += h;
  }

  private spanHeight(text: string): number {
    const { doc, style } = this;
    doc.font(FONT.bold).fontSize(style.fontSize + 0.5);
    return (
      doc.heightOfString(clean(text), { width: contentWidth(doc) - 2 * style.padding }) +
      2 * style.padding +
      2
    );
  }

  private drawSpan(text: string, h: number): void {
    const { doc, style } = this;
    const x = doc.page.margins.left;
    this.box(x, this.y, contentWidth(doc), h);
    this.line(x, this.y, contentWidth(doc), RULE.heavy);
    doc
      .font(FONT.bold)
      .fontSize(style.fontSize + 0.5)
      .text(clean(text), x + style.padding, this.y + style.padding + 1, {
        width: contentWidth(doc) - 2 * style.padding,
        height: h,
      });
    this.y += h;
  }

  /** Advance of one line per font and size: what pdfkit adds to y per wrapped line. */
  private readonly advances = new Map<string, number>();

  private advance(font: string, size: number): number {
    const key = `${font}|${size}`;
    let a = this.advances.get(key);
    if (a === undefined) {
      // heightOfString returns (y + a) − y for one line: at y = 0 that is a exactly.
      const { doc } = this;
      const y = doc.y;
      doc.y = 0;
      a = doc.font(font).fontSize(size).heightOfString('X', { width: 1000 });
      doc.y = y;
      this.advances.set(key, a);
    }
    return a;
  }

  /**
   * What pdfkit's heightOfString gives `lines` lines at the current doc.y. It adds one line's
   * advance to y per line and subtracts the start, so the float result depends on y; the
   * same sum here keeps every row where it was to the last bit (the signed pages must not move).
   */
  private heightAt(lines: number, font: string, size: number): number {
    const a = this.advance(font, size);
    const y0 = this.doc.y;
    let y = y0;
    for (let k = 0; k < lines; k++) y += a;
    return y - y0;
  }

  /**
   * How many lines pdfkit's wrap gives this text in column i. Text that fits the cell's width
   * with room to spare and has no line break is one line: measuring its width (words shaped
   * once, cached) skips a full wrap. Near the edge, or with a line break, pdfkit's wrap decides.
   */
  private lineCount(
    text: string,
    i: number,
    bold: boolean,
  ): { lines: number; width: number | null } {
    const { doc, style } = this;
    doc.font(bold ? FONT.bold : FONT.regular).fontSize(style.fontSize);
    const width = this.cellWidth(i);
    if (tableMeasure.fastPath && !/[\n\r\u2028\u2029\t\u00ad]/.test(text) && text.trim() === text) {
      const w = doc.widthOfString(text);
      if (w < width - 1) return { lines: 1, width: w };
    }
    const lines = Math.round(
      doc.heightOfString(text, { width }) /
        this.advance(bold ? FONT.bold : FONT.regular, style.fontSize),
    );
    return { lines, width: null };
  }

  /** Each cell's text and line count, and the row's height (LineCounts: measured once). */
  private measureRow(r: R): MeasuredRow {
    const { style } = this;
    let h = style.minRowHeight;
    const cells = this.columns.map((c, i) => {
      if (c.square) h = Math.max(h, c.square + 2 * style.padding);
      if (!c.text) return null;
      const text = clean(c.text(r));
      if (!text) return null;
      const bold = c.bold ?? false;
      const { lines, width } = this.lineCount(text, i, bold);
      h = Math.max(
        h,
        this.heightAt(lines, bold ? FONT.bold : FONT.regular, style.fontSize) + 2 * style.padding,
      );
      return { text, lines, width };
    });
    return { height: Math.min(h, style.maxRowHeight), cells };
  }

  private drawRow(m: MeasuredRow): void {
    const { doc, style } = this;
    const h = m.height;
    this.columns.forEach((c, i) => {
      const x = this.xs[i] ?? 0;
      const cw = this.widths[i] ?? 0;
      this.box(x, this.y, cw, h);
      if (c.square) {
        const side = Math.min(c.square, cw - 2 * style.padding, h - 2 * style.padding);
        this.box(x + (cw - side) / 2, this.y + (h - side) / 2, side, side);
      }
      const cell = m.cells[i];
      if (!cell) return;
      const font = (c.bold ?? false) ? FONT.bold : FONT.regular;
      const avail = h - 2 * style.padding;
      // Measured at this doc.y, as pdfkit's own measure here would be (see heightAt).
      const th = Math.min(this.heightAt(cell.lines, font, style.fontSize), avail);
      doc.font(font).fontSize(style.fontSize);
      const ty = this.y + (h - th) / 2;
      const align = c.align ?? 'left';
      const fits = cell.width !== null && th >= this.advance(font, style.fontSize);
      const at = fits
        ? oneLineX(cell.text, cell.width ?? 0, x + style.padding, this.cellWidth(i), align)
        : null;
      if (at !== null) {
        // One line that fits: the fragment pdfkit's wrap would emit, without the wrap; x and
        // y left where the wrap leaves them (table-line.ts).
        doc.text(cell.text, at, ty, { lineBreak: false });
        doc.x = x + style.padding;
        doc.y = ty + this.advance(font, style.fontSize);
        return;
      }
      doc.text(cell.text, x + style.padding, ty, {
        width: this.cellWidth(i),
        height: avail,
        align,
        ellipsis: true,
      });
    });
    this.y += h;
  }

  private box(x: number, y: number, w: number, h: number): void {
    if (tableMeasure.fastPath) {
      // The very operators pdfkit writes for save · lineWidth · strokeColor(black) · rect ·
      // stroke · restore, in one write: a table's cells are most of an Acta's drawing calls
      // (compared byte for byte with the calls themselves in table-measure.test.ts).
      this.doc.addContent(
        `q\n${pdfNum(RULE.thin)} w\n/DeviceRGB CS\n0 0 0 SCN\n${pdfNum(x)} ${pdfNum(y)} ${pdfNum(w)} ${pdfNum(h)} re\nS\nQ`,
      );
      return;
    }
    this.doc
      .save()
      .lineWidth(RULE.thin)
      .strokeColor(RULE.black)
      .rect(x, y, w, h)
      .stroke()
      .restore();
  }

  private line(x: number, y: number, w: number, width: number): void {
    this.doc
      .save()
      .lineWidth(width)
      .strokeColor(RULE.black)
      .moveTo(x, y)
      .lineTo(x + w, y)
      .stroke()
      .restore();
  }
}
