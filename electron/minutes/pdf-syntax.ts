// The PDF value syntax (ISO 32000-1 §7.2-§7.3): a tokenizer and value parser for untrusted
// files (keys in any order, nested dictionaries, literal and hex strings, references), and
// FlateDecode under a size limit. Split from pdf-objects.ts so the xref reader (pdf-xref.ts)
// uses the same parser. Hand-written: pdf-lib / pdfjs-dist are not dependencies of this project
// (see the issue 15 report).
import { inflateSync } from 'node:zlib';

export class Name {
  constructor(readonly v: string) {}
}
export class Ref {
  constructor(
    readonly n: number,
    readonly g: number,
  ) {}
}
/** A string's bytes (latin1-decoded), whether written (literal) or <hex>. */
export class PStr {
  constructor(readonly v: string) {}
}
export class Stream {
  constructor(
    readonly dict: Dict,
    readonly raw: Buffer,
  ) {}
}
export type Dict = Map<string, PdfVal>;
export type PdfVal = number | boolean | null | Name | Ref | PStr | Dict | Stream | PdfVal[];

export const MAX_INFLATE = 32 * 1024 * 1024;
export const WS = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set('()<>[]{}/%'.split('').map((c) => c.charCodeAt(0)));

export class Parser {
  constructor(
    readonly s: string,
    public pos: number,
  ) {}

  ws(): void {
    const s = this.s;
    while (this.pos < s.length) {
      const c = s.charCodeAt(this.pos);
      if (WS.has(c)) this.pos++;
      else if (c === 0x25) {
        while (this.pos < s.length && s[this.pos] !== '\n' && s[this.pos] !== '\r') this.pos++;
      } else break;
    }
  }

  word(): string {
    const start = this.pos;
    while (this.pos < this.s.length) {
      const c = this.s.charCodeAt(this.pos);
      if (WS.has(c) || DELIM.has(c)) break;
      this.pos++;
    }
    return this.s.slice(start, this.pos);
  }

  value(depth = 0): PdfVal {
    if (depth > 64) throw new Error('nesting');
    this.ws();
    const s = this.s;
    const c = s[this.pos];
    if (c === undefined) throw new Error('eof');
    if (c === '<' && s[this.pos + 1] === '<') {
      this.pos += 2;
      const d: Dict = new Map();
      for (;;) {
        this.ws();
        if (s.startsWith('>>', this.pos)) {
          this.pos += 2;
          return d;
        }
        const k = this.value(depth + 1);
        if (!(k instanceof Name)) throw new Error('dict key');
        d.set(k.v, this.value(depth + 1));
      }
    }
    if (c === '<') {
      const end = s.indexOf('>', this.pos);
      if (end < 0) throw new Error('hex');
      let hex = s.slice(this.pos + 1, end).replace(/[^0-9a-fA-F]/g, '');
      if (hex.length % 2) hex += '0';
      this.pos = end + 1;
      return new PStr(Buffer.from(hex, 'hex').toString('latin1'));
    }
    if (c === '[') {
      this.pos++;
      const a: PdfVal[] = [];
      for (;;) {
        this.ws();
        if (s[this.pos] === ']') {
          this.pos++;
          return a;
        }
        if (this.pos >= s.length) throw new Error('array');
        a.push(this.value(depth + 1));
      }
    }
    if (c === '(') return this.literal();
    if (c === '/') {
      this.pos++;
      return new Name(
        this.word().replace(/#([0-9a-fA-F]{2})/g, (_m, h: string) =>
          String.fromCharCode(parseInt(h, 16)),
        ),
      );
    }
    const w = this.word();
    if (w === '') {
      this.pos++;
      throw new Error(`unexpected ${c}`);
    }
    if (w === 'true') return true;
    if (w === 'false') return false;
    if (w === 'null') return null;
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(w)) {
      // "n g R" is a reference.
      const save = this.pos;
      if (/^\d+$/.test(w)) {
        this.ws();
        const g = this.word();
        if (/^\d+$/.test(g)) {
          this.ws();
          if (
            s[this.pos] === 'R' &&
            (this.pos + 1 >= s.length ||
              WS.has(s.charCodeAt(this.pos + 1)) ||
              DELIM.has(s.charCodeAt(this.pos + 1)))
          ) {
            this.pos++;
            return new Ref(Number(w), Number(g));
          }
        }
      }
      this.pos = save;
      return Number(w);
    }
    throw new Error(`keyword ${w.slice(0, 20)}`);
  }

  literal(): PStr {
    const s = this.s;
    let depth = 0;
    let out = '';
    this.pos++;
    while (this.pos < s.length) {
      const c = s[this.pos++] as string;
      if (c === '\\') {
        const e = s[this.pos++] ?? '';
        const map: Record<string, string> = {
          n: '\n',
          r: '\r',
          t: '\t',
          b: '\b',
          f: '\f',
          '(': '(',
          ')': ')',
          '\\': '\\',
        };
        if (map[e] !== undefined) out += map[e];
        else if (/[0-7]/.test(e)) {
          let oct = e;
          while (oct.length < 3 && /[0-7]/.test(s[this.pos] ?? '')) oct += s[this.pos++];
          out += String.fromCharCode(parseInt(oct, 8) & 0xff);
        } else if (e === '\r') {
          if (s[this.pos] === '\n') this.pos++;
        } else if (e !== '\n') out += e;
      } else if (c === '(') {
        depth++;
        out += c;
      } else if (c === ')') {
        if (depth-- === 0) return new PStr(out);
        out += c;
      } else out += c;
    }
    throw new Error('string');
  }
}

export function isDict(v: PdfVal | undefined): v is Dict {
  return v instanceof Map;
}

/** Inflate a stream (FlateDecode, no predictor) or return it as is; null for other filters. */
export function decodeStream(st: Stream, limit = MAX_INFLATE): Buffer | null {
  const f = st.dict.get('Filter');
  const filters =
    f instanceof Name
      ? [f.v]
      : Array.isArray(f)
        ? f.map((x) => (x instanceof Name ? x.v : '?'))
        : [];
  let data: Buffer = st.raw;
  for (const name of filters) {
    if (name !== 'FlateDecode') return null;
    const parms = st.dict.get('DecodeParms');
    if (
      isDict(parms) &&
      typeof parms.get('Predictor') === 'number' &&
      (parms.get('Predictor') as number) > 1
    )
      return null;
    try {
      data = inflateSync(data, { maxOutputLength: limit });
    } catch {
      return null;
    }
  }
  return data;
}
