// `minka check`: everything that can be proved about a workshop file from the file alone
// (plus, optionally, a fingerprint noted earlier). Read-only: never modifies the file.
import Database from 'better-sqlite3';
import { MinkaError } from '../platform/errors';
import { fingerprint } from '../../shared/fingerprint';
import { checkConsistency, type ConsistencyVerdict } from './consistency';
import { inspectWorkshopFile } from '../platform/db';
import { type ChainedRow, type ChainVerdict, readChain } from '../platform/events';
import { checkSealed, type SealCheck } from '../minutes/check';
import { getSealed } from '../minutes/minutes';
import { confirmedAtSeal } from '../minutes/seal-confirmed';
import { checkStoredPages, withStoredPages } from '../minutes/stored-pages';
import { frozenHolds } from '../../shared/results/frozen';
import { checkFrozenInputs } from './frozen-inputs';
import { type Ev, loggedEvents, Report } from '../platform/replay';
import { allFrozen } from '../voting/round-freeze';
import { checkVenues, type VenueCheck } from '../venues/venues-check';
import { quorumFinding, quorumMismatches, type QuorumMismatch } from './quorum-at-close';
import { holdersFinding, holdersMismatches } from './holders-at-close';
import { recordBefore } from './record-before';
import { clockCheck, workshopZone as clockCheckZone } from '../venues/venues-clock';
import type { CheckInDaysCheck, ClockCheck, VenueDatesCheck } from '../../shared/schemas/check';
import { checkVenueDates } from './venue-dates';
import { checkCheckInDays, hasDaysOffClock } from './check-in-days';
import {
  consistencyFinding,
  type Finding,
  finding,
  type FindingParams,
  type PlacedFinding,
} from '../../shared/check-findings';

const OUTCOME = 'stored outcome differs from a recomputation of its inputs';

export interface FileCheck {
  ok: boolean;
  /** Not ok only because this computer could not check the stored Acta's pages (no finding). */
  environment?: true;
  /** 'ok', or why the file could not be opened or failed SQLite's integrity_check. */
  integrity: 'ok' | 'corrupt' | 'unreadable';
  error?: string;
  chain?: ChainVerdict & { fingerprint: string };
  consistency?: ConsistencyVerdict;
  /**
   * When a fingerprint noted earlier was given: the event whose chain hash has it (`chain`), or
   * the sealed minutes whose fingerprint it is (`minutes`, seq of the seal), or null if neither.
   */
  anchor?: {
    fingerprint: string;
    seq: number | null;
    matched: 'chain' | 'minutes' | null;
    /** How many hex digits were typed and compared (16 at most); fewer than 16 is weak. */
    digits?: number;
  };
  /** A sealed workshop: the signed minutes still verify and the tables still say what they say. */
  minutes?: SealCheck;
  /** Closed rounds' frozen results: each stored outcome equals a recomputation from its stored inputs, and each input what the log recorded before the close. */
  results?: ResultsCheck;
  /** Venue devices merged in (issue 20): each device's chain and signed head, each settlement's event. */
  venues?: VenueCheck;
  /** Times running backwards on one laptop (venues-clock.ts): reported, never failing the check. */
  clock?: ClockCheck;
  /** Venue dates saved off their check-ins (venue-dates.ts): reported, never failing the check. */
  venueDates?: VenueDatesCheck;
  /** Check-ins recorded off their clock day (check-in-days.ts): reported, never failing the check. */
  checkInDays?: CheckInDaysCheck;
}

export interface ResultsCheck {
  ok: boolean;
  rounds: number;
  problems: {
    roundId: string;
    /** English, for `--json`; `key` and `params` are what is printed (shared/check-findings.ts). */
    what: string;
    key: string;
    params: FindingParams;
    /** A frozen input differs from the log before the close (frozen-inputs.ts). */
    inputs?: true;
    /** A frozen quorum that differs from a recount over the record before the close. */
    quorum?: Omit<QuorumMismatch, 'roundId'>;
    /** The close's vote holders differ from a recount over the check-ins before it (holders-at-close.ts). */
    holders?: true;
  }[];
  /** The workshop's time zone, for the findings' times (present when there are findings). */
  timeZone?: string;
}

/**
 * Recompute every frozen result from the inputs stored beside it, and the quorum frozen with
 * it from the registry and check-ins before its close (quorum-at-close.ts).
 */
