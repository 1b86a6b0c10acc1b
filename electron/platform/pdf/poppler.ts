// Test helpers: read printed PDFs back with poppler-utils (pdftotext, pdfinfo, pdffonts),
// the same tools an official or reviewer might use, so tests assert on what a reader gets.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function withFile<T>(pdf: Buffer, fn: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'minka-pdf-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    return fn(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Text of each page (pdftotext separates pages with a form feed): in reading order, or with
 * `layout` as laid out on the page, so that things side by side stay on one line.
 */
export function pageTexts(pdf: Buffer, opts: { layout?: boolean } = {}): string[] {
  const args = ['-enc', 'UTF-8', ...(opts.layout ? ['-layout'] : [])];
  const text = withFile(pdf, (f) =>
    execFileSync('pdftotext', [...args, f, '-'], { encoding: 'utf8' }),
  );
  const pages = text.split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}

/** All text with runs of whitespace folded to one space, for substring assertions. */
export function flatText(pdf: Buffer): string {
  return pageTexts(pdf).join(' ').replace(/\s+/g, ' ');
}

/** pdfinfo's "Key: value" lines as a map (Pages, Title, Author, CreationDate, Page size…). */
export function pdfInfo(pdf: Buffer): Map<string, string> {
  const out = withFile(pdf, (f) => execFileSync('pdfinfo', ['-isodates', f], { encoding: 'utf8' }));
  const info = new Map<string, string>();
  for (const line of out.split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m?.[1] && m[2] !== undefined) info.set(m[1].trim(), m[2].trim());
  }
  return info;
}

/** Font names used in the PDF, with whether each is embedded. */
export function pdfFonts(pdf: Buffer): { name: string; embedded: boolean }[] {
  const out = withFile(pdf, (f) => execFileSync('pdffonts', [f], { encoding: 'utf8' }));
  // Skip the two header lines; columns: name type encoding emb sub uni object ID.
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      return { name: cols[0] ?? '', embedded: cols.at(-5) === 'yes' };
    });
}
