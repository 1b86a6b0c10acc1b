// What every aggregate's replay (electron/<feature>/*.replay.ts) shares: the log read back
// through the event union (shared/events.ts), the time windows a row's time must fall in,
// and the report that compares expected rows with the tables. consistency.ts runs them.
import type Database from 'better-sqlite3';
import type { ChainedRow } from './events';
import { cached } from './statements';
import { canonicalEqual } from '../../shared/canonical';
import {
  EVENT_PAYLOADS,
  isEventType,
  type EventType,
  type ParsedPayload,
} from '../../shared/events';

export type Db = Database.Database;

export interface Problem {
  table: string;
  key: string;
  what: string;
}

interface EvMeta {
  seq: number;
  at: string;
  prevAt: string;
  /** The event before the previous one (a transaction may append two events after the row). */
  prev2At: string;
  /** The next event's time ('' for the last): a row written just after its event is before it. */
  nextAt: string;
  /** Written by a version that stamps a row with its event's own time (migration 7 on). */
  exact: boolean;
}

/** One logged event, its payload parsed through its member of the union; narrowed by `type`. */
export type Ev = EvMeta & { [T in EventType]: { type: T; p: ParsedPayload<T> } }[EventType];

/** A row as read with SELECT *: column → value. */
export type Row = Record<string, unknown>;

export const str = (x: unknown): string =>
  typeof x === 'string' ? x : x === null || x === undefined ? '' : JSON.stringify(x);
/**
 * Whether two values are the same once written as canonical JSON. Two strings, or two finite
 * numbers, are compared directly: canonical JSON writes equal ones alike and different ones
 * differently (0 and -0 both as 0), so the answer is the same without writing them (issue 18:
 * the replay compares every field of every row). Anything else, and a non-finite number (which
 * canonicalize refuses, and the replay reports), compared as canonical JSON as before.
 */
export const same = (a: unknown, b: unknown): boolean => {
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  if (typeof a === 'number' && typeof b === 'number' && Number.isFinite(a) && Number.isFinite(b))
    return a === b;
  return canonicalEqual(a ?? null, b ?? null);
};

export class Report {
  readonly problems: Problem[] = [];
  add(table: string, key: string, what: string): void {
    if (this.problems.length < 1000) this.problems.push({ table, key, what });
  }
  /** Rows keyed by `key`: missing, extra, and field-by-field differences. */
  compare(
    table: string,
    expected: Map<string, Row>,
    actual: Map<string, Row>,
    fields: string[],
  ): void {
    for (const [k, want] of expected) {
      const got = actual.get(k);
      if (!got) {
        this.add(table, k, 'row missing');
        continue;
      }
      for (const f of fields)
        if (!same(want[f], got[f])) this.add(table, k, `${f} differs from the event log`);
    }
    for (const k of actual.keys()) if (!expected.has(k)) this.add(table, k, 'row without an event');
  }
}

export function byKey<T extends Row>(rows: T[], key: (r: T) => string): Map<string, T> {
  return new Map(rows.map((r) => [key(r), r]));
}

/**
 * Every row of a table, as SQLite returns it. The statement is kept with the connection
 * (statements.ts): a check prepares ~30 of them, and the app checks its open file again at
 * every seal attempt (issue 18).
 */
export function allRows(db: Db, table: string): Row[] {
  return cached(db, `SELECT * FROM ${table}`).all() as Row[];
}

/** A JSON column read back (a text that does not parse stays as it is, and then differs). */
export const parseJson = (s: unknown): unknown => {
  if (typeof s !== 'string') return s ?? null;
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return s;
  }
};

/**
 * The log, each event read through the union. An event of a type the union does not know is
 * left out (a later version's type changes no table this version replays); one whose payload
 * does not fit its type is reported — the chain proves it was written so, and no table can
 * be replayed from it. `read`: the log as readChain (events.ts) read it with the chain, each
 * payload parsed once for both (issue 18); read here when not given.
 */
export function loggedEvents(db: Db, r: Report, read: readonly ChainedRow[] | null = null): Ev[] {
  const marker = db
    .prepare("SELECT value FROM meta WHERE key = 'exact_times_from'")
    .pluck()
    .get() as string | undefined;
  const exactFrom = marker === undefined ? Infinity : Number(marker);
  const rows: readonly { seq: number; at: string; type: string; payload: unknown }[] =
    read ??
    (db.prepare('SELECT seq, at, type, payload FROM event ORDER BY seq').all() as {
      seq: number;
      at: string;
      type: string;
      payload: string;
    }[]);
  let prevAt = '';
  let prev2At = '';
  const out: Ev[] = [];
  for (const [i, row] of rows.entries()) {
    const meta: EvMeta = {
      seq: row.seq,
      at: row.at,
      prevAt,
      prev2At,
      nextAt: rows[i + 1]?.at ?? '',
      exact: row.seq >= exactFrom,
    };
    prev2At = prevAt;
    prevAt = row.at;
    if (!isEventType(row.type)) continue;
    let raw: unknown;
    if (read) raw = row.payload;
    else
      try {
        raw = JSON.parse(row.payload as string);
      } catch {
        // The chain verifier reports an unreadable payload.
        continue;
      }
    // Not JSON (readChain leaves it undefined): the chain verifier reports it.
    if (raw === undefined) continue;
    const parsed = EVENT_PAYLOADS[row.type].safeParse(raw);
    if (!parsed.success) {
      r.add('event', String(row.seq), `payload does not fit the type ${row.type}`);
      continue;
    }
    // The member is chosen by the type just checked: the pair is one member of the union.
    out.push({ ...meta, type: row.type, p: parsed.data } as Ev);
  }
  return out;
}

/**
 * A row's time is its event's time; in files written before migration 7 (which read the
 * clock twice) it must fall between the previous event and the one that recorded it.
 */
export function inWindow(t: unknown, e: Ev): boolean {
  if (e.exact) return t === e.at;
  return typeof t === 'string' && t <= e.at && (e.prevAt === '' || t >= e.prevAt);
}

/**
 * Ballots: a kiosk ballot is written before two events (who voted, the ballot), a paper
 * ballot is settled just after its entry's event; so the window spans one event each way. A time
 * equal to its own event's is inside: a laptop's paper ballots joined into a ballot round keep
 * their laptop's entry times (venues-ballot-join.ts), which may be earlier than the other
 * laptop's close just before them in this log (adv30b F5: three laptops typing at once).
 */
export function inWideWindow(t: unknown, e: Ev): boolean {
  return (
    typeof t === 'string' &&
    (t === e.at || ((e.prev2At === '' || t >= e.prev2At) && (e.nextAt === '' || t <= e.nextAt)))
  );
}
