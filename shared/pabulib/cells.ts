// Cells and headers of .pb rows, shared by the section readers.
import type { Row } from './csv';
import { PbParseError } from './errors';

export function present(cell: string | undefined): cell is string {
  if (cell === undefined || cell === '') return false;
  // Cheap length test first: this runs for every cell of every vote row.
  return cell.length < 4 || cell.trim().toLowerCase() !== 'none';
}

export function columns(
  sec: { line: number; header: string[] },
  required: string[],
  section: string,
): Map<string, number> {
  const idx = new Map<string, number>();
  sec.header.forEach((h, i) => {
    if (idx.has(h)) throw new PbParseError('pb.badHeader', sec.line + 1, { section });
    idx.set(h, i);
  });
  for (const r of required)
    if (!idx.has(r)) throw new PbParseError('pb.badHeader', sec.line + 1, { section });
  return idx;
}

export function fieldsOf(r: Row, header: string[], skip: Set<string>): Record<string, string> {
  const f: Record<string, string> = {};
  header.forEach((h, i) => {
    const v = r.cells[i];
    if (!skip.has(h) && present(v)) f[h] = v;
  });
  return f;
}
