// What `minka check` proves about the venues merged into a workshop (issue 20): each device's
// chain verifies on its own from its kit event, its stored signature covers its head, and each
// settled conflict has its settlement event in the main chain, and the merge_conflict table
// holds exactly the conflicts the merge events recorded (a deleted or forged row is found), and
// that a round settled for one laptop was closed here with that laptop's counts (adv27).
import { publicKeyFromRaw } from '../platform/crypto/keys';
import { type ConflictSide, laptopSides, laptopSidesByConflict } from './venues-conflicts';
import { type KitRowMismatch, kitRowMismatches } from './venues-kit-rows';
import { verifyBytes } from '../platform/crypto/sign';
import type { Db } from '../platform/db';
import { headStatement, MERGE_EVENT, SETTLE_EVENT } from './venues';
import { verifyDeviceChains } from './venues-read';
import { listDevices } from './venues-merge';
import type { DeviceProof } from './venues-slip';
import { type RulingMismatch, rulingMismatches } from './venues-ruling';
import { type BallotUnionMismatch, ballotUnionMismatches } from './venues-ballot-check';
import { type UnclosedDesk, unclosedDesks } from './venues-unclosed';
import {
  type AppliedDifference,
  appliedDifferences,
  type UnlinkedDeviceEvent,
  unlinkedDeviceEvents,
} from './venues-applied';

export interface VenueCheck {
  ok: boolean;
  devices: {
    kitId: string;
    venue: string;
    keyFingerprint: string;
    ok: boolean;
    events: number;
    head: string;
    brokenAt?: number;
    what?: 'chain' | 'signature' | 'applied';
    /** What: 'applied': the main events applied from this device that differ from its events. */
    applied?: AppliedDifference[];
    /** How the head was vouched for when merged (venues-slip.ts). */
    proof?: DeviceProof | null;
  }[];
  /** Main events applied_event links to a device the device table does not hold. */
  orphanApplied?: AppliedDifference[];
  /** Device events merged in that applied_event does not account for (venues-applied.ts). */
  unlinked?: UnlinkedDeviceEvent[];
  /** Rounds whose counts ruling names a laptop whose counts are not the ones closed here (adv27). */
  rulings?: RulingMismatch[];
  /** Ballot rounds not closed here with exactly the union of their joined laptops' ballots. */
  ballotUnions?: BallotUnionMismatch[];
  /** Kit and device rows that differ from the main chain's kit and merge events (adv32 F9, F10). */
  kitRows?: KitRowMismatch[];
  /** Ballot-round laptops with voters marked that never closed the round: a warning (adv30b F4). */
  unclosed?: UnclosedDesk[];
  conflicts: {
    open: number;
    settled: number;
    /** Settled in the table without the settlement event. */
    unrecorded: string[];
    /** Found by a merge (its event lists it) but missing from the table. */
    missing: string[];
    /** In the table but listed by no merge event. */
    unlisted: string[];
    /** Rows whose laptops' sides are not what the device events give (adv32 F2). */
    changed?: string[];
  };
}

