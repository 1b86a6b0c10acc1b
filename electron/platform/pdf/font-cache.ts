// Process-wide font work (issue 18). pdfkit parses each TTF again for every document and
// shapes every word again (fontkit's GSUB/GPOS layout) in a cache that dies with the
// document. Sealing and then verifying, or printing several lists, repeated all of it. Here
// the parsed fontkit font is made once per process and every document's font shares one
// word-layout cache per font. Shaping is a pure function of (font file, word): a cached run
// is exactly what pdfkit would compute, so the bytes drawn do not change (tested in
// table-measure.test.ts). pdfkit has no public hook for either, so this file reaches into two
// of its fields (`_font`, `layoutCache`), in one place, checked at run time.
import PDFDocument from 'pdfkit';

type Doc = PDFKit.PDFDocument;

/** What pdfkit's EmbeddedFont exposes that we use. */
interface EmbeddedFontLike {
  font: object;
  layoutCache?: Record<string, unknown>;
  /** Subset glyph id → the code points the ToUnicode map gives it. */
  unicode?: number[][];
  subset?: { glyphs?: number[] };
  toUnicodeCmap?: () => unknown;
}

interface CmapFont {
  _cmapProcessor?: { codePointsForGlyph?: (gid: number) => number[] };
}

/** Words kept per font before the cache starts again: bounds the memory of a long-running app. */
const MAX_WORDS = 50_000;

const parsed = new Map<Buffer, object>();
const layouts = new WeakMap<object, Record<string, unknown>>();

/** Switch for tests: false gives pdfkit's own per-document behaviour. */
export const fontSharing = { enabled: true };

/** The fontkit font for a TTF buffer, parsed once per process (pdfkit accepts it as a source). */
export function sharedFont(file: Buffer): Buffer | object {
  if (!fontSharing.enabled) return file;
  let font = parsed.get(file);
  if (!font) {
    const probe = new PDFDocument({ autoFirstPage: false });
    probe.registerFont('probe', file);
    probe.font('probe');
    const f = (probe as unknown as { _font?: EmbeddedFontLike })._font?.font;
    if (!f || typeof (f as { layout?: unknown }).layout !== 'function') return file;
    font = f;
    parsed.set(file, font);
  }
  return font;
}

function layoutCacheOf(font: object): Record<string, unknown> {
  let words = layouts.get(font);
  // Bounded: a long-running app that prints many documents starts the cache again.
  if (!words || Object.keys(words).length > MAX_WORDS) {
    words = Object.create(null) as Record<string, unknown>;
    layouts.set(font, words);
  }
  return words;
}

/** Make every font this document selects use the process-wide word-layout cache of its font. */
export function shareLayouts(doc: Doc): void {
  if (!fontSharing.enabled) return;
  const original = doc.font.bind(doc) as (...args: unknown[]) => Doc;
  const seen = new Set<object>();
  const patched = (...args: unknown[]): Doc => {
    original(...args);
    const current = (doc as unknown as { _font?: EmbeddedFontLike })._font;
    if (current?.layoutCache && !seen.has(current)) {
      seen.add(current);
      const words = layoutCacheOf(current.font);
      Object.assign(words, current.layoutCache);
      current.layoutCache = words;
    }
    return doc;
  };
  (doc as unknown as { font: typeof patched }).font = patched;
}

/**
 * The ToUnicode map (how a copied or searched glyph reads as text) made from the font alone.
 * pdfkit records, for each glyph, the code points fontkit's glyph object carries, and fontkit
 * keeps the first glyph object it made for an id: whether 'N' reads as "N" or as nothing
 * depended on which text the font had shaped before (an 'Ñ' decomposed first, or drawn as a
 * composite, leaves 'N' without code points). With the parsed font shared across documents,
 * an Acta sealed after another print and redrawn in a fresh process differed in that map, and
 * a verifier would have called it tampered. So: the smallest code point the font's own cmap
 * maps to the glyph (a Latin ligature, U+FB00–FB06, as its letters); glyph objects' code
 * points only for glyphs the cmap does not reach (ligatures fontkit makes from their letters).
 * Applies with and without sharing.
 */
export function canonicalUnicode(doc: Doc): void {
  const original = doc.font.bind(doc) as (...args: unknown[]) => Doc;
  const seen = new Set<object>();
  const patched = (...args: unknown[]): Doc => {
    original(...args);
    const current = (doc as unknown as { _font?: EmbeddedFontLike })._font;
    if (current && !seen.has(current) && typeof current.toUnicodeCmap === 'function') {
      seen.add(current);
      const write = current.toUnicodeCmap.bind(current);
      current.toUnicodeCmap = () => {
        const cmap = (current.font as CmapFont)._cmapProcessor;
        const ids = current.subset?.glyphs ?? [];
        const unicode = current.unicode ?? [];
        for (let gid = 1; gid < unicode.length; gid++) {
          const id = ids[gid];
          const cps = id === undefined ? [] : (cmap?.codePointsForGlyph?.(id) ?? []);
          if (cps.length === 0) continue;
          const c = Math.min(...cps);
          // The fi, fl, ffi … ligatures read as their letters (as pdfkit's own path reads them).
          unicode[gid] =
            c >= 0xfb00 && c <= 0xfb06
              ? [...String.fromCodePoint(c).normalize('NFKC')].map((ch) => ch.codePointAt(0) ?? 0)
              : [c];
        }
        return write();
      };
    }
    return doc;
  };
  (doc as unknown as { font: typeof patched }).font = patched;
}
