// What a merge applied, checked again against the device events it came from (issue 20).
// The merge keeps each device event verbatim in device_event and applies it to this workshop
// through the store functions (venues-apply.ts), which append main events; applied_event
// links each such main event to the device event it came from. A device chain that verifies
// proves nothing about those main events: a count applied as 3 from a device event that says
// 2 (an edited copy fed to the merge, or the main event rewritten and chained again with the
// main key) left every chain valid. Here each linked main event is compared, field by field,
// with its device event: every field the device event carries must be in the main event with
// the same value (a participant id may be the one the merge aliased it to, device_alias).
import { canonicalize } from '../../shared/canonical';
import type { Db } from '../platform/db';
import { ROUND_CLOSED_EVENT } from '../voting/round-freeze';

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
