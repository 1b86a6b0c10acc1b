// Conflicts between venue devices (issue 20): found from the set of events alone (so the
// order of merges does not change them), listed side by side, settled by a person (an event,
// venues-settle.ts).
import { createHash } from 'node:crypto';
import { canonicalize, type Json } from '../../shared/canonical';
import { displayName } from '../../shared/schemas/attendance';
import type { Db } from '../platform/db';
import { cached } from '../platform/statements';
import { getSetup } from '../workshop/workshop';
import { alias, mainOwnEvents, type P, proposalVersions, s } from './venues-apply';
import { refusedCounts, unownedCounts } from './venues-refused';
import { copiedEvents } from './venues-siblings';
import { ballotFacts } from './venues-ballot-facts';
import { isBallotRound } from './venues-ballot-laptops';
import { ruledReadings } from './venues-ballot-readings';

export const MERGE_TABLE =
  "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'merge_conflict'";

// ---- conflicts ------------------------------------------------------------------------

export type ConflictKind = 'checkIn' | 'orgVote' | 'proposalEdit' | 'roundCounts' | 'countRefused';

export interface ConflictSide {
  source: string;
  venue: string;
  at: string;
  /** What this side says (a check-in's venue and time, a proposal's version, the counts). */
  what: Json;
  ref: string;
}

export interface Conflict {
  id: string;
  kind: ConflictKind;
  subject: string;
  label: string;
  sides: ConflictSide[];
  foundAt: string;
  settled: {
    choice: string;
    note: string;
    at: string;
    /** A ballot round's ruling: per paper serial read otherwise, the laptop whose reading stands. */
    readings?: Record<string, string>;
  } | null;
}

function venueOfSource(db: Db, source: string): string {
  if (source === 'main') return 'main';
  const v = cached(
    db,
    'SELECT v.name FROM venue_kit k JOIN venue v ON v.id = k.venue_id WHERE k.id = ?',
  )
    .pluck()
    .get(source) as string | undefined;
  return v ?? source;
}

interface Fact {
  kind: ConflictKind;
  subject: string;
  /** Computed only for subjects that turn out to be conflicts. */
  label: () => string;
  side: ConflictSide;
}

