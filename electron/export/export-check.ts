// `minka check FILE --export F.json`: is an exported JSON document (full or open-data) a true
// copy of the workshop file? The file is exported again the same way, at the archived
// document's own export time, and every value is compared; each difference is named by its
// path (array elements by their id where they have one).
import { canonicalize } from '../../shared/canonical';
import { OPEN_EXPORT_FORMAT } from '../../shared/schemas/export-open';
import { EXPORT_FORMAT } from '../../shared/schemas/export';
import { openDataExport } from '../../shared/export/open-data';
import type { Db } from '../platform/db';
import { exportWorkshop } from './export';

export interface ExportDifference {
  /** Where the values differ, e.g. `attendance[id=…].checkedOutAt` or `chain.head`. */
  path: string;
  /** What the workshop file says (canonical JSON, shortened), or null where it has nothing. */
  file: string | null;
  /** What the export says, or null where it has nothing. */
  export: string | null;
}

export interface ExportComparison {
  ok: boolean;
  /** minka-workshop, minka-workshop-open, or null when the document is neither. */
  format: string | null;
  /** How many values (leaves) were compared. */
  compared: number;
  /** How many values differ (the first 50 are listed). */
  differing: number;
  differences: ExportDifference[];
}

const MAX_DIFFERENCES = 50;
const short = (x: unknown): string => {
  const s = canonicalize(x);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
};

function label(x: unknown, i: number): string {
  if (x && typeof x === 'object' && !Array.isArray(x)) {
    const o = x as Record<string, unknown>;
    for (const k of ['id', 'seq', 'n', 'venueId', 'organizationId', 'type'])
      if (typeof o[k] === 'string' || typeof o[k] === 'number') return `[${k}=${String(o[k])}]`;
  }
  return `[${i}]`;
}

function diff(
  want: unknown,
  got: unknown,
  path: string,
  out: ExportDifference[],
  n: { leaves: number; differ: number },
): void {
  if (Array.isArray(want) && Array.isArray(got)) {
    const len = Math.max(want.length, got.length);
    for (let i = 0; i < len; i++)
      diff(want[i], got[i], `${path}${label(want[i] ?? got[i], i)}`, out, n);
    return;
  }
  const isObj = (x: unknown): x is Record<string, unknown> =>
    x !== null && typeof x === 'object' && !Array.isArray(x);
  if (isObj(want) && isObj(got)) {
    for (const k of new Set([...Object.keys(want), ...Object.keys(got)]))
      diff(want[k], got[k], path ? `${path}.${k}` : k, out, n);
    return;
  }
  n.leaves++;
  if (want === undefined && got === undefined) return;
  if (want !== undefined && got !== undefined && canonicalize(want) === canonicalize(got)) return;
  n.differ++;
  if (out.length < MAX_DIFFERENCES)
    out.push({
      path,
      file: want === undefined ? null : short(want),
      export: got === undefined ? null : short(got),
    });
}

/** Compare an exported document (parsed JSON) with the workshop file it claims to copy. */
export function compareExport(db: Db, exported: unknown): ExportComparison {
  const doc = exported as Record<string, unknown> | null;
  const format =
    doc && typeof doc === 'object' && typeof doc['format'] === 'string' ? doc['format'] : null;
  if (format !== EXPORT_FORMAT && format !== OPEN_EXPORT_FORMAT)
    return { ok: false, format: null, compared: 0, differing: 0, differences: [] };
  const at =
    typeof doc?.['exportedAt'] === 'string' && !Number.isNaN(Date.parse(doc['exportedAt']))
      ? new Date(doc['exportedAt'])
      : new Date(0);
  const full = exportWorkshop(db, at);
  // Through JSON, as the archived copy went: what is compared is what a file would hold.
  const want = JSON.parse(
    JSON.stringify(format === OPEN_EXPORT_FORMAT ? openDataExport(full) : full),
  ) as unknown;
  const differences: ExportDifference[] = [];
  const n = { leaves: 0, differ: 0 };
  diff(want, exported, '', differences, n);
  return { ok: n.differ === 0, format, compared: n.leaves, differing: n.differ, differences };
}
