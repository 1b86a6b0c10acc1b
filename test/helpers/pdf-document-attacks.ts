// The adversary's incremental updates of fixpdf (its incr.py, onepage_crop.py, xfa.py), written
// the way those scripts write them: objects redefined after the last revision, one xref section,
// a trailer with /Prev. Each leaves every page dictionary's drawing as sealed and changes what
// a reader shows through the page tree or the document: an inherited CropBox / Rotate /
// MediaBox on the page-tree root, one page moved under a new node carrying a CropBox, XFA with
// /NeedsRendering, an OpenAction or JavaScript name, /PageLabels, a changed Info /Title.

interface Tail {
  s: string;
  size: number;
  root: number;
  info: number | null;
  prev: number;
}

function tail(pdf: Buffer): Tail {
  const s = pdf.toString('latin1');
  const last = (re: RegExp) => [...s.matchAll(re)].at(-1)?.[1];
  const size = Number(last(/\/Size (\d+)/g));
  const root = Number(last(/\/Root (\d+) 0 R/g));
  const info = last(/\/Info (\d+) 0 R/g);
  const prev = Number(last(/startxref\s+(\d+)/g));
  if (!size || !root || !prev) throw new Error('cannot read the trailer');
  return { s, size, root, info: info === undefined ? null : Number(info), prev };
}

/** The body of object n as last written ("<< … >>"). */
export function lastDef(pdf: Buffer | string, n: number): string {
  const s = typeof pdf === 'string' ? pdf : pdf.toString('latin1');
  const all = [...s.matchAll(new RegExp(`(?<![0-9])${n} 0 obj\\s*`, 'g'))];
  const m = all.at(-1);
  if (!m) throw new Error(`object ${n} not found`);
  const start = m.index + m[0].length;
  return s.slice(start, s.indexOf('endobj', start)).trim();
}

/** A dictionary's text with entries added before its closing >>. */
const withEntries = (dict: string, entries: string) =>
  `${dict.slice(0, dict.lastIndexOf('>>'))}${entries}\n>>`;