/** Every conflict the current set of events shows, computed from the events alone. */
function findConflicts(db: Db): Fact[] {
  const facts: Fact[] = [];
  // A laptop's applied copies of its sibling's events are not its own doing (venues-siblings.ts).
  const copies = copiedEvents(db);
  const devRows = (
    cached(
      db,
      'SELECT kit_id, seq, at, type, payload, hash FROM device_event ORDER BY kit_id, seq',
    ).all() as {
      kit_id: string;
      seq: number;
      at: string;
      type: string;
      payload: string;
      hash: string;
    }[]
  ).filter((r) => !copies.has(`${r.kit_id}|${r.seq}`));
  const venues = new Map(
    (cached(db, 'SELECT id, name FROM venue').all() as { id: string; name: string }[]).map((v) => [
      v.id,
      v.name,
    ]),
  );
  const venueName = (id: string) => venues.get(id) ?? id;
  const personName = (id: string) => {
    const r = cached(db, 'SELECT given_names, surnames, dni FROM participant WHERE id = ?').get(
      id,
    ) as { given_names: string; surnames: string; dni: string } | undefined;
    // The same order as the door and the registry ("QUISPE MAMANI, Rosa").
    return r
      ? `${displayName({ givenNames: r.given_names, surnames: r.surnames })} (${r.dni || '—'})`
      : id;
  };
  // Check-ins: one person, one day, more than one device.
  const open = new Map<
    string,
    { source: string; pid: string; venueId: string; day: string; at: string; hash: string }
  >();
  const addCheckIn = (source: string, p: P, at: string, hash: string, pid: string) =>
    open.set(s(p['id']), { source, pid, venueId: s(p['venueId']), day: s(p['day']), at, hash });
  for (const r of devRows) {
    const p = JSON.parse(r.payload) as P;
    if (r.type === 'attendance.checkedIn')
      addCheckIn(r.kit_id, p, r.at, r.hash, alias(db, r.kit_id, p['participantId']) ?? '');
    if (r.type === 'attendance.checkInUndone' && open.get(s(p['id']))?.source === r.kit_id)
      open.delete(s(p['id']));
  }
  for (const e of mainOwnEvents(db, ['attendance.checkedIn']))
    addCheckIn('main', e.p, e.at, e.hash, s(e.p['participantId']));
  for (const [attId, c] of open)
    facts.push({
      kind: 'checkIn',
      subject: `${c.pid}|${c.day}`,
      label: () => `${personName(c.pid)} · ${c.day.split('-').reverse().join('/')}`,
      side: {
        source: c.source,
        venue: venueName(c.venueId),
        at: c.at,
        what: { venue: venueName(c.venueId), day: c.day },
        ref: attId,
      },
    });
  // One organisation's vote at more than one device.
  if (getSetup(db).voteRule === 'perOrganization')
    for (const r of devRows) {
      if (r.type !== 'voting.voterMarked') continue;
      const p = JSON.parse(r.payload) as P;
      const org = s(p['organizationId']);
      if (!org) continue;
      const name =
        (cached(db, 'SELECT name FROM organization WHERE id = ?').pluck().get(org) as
          string | undefined) ?? org;
      facts.push({
        kind: 'orgVote',
        subject: org,
        label: () => name,
        side: {
          source: r.kit_id,
          venue: venueOfSource(db, r.kit_id),
          at: r.at,
          what: {
            round: s(p['roundId']),
            person: personName(alias(db, r.kit_id, p['participantId']) ?? ''),
          },
          ref: r.hash,
        },
      });
    }
  // One proposal edited on more than one laptop.
  const edited = new Set(
    devRows
      .filter((r) => r.type === 'proposals.proposalEdited')
      .map((r) => s((JSON.parse(r.payload) as P)['id'])),
  );
  for (const pid of edited)
    for (const v of proposalVersions(db, pid))
      facts.push({
        kind: 'proposalEdit',
        subject: pid,
        label: () => s(v.p['code']),
        side: {
          source: v.source,
          venue: venueOfSource(db, v.source),
          at: v.at,
          what: v.p as Json,
          ref: v.hash,
        },
      });
  // Counts or ballots for one round from more than one laptop.
  const rounds = new Map<string, Map<string, { at: string; counts: P[]; ref: string }>>();
  for (const r of devRows) {
    if (!['voting.countEntered', 'voting.ballotCast', 'voting.paperEntered'].includes(r.type))
      continue;
    const p = JSON.parse(r.payload) as P;
    const rid = s(p['roundId']);
    // A ballot round's laptops are a union: its conflicts are ballotFacts' (below).
    if (isBallotRound(db, rid)) continue;
    const m = rounds.get(rid) ?? new Map<string, { at: string; counts: P[]; ref: string }>();
    const cur = m.get(r.kit_id) ?? { at: r.at, counts: [], ref: r.hash };
    cur.at = r.at;
    cur.ref = r.hash;
    cur.counts.push(
      r.type === 'voting.countEntered'
        ? { item: p['itemId'], count: p['count'], operator: p['operator'] }
        : { ballot: p['choices'] },
    );
    m.set(r.kit_id, cur);
    rounds.set(rid, m);
  }
  for (const [rid, m] of rounds) {
    const title =
      (cached(db, 'SELECT title FROM voting_round WHERE id = ?').pluck().get(rid) as
        string | undefined) ?? rid;
    for (const [src, v] of m)
      facts.push({
        kind: 'roundCounts',
        subject: rid,
        label: () => title,
        side: {
          source: src,
          venue: venueOfSource(db, src),
          at: v.at,
          what: v.counts as Json,
          ref: v.ref,
        },
      });
  }
  facts.push(...unownedCounts(db, rounds));
  facts.push(...ballotFacts(db, personName, (src) => venueOfSource(db, src)));
  facts.push(...refusedCounts(db, (src) => venueOfSource(db, src)));
  return facts;
}

/**
 * For `minka check` (adv32 F2): each conflict the events show, by id, with its laptops' sides as
 * the events give them (laptop, event, time, venue): what a row's stored `detail` must say of
 * them. Main's own side is left out (main's state may move after a ruling, by design).
 */
export function laptopSidesByConflict(db: Db): Map<string, string> {
  const out = new Map<string, string>();
  for (const fs of conflictGroups(db)) {
    const first = fs[0] as Fact;
    out.set(conflictId(first.kind, first.subject), laptopSides(fs.map((f) => f.side)));
  }
  return out;
}

/** The facts grouped by subject, each group touched from more than one source: the conflicts. */
function conflictGroups(db: Db): Fact[][] {
  const groups = new Map<string, Fact[]>();
  for (const f of findConflicts(db)) {
    const k = `${f.kind}|${f.subject}`;
    groups.set(k, [...(groups.get(k) ?? []), f]);
  }
  return [...groups.values()].filter((fs) => new Set(fs.map((f) => f.side.source)).size >= 2);
}

