// Issue 18: a table cell measured as one line that fits (no break, no ellipsis) is drawn as the
// one fragment pdfkit's wrap would emit, without wrapping and measuring it again. Where pdfkit
// would put it is computed here with the same float operations as its LineWrapper and
// _fragment, so the bytes are the same as pdfkit's own path (table-measure.test.ts).

/** A text the line breaker leaves whole: Latin-script letters and digits only. */
const ONE_WORD = /^[\p{Lu}\p{Ll}\p{Nd}]+$/u;

/** pdfkit's PDFNumber: the nearest float32 not above n (how its wrap sums word widths). */
function float32Down(n: number): number {
  const r = Math.fround(n);
  if (r <= n) return r;
  const f = new Float32Array([n]);
  const u = new Uint32Array(f.buffer);
  u[0] = (u[0] ?? 0) + (n > 0 ? -1 : 1);
  return f[0] ?? n;
}

/**
 * The x pdfkit's wrap would draw a one-line text at, in a cell starting at `left`, `cellWidth`
 * wide; `width` is the text's doc.widthOfString. Null when only the wrap knows (a centred text
 * of several words: pdfkit centres on its sum of word widths).
 */
export function oneLineX(
  text: string,
  width: number,
  left: number,
  cellWidth: number,
  align: 'left' | 'center' | 'right',
): number | null {
  // LineWrapper's lineWidth: width × horizontal scaling (100) / 100, one column.
  const lineWidth = (cellWidth * 100) / 100;
  if (align === 'left') return left;
  if (align === 'right') return left + (lineWidth - width);
  return ONE_WORD.test(text) ? left + (lineWidth / 2 - float32Down(width) / 2) : null;
}
