// Plan reconciliation benchmark (issue 7): reading a provincial-size MEF download (20,000
// budget lines in CSV; 5,000 rows in XLSX), importing it with exact amounts, and
// reconciling 65 agreements and 24 rejections against 5,000 plan items (the name matching
// is the quadratic part), next to a baseline of parsing the same CSV with no mapping.
import { performance } from 'node:perf_hooks';
import { parseCsv } from '../../shared/csv/parse';
import { guessPlanMapping } from '../../shared/plan/columns';
import { importPlan, readPlanCsv, type PlanLine } from '../../shared/plan/import';
import { reconcile, type AgreedItem, type RejectedItem } from '../../shared/plan/reconcile';
import { readPlanXlsx } from '../../electron/plan/xlsx';
import { xlsx, type FixtureCell } from '../../electron/plan/xlsx-fixture';

type Figure = { name: string; ms: number; note?: string };

const PLACES = [
  'Huaraqa',
  'Ccochaccasa',
  'Pacchanta',
  'Tinkiwasi',
  'Qollqepata',
  'Mallmapampa',
  'Upispata',
  'Sallani',
  'Chillihuani',
  'Accocunca',
  'Antaqaqa',
  'Lauramarca',
];
const WORKS = [
  'canal de riego',
  'aulas de la I.E.',
  'puesto de salud',
  'camino vecinal',
  'cobertizos para alpacas',
  'reservorio',
  'puente peatonal',
  'sistema de agua potable',
  'losa deportiva',
  'centro de acopio',
];
const name = (i: number) =>
  `MEJORAMIENTO DEL ${WORKS[i % WORKS.length]} ${PLACES[(i * 7) % PLACES.length]} ${PLACES[(i * 11 + 3) % PLACES.length]} SECTOR ${i}`.toUpperCase();

function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

export async function benchPlan(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const rows = [
    'ANO_EJE,EJECUTORA_NOMBRE,PRODUCTO_PROYECTO,PRODUCTO_PROYECTO_NOMBRE,MONTO_PIA,MONTO_PIM,MONTO_DEVENGADO',
  ];
  for (let i = 0; i < 20_000; i++)
    rows.push(
      `2027,MUNICIPALIDAD PROVINCIAL,${2_400_000 + (i % 5_000)},"${name(i % 5_000)}",${(i * 137) % 900_000}.${String(i % 100).padStart(2, '0')},${(i * 139) % 900_000}.50,${(i * 31) % 400_000}`,
    );
  const bytes = new TextEncoder().encode(rows.join('\r\n'));
  const base = time(() => parseCsv(new TextDecoder().decode(bytes)));
  figures.push({ name: 'baseline: parse the 20,000-line CSV (no mapping)', ms: base.ms });
  const read = time(() => readPlanCsv(bytes));
  const imp = time(() => importPlan(read.value, guessPlanMapping(read.value.header)));
  figures.push({ name: 'read + header search (20,000 lines, 2.3 MB)', ms: read.ms });
  figures.push({
    name: 'import with exact amounts, merged by CUI',
    ms: imp.ms,
    note: `${imp.value.lines.length} plan items, ${imp.value.errors.length} errors`,
  });

  const sheet: FixtureCell[][] = [['CUI', 'Nombre del proyecto', 'Monto PIA', 'Monto PIM']];
  for (let i = 0; i < 5_000; i++)
    sheet.push([
      { n: String(2_400_000 + i) },
      name(i),
      { n: `${(i * 137) % 900_000}.25` },
      { n: `${(i * 139) % 900_000}` },
    ]);
  const book = xlsx({ PIA: sheet });
  const t0 = performance.now();
  const table = await readPlanXlsx(book);
  figures.push({
    name: 'read an XLSX of 5,000 rows (read-excel-file)',
    ms: performance.now() - t0,
    note: `${(book.length / 1024).toFixed(0)} KB, ${table.rows.length} rows`,
  });

  const lines: PlanLine[] = imp.value.lines;
  const agreed: AgreedItem[] = Array.from({ length: 65 }, (_v, i) => ({
    key: `a${i}`,
    code: `P-${i + 1}`,
    cui: i % 3 === 0 ? String(2_400_000 + i * 50) : '',
    title: name(i * 50 + 1).toLowerCase(),
    amountCents: 100_000_00,
    cofinancingCents: 0,
    rank: i + 1,
    sector: '',
  }));
  const rejected: RejectedItem[] = Array.from({ length: 24 }, (_v, i) => ({
    key: `r${i}`,
    code: `P-${100 + i}`,
    cui: '',
    title: `Plaza con estatuas ${PLACES[i % PLACES.length]}`,
    amountCents: 50_000_00,
    reason: 'notKeyNeed',
    explanation: '',
  }));
  const runs: number[] = [];
  let last = reconcile(agreed, rejected, lines);
  for (let i = 0; i < 5; i++) {
    const t = time(() => reconcile(agreed, rejected, lines));
    runs.push(t.ms);
    last = t.value;
  }
  runs.sort((a, b) => a - b);
  figures.push({
    name: `reconcile 65 agreed + 24 rejected against ${lines.length} plan items (median of 5)`,
    ms: runs[2] ?? 0,
    note: `${last.matched.length + last.amountChanged.length} matched, ${last.notInMinutes.length} not in minutes`,
  });
  return figures;
}