export function checkVenues(db: Db): VenueCheck {
  const has = db
    .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'merge_conflict'")
    .get();
  if (!has)
    return {
      ok: true,
      devices: [],
      conflicts: { open: 0, settled: 0, unrecorded: [], missing: [], unlisted: [] },
    };
  const summaries = new Map(listDevices(db).map((d) => [d.kitId, d]));
  const differences = appliedDifferences(db);
  const devices = verifyDeviceChains(db).map((c) => {
    const d = summaries.get(c.kitId);
    const base = {
      kitId: c.kitId,
      venue: c.venue,
      keyFingerprint: d?.keyFingerprint ?? '',
      events: c.length,
      head: c.head,
      proof: d?.proof ?? null,
    };
    if (!c.ok) return { ...base, ok: false, brokenAt: c.brokenAt, what: 'chain' as const };
    const dev = db
      .prepare('SELECT public_key FROM device WHERE kit_id = ?')
      .pluck()
      .get(c.kitId) as string | undefined;
    const seal = db
      .prepare(
        'SELECT length, head, signature FROM device_seal WHERE kit_id = ? ORDER BY length DESC LIMIT 1',
      )
      .get(c.kitId) as { length: number; head: string; signature: string } | undefined;
    const key = dev ? publicKeyFromRaw(dev) : null;
    const signed =
      seal !== undefined &&
      key !== null &&
      seal.head === c.head &&
      verifyBytes(
        Buffer.from(headStatement(c.kitId, seal.length, seal.head), 'utf8'),
        seal.signature,
        key,
      );
    if (!signed) return { ...base, ok: false, what: 'signature' as const };
    const mine = differences.filter((x) => x.kitId === c.kitId);
    return mine.length
      ? { ...base, ok: false, what: 'applied' as const, applied: mine }
      : { ...base, ok: true };
  });
  // Main events linked to a device that is not in the device table at all.
  const known = new Set(devices.map((d) => d.kitId));
  const orphan = differences.filter((x) => !known.has(x.kitId));
  const unlinked = unlinkedDeviceEvents(db);
  const rulings = rulingMismatches(db);
  const ballotUnions = ballotUnionMismatches(db);
  const unclosed = unclosedDesks(db);
  const kitRows = kitRowMismatches(db);
  const rows = db
    .prepare('SELECT id, detail, settled_choice, settled_note, settled_at FROM merge_conflict')
    .all() as {
    id: string;
    detail: string;
    settled_choice: string | null;
    settled_note: string | null;
    settled_at: string | null;
  }[];
  const settleEvents = new Set(
    (
      db.prepare('SELECT payload FROM event WHERE type = ?').pluck().all(SETTLE_EVENT) as string[]
    ).map((p) => {
      const x = JSON.parse(p) as { id: string; choice: string; note: string };
      return `${x.id}|${x.choice}|${x.note}`;
    }),
  );
  const unrecorded = rows
    .filter(
      (r) =>
        r.settled_at !== null &&
        !settleEvents.has(`${r.id}|${r.settled_choice ?? ''}|${r.settled_note ?? ''}`),
    )
    .map((r) => r.id);
  // Each merge's event (in the main chain) lists the conflicts that merge found or widened:
  // their union is the set of rows the table must hold, neither fewer nor more.
  const found = new Set<string>();
  for (const p of db
    .prepare('SELECT payload FROM event WHERE type = ?')
    .pluck()
    .all(MERGE_EVENT) as string[]) {
    const c = (JSON.parse(p) as { conflicts?: unknown }).conflicts;
    if (Array.isArray(c)) for (const id of c) if (typeof id === 'string') found.add(id);
  }
  const ids = new Set(rows.map((r) => r.id));
  const missing = [...found].filter((id) => !ids.has(id)).sort();
  const unlisted = rows
    .map((r) => r.id)
    .filter((id) => !found.has(id))
    .sort();
  const open = rows.filter((r) => r.settled_at === null).length;
  // Each row's laptops' sides as the device events give them (adv32 F2): the Acta prints them
  // and a late ruling is decided from their venues.
  const sides = laptopSidesByConflict(db);
  const changed = rows
    .filter((r) => {
      const want = sides.get(r.id);
      if (want === undefined) return false; // listed or not: named above
      try {
        return laptopSides((JSON.parse(r.detail) as { sides: ConflictSide[] }).sides) !== want;
      } catch {
        return true;
      }
    })
    .map((r) => r.id)
    .sort();
  return {
    ok:
      devices.every((d) => d.ok) &&
      orphan.length === 0 &&
      unlinked.length === 0 &&
      rulings.length === 0 &&
      ballotUnions.length === 0 &&
      kitRows.length === 0 &&
      unrecorded.length === 0 &&
      missing.length === 0 &&
      unlisted.length === 0 &&
      changed.length === 0,
    devices,
    ...(orphan.length ? { orphanApplied: orphan } : {}),
    ...(unlinked.length ? { unlinked } : {}),
    ...(rulings.length ? { rulings } : {}),
    ...(ballotUnions.length ? { ballotUnions } : {}),
    ...(kitRows.length ? { kitRows } : {}),
    ...(unclosed.length ? { unclosed } : {}),
    conflicts: {
      open,
      settled: rows.length - open,
      unrecorded,
      missing,
      unlisted,
      ...(changed.length ? { changed } : {}),
    },
  };
}

export interface ActaDeviceCheck {
  kitId: string;
  venue: string;
  keyFingerprint: string;
  status: 'ok' | 'differs' | 'broken' | 'applied' | 'keyDiffers' | 'missing' | 'extra';
  /** The device key's fingerprint in the workshop file (keyFingerprint is the Acta's). */
  workshopKey: string;
  events: number;
  head: string;
  actaEvents: number;
  actaHead: string;
  brokenAt?: number;
  /** status 'applied': the first main event that differs from its device event. */
  applied?: AppliedDifference;
}

/**
 * `minka verify ACTA.pdf --workshop MAIN.minka`: the Acta prints each device's head, but a PDF
 * holds no chains. With the workshop file, each device chain is checked again (checkVenues) and
 * its head and length compared with what the Acta printed; a device on one side only is named.
 * The device key must be the one the Acta printed (a swapped key re-signing the same head is
 * named), and what the merge applied must agree with the device's events (venues-applied.ts).
 */
export function compareActaDevices(
  db: Db,
  acta: { kitId: string; venue: string; keyFingerprint: string; head: string; events: number }[],
): ActaDeviceCheck[] {
  const here = new Map(checkVenues(db).devices.map((d) => [d.kitId, d]));
  const out: ActaDeviceCheck[] = acta.map((a) => {
    const d = here.get(a.kitId);
    here.delete(a.kitId);
    const base = {
      kitId: a.kitId,
      venue: a.venue,
      keyFingerprint: a.keyFingerprint,
      actaEvents: a.events,
      actaHead: a.head,
    };
    if (!d) return { ...base, status: 'missing', workshopKey: '', events: 0, head: '' };
    const now = { ...base, workshopKey: d.keyFingerprint, events: d.events, head: d.head };
    if (d.what === 'applied' && d.applied?.[0])
      return { ...now, status: 'applied', applied: d.applied[0] };
    if (!d.ok) return { ...now, status: 'broken', brokenAt: d.brokenAt ?? 0 };
    if (d.keyFingerprint !== a.keyFingerprint) return { ...now, status: 'keyDiffers' };
    return { ...now, status: d.head === a.head && d.events === a.events ? 'ok' : 'differs' };
  });
  for (const d of here.values())
    out.push({
      kitId: d.kitId,
      venue: d.venue,
      keyFingerprint: d.keyFingerprint,
      workshopKey: d.keyFingerprint,
      status: 'extra',
      events: d.events,
      head: d.head,
      actaEvents: 0,
      actaHead: '',
    });
  return out;
}