/** Append one update redefining these objects; the trailer keeps /Root and /Info. */
export function update(pdf: Buffer, objects: Map<number, string>, size?: number): Buffer {
  const t = tail(pdf);
  let out = pdf.at(-1) === 0x0a ? pdf : Buffer.concat([pdf, Buffer.from('\n')]);
  const offs: [number, number][] = [];
  for (const [n, body] of objects) {
    offs.push([n, out.length]);
    out = Buffer.concat([out, Buffer.from(`${n} 0 obj\n${body}\nendobj\n`, 'latin1')]);
  }
  const xrefAt = out.length;
  let x = 'xref\n';
  for (const [n, off] of offs.sort((a, b) => a[0] - b[0]))
    x += `${n} 1\n${String(off).padStart(10, '0')} 00000 n \n`;
  const info = t.info === null ? '' : `/Info ${t.info} 0 R\n`;
  x += `trailer\n<<\n/Size ${size ?? t.size}\n/Root ${t.root} 0 R\n${info}/Prev ${t.prev}\n>>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([out, Buffer.from(x, 'latin1')]);
}

/** The page-tree root's object number (the catalog's /Pages). */
export function pagesRoot(pdf: Buffer): number {
  const t = tail(pdf);
  const n = /\/Pages (\d+) 0 R/.exec(lastDef(t.s, t.root))?.[1];
  if (!n) throw new Error('no /Pages');
  return Number(n);
}

/** Entries added to the page-tree root (inherited by every page that does not set them). */
export function onPagesRoot(pdf: Buffer, entries: string): Buffer {
  const n = pagesRoot(pdf);
  return update(pdf, new Map([[n, withEntries(lastDef(pdf, n), entries)]]));
}

/** Entries added to the catalog. */
export function onCatalog(pdf: Buffer, entries: string): Buffer {
  const t = tail(pdf);
  return update(pdf, new Map([[t.root, withEntries(lastDef(t.s, t.root), entries)]]));
}

/** Page object `page` moved under a new /Pages node that carries `entries` (its dict unchanged but /Parent). */
export function pageUnderNewNode(pdf: Buffer, page: number, entries: string): Buffer {
  const t = tail(pdf);
  const root = pagesRoot(pdf);
  const node = t.size;
  const kids = lastDef(t.s, root).replace(new RegExp(`(?<![0-9])${page} 0 R`), `${node} 0 R`);
  const pageDict = lastDef(t.s, page).replace(`/Parent ${root} 0 R`, `/Parent ${node} 0 R`);
  return update(
    pdf,
    new Map([
      [root, kids],
      [page, pageDict],
      [
        node,
        `<<\n/Type /Pages\n/Parent ${root} 0 R\n/Kids [${page} 0 R]\n/Count 1\n${entries}\n>>`,
      ],
    ]),
    t.size + 1,
  );
}

/** /NeedsRendering and an XFA template in the AcroForm (made when there is none). */
export function withXfa(pdf: Buffer): Buffer {
  const t = tail(pdf);
  const cat = lastDef(t.s, t.root);
  const acro = /\/AcroForm (\d+) 0 R/.exec(cat)?.[1];
  const xdp =
    '<?xml version="1.0"?><xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"><template xmlns="http://www.xfa.org/schema/xfa-template/3.3/"><subform name="f"><draw><value><text>ACTA: P-030 financiado</text></value></draw></subform></template></xdp:xdp>';
  const xfa = t.size;
  const objects = new Map<number, string>([
    [xfa, `<< /Length ${xdp.length} >>\nstream\n${xdp}\nendstream`],
  ]);
  if (acro) {
    objects.set(t.root, withEntries(cat, '/NeedsRendering true'));
    objects.set(Number(acro), withEntries(lastDef(t.s, Number(acro)), `/XFA ${xfa} 0 R`));
  } else
    objects.set(
      t.root,
      withEntries(cat, `/NeedsRendering true\n/AcroForm << /Fields [] /XFA ${xfa} 0 R >>`),
    );
  return update(pdf, objects, t.size + 1);
}

/** The Info dictionary's /Title replaced. */
export function withTitle(pdf: Buffer, title: string): Buffer {
  const t = tail(pdf);
  if (t.info === null) throw new Error('no /Info');
  const body = lastDef(t.s, t.info).replace(/\/Title\s*\((?:\\.|[^\\)])*\)/, '');
  return update(pdf, new Map([[t.info, withEntries(body, `/Title (${title})`)]]));
}

/** A document-level JavaScript in the Names dictionary (run on opening). */
export function withJavaScriptName(pdf: Buffer): Buffer {
  const t = tail(pdf);
  const cat = lastDef(t.s, t.root);
  const js = t.size;
  const names = /\/Names (\d+) 0 R/.exec(cat)?.[1];
  const entry = `/JavaScript << /Names [(a) ${js} 0 R] >>`;
  const objects = new Map<number, string>([
    [js, '<< /S /JavaScript /JS (app.alert\\("Acta oficial"\\);) >>'],
  ]);
  if (names) objects.set(Number(names), withEntries(lastDef(t.s, Number(names)), entry));
  else if (/\/Names\s*<</.test(cat))
    objects.set(t.root, cat.replace(/\/Names\s*<</, `/Names << ${entry}`));
  else objects.set(t.root, withEntries(cat, `/Names << ${entry} >>`));
  return update(pdf, objects, t.size + 1);
}

/** An XMP metadata stream added to the catalog (as Acrobat writes on saving), with this dc:title. */
export function withXmp(pdf: Buffer, title: string): Buffer {
  const t = tail(pdf);
  const xmp = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:ModifyDate>2026-05-20T12:00:00-05:00</xmp:ModifyDate><dc:title><rdf:Alt><rdf:li xml:lang="x-default">${title}</rdf:li></rdf:Alt></dc:title></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
  const n = t.size;
  const body = Buffer.from(xmp, 'utf8').toString('latin1');
  return update(
    pdf,
    new Map([
      [
        n,
        `<< /Type /Metadata /Subtype /XML /Length ${Buffer.byteLength(xmp)} >>\nstream\n${body}\nendstream`,
      ],
      [t.root, withEntries(lastDef(t.s, t.root), `/Metadata ${n} 0 R`)],
    ]),
    t.size + 1,
  );
}