export function checkFrozenResults(
  db: Database.Database,
  /** The log already read through the union (checkRecord reads it once, issue 18). */
  logged: Ev[] | null = null,
  /** The log's rows as readChain read them (the closes' payloads parsed once, issue 18). */
  read: readonly ChainedRow[] | null = null,
): ResultsCheck {
  const problems: ResultsCheck['problems'] = [];
  const frozen = allFrozen(db, read);
  for (const f of frozen) {
    let holds = false;
    try {
      holds = frozenHolds(f.frozen);
    } catch {
      holds = false;
    }
    if (!holds)
      problems.push({
        roundId: f.roundId,
        ...finding('check.results.outcome', {}, OUTCOME),
      });
  }
  // The inputs themselves, against the events logged before each close (frozen-inputs.ts).
  const evs = logged ?? loggedEvents(db, new Report());
  problems.push(...checkFrozenInputs(db, evs).map((p) => ({ ...p, inputs: true as const })));
  const at = recordBefore(db, evs);
  for (const m of quorumMismatches(at, frozen))
    problems.push({
      roundId: m.roundId,
      ...quorumFinding(m),
      quorum: { title: m.title, frozen: m.frozen, recomputed: m.recomputed },
    });
  for (const m of holdersMismatches(evs, at))
    problems.push({ roundId: m.roundId, ...holdersFinding(m), holders: true });
  // The zone the findings' times print in (dd/mm/yyyy in the workshop's zone).
  const timeZone = problems.length ? clockCheckZone(db) : undefined;
  return {
    ok: problems.length === 0,
    rounds: frozen.length,
    problems,
    ...(timeZone ? { timeZone } : {}),
  };
}

/** A fingerprint as typed from paper: hex digits only (dashes, spaces, case and O/0, I/1 ignored). */
function typedHex(fp: string): string {
  return fp
    .toUpperCase()
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
    .replace(/[^0-9A-F]/g, '');
}

/**
 * Where the fingerprint `fp` (grouped or not, at least its first two groups) is in the file:
 * an event's chain hash (the head shown on screen and printed on the Acta), or the sealed
 * minutes' payload hash (the fingerprint on every page of the Acta).
 */
function findAnchor(db: Database.Database, fp: string): NonNullable<FileCheck['anchor']> {
  const want = typedHex(fp);
  const shown = want.length >= 16 ? fingerprint(want.toLowerCase()) : fp.trim().toUpperCase();
  const digits = Math.min(want.length, 16);
  if (want.length < 8) return { fingerprint: shown, seq: null, matched: null, digits };
  for (const row of db.prepare('SELECT seq, hash FROM event ORDER BY seq').iterate() as Iterable<{
    seq: number;
    hash: string;
  }>)
    if (row.hash.toUpperCase().startsWith(want))
      return { fingerprint: shown, seq: row.seq, matched: 'chain', digits };
  const sealed = db
    .prepare(
      "SELECT m.payload_sha256 AS sha, (SELECT min(seq) FROM event WHERE type = 'minutes.sealed') AS seq FROM minutes m WHERE m.id = 1",
    )
    .get() as { sha: string; seq: number | null } | undefined;
  if (sealed && sealed.sha.toUpperCase().startsWith(want))
    return { fingerprint: shown, seq: sealed.seq, matched: 'minutes', digits };
  return { fingerprint: shown, seq: null, matched: null, digits };
}

/** What `minka check` proves from an open file's record (no integrity_check, no Acta). */
export interface RecordCheck {
  ok: boolean;
  chain: ChainVerdict;
  consistency: ConsistencyVerdict;
  results: ResultsCheck;
  venues: VenueCheck;
  /**
   * Each laptop's clock running backwards: a warning the seal asks to confirm, not a finding
   * (a laptop's clock does get corrected; the verdicts follow the log's order, not the clock).
   */
  clock: ClockCheck;
  /**
   * Venues whose first check-in is on another day than their saved date (adv29): a warning the
   * seal asks to confirm (venueDateMoved), not a finding, like the clocks.
   */
  venueDates: VenueDatesCheck;
  /** Check-ins recorded off their clock day (fac30): a warning (checkInDayOffClock), not a finding. */
  checkInDays: CheckInDaysCheck;
  /** Every finding in one line each ("table key: what"), in the order `minka check` prints them. */
  findings: string[];
  /** The same findings with catalogue keys, in the same order (the seal's refusal says them). */
  keyed: PlacedFinding[];
}

/**
 * The event chain, the replay of the log against the tables, the frozen results and the
 * venues: the part of `minka check` that sealing runs first (seal.ts), so that a file edited
 * outside Minka is refused instead of signed.
 */