/** The laptops' sides of a conflict, as compared (sorted; main's left out). */
export const laptopSides = (sides: readonly ConflictSide[]): string =>
  JSON.stringify(
    sides
      .filter((x) => x.source !== 'main')
      .map((x) => [x.source, x.ref, x.at, x.venue])
      .sort((a, b) => (a.join('|') < b.join('|') ? -1 : 1)),
  );

const conflictId = (kind: string, subject: string): string =>
  createHash('sha256').update(canonicalize({ kind, subject })).digest('hex').slice(0, 32);

/** Group facts into conflicts (a subject touched from more than one source) and store new ones. */
export function recordConflicts(db: Db): string[] {
  const added: string[] = [];
  // One conflict per subject: a side that arrives later (a third laptop) joins it, and reopens
  // it if it was settled without that side. Merging in any order records the same rows.
  const get = cached(db, 'SELECT detail, settled_at FROM merge_conflict WHERE id = ?');
  // Only a new side (its laptop, event and time) reopens a conflict; a label or a side's words
  // written another way (a person's name order, by a later build) are brought up to date and
  // leave a settlement standing. Of a settled proposal conflict, main's side is what main holds
  // since the ruling (the chosen version the ruling saved, or an edit made after it, having seen
  // every side): only a laptop's side that the ruling did not see reopens it.
  const relabel = cached(db, 'UPDATE merge_conflict SET detail = ? WHERE id = ?');
  const sidesOf = (detail: string, laptopsOnly: boolean) => {
    const d = JSON.parse(detail) as { sides?: ConflictSide[] };
    return JSON.stringify(
      (d.sides ?? [])
        .filter((x) => !laptopsOnly || x.source !== 'main')
        .map((x) => [x.source, x.ref, x.at]),
    );
  };
  const ins = cached(
    db,
    'INSERT INTO merge_conflict (id, kind, subject, detail, found_at) VALUES (?, ?, ?, ?, ?)',
  );
  const widen = cached(
    db,
    'UPDATE merge_conflict SET detail = ?, found_at = ?, settled_choice = NULL, settled_note = NULL, settled_at = NULL WHERE id = ?',
  );
  for (const fs of conflictGroups(db)) {
    const first = fs[0] as Fact;
    const sides = fs
      .map((f) => f.side)
      .sort((a, b) => (a.source + a.ref).localeCompare(b.source + b.ref));
    const id = conflictId(first.kind, first.subject);
    const foundAt = sides.reduce((m, x) => (x.at > m ? x.at : m), '');
    const detail = canonicalize({ label: first.label(), sides: sides as unknown as Json });
    const old = get.get(id) as { detail: string; settled_at: string | null } | undefined;
    const laptopsOnly = first.kind === 'proposalEdit' && old?.settled_at != null;
    if (!old) ins.run(id, first.kind, first.subject, detail, foundAt);
    else if (old.detail === detail) continue;
    else if (laptopsOnly && sidesOf(old.detail, true) === sidesOf(detail, true)) continue;
    else if (sidesOf(old.detail, false) === sidesOf(detail, false)) {
      relabel.run(detail, id);
      continue;
    } else widen.run(detail, foundAt, id);
    added.push(id);
  }
  return added;
}

export function listConflicts(db: Db): Conflict[] {
  // A read-only file from before venues existed has no such table.
  if (!cached(db, MERGE_TABLE).get()) return [];
  const rows = cached(db, 'SELECT * FROM merge_conflict ORDER BY found_at, id').all() as {
    id: string;
    kind: ConflictKind;
    subject: string;
    detail: string;
    found_at: string;
    settled_choice: string | null;
    settled_note: string | null;
    settled_at: string | null;
  }[];
  return rows.map((r) => {
    const d = JSON.parse(r.detail) as { label: string; sides: ConflictSide[] };
    const readings =
      r.settled_at !== null && r.kind === 'roundCounts'
        ? ruledReadings(db, r.subject)?.readings
        : null;
    return {
      id: r.id,
      kind: r.kind,
      subject: r.subject,
      label: d.label,
      sides: d.sides,
      foundAt: r.found_at,
      settled:
        r.settled_at !== null
          ? {
              choice: r.settled_choice ?? '',
              note: r.settled_note ?? '',
              at: r.settled_at,
              ...(readings?.size ? { readings: Object.fromEntries(readings) } : {}),
            }
          : null,
    };
  });
}

export function openConflictCount(db: Db): number {
  const t = cached(db, MERGE_TABLE).get();
  if (!t) return 0;
  return cached(db, 'SELECT COUNT(*) FROM merge_conflict WHERE settled_at IS NULL')
    .pluck()
    .get() as number;
}
