// XLSX plan files, read with read-excel-file (MIT, pure JavaScript: fflate + a SAX parser,
// no native code, no eval; pinned). Numbers come back as the digits the workbook stores
// (never through a binary float here), so amounts stay exact; dates as ISO days. The file is
// untrusted: its size and the declared unpacked size of its parts are bounded first.
import type { CsvRow } from '../../shared/csv/parse';
import { locateHeader, type PlanTable } from '../../shared/plan/import';
import { headerScore } from '../../shared/plan/columns';

export const MAX_XLSX_BYTES = 20 * 1024 * 1024;
const MAX_UNPACKED = 200 * 1024 * 1024;

export class XlsxError extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
  }
}

export const isXlsx = (bytes: Uint8Array) =>
  bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** Sum of the uncompressed sizes the ZIP's central directory declares (a zip bomb declares a lot). */
export function declaredUnpackedSize(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) !== 0x06054b50) continue;
    const entries = view.getUint16(i + 10, true);
    let at = view.getUint32(i + 16, true);
    let total = 0;
    for (let n = 0; n < entries; n++) {
      if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null;
      total += view.getUint32(at + 24, true);
      at +=
        46 +
        view.getUint16(at + 28, true) +
        view.getUint16(at + 30, true) +
        view.getUint16(at + 32, true);
    }
    return total;
  }
  return null;
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return String(v);
  return '';
}

/** Read one sheet (by name, or the one that looks most like a plan) of an XLSX file. Throws XlsxError. */
export async function readPlanXlsx(
  bytes: Uint8Array,
  sheetName?: string | null,
): Promise<PlanTable> {
  if (bytes.length > MAX_XLSX_BYTES)
    throw new XlsxError('plan.file.tooLarge', { mb: MAX_XLSX_BYTES / 1048576 });
  const unpacked = declaredUnpackedSize(bytes);
  if (unpacked === null) throw new XlsxError('plan.file.xlsxUnreadable');
  if (unpacked > MAX_UNPACKED)
    throw new XlsxError('plan.file.tooLarge', { mb: MAX_UNPACKED / 1048576 });
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    // parseNumber keeps the stored digits: "1234567.89" stays a string, never a float.
    // The reader loads on first use: nobody at the door pays for it at start-up.
    const { default: readXlsxFile } = await import('read-excel-file/node');
    sheets = await readXlsxFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      parseNumber: (s: string) => s,
    });
  } catch {
    throw new XlsxError('plan.file.xlsxUnreadable');
  }
  if (sheets.length === 0) throw new XlsxError('plan.file.empty');
  const tables = sheets.map((s) => {
    const records: CsvRow[] = [];
    s.data.forEach((row, i) => {
      const cells = row.map(cellText);
      while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
      if (cells.some((c) => c.trim() !== '')) records.push({ line: i + 1, cells });
    });
    return { name: s.sheet, records };
  });
  const chosen = sheetName
    ? tables.find((t) => t.name === sheetName)
    : [...tables].sort((a, b) => score(b.records) - score(a.records))[0];
  if (!chosen) throw new XlsxError('plan.file.noSheet', { sheet: sheetName ?? '' });
  if (chosen.records.length === 0) throw new XlsxError('plan.file.empty');
  return {
    source: 'xlsx',
    encoding: null,
    delimiter: null,
    sheet: chosen.name,
    sheets: tables.map((t) => t.name),
    ...locateHeader(chosen.records),
  };
}

function score(records: CsvRow[]): number {
  let best = 0;
  for (const r of records.slice(0, 20)) best = Math.max(best, headerScore(r.cells));
  return best * 1_000_000 + records.length;
}