export function checkRecord(db: Database.Database): RecordCheck {
  // The log read once (issue 18): the chain verified over it, then read through the event
  // union once, for the replay and for the frozen inputs.
  const { chain, rows } = readChain(db);
  const report = new Report();
  const evs = loggedEvents(db, report, rows);
  const consistency = checkConsistency(db, { evs, report });
  const results = checkFrozenResults(db, evs, rows);
  const venues = checkVenues(db);
  // The venues' findings, in English only (the keyed list below carries them as they are).
  const venueFindings = [
    ...venues.devices
      .filter((d) => !d.ok)
      .flatMap((d) =>
        d.what === 'applied'
          ? (d.applied ?? []).map((x) =>
              x.field === 'device_event'
                ? `device ${d.kitId} event ${x.deviceSeq}: applied_event links main event ${x.mainSeq} to it, and the device has no such event`
                : `device ${d.kitId} event ${x.deviceSeq}: ${x.field} differs from what main event ${x.mainSeq} applied`,
            )
          : [`device ${d.kitId}: ${d.what === 'chain' ? 'chain broken' : 'head not signed'}`],
      ),
    ...(venues.orphanApplied ?? []).map(
      (x) => `applied_event ${x.mainSeq}: linked to device ${x.kitId}, which is not in the file`,
    ),
    ...(venues.unlinked ?? []).map((x) =>
      x.what === 'notApplied'
        ? `device ${x.kitId} event ${x.deviceSeq} (${x.type}): merged and not held, yet no main event is linked to it (applied_event)`
        : `device ${x.kitId} event ${x.deviceSeq} (${x.type}): held by its merge, yet main events are linked to it (applied_event)`,
    ),
    ...venues.conflicts.unrecorded.map((id) => `merge_conflict ${id}: settled without its event`),
    ...venues.conflicts.missing.map((id) => `merge_conflict ${id}: found by a merge, row missing`),
    ...venues.conflicts.unlisted.map((id) => `merge_conflict ${id}: row no merge event found`),
    ...(venues.conflicts.changed ?? []).map(
      (id) => `merge_conflict ${id}: its laptops' sides differ from the device events`,
    ),
    ...(venues.rulings ?? []).map(
      (x) =>
        `merge_conflict ${x.conflictId}: round ${x.roundId} settled for device ${x.choice}, yet its closed result is not that device's counts (applied from ${x.applied ?? 'main'})`,
    ),
    ...(venues.ballotUnions ?? []).map(
      (x) =>
        `ballot round ${x.roundId}: its close does not hold exactly the ballots of the laptops joined (${x.joined.join(', ')})`,
    ),
    ...(venues.kitRows ?? []).map(
      (x) => `${KIT_ROW_FINDING[x.what][0]} ${x.kitId}: ${KIT_ROW_FINDING[x.what][1]}`,
    ),
  ];
  const findings = [
    ...(chain.ok ? [] : [`event ${chain.brokenAt ?? '?'}: ${chain.reason ?? 'chain broken'}`]),
    ...consistency.problems.map((p) => `${p.table} ${p.key}: ${p.what}`),
    ...results.problems.map((p) => `voting_round ${p.roundId}: ${p.what}`),
    ...venueFindings,
  ];
  // The same findings with a catalogue key, for the seal's refusal (sayFindings): the chain's,
  // the replays' and the frozen results'; the venues' lines keep their English text.
  const placed = (where: string, f: Finding): PlacedFinding => ({ where, ...f });
  const keyed: PlacedFinding[] = [
    ...(chain.ok
      ? []
      : [
          placed('', {
            key: 'cli.check.chainBroken',
            params: { seq: chain.brokenAt ?? 0, reason: chain.reason ?? '' },
          }),
        ]),
    ...consistency.problems.map((p) => placed(`${p.table} ${p.key}`, consistencyFinding(p.what))),
    ...results.problems.map((p) =>
      placed(`voting_round ${p.roundId}`, { key: p.key, params: p.params }),
    ),
    ...venueFindings.map((what) =>
      placed('', { key: 'check.consistency.other', params: { what } }),
    ),
  ];
  return {
    ok: chain.ok && consistency.ok && results.ok && venues.ok,
    chain,
    consistency,
    results,
    venues,
    clock: clockCheck(db),
    venueDates: checkVenueDates(db),
    checkInDays: checkCheckInDays(db),
    findings,
    keyed,
  };
}

