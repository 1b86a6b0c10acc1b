// The register's Actas as stored (followup_minutes, migration 7) and their signatures,
// checked again on every read: a row edited outside Minka no longer verifies and is set aside
// by file name, never shown as a year of the register. The reading (followup-read.ts) and the
// writes (followup.ts) build on this; split from followup.ts (issue 19: files under 400 lines).
import {
  agreedFromMinutes,
  belowLineFromMinutes,
  rejectedFromMinutes,
} from '../../shared/plan/from-minutes';
import type { RegisterMinutes } from '../../shared/followup/register-model';
import type { MinutesPayload } from '../../shared/minutes/payload';
import { MinkaError } from '../platform/errors';
import type { Db } from '../platform/db';
import { checkSignedMinutes, type CheckedMinutes } from './signed';

export interface MinutesRow {
  id: string;
  fiscal_year: number;
  payload: string;
  signature: string;
  source: 'pdf' | 'workshop';
  file_name: string;
  imported_at: string;
}

export interface PlanRow {
  id: string;
  minutes_id: string;
  file_name: string;
  sha256: string;
  fingerprint: string;
  report: string;
  recorded_at: string;
}

export interface SignedMinutesInput {
  canonical: string;
  signature: string;
  source: 'pdf' | 'workshop';
  fileName: string;
}

/** Minutes rows whose signature still holds, with their payloads; the rest by file name. */
export function readRegisterMinutes(db: Db): {
  rows: { row: MinutesRow; checked: CheckedMinutes }[];
  broken: string[];
} {
  const rows: { row: MinutesRow; checked: CheckedMinutes }[] = [];
  const broken: string[] = [];
  for (const row of db
    .prepare('SELECT * FROM followup_minutes ORDER BY fiscal_year, imported_at')
    .all() as MinutesRow[]) {
    const checked = checkSignedMinutes(row.payload, row.signature);
    if (checked && checked.payloadSha256 === row.id) rows.push({ row, checked });
    else broken.push(row.file_name);
  }
  return { rows, broken };
}

export function registerMinutes(row: MinutesRow, c: CheckedMinutes): RegisterMinutes {
  const p = c.payload;
  return {
    id: row.id,
    fiscalYear: p.workshop.fiscalYear,
    municipality: p.workshop.municipality,
    title: p.workshop.title,
    sealedAt: p.sealedAt,
    fingerprint: c.fingerprint,
    keyFingerprint: c.keyFingerprint,
    source: row.source,
    fileName: row.file_name,
    importedAt: row.imported_at,
    agreed: agreedFromMinutes(p),
    unfunded: belowLineFromMinutes(p),
    rejected: rejectedFromMinutes(p),
  };
}

/** The verified payload of a register entry, for a plan check. */
export function registerPayload(
  db: Db,
  minutesId: string,
): { payload: MinutesPayload; checked: CheckedMinutes; fileName: string } {
  const row = db.prepare('SELECT * FROM followup_minutes WHERE id = ?').get(minutesId) as
    MinutesRow | undefined;
  if (!row) throw new MinkaError('NOT_FOUND', 'followup.error.noMinutes');
  const checked = checkSignedMinutes(row.payload, row.signature);
  if (!checked || checked.payloadSha256 !== row.id)
    throw new MinkaError('INVALID_INPUT', 'followup.error.broken', { file: row.file_name });
  return { payload: checked.payload, checked, fileName: row.file_name };
}

/** The minutes and proposal an agreement's ref ("<minutes id prefix>/<proposal id>") names, or null. */
export function agreementOf(
  db: Db,
  ref: string,
): { payload: MinutesPayload; proposal: MinutesPayload['proposals'][number] } | null {
  const [prefix, key] = ref.split('/');
  if (!prefix || !key) return null;
  const row = db
    .prepare('SELECT payload FROM followup_minutes WHERE substr(id, 1, 16) = ?')
    .get(prefix) as { payload: string } | undefined;
  if (!row) return null;
  const payload = JSON.parse(row.payload) as MinutesPayload;
  const proposal = payload.proposals.find((x) => x.id === key);
  return proposal ? { payload, proposal } : null;
}
