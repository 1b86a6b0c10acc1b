// Times running backwards (finding F5). Each event carries the time its laptop's clock gave
// when it was recorded; the facilitator controls that clock, and setting it back records a
// check-in "before" a round's close or back-dates a change. The chain still verifies (the
// time is chained as written), so `minka check`, the record screen and the seal report every
// place where an event is earlier than the latest event before it on the same laptop.
//
// One laptop, one chain of times: the file's own events (not those a merge applied from a
// venue device, which carry the device's times: applied_event), and each venue device's own
// events as merged (device_event, less its applied copies of a sibling's events). On a venue
// laptop's file, the events before its kit are the main laptop's and its own are marked with
// its device. Different laptops' clocks are never compared with each other: a venue laptop
// five minutes behind the hall's is not a defect, and its merged check-ins sit in the main
// chain after the hall's later events by design.
//
// Tolerance, 2 minutes: laptops do get their clocks corrected (a time sync on waking, an
// operator fixing a drifted clock by a few seconds), and a step back of 30 s is no sign of
// anything; the Acta and the screens print times to the minute, so a step under 2 minutes
// moves no printed time by more than a minute or two. Each step is measured against the
// latest time seen so far on that laptop (not only the previous event), so a clock walked back
// a little at a time is found once the walk passes 2 minutes. A run of events behind that
// latest time is one finding (its first event, and how many it holds).
// The verdicts themselves follow the log's order, not these times (the close's snapshot, the
// frozen inputs, the quorum at close, the setup reopenings after a close): a time running
// backwards changes what is printed, not who was present or what was decided.
//
// A venue laptop's window (misc28). What is signed about a kit's time is its issue: the main
// key signs the kit statement's createdAt, by the main laptop's clock. Its return is the merge
// that took each of its events in, an event of the file's own chain (by that file's clock);
// the device signs only its chain's length and head, no time. So a device event that claims a
// time before its kit was issued, or after the merge that brought it, was recorded by a clock
// that was wrong then (or set so): named per laptop, with both times, and the seal asks to
// confirm it (`clockOutsideKit:KIT`). Here two laptops' clocks are compared, so the tolerance
// is wider, 10 minutes: a kit prepared in the hall and opened at once on a laptop a few
// minutes behind is no sign of anything.
import { recordedZone } from '../../shared/format';
import type { ClockCheck, ClockStep, ClockWindow } from '../../shared/schemas/check';
import type { Db } from '../platform/db';
import { cached } from '../platform/statements';
import { MERGE_EVENT } from './venues';
import { copiedEvents } from './venues-siblings';

export const CLOCK_TOLERANCE_SECONDS = 120;
export const WINDOW_TOLERANCE_SECONDS = 600;

interface Timed {
  seq: number;
  type: string;
  at: string;
}

