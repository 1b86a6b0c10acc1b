// What a reader shows as a document's title, author, subject and keywords: from the XMP
// metadata stream (dc:title, dc:creator, dc:description, pdf:Keywords) or the Info dictionary.
// Split from document-changes.ts, which compares them between the signed revision and the file
// (signing software may add or update XMP; only these shown values count). Read with regular
// expressions over the decoded packet, bounded (4 MB): a change Minka cannot read counts as one.
import { decodeText, type PdfDoc } from './pdf-objects';
import { decodeStream, type PdfVal, PStr, Stream } from './pdf-syntax';

/** The XMP properties a reader shows as title, author, subject and keywords. */
const XMP_SHOWN: [string, string][] = [
  ['dc:title', 'Title'],
  ['dc:creator', 'Author'],
  ['dc:description', 'Subject'],
  ['pdf:Keywords', 'Keywords'],
];
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Those XMP properties as text (markup dropped); undefined without an XMP stream. */
export function xmpShown(doc: PdfDoc, v: PdfVal | undefined): Map<string, string> | undefined {
  const st = doc.get(v);
  if (!(st instanceof Stream)) return undefined;
  const x = decodeStream(st, 4 * 1024 * 1024)?.toString('utf8') ?? '\0unreadable';
  const out = new Map<string, string>();
  for (const [tag, key] of XMP_SHOWN) {
    const m =
      new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`).exec(x) ??
      new RegExp(`${tag}="([^"]*)"`).exec(x);
    const text = (m?.[1] ?? '')
      .replace(/<[^>]*>/g, ' ')
      .replace(/&(amp|lt|gt|quot|apos);/g, (_m, e: string) => ENTITIES[e] ?? '')
      .replace(/\s+/g, ' ')
      .trim();
    out.set(key, x.startsWith('\0') ? x : text);
  }
  return out;
}

/** The Info dictionary's title, author, subject and keywords, as xmpShown names them. */
export function infoShown(doc: PdfDoc): Map<string, string> {
  const n = doc.o.info;
  const d = n === null || n === undefined ? undefined : doc.dict(doc.o.objects.get(n));
  const out = new Map<string, string>();
  for (const key of ['Title', 'Author', 'Subject', 'Keywords']) {
    const v = doc.get(d?.get(key));
    out.set(key, v instanceof PStr ? decodeText(v.v).replace(/\s+/g, ' ').trim() : '');
  }
  return out;
}
