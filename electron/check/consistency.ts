// Does the state in the tables match what the event log says happened? The chain proves
// the log was not altered; this replays the log and compares it with the tables, so that
// an edit made with a raw SQLite tool to a table (a count, a check-in, a ballot) while the
// log is left alone is found too. Times are checked against the window between the
// previous event and the event that recorded the change (the row's time is read from the
// same clock just before the event's).
//
// Each aggregate's replay lives beside its store (attendance.replay.ts, voting.replay.ts, …)
// and reads the log through the event union (shared/events.ts, via replay.ts); this file
// runs them, and checks the schema.
import Database from 'better-sqlite3';
import { migrate } from '../platform/migrations';
import { type Db, type Ev, loggedEvents, type Problem, Report } from '../platform/replay';
import { replayAttendance } from '../attendance/attendance.replay';
import { replayCriteria } from '../criteria/criteria.replay';
import { replayFollowup } from '../followup/followup.replay';
import { replayMinutes } from '../minutes/minutes.replay';
import { replayProposals } from '../proposals/proposals.replay';
import { replayRegistry } from '../registry/registry.replay';
import { replayVoting } from '../voting/voting.replay';
import { replayWorkshop } from '../workshop/workshop.replay';

export type { Problem } from '../platform/replay';

export interface ConsistencyVerdict {
  ok: boolean;
  problems: Problem[];
  /** Tables whose rows are replayed from the log and compared. */
  covered: string[];
  /** Tables present in the file that this check does not replay (see README: what is detectable). */
  uncovered: string[];
}

/** Every table the replay compares; the rest are listed as uncovered. */
export const COVERED_TABLES = [
  'attendance',
  'proposal',
  'proposal_review',
  'matter_raised',
  'hands_entry',
  'ballot',
  'ballot_box',
  'round_voter',
  'paper_entry',
  'workshop',
  'venue',
  'sector',
  'organization',
  'participant',
  'invitation',
  'criterion_score',
  'criterion',
  'criteria_settings',
  'voting_round',
  'round_item',
  'agreement',
  'committee_member',
  'minutes_draft',
  'followup_minutes',
  'followup_plan',
  'followup_note',
  'followup_unlink',
  'followup_carry',
] as const;
/** Tables that are not workshop state (schema bookkeeping, the log itself). */
// ---- issue 20 (venues) begin: device tables are checked by checkVenues (venues-check.ts) ----
const VENUE_TABLES = [
  'venue_kit',
  'device',
  'device_seal',
  'device_event',
  'applied_event',
  'device_alias',
  'merge_conflict',
];
// ---- issue 20 (venues) end ----
const NOT_STATE = new Set(['event', 'meta', 'sqlite_sequence', ...VENUE_TABLES]);

function tables(db: Db): string[] {
  return db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .pluck()
    .all() as string[];
}

/**
 * The file's schema (tables, indexes, triggers — the sealing triggers among them) must be
 * exactly what the migrations up to its version create: a dropped trigger or a renamed index
 * changes no row, but it is not a Minka file as written.
 */
const SCHEMA_QUERY =
  "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name";
type SchemaRow = { type: string; name: string; tbl_name: string; sql: string | null };

/**
 * The schema the migrations up to `version` create, made once per process and version: a
 * function of this program's code alone (an empty in-memory database migrated), like the fonts
 * parsed once (issue 18). Frozen, so no caller can change what the next check compares with.
 */
const referenceSchemas = new Map<number, ReadonlyMap<string, Readonly<SchemaRow>>>();
function referenceSchema(version: number): ReadonlyMap<string, Readonly<SchemaRow>> {
  let want = referenceSchemas.get(version);
  if (!want) {
    const ref = new Database(':memory:');
    try {
      migrate(ref, version);
      want = new Map(
        (ref.prepare(SCHEMA_QUERY).all() as SchemaRow[]).map((x) => [
          `${x.type} ${x.name}`,
          Object.freeze(x),
        ]),
      );
    } finally {
      ref.close();
    }
    referenceSchemas.set(version, want);
  }
  return want;
}

function schema(db: Db, r: Report): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  const want = referenceSchema(version);
  const got = new Map(
    (db.prepare(SCHEMA_QUERY).all() as SchemaRow[]).map((x) => [`${x.type} ${x.name}`, x]),
  );
  for (const [k, w] of want) {
    const g = got.get(k);
    if (!g) r.add('sqlite_schema', k, `missing from the schema of version ${version}`);
    else if (g.tbl_name !== w.tbl_name || g.sql !== w.sql)
      r.add('sqlite_schema', k, `differs from the schema of version ${version}`);
  }
  for (const k of got.keys())
    if (!want.has(k)) r.add('sqlite_schema', k, `not part of the schema of version ${version}`);
}

/**
 * Replay the event log and compare it with the tables it produced. Read-only. `logged`: the
 * log already read through the union into a fresh report (checkRecord reads it once for this
 * and for the frozen inputs, issue 18); its findings become this verdict's.
 */
export function checkConsistency(
  db: Db,
  logged: { evs: Ev[]; report: Report } | null = null,
): ConsistencyVerdict {
  const names = new Set(tables(db));
  const r = logged?.report ?? new Report();
  const evs = logged?.evs ?? loggedEvents(db, r);
  const run = (f: () => void, table: string) => {
    try {
      f();
    } catch (e) {
      r.add(table, '*', `cannot be read: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  run(() => schema(db, r), 'sqlite_schema');
  if (names.has('attendance')) run(() => replayAttendance(db, evs, r), 'attendance');
  if (names.has('proposal')) run(() => replayProposals(db, evs, r), 'proposal');
  run(() => replayVoting(db, evs, r, names), 'ballot');
  run(() => replayWorkshop(db, evs, r), 'workshop');
  if (names.has('participant')) run(() => replayRegistry(db, evs, r), 'participant');
  if (names.has('criterion_score')) run(() => replayCriteria(db, evs, r), 'criterion_score');
  if (names.has('agreement')) run(() => replayMinutes(db, evs, r), 'agreement');
  if (names.has('followup_minutes')) run(() => replayFollowup(db, evs, r), 'followup_minutes');
  const covered = COVERED_TABLES.filter((t) => names.has(t));
  const uncovered = [...names]
    .filter((t) => !NOT_STATE.has(t) && !(COVERED_TABLES as readonly string[]).includes(t))
    .sort();
  return { ok: r.problems.length === 0, problems: r.problems, covered: [...covered], uncovered };
}
