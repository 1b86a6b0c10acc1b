// What a merge applied, checked again against the device events it came from (issue 20).
// The merge keeps each device event verbatim in device_event and applies it to this workshop
// through the store functions (venues-apply.ts), which append main events; applied_event
// links each such main event to the device event it came from. A device chain that verifies
// proves nothing about those main events: a count applied as 3 from a device event that says
// 2 (an edited copy fed to the merge, or the main event rewritten and chained again with the
// main key) left every chain valid. Here each linked main event is compared, field by field,
// with its device event: every field the device event carries must be in the main event with
// the same value (a participant id may be the one the merge aliased it to, device_alias).
import { copiedEvents } from './venues-siblings';
import { canonicalize } from '../../shared/canonical';
import type { Db } from '../platform/db';
import { ROUND_CLOSED_EVENT } from '../voting/round-freeze';
import { MERGE_EVENT, SETTLE_EVENT } from './venues';
import { isBallotRound } from './venues-ballot-laptops';

export interface AppliedDifference {
  kitId: string;
  /** The device event (seq in its own chain). */
  deviceSeq: number;
  /** The main event applied from it. */
  mainSeq: number;
  /** The field that differs, or 'type' when the main event is not one that device event applies. */
  field: string;
}

/**
 * Device events a main event may come from: the one applied_event names and, for pairs the
 * merge applies as one (a walk-in and its check-in, a voter mark and its ballot), the next.
 */
const PAIRED = new Set(['registry.walkInRegistered', 'voting.voterMarked']);

/**
 * Fields the main workshop computes from its own state when it applies the event, not copied
 * from the device: a close's snapshot and frozen result (main's quorum, proposals, other
 * venues' check-ins). What they are computed from (counts, ballots) is compared event by event,
 * and `minka check` recomputes each frozen result from its stored inputs.
 */
const COMPUTED_HERE: Record<string, string[]> = { [ROUND_CLOSED_EVENT]: ['snapshot', 'frozen'] };

type Row = { seq: number; type: string; payload: string };

const same = (a: unknown, b: unknown): boolean =>
  canonicalize(a ?? null) === canonicalize(b ?? null);

/** Whether this close (main's copy) is of a ballot round, whose box is joined from laptops. */
const ballotRoundClose = (db: Db, main: Record<string, unknown>): boolean =>
  typeof main['id'] === 'string' && isBallotRound(db, main['id']);

/** Every difference between what the device events say and what the main log recorded. */
export function appliedDifferences(db: Db): AppliedDifference[] {
  const has = db
    .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'applied_event'")
    .get();
  if (!has) return [];
  const links = db
    .prepare(
      `SELECT a.main_seq AS mainSeq, a.kit_id AS kitId, a.device_seq AS deviceSeq,
              e.type AS type, e.payload AS payload
         FROM applied_event a LEFT JOIN event e ON e.seq = a.main_seq
        ORDER BY a.main_seq`,
    )
    .all() as {
    mainSeq: number;
    kitId: string;
    deviceSeq: number;
    type: string | null;
    payload: string | null;
  }[];
  const device = db.prepare(
    'SELECT seq, type, payload FROM device_event WHERE kit_id = ? AND seq IN (?, ?) ORDER BY seq',
  );
  const aliases = new Map<string, string>();
  for (const a of db.prepare('SELECT kit_id, from_id, to_id FROM device_alias').all() as {
    kit_id: string;
    from_id: string;
    to_id: string;
  }[])
    aliases.set(`${a.kit_id}|${a.from_id}`, a.to_id);
  const out: AppliedDifference[] = [];
  for (const l of links) {
    const at = { kitId: l.kitId, deviceSeq: l.deviceSeq, mainSeq: l.mainSeq };
    const rows = device.all(l.kitId, l.deviceSeq, l.deviceSeq + 1) as Row[];
    const own = rows.find((r) => r.seq === l.deviceSeq);
    if (!own || l.type === null || l.payload === null) {
      out.push({ ...at, field: own ? 'event' : 'device_event' });
      continue;
    }
    const from =
      own.type === l.type
        ? own
        : PAIRED.has(own.type)
          ? rows.find((r) => r.seq === l.deviceSeq + 1 && r.type === l.type)
          : undefined;
    if (!from) {
      // A round's close applies its kiosk ballots: their voter marks are main events of its own.
      if (!(own.type === ROUND_CLOSED_EVENT && l.type === 'voting.voterMarked'))
        out.push({ ...at, field: 'type' });
      continue;
    }
    const dev = JSON.parse(from.payload) as Record<string, unknown>;
    const main = JSON.parse(l.payload) as Record<string, unknown>;
    const computed = COMPUTED_HERE[from.type] ?? [];
    for (const [k, v] of Object.entries(dev)) {
      if (computed.includes(k) || same(v, main[k])) continue;
      // A ballot round's close holds the joined laptops' boxes less the lot's draws
      // (venues-ballot-join.ts): checked as a whole, recomputed, by venues-ballot-check.ts.
      if (k === 'kioskBallots' && from.type === ROUND_CLOSED_EVENT && ballotRoundClose(db, main))
        continue;
      if (
        k === 'participantId' &&
        typeof v === 'string' &&
        aliases.get(`${l.kitId}|${v}`) === main[k]
      )
        continue;
      out.push({ ...at, deviceSeq: from.seq, field: k });
    }
  }
  return out;
}

