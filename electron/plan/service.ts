// Verified minutes + a plan file → the reconciliation, for the screen, the report PDF and
// `minka verify --plan`. The minutes' signature is checked first: a plan is never compared
// with minutes that are not authentic.
import type { MinutesPayload } from '../../shared/minutes/payload';
import type { VerifyResult } from '../../shared/minutes/verify-result';
import { guessPlanMapping, type PlanMapping } from '../../shared/plan/columns';
import { agreedFromMinutes, rejectedFromMinutes } from '../../shared/plan/from-minutes';
import { importPlan, linesForYear, type PlanIssue, type PlanTable } from '../../shared/plan/import';
import { reconcile, type MatchDecision, type Reconciliation } from '../../shared/plan/reconcile';
import { MinkaError } from '../platform/errors';
import { readPlanFile } from './read';

export interface MinutesInfo {
  fingerprint: string;
  payloadSha256: string;
  keyFingerprint: string;
  municipality: string;
  fiscalYear: number;
  title: string;
  sealedAt: string;
  agreedCount: number;
  rejectedCount: number;
}

export interface PlanFileInfo {
  sha256: string;
  fingerprint: string;
  source: PlanTable['source'];
  encoding: string | null;
  delimiter: string | null;
  sheet: string | null;
  sheets: string[];
  header: string[];
  headerLine: number;
  rowCount: number;
  mapping: PlanMapping;
  /** The first rows as read, for the column-mapping step. */
  sample: { line: number; cells: string[] }[];
}

export interface PlanCheck {
  minutes: MinutesInfo;
  plan: PlanFileInfo;
  errors: PlanIssue[];
  warnings: PlanIssue[];
  report: Reconciliation;
}

export interface PlanCheckOptions {
  sheet?: string | null;
  mapping?: PlanMapping | null;
  decisions?: readonly MatchDecision[];
}

/** A check as the channels answer it: the minutes and plan named by the files they came from. */
export function withFileNames(c: PlanCheck, minutesFile: string, planFile: string) {
  return {
    ...c,
    minutes: { ...c.minutes, fileName: minutesFile },
    plan: { ...c.plan, fileName: planFile },
  };
}

/** The signed payload of authentic minutes, or a translated refusal. */
export function authenticMinutes(v: VerifyResult): MinutesPayload {
  if (!v.ok || v.kind !== 'minutes' || !v.payload || v.payload.format !== 'minka-minutes')
    throw new MinkaError(
      'INVALID_INPUT',
      v.kind === 'addendum' ? 'plan.error.addendum' : 'plan.error.minutesNotAuthentic',
      { verdict: v.verdict },
    );
  return v.payload;
}

export async function checkPlan(
  verify: VerifyResult,
  planBytes: Uint8Array,
  opts: PlanCheckOptions = {},
): Promise<PlanCheck> {
  return checkPlanAgainst(
    authenticMinutes(verify),
    {
      fingerprint: verify.fingerprint ?? '',
      payloadSha256: verify.payloadSha256 ?? '',
      keyFingerprint: verify.keyFingerprint ?? '',
    },
    planBytes,
    opts,
  );
}

/** The same comparison for a payload already verified (a follow-up register's minutes). */
export async function checkPlanAgainst(
  payload: MinutesPayload,
  signed: { fingerprint: string; payloadSha256: string; keyFingerprint: string },
  planBytes: Uint8Array,
  opts: PlanCheckOptions = {},
): Promise<PlanCheck> {
  const { table, sha256, fingerprint } = await readPlanFile(planBytes, opts.sheet);
  const mapping = opts.mapping ?? guessPlanMapping(table.header);
  for (const col of Object.values(mapping)) {
    if (col !== null && (col < 0 || col >= Math.max(table.header.length, 1)))
      throw new MinkaError('INVALID_INPUT', 'plan.error.badMapping', { column: col + 1 });
  }
  const imported = importPlan(table, mapping);
  const year = payload.workshop.fiscalYear;
  const { lines, dropped } = linesForYear(imported.lines, year);
  const warnings = [...imported.warnings];
  if (dropped > 0)
    warnings.push({
      line: table.headerLine,
      field: 'year',
      key: 'plan.import.otherYears',
      params: { line: table.headerLine, count: dropped, year },
    });
  const agreed = agreedFromMinutes(payload);
  const rejected = rejectedFromMinutes(payload);
  const report = reconcile(agreed, rejected, lines, { decisions: opts.decisions ?? [] });
  return {
    minutes: {
      ...signed,
      municipality: payload.workshop.municipality,
      fiscalYear: year,
      title: payload.workshop.title,
      sealedAt: payload.sealedAt,
      agreedCount: agreed.length,
      rejectedCount: rejected.length,
    },
    plan: {
      sha256,
      fingerprint,
      source: table.source,
      encoding: table.encoding,
      delimiter: table.delimiter,
      sheet: table.sheet,
      sheets: table.sheets,
      header: table.header,
      headerLine: table.headerLine,
      rowCount: table.rows.length,
      mapping,
      sample: table.rows.slice(0, 8),
    },
    errors: imported.errors,
    warnings,
    report,
  };
}
