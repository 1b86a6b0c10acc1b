// A plan file's bytes → its table and SHA-256 (the fingerprint printed on the report).
// CSV or XLSX by content, not by name: a municipality's ".csv" is sometimes a workbook.
import { createHash } from 'node:crypto';
import { isCsvError } from '../../shared/csv/errors';
import { fingerprint } from '../../shared/fingerprint';
import { readPlanCsv, type PlanTable } from '../../shared/plan/import';
import { MinkaError } from '../platform/errors';
import { isXlsx, readPlanXlsx, XlsxError } from './xlsx';

export interface ReadPlan {
  table: PlanTable;
  sha256: string;
  fingerprint: string;
}

export async function readPlanFile(bytes: Uint8Array, sheet?: string | null): Promise<ReadPlan> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  let table: PlanTable;
  try {
    table = isXlsx(bytes) ? await readPlanXlsx(bytes, sheet) : readPlanCsv(bytes);
  } catch (e) {
    if (isCsvError(e)) throw new MinkaError('INVALID_INPUT', e.code, e.params);
    if (e instanceof XlsxError) throw new MinkaError('INVALID_INPUT', e.key, e.params);
    throw e;
  }
  return { table, sha256, fingerprint: fingerprint(sha256) };
}