/** The kit and device rows against the main chain (venues-kit-rows.ts), in the findings' English. */
const KIT_ROW_FINDING = {
  kitMissing: ['venue_kit', 'issued in the main chain (venues.kitPrepared), row missing'],
  kitChanged: ['venue_kit', 'row differs from its venues.kitPrepared event'],
  kitUnlogged: ['venue_kit', 'issued row with no venues.kitPrepared event'],
  deviceMissing: [
    'device',
    'merged or carried in the main chain (or its events held), device row missing',
  ],
  deviceKey: ['device', 'device key differs from the one its merge named'],
} as const;

/**
 * `minka check` on a file: the record (readRecordOfFile), then, for a sealed workshop, the
 * Acta stored in it through the verifier `minka verify` uses (minutes/stored-pages.ts), on the
 * bytes read before the file is closed.
 */
export async function checkWorkshopFile(
  path: string,
  opts: { fingerprint?: string } = {},
): Promise<FileCheck> {
  const { check, stored } = readRecordOfFile(path, opts);
  if (!stored || !check.minutes) return check;
  const pages = await checkStoredPages(stored.pdf, stored.payloadSha256);
  const minutes = withStoredPages(check.minutes, pages);
  // Only a finding fails the check as such; a page left unchecked here fails it as this
  // computer's (environment), unless something else was found.
  const found = !check.ok || minutes.problems.length > 0;
  return {
    ...check,
    ok: check.ok && minutes.ok,
    ...(!found && minutes.unchecked ? { environment: true as const } : {}),
    minutes,
  };
}

/** The part of `minka check` read from the file alone, and the stored Acta's bytes if sealed. */
function readRecordOfFile(
  path: string,
  opts: { fingerprint?: string },
): { check: FileCheck; stored?: { pdf: Buffer; payloadSha256: string } } {
  const check = (c: FileCheck) => ({ check: c });
  try {
    inspectWorkshopFile(path);
  } catch (e) {
    const code = e instanceof MinkaError ? e.code : 'INTERNAL';
    return check({
      ok: false,
      integrity: code === 'CORRUPT_FILE' ? 'corrupt' : 'unreadable',
      error: code,
    });
  }
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch {
    return check({ ok: false, integrity: 'unreadable', error: 'CORRUPT_FILE' });
  }
  try {
    db.pragma('busy_timeout = 5000');
    // The full integrity_check (quick_check on open skips index-versus-table checks).
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    if (rows.length !== 1 || rows[0]?.integrity_check !== 'ok')
      return check({ ok: false, integrity: 'corrupt', error: 'CORRUPT_FILE' });
    const { chain, consistency, results, venues, clock, venueDates, checkInDays } = checkRecord(db);
    const anchor = opts.fingerprint !== undefined ? findAnchor(db, opts.fingerprint) : undefined;
    const confirmed = confirmedAtSeal(db);
    const minutes = { ...checkSealed(db), ...(confirmed ? { confirmed } : {}) };
    const sealed = minutes.sealed ? getSealed(db) : null;
    const ok =
      chain.ok &&
      venues.ok &&
      consistency.ok &&
      minutes.ok &&
      results.ok &&
      (anchor === undefined || anchor.seq !== null);
    const c: FileCheck = {
      ok,
      integrity: 'ok',
      chain: { ...chain, fingerprint: fingerprint(chain.head) },
      consistency,
      ...(anchor ? { anchor } : {}),
      ...(minutes.sealed ? { minutes } : {}),
      results,
      ...(venues.devices.length ||
      venues.conflicts.open + venues.conflicts.settled + venues.conflicts.missing.length
        ? { venues }
        : {}),
      ...(clock.backwards.length || clock.outside.length ? { clock } : {}),
      ...(venueDates.moved.length ? { venueDates } : {}),
      ...(hasDaysOffClock(checkInDays) ? { checkInDays } : {}),
    };
    return sealed
      ? { check: c, stored: { pdf: sealed.pdf, payloadSha256: sealed.payloadSha256 } }
      : check(c);
  } catch (e) {
    const message = e instanceof Error ? e.message.slice(0, 200) : String(e).slice(0, 200);
    // A damaged page met while reading rows; anything else (a JSON cell that is not JSON, adv32
    // F3) is a record edited outside Minka in a sound file, not a damaged file.
    return e instanceof Database.SqliteError
      ? check({ ok: false, integrity: 'corrupt', error: message || 'CORRUPT_FILE' })
      : check({ ok: false, integrity: 'ok', error: `RECORD_UNREADABLE: ${message}` });
  } finally {
    db.close();
  }
}
