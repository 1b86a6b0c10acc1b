// Ways to tamper with a sealed PDF the way a person with a hex editor or a PDF tool would:
// rewrite a stream (the attached payload, a page's text) with a correct /Length so that
// ordinary readers still open the file. Used to prove the verifier notices.
import { deflateSync, inflateSync } from 'node:zlib';

export interface PdfStream {
  obj: number;
  dict: string;
  /** Byte offsets of the dictionary's "<<" and of the stream data. */
  dictStart: number;
  dataStart: number;
  length: number;
  data: Buffer;
}

export function streams(pdf: Buffer): PdfStream[] {
  const s = pdf.toString('latin1');
  const out: PdfStream[] = [];
  const re = /(\d+) 0 obj\n<<((?:(?!endobj)[\s\S])*?)>>\nstream\n/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const len = Number(/\/Length (\d+)/.exec(m[2] ?? '')?.[1] ?? -1);
    const dataStart = m.index + m[0].length;
    const raw = pdf.subarray(dataStart, dataStart + len);
    let data: Buffer;
    try {
      data = /FlateDecode/.test(m[2] ?? '') ? inflateSync(raw) : Buffer.from(raw);
    } catch {
      continue;
    }
    out.push({
      obj: Number(m[1]),
      dict: m[2] ?? '',
      dictStart: m.index + (m[1] ?? '').length + ' 0 obj\n'.length,
      dataStart,
      length: len,
      data,
    });
    re.lastIndex = dataStart + len;
  }
  return out;
}

/** Replace one stream's decoded content, re-compressing and fixing its /Length. */
export function replaceStream(pdf: Buffer, st: PdfStream, data: Buffer): Buffer {
  const packed = /FlateDecode/.test(st.dict) ? deflateSync(data) : data;
  const dict = `<<${st.dict.replace(/\/Length \d+/, `/Length ${packed.length}`)}>>\nstream\n`;
  return Buffer.concat([
    pdf.subarray(0, st.dictStart),
    Buffer.from(dict, 'latin1'),
    packed,
    pdf.subarray(st.dataStart + st.length),
  ]);
}

/** The attached file with this name (its EmbeddedFile stream). */
export function attachmentStream(pdf: Buffer, name: string): PdfStream {
  const s = pdf.toString('latin1');
  const spec = new RegExp(`/F \\(${name.replace(/\./g, '\\.')}\\)\\n/EF <<\\n/F (\\d+) 0 R`).exec(
    s,
  );
  const st = streams(pdf).find((x) => x.obj === Number(spec?.[1]));
  if (!st) throw new Error(`no attachment ${name}`);
  return st;
}

/** Glyph code → character for every ToUnicode map, keyed by the font object number. */
function toUnicodeMaps(pdf: Buffer): Map<number, Map<string, string>> {
  const all = streams(pdf);
  const byObj = new Map(all.map((x) => [x.obj, x]));
  const s = pdf.toString('latin1');
  const maps = new Map<number, Map<string, string>>();
  const fontRe = /(\d+) 0 obj\n<<\n\/Type \/Font\n\/Subtype \/Type0[\s\S]*?\/ToUnicode (\d+) 0 R/g;
  for (let m = fontRe.exec(s); m; m = fontRe.exec(s)) {
    const cmap = byObj.get(Number(m[2]))?.data.toString('latin1') ?? '';
    const map = new Map<string, string>();
    const range = /<([0-9a-f]{4})> <[0-9a-f]{4}> \[([^\]]*)\]/g;
    for (let r = range.exec(cmap); r; r = range.exec(cmap)) {
      let code = parseInt(r[1] ?? '0', 16);
      for (const u of (r[2] ?? '').match(/<[0-9a-f ]+>/g) ?? []) {
        const chars = u
          .slice(1, -1)
          .split(' ')
          .map((h) => String.fromCharCode(parseInt(h, 16)))
          .join('');
        map.set(code.toString(16).padStart(4, '0'), chars);
        code++;
      }
    }
    maps.set(Number(m[1]), map);
  }
  return maps;
}

/**
 * Change visible text on the pages: in the first text run that shows `from`, swap the
 * glyphs for the ones of `to` (same length, characters already in the font). Returns null
 * when no page shows `from` in one run.
 */
export function editVisibleText(pdf: Buffer, from: string, to: string): Buffer | null {
  if (from.length !== to.length) throw new Error('same length only');
  const maps = toUnicodeMaps(pdf);
  const s = pdf.toString('latin1');
  for (const st of streams(pdf)) {
    const text = st.data.toString('latin1');
    if (!text.includes(' TJ')) continue;
    // Fonts of this page: /F2 9 0 R … in the page's resources; try each map.
    for (const map of maps.values()) {
      const rev = new Map([...map].map(([code, ch]) => [ch, code]));
      const enc = (str: string) => [...str].map((c) => rev.get(c));
      const fromCodes = enc(from);
      const toCodes = enc(to);
      if (fromCodes.some((c) => !c) || toCodes.some((c) => !c)) continue;
      const needle = fromCodes.join('');
      const at = text.indexOf(needle);
      if (at < 0) continue;
      const edited = text.slice(0, at) + toCodes.join('') + text.slice(at + needle.length);
      void s;
      return replaceStream(pdf, st, Buffer.from(edited, 'latin1'));
    }
  }
  return null;
}
