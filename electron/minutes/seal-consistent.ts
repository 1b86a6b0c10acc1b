// The seal's first question to the record: does `minka check` pass on the open file? A file
// edited outside Minka is refused instead of signed, naming its first findings.
import Database from 'better-sqlite3';
import type { PlacedFinding } from '../../shared/check-findings';
import type { Db } from '../platform/db';
import { MinkaError } from '../platform/errors';
import { getSetup } from '../workshop/workshop';

/**
 * What the seal asks of the record before it signs: `minka check`'s verdict on the open file
 * (the chain, every aggregate's replay against its tables, the frozen results, the venues).
 * Handed in by the caller, not imported: check/ sits above the features whose replays it runs
 * (minutes' and followup's among them), and follow-up and plan read sealed Actas, so minutes/
 * importing check/ closed the folder circle check → followup → minutes → check. The core hands
 * in check/check.ts's checkRecord (CoreApi.checkRecord) on every entry point (the app's
 * channel, `minka seal`, the web host all seal through `minutes:seal`); tests hand in the same.
 * Required, so no caller can seal without it.
 */
export type CheckBeforeSeal = (db: Db) => {
  ok: boolean;
  findings: string[];
  /** The findings with catalogue keys (check.ts), said in the reader's language (sayFindings). */
  keyed?: PlacedFinding[];
};

/** Refuse to seal a file whose tables or chain `minka check` would flag; names the first findings. */
export function requireConsistent(db: Db, checkBeforeSeal: CheckBeforeSeal): void {
  let c: ReturnType<CheckBeforeSeal>;
  try {
    c = checkBeforeSeal(db);
  } catch (e) {
    // A record value that is not what Minka writes (a JSON cell that is not JSON, adv32 F3)
    // makes the check throw: refused as a finding, not as an unexpected error. SQLite's own
    // errors and Minka's refusals go on as they are.
    if (e instanceof MinkaError || e instanceof Database.SqliteError) throw e;
    const what = `record unreadable: ${e instanceof Error ? e.message.slice(0, 160) : String(e)}`;
    c = { ok: false, findings: [what] };
  }
  if (c.ok) return;
  throw new MinkaError('CONFLICT', 'minutes.error.inconsistent', {
    count: c.findings.length,
    // English, for a caller that does not say `findings` (shared/check-findings.ts sayFindings).
    first: c.findings.slice(0, 3).join('; '),
    ...(c.keyed
      ? { findings: JSON.stringify(c.keyed.slice(0, 3)), zone: getSetup(db).timeZone }
      : {}),
  });
}