/** Whether the file has table `name` (a file read before its migrations may lack the venues'). */
export const hasTable = (db: Db, name: string) =>
  cached(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !==
  undefined;

/** The runs of one chain's events recorded earlier than the latest before them, past the tolerance. */
export function stepsBack(
  rows: Iterable<Timed>,
  who: { kitId: string | null; venue: string },
  toleranceSeconds = CLOCK_TOLERANCE_SECONDS,
): ClockStep[] {
  const out: ClockStep[] = [];
  let top: (Timed & { t: number }) | null = null;
  let run: ClockStep | null = null;
  for (const r of rows) {
    const t = Date.parse(r.at);
    if (Number.isNaN(t)) continue;
    if (top && t < top.t - toleranceSeconds * 1000) {
      if (run) run.events++;
      else {
        run = {
          ...who,
          seq: r.seq,
          type: r.type,
          at: r.at,
          prevSeq: top.seq,
          prevType: top.type,
          prevAt: top.at,
          backSeconds: Math.round((top.t - t) / 1000),
          events: 1,
        };
        out.push(run);
      }
    } else run = null;
    if (!top || t > top.t) top = { ...r, t };
  }
  return out;
}

/** The workshop's time zone as the file records it (meta), the default when it does not. */
export const workshopZone = (db: Db): string =>
  recordedZone(
    db.prepare("SELECT value FROM meta WHERE key = 'time_zone'").pluck().get() as
      string | undefined,
  );

/** Every laptop's clock running backwards in this file, per laptop (chain), in chain order. */
export function clockCheck(db: Db): ClockCheck {
  const zone = workshopZone(db);
  const venues = hasTable(db, 'venue_kit');
  const venueOf = new Map<string, string>(
    venues
      ? (
          db
            .prepare(
              "SELECT k.id AS id, coalesce(v.name, '') AS name FROM venue_kit k LEFT JOIN venue v ON v.id = k.venue_id",
            )
            .all() as { id: string; name: string }[]
        ).map((k) => [k.id, k.name])
      : [],
  );
  // The file's own events, by the laptop that recorded them (its device mark, or none).
  const own = db
    .prepare(
      hasTable(db, 'applied_event')
        ? 'SELECT seq, at, actor, type FROM event e WHERE NOT EXISTS (SELECT 1 FROM applied_event a WHERE a.main_seq = e.seq) ORDER BY seq'
        : 'SELECT seq, at, actor, type FROM event ORDER BY seq',
    )
    .all() as (Timed & { actor: string })[];
  const chains = new Map<string | null, Timed[]>();
  for (const e of own) {
    const kit = e.actor.startsWith('device:') ? e.actor.slice('device:'.length) : null;
    const list = chains.get(kit) ?? [];
    list.push(e);
    chains.set(kit, list);
  }
  const backwards: ClockStep[] = [];
  for (const [kit, rows] of chains)
    backwards.push(...stepsBack(rows, { kitId: kit, venue: kit ? (venueOf.get(kit) ?? '') : '' }));
  // Each merged device's own events (its applied copies of a sibling's carry the sibling's time).
  const byKit = new Map<string, Timed[]>();
  if (hasTable(db, 'device_event')) {
    const copies = copiedEvents(db);
    const rows = db
      .prepare('SELECT kit_id, seq, at, type FROM device_event ORDER BY kit_id, seq')
      .all() as (Timed & { kit_id: string })[];
    for (const r of rows) {
      if (chains.has(r.kit_id) || copies.has(`${r.kit_id}|${r.seq}`)) continue;
      const list = byKit.get(r.kit_id) ?? [];
      list.push(r);
      byKit.set(r.kit_id, list);
    }
    for (const [kit, list] of byKit)
      backwards.push(...stepsBack(list, { kitId: kit, venue: venueOf.get(kit) ?? '' }));
  }
  const outside: ClockWindow[] = [];
  if (venues) {
    const issued = kitIssueTimes(db);
    const returned = returnTimes(db);
    const venue = (kit: string) => venueOf.get(kit) ?? '';
    // This laptop's own events as a venue's (a kit file): not before its kit was issued.
    for (const [kit, rows] of chains)
      if (kit) outside.push(...outsideWindow(rows, kit, venue(kit), issued.get(kit), () => null));
    for (const [kit, rows] of byKit)
      outside.push(
        ...outsideWindow(rows, kit, venue(kit), issued.get(kit), (seq) =>
          returnedAt(returned.get(kit) ?? [], seq),
        ),
      );
  }
  return {
    toleranceSeconds: CLOCK_TOLERANCE_SECONDS,
    timeZone: zone,
    backwards,
    outside,
    windowToleranceSeconds: WINDOW_TOLERANCE_SECONDS,
  };
}

/** Each kit's issue time, as the main key signed it (the statement's createdAt). */
function kitIssueTimes(db: Db): Map<string, string> {
  const out = new Map<string, string>();
  for (const k of db.prepare('SELECT id, statement FROM venue_kit').all() as {
    id: string;
    statement: string;
  }[]) {
    try {
      const st = JSON.parse(k.statement) as { createdAt?: unknown };
      if (typeof st.createdAt === 'string') out.set(k.id, st.createdAt);
    } catch {
      // An unreadable statement is the kit check's finding, not the clock's.
    }
  }
  return out;
}

/** Per kit, each merge of this file's chain (its time) and the kit's last event (seq) it held. */
function returnTimes(db: Db): Map<string, { at: string; upTo: number }[]> {
  const out = new Map<string, { at: string; upTo: number }[]>();
  const rows = db
    .prepare('SELECT at, payload FROM event WHERE type = ? ORDER BY seq')
    .all(MERGE_EVENT) as { at: string; payload: string }[];
  const seqOf = db.prepare('SELECT seq FROM device_event WHERE kit_id = ? AND hash = ?').pluck();
  const add = (kit: string, at: string, upTo: number) =>
    out.set(kit, [...(out.get(kit) ?? []), { at, upTo }]);
  for (const r of rows) {
    const p = JSON.parse(r.payload) as {
      kitId?: string;
      length?: number;
      devices?: { kitId: string; head: string }[];
    };
    // The head of every device after this merge; a merge from before they were listed, its own.
    if (Array.isArray(p.devices))
      for (const d of p.devices) {
        const seq = seqOf.get(d.kitId, d.head) as number | undefined;
        if (seq !== undefined) add(d.kitId, r.at, seq);
      }
    else if (p.kitId && typeof p.length === 'number') add(p.kitId, r.at, p.length);
  }
  return out;
}

/** The time of the first merge that held the kit's event `seq`. */
function returnedAt(merges: { at: string; upTo: number }[], seq: number): string | null {
  return merges.find((x) => x.upTo >= seq)?.at ?? null;
}

/** One laptop's events outside [issued, returned] beyond the tolerance, one finding per bound. */
export function outsideWindow(
  rows: Iterable<Timed>,
  kitId: string,
  venue: string,
  issuedAt: string | undefined,
  returnOf: (seq: number) => string | null,
  toleranceSeconds = WINDOW_TOLERANCE_SECONDS,
): ClockWindow[] {
  const found = new Map<ClockWindow['bound'], ClockWindow>();
  const issued = issuedAt ? Date.parse(issuedAt) : NaN;
  const note = (bound: ClockWindow['bound'], boundAt: string, r: Timed, apart: number) => {
    const f = found.get(bound);
    if (!f)
      found.set(bound, {
        kitId,
        venue,
        bound,
        boundAt,
        seq: r.seq,
        type: r.type,
        at: r.at,
        apartSeconds: Math.round(apart / 1000),
        events: 1,
      });
    else {
      f.events++;
      f.apartSeconds = Math.max(f.apartSeconds, Math.round(apart / 1000));
    }
  };
  for (const r of rows) {
    const t = Date.parse(r.at);
    if (Number.isNaN(t)) continue;
    if (issuedAt && issued - t > toleranceSeconds * 1000)
      note('beforeIssued', issuedAt, r, issued - t);
    const back = returnOf(r.seq);
    const returned = back ? Date.parse(back) : NaN;
    if (back && t - returned > toleranceSeconds * 1000)
      note('afterReturned', back, r, t - returned);
  }
  return [...found.values()];
}
