// The cross-reference chain of a PDF (ISO 32000-1 §7.5.4-§7.5.8): startxref, classic tables
// and xref streams (PNG predictors), a hybrid file's /XRefStm, /Prev, newest section first; and
// the objects it names, which are the ones PDF viewers show. Hand-written beside pdf-objects.ts
// (same parser, pdf-syntax.ts) because pdf-lib / pdfjs-dist are not dependencies of this
// project; bounded (1000 sections, the caller's deadline) and strict: any entry that does not
// point at a readable object makes the chain null, and the caller falls back to scanning.
import {
  type Dict,
  isDict,
  Name,
  Parser,
  type PdfVal,
  Ref,
  Stream,
  WS,
  decodeStream,
} from './pdf-syntax';

export type XrefEntry =
  { type: 1; off: number } | { type: 2; stm: number; idx: number } | { type: 0 };

export interface XrefChain {
  /** Newest entry per object number. */
  entries: Map<number, XrefEntry>;
  /** Every in-use offset any section names (older revisions included) and each xref stream's. */
  named: Set<number>;
  root: number | null;
  /** The newest trailer's /Info object number (the document information dictionary). */
  info: number | null;
}

/** PNG predictors (10-15) on rows of `columns` bytes, as xref streams use (Predictor 12). */
function unpredict(data: Buffer, columns: number): Buffer | null {
  const row = columns + 1;
  if (columns <= 0 || data.length % row !== 0) return null;
  const out = Buffer.alloc((data.length / row) * columns);
  const prev = Buffer.alloc(columns);
  for (let r = 0; r * row < data.length; r++) {
    const type = data[r * row] as number;
    const cur = Buffer.from(data.subarray(r * row + 1, (r + 1) * row));
    for (let i = 0; i < columns; i++) {
      const a = i > 0 ? (cur[i - 1] as number) : 0;
      const b = prev[i] as number;
      const c = i > 0 ? (prev[i - 1] as number) : 0;
      let add = 0;
      if (type === 1) add = a;
      else if (type === 2) add = b;
      else if (type === 3) add = (a + b) >> 1;
      else if (type === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        add = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else if (type !== 0) return null;
      cur[i] = ((cur[i] as number) + add) & 0xff;
    }
    cur.copy(prev);
    cur.copy(out, r * columns);
  }
  return out;
}

/** Skip white space (not comments) from `at`: where an xref offset's object really starts. */
export function skipWs(s: string, at: number): number {
  let i = at;
  while (i < s.length && WS.has(s.charCodeAt(i))) i++;
  return i;
}

/**
 * Follow the cross-reference chain from the last startxref. Null when any section cannot be
 * read (the caller then falls back to scanning, as viewers rebuild a broken xref).
 */
export function readXrefChain(buf: Buffer, s: string, deadline: number): XrefChain | null {
  const starts = [...s.slice(Math.max(0, s.length - 4096)).matchAll(/startxref\s+(\d+)/g)];
  const last = starts.at(-1);
  if (!last) return null;
  const entries = new Map<number, XrefEntry>();
  const named = new Set<number>();
  let root: number | null = null;
  let info: number | null = null;
  const seen = new Set<number>();
  const queue: number[] = [Number(last[1])];
  const set = (n: number, e: XrefEntry) => {
    if (e.type === 1) named.add(e.off);
    if (!entries.has(n)) entries.set(n, e);
  };
  while (queue.length > 0) {
    if (Date.now() > deadline) throw new Error('timeout');
    const at = queue.shift() as number;
    if (seen.has(at) || seen.size > 1000 || at < 0 || at >= s.length) return null;
    seen.add(at);
    const pos = skipWs(s, at);
    let trailer: Dict;
    if (s.startsWith('xref', pos)) {
      const p = new Parser(s, pos + 4);
      for (;;) {
        p.ws();
        if (s.startsWith('trailer', p.pos)) break;
        const sub = /^(\d+)\s+(\d+)/.exec(s.slice(p.pos, p.pos + 40));
        if (!sub) return null;
        const first = Number(sub[1]);
        const count = Number(sub[2]);
        p.pos += sub[0].length;
        const re = /\s*(\d{10})\s(\d{5})\s([nf])/y;
        for (let i = 0; i < count; i++) {
          re.lastIndex = p.pos;
          const e = re.exec(s);
          if (!e) return null;
          p.pos = re.lastIndex;
          set(first + i, e[3] === 'n' ? { type: 1, off: Number(e[1]) } : { type: 0 });
        }
      }
      p.pos += 'trailer'.length;
      let t: PdfVal;
      try {
        t = p.value();
      } catch {
        return null;
      }
      if (!isDict(t)) return null;
      trailer = t;
      const stm = trailer.get('XRefStm');
      // A hybrid file's xref stream: older than this table's entries, newer than /Prev's.
      if (typeof stm === 'number') queue.unshift(stm);
    } else {
      const head = /^(\d{1,9})\s+(\d{1,5})\s+obj\b/.exec(s.slice(pos, pos + 40));
      if (!head) return null;
      const p = new Parser(s, pos + head[0].length);
      let d: PdfVal;
      try {
        d = p.value();
      } catch {
        return null;
      }
      p.ws();
      if (!isDict(d) || (d.get('Type') as Name | undefined)?.v !== 'XRef') return null;
      if (!s.startsWith('stream', p.pos)) return null;
      let start = p.pos + 'stream'.length;
      if (s[start] === '\r') start++;
      if (s[start] === '\n') start++;
      const len = d.get('Length');
      if (typeof len !== 'number' || start + len > buf.length) return null;
      named.add(at);
      const st = new Stream(
        new Map([...d].filter(([k]) => k !== 'DecodeParms')),
        buf.subarray(start, start + len),
      );
      let data = decodeStream(st);
      if (!data) return null;
      const parms = d.get('DecodeParms');
      const pred = isDict(parms) ? parms.get('Predictor') : undefined;
      const w = d.get('W');
      if (!Array.isArray(w) || w.length !== 3 || !w.every((x) => typeof x === 'number'))
        return null;
      const [w0, w1, w2] = w;
      const width = (w0 as number) + (w1 as number) + (w2 as number);
      if (typeof pred === 'number' && pred >= 10) {
        const cols = isDict(parms) ? parms.get('Columns') : undefined;
        data = unpredict(data, typeof cols === 'number' ? cols : 1);
        if (!data) return null;
      } else if (typeof pred === 'number' && pred > 1) return null;
      const size = d.get('Size');
      const index = d.get('Index');
      const ranges = Array.isArray(index)
        ? (index as number[])
        : [0, typeof size === 'number' ? size : 0];
      const field = (o: number, n: number, dflt: number) => {
        if (n === 0) return dflt;
        let v = 0;
        for (let i = 0; i < n; i++) v = v * 256 + (data[o + i] as number);
        return v;
      };
      let o = 0;
      for (let r = 0; r + 1 < ranges.length; r += 2) {
        const first = ranges[r];
        const count = ranges[r + 1];
        if (typeof first !== 'number' || typeof count !== 'number') return null;
        for (let i = 0; i < count; i++, o += width) {
          if (o + width > data.length) return null;
          const type = field(o, w0 as number, 1);
          const f2 = field(o + (w0 as number), w1 as number, 0);
          const f3 = field(o + (w0 as number) + (w1 as number), w2 as number, 0);
          set(
            first + i,
            type === 1
              ? { type: 1, off: f2 }
              : type === 2
                ? { type: 2, stm: f2, idx: f3 }
                : { type: 0 },
          );
        }
      }
      trailer = d;
    }
    if (root === null && trailer.get('Root') instanceof Ref) root = (trailer.get('Root') as Ref).n;
    if (info === null && trailer.get('Info') instanceof Ref) info = (trailer.get('Info') as Ref).n;
    const prev = trailer.get('Prev');
    if (typeof prev === 'number') queue.push(prev);
  }
  return { entries, named, root, info };
}

/**
 * The objects a viewer sees: each xref entry's definition (in use at its offset, or a member of
 * an object stream). Null when an entry points at nothing readable (a broken xref: fall back).
 */
export function resolveXref(
  chain: XrefChain,
  defs: Map<number, { n: number; v: PdfVal }>,
  s: string,
): { objects: Map<number, PdfVal>; offsets: Map<number, number> } | null {
  const objects = new Map<number, PdfVal>();
  const offsets = new Map<number, number>();
  const members: { n: number; stm: number; idx: number }[] = [];
  for (const [n, e] of chain.entries) {
    if (e.type === 0) continue;
    if (e.type === 2) {
      members.push({ n, stm: e.stm, idx: e.idx });
      continue;
    }
    if (n === 0) continue;
    const at = skipWs(s, e.off);
    const d = defs.get(at);
    if (!d || d.n !== n) return null;
    objects.set(n, d.v);
    offsets.set(n, at);
  }
  const parsed = new Map<number, { text: string; first: number; head: number[] } | null>();
  for (const m of members) {
    if (!parsed.has(m.stm)) {
      const st = objects.get(m.stm);
      let entry: { text: string; first: number; head: number[] } | null = null;
      if (st instanceof Stream) {
        const data = decodeStream(st);
        const first = st.dict.get('First');
        if (data && typeof first === 'number') {
          const text = data.toString('latin1');
          entry = { text, first, head: text.slice(0, first).trim().split(/\s+/).map(Number) };
        }
      }
      parsed.set(m.stm, entry);
    }
    const p = parsed.get(m.stm);
    if (!p) return null;
    if (p.head[2 * m.idx] !== m.n) return null;
    try {
      objects.set(m.n, new Parser(p.text, p.first + (p.head[2 * m.idx + 1] as number)).value());
      offsets.set(m.n, offsets.get(m.stm) ?? 0);
    } catch {
      // An unreadable member is left out, like any unreadable object.
    }
  }
  return { objects, offsets };
}
