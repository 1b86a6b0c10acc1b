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
import { DEFAULT_TIME_ZONE } from '../../shared/format';
import type { ClockCheck, ClockStep } from '../../shared/schemas/check';
import type { Db } from '../platform/db';
import { copiedEvents } from './venues-siblings';

export const CLOCK_TOLERANCE_SECONDS = 120;

interface Timed {
  seq: number;
  type: string;
  at: string;
}

const hasTable = (db: Db, name: string) =>
  db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !==
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

/** Every laptop's clock running backwards in this file, per laptop (chain), in chain order. */
export function clockCheck(db: Db): ClockCheck {
  const zone =
    (db.prepare("SELECT value FROM meta WHERE key = 'time_zone'").pluck().get() as
      string | undefined) ?? DEFAULT_TIME_ZONE;
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
  if (hasTable(db, 'device_event')) {
    const copies = copiedEvents(db);
    const rows = db
      .prepare('SELECT kit_id, seq, at, type FROM device_event ORDER BY kit_id, seq')
      .all() as (Timed & { kit_id: string })[];
    const byKit = new Map<string, Timed[]>();
    for (const r of rows) {
      if (chains.has(r.kit_id) || copies.has(`${r.kit_id}|${r.seq}`)) continue;
      const list = byKit.get(r.kit_id) ?? [];
      list.push(r);
      byKit.set(r.kit_id, list);
    }
    for (const [kit, list] of byKit)
      backwards.push(...stepsBack(list, { kitId: kit, venue: venueOf.get(kit) ?? '' }));
  }
  return { toleranceSeconds: CLOCK_TOLERANCE_SECONDS, timeZone: zone, backwards };
}