export interface UnlinkedDeviceEvent {
  kitId: string;
  deviceSeq: number;
  type: string;
  /**
   * 'notApplied': a merge took it in, did not hold it, and no main event is linked to it (an
   * applied_event row deleted); 'heldApplied': its merge held it, yet main events are linked.
   */
  what: 'notApplied' | 'heldApplied';
}

/**
 * Device events a merge took in that applied_event does not account for. Each merge event (in
 * the main chain) says which device events it took (its `added` up to `length`) and which it
 * held; every other one was applied, so at least one main event must be linked to it, except
 * those the merge applies with another (a walk-in's check-in, a voter mark's legacy ballot),
 * a voter mark applied at its round's close (linked to the close), and the device's adoption.
 * A deleted applied_event row turned a venue's event into one of main's own, unseen until now.
 */
export function unlinkedDeviceEvents(db: Db): UnlinkedDeviceEvent[] {
  const has = db
    .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'applied_event'")
    .get();
  if (!has) return [];
  const linked = new Set(
    (
      db.prepare('SELECT DISTINCT kit_id, device_seq FROM applied_event').all() as {
        kit_id: string;
        device_seq: number;
      }[]
    ).map((a) => `${a.kit_id}|${a.device_seq}`),
  );
  const device = db.prepare(
    'SELECT seq, type FROM device_event WHERE kit_id = ? AND seq BETWEEN ? AND ? ORDER BY seq',
  );
  const out: UnlinkedDeviceEvent[] = [];
  // Held at its merge, applied later by a ruling on the round's counts (venues-ruling.ts), or
  // joined into a ballot round by a later merge or a ruling (venues-ballot-join.ts).
  const ruled = new Set<string>();
  for (const payload of db
    .prepare('SELECT payload FROM event WHERE type IN (?, ?) ORDER BY seq')
    .pluck()
    .all(SETTLE_EVENT, MERGE_EVENT) as string[]) {
    const s = JSON.parse(payload) as {
      choice?: unknown;
      reapplied?: { seqs?: unknown };
      joined?: { kitId?: unknown; seqs?: unknown }[];
    };
    const seqs = s.reapplied?.seqs;
    if (typeof s.choice === 'string' && Array.isArray(seqs))
      for (const q of seqs) ruled.add(`${s.choice}|${String(q)}`);
    for (const j of Array.isArray(s.joined) ? s.joined : [])
      if (typeof j.kitId === 'string' && Array.isArray(j.seqs))
        for (const q of j.seqs) ruled.add(`${j.kitId}|${String(q)}`);
  }
  // A laptop's applied copies of its sibling's events are skipped, never applied (item 5).
  const copies = copiedEvents(db);
  for (const payload of db
    .prepare('SELECT payload FROM event WHERE type = ? ORDER BY seq')
    .pluck()
    .all(MERGE_EVENT) as string[]) {
    const m = JSON.parse(payload) as {
      kitId?: unknown;
      length?: unknown;
      added?: unknown;
      held?: unknown;
    };
    // A merge event written before merges listed what they held says nothing to check against.
    if (
      typeof m.kitId !== 'string' ||
      typeof m.length !== 'number' ||
      typeof m.added !== 'number' ||
      !Array.isArray(m.held) ||
      m.added === 0
    )
      continue;
    const held = new Set(m.held);
    const rows = device.all(m.kitId, m.length - m.added, m.length) as Row[];
    for (const [i, r] of rows.entries()) {
      if (r.seq <= m.length - m.added) continue;
      const isLinked = linked.has(`${m.kitId}|${r.seq}`);
      const at = { kitId: m.kitId, deviceSeq: r.seq, type: r.type };
      if (held.has(r.seq)) {
        if (isLinked && !ruled.has(`${m.kitId}|${r.seq}`)) out.push({ ...at, what: 'heldApplied' });
        continue;
      }
      if (isLinked || r.type === ADOPTED || copies.has(`${m.kitId}|${r.seq}`)) continue;
      const prev = rows[i - 1];
      const next = rows[i + 1];
      const partner =
        prev !== undefined &&
        PAIRED.has(prev.type) &&
        r.type === PAIR_OF[prev.type] &&
        linked.has(`${m.kitId}|${prev.seq}`);
      const markAtClose = r.type === 'voting.voterMarked' && next?.type !== 'voting.ballotCast';
      if (!partner && !markAtClose) out.push({ ...at, what: 'notApplied' });
    }
  }
  return out;
}

const ADOPTED = 'venues.deviceAdopted';
/** The event the merge applies together with each PAIRED one (venues-apply.ts). */
const PAIR_OF: Record<string, string> = {
  'registry.walkInRegistered': 'attendance.checkedIn',
  'voting.voterMarked': 'voting.ballotCast',
};
