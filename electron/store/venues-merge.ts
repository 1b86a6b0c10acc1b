// Bringing venue devices back (issue 20). Each venue file is verified (venues.ts), then its
// events are merged by identity (the event hash): kept verbatim in device_event, so the
// device's chain stays checkable on its own, and applied to this workshop's tables through
// the same store functions the door, the intake and the voting desk use, with the device's
// own times and ids. Nothing is last-writer-wins: where two devices touched the same thing
// the merge lists a conflict for a person to settle (an event), and sealing waits for it.
//
// Order does not matter: which event applies is decided from the set of events, not from the
// order files arrive (a round is applied only from the first kit that carries it; of two
// devices' versions of a proposal the table shows the one with the lowest event hash until a
// person settles it). Two cases depend on the order, and both are listed as conflicts: a
// walk-in registered under one DNI at two venues (the later-merged one is pointed at the
// first, device_alias), and one person checked in at the same venue and day on two laptops
// (the later-merged check-in is held: one open check-in per person, venue and day).
import { createHash } from 'node:crypto';
import { canonicalize, type Json } from '../../shared/canonical';
import { MinkaError } from '../core/errors';
import { keyFingerprintOf } from '../minutes/keys';
import { checkIn, checkOut, undoCheckIn, walkIn } from './attendance';
import type { Db } from './db';
import { appendEvent } from './events';
import { cached } from './statements';
import { addMatter, saveProposal } from './proposals';
import { ROUND_CLOSED_EVENT } from './round-freeze';
import { type Env, getSetup } from './workshop';
import { castKioskBallot, closeRound, enterCount, enterPaperBallot, openRound } from './voting';
import {
  type DeviceEventRow,
  type KitRow,
  type KitStatement,
  MERGE_EVENT,
  readVenueFile,
  refused,
  SETTLE_EVENT,
  type VenueBundle,
  verifyKitSignature,
  isVenueKit,
} from './venues';
import type { ParticipantInput } from '../../shared/schemas/attendance';
import type { SignMethod } from '../../shared/schemas/attendance';
import type { WorkshopExport } from '../../shared/schemas/export';

type P = Record<string, unknown>;
const s = (x: unknown): string => (typeof x === 'string' ? x : '');

/** A uuid-shaped id derived from a device event's hash (for rows whose id the event omits). */
function derivedId(hash: string, n: number): string {
  const h = createHash('sha256').update(`${hash}:${n}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Store functions read the clock and ask for ids: give them the device's. */
function replayEnv(times: string[], ids: string[], hash: string): Env {
  let t = 0;
  let n = 0;
  return {
    now: () => new Date(times[Math.min(t++, times.length - 1)] as string),
    newId: () => ids.shift() ?? derivedId(hash, n++),
  };
}

const ROUND_TYPES = new Set([
  'voting.roundOpened',
  'voting.countEntered',
  'voting.voterMarked',
  'voting.ballotCast',
  'voting.paperEntered',
  'voting.paperResolved',
  ROUND_CLOSED_EVENT,
]);
const roundOf = (e: DeviceEventRow, p: P): string =>
  e.type === 'voting.roundOpened' || e.type === ROUND_CLOSED_EVENT ? s(p['id']) : s(p['roundId']);

function issuedKits(db: Db): (KitRow & { st: KitStatement })[] {
  return (
    cached(db, "SELECT * FROM venue_kit WHERE role = 'issued' ORDER BY id").all() as KitRow[]
  ).map((k) => ({ ...k, st: JSON.parse(k.statement) as KitStatement }));
}

/** The kit whose device may run a round: the first (lowest id) kit that carries it. */
function roundOwner(db: Db, roundId: string): string | null {
  for (const k of issuedKits(db)) if (k.st.rounds.includes(roundId)) return k.id;
  return null;
}

function alias(db: Db, kitId: string, id: unknown): string | null {
  if (typeof id !== 'string') return null;
  const a = cached(db, 'SELECT to_id FROM device_alias WHERE kit_id = ? AND from_id = ?')
    .pluck()
    .get(kitId, id) as string | undefined;
  return a ?? id;
}

/** Events of main's own (not applied from a device), as sources of conflicts. */
function mainOwnEvents(
  db: Db,
  types: string[],
): { seq: number; at: string; type: string; p: P; hash: string }[] {
  const rows = cached(
    db,
    `SELECT e.seq, e.at, e.type, e.payload, e.hash FROM event e
       WHERE e.type IN (SELECT value FROM json_each(?)) AND NOT EXISTS (SELECT 1 FROM applied_event a WHERE a.main_seq = e.seq)
       ORDER BY e.seq`,
  ).all(JSON.stringify(types)) as {
    seq: number;
    at: string;
    type: string;
    payload: string;
    hash: string;
  }[];
  return rows.map((r) => ({ ...r, p: JSON.parse(r.payload) as P }));
}

interface Source {
  /** Kit id, or 'main'. */
  source: string;
  hash: string;
  at: string;
  p: P;
}

/** Every device's last version of each proposal it edited, and main's own edits after that kit. */
function proposalVersions(db: Db, proposalId: string): Source[] {
  const out = new Map<string, Source>();
  const rows = cached(
    db,
    "SELECT kit_id, at, payload, hash FROM device_event WHERE type = 'proposals.proposalEdited' AND json_extract(payload, '$.id') = ? ORDER BY kit_id, seq",
  ).all(proposalId) as { kit_id: string; at: string; payload: string; hash: string }[];
  for (const r of rows)
    out.set(r.kit_id, { source: r.kit_id, hash: r.hash, at: r.at, p: JSON.parse(r.payload) as P });
  if (out.size > 0) {
    const minBase = Math.min(
      ...issuedKits(db)
        .filter((k) => out.has(k.id))
        .map((k) => k.base_seq + 1),
    );
    for (const e of mainOwnEvents(db, ['proposals.proposalEdited']))
      if (e.seq > minBase && s(e.p['id']) === proposalId)
        out.set('main', { source: 'main', hash: e.hash, at: e.at, p: e.p });
  }
  return [...out.values()];
}

function proposalInput(p: P): Parameters<typeof saveProposal>[2] {
  return {
    id: s(p['id']),
    code: s(p['code']),
    title: s(p['title']),
    description: s(p['description']),
    sectorId: s(p['sectorId']),
    community: s(p['community']),
    organizationId: (p['organizationId'] as string | null) ?? null,
    estimatedCostCents: Number(p['estimatedCostCents'] ?? 0),
    beneficiaries: Number(p['beneficiaries'] ?? 0),
    beneficiaryUnit:
      (p['beneficiaryUnit'] as 'people' | 'families' | 'students' | undefined) ?? 'people',
    cui: s(p['cui']),
    cofinancingCents: Number(p['cofinancingCents'] ?? 0),
    carriedFrom: s(p['carriedFrom']),
  };
}

interface Applied {
  applied: number;
  held: { seq: number; type: string; why: string }[];
}

/** Apply one device's new events (already stored in device_event) to the main tables. */
function applyEvents(db: Db, kitId: string, events: DeviceEventRow[]): Applied {
  const out: Applied = { applied: 0, held: [] };
  const parsed = events.map((e) => ({ e, p: JSON.parse(e.payload) as P }));
  const lastEdit = new Map<string, string>();
  for (const { e, p } of parsed)
    if (e.type === 'proposals.proposalEdited') lastEdit.set(s(p['id']), e.hash);
  for (let i = 0; i < parsed.length; i++) {
    const { e, p } = parsed[i] as { e: DeviceEventRow; p: P };
    const before =
      (cached(db, 'SELECT coalesce(max(seq), 0) FROM event').pluck().get() as number) + 1;
    const hold = (why: string) => out.held.push({ seq: e.seq, type: e.type, why });
    let consumed = 0;
    try {
      switch (e.type) {
        case 'venues.deviceAdopted':
          continue;
        case 'registry.walkInRegistered': {
          const next = parsed[i + 1];
          const person = { ...p };
          delete person['createdAt'];
          const existing = s(p['dni'])
            ? (cached(db, 'SELECT id FROM participant WHERE dni = ? AND id <> ?')
                .pluck()
                .get(s(p['dni']), s(p['id'])) as string | undefined)
            : undefined;
          if (next?.e.type !== 'attendance.checkedIn') {
            hold('walkInAlone');
            continue;
          }
          const c = next.p;
          const ci = {
            venueId: s(c['venueId']),
            day: s(c['day']),
            signMethod: s(c['signMethod']) as SignMethod,
            witness: s(c['witness']),
          };
          if (existing) {
            cached(
              db,
              'INSERT OR IGNORE INTO device_alias (kit_id, from_id, to_id) VALUES (?, ?, ?)',
            ).run(kitId, s(p['id']), existing);
            checkIn(db, replayEnv([next.e.at], [s(c['id'])], next.e.hash), {
              ...ci,
              participantId: existing,
            });
          } else {
            walkIn(
              db,
              replayEnv([e.at, next.e.at], [s(c['id'])], e.hash),
              person as unknown as ParticipantInput,
              ci,
            );
          }
          consumed = 1;
          break;
        }
        case 'attendance.checkedIn':
          checkIn(db, replayEnv([e.at], [s(p['id'])], e.hash), {
            participantId: alias(db, kitId, p['participantId']) ?? '',
            venueId: s(p['venueId']),
            day: s(p['day']),
            signMethod: s(p['signMethod']) as SignMethod,
            witness: s(p['witness']),
          });
          break;
        case 'attendance.checkedOut':
          checkOut(db, replayEnv([e.at], [], e.hash), s(p['id']));
          break;
        case 'attendance.checkInUndone':
          undoCheckIn(db, replayEnv([e.at], [], e.hash), s(p['id']), s(p['reason']));
          break;
        case 'proposals.proposalAdded':
          saveProposal(db, replayEnv([e.at], [s(p['id'])], e.hash), {
            ...proposalInput(p),
            id: undefined,
          });
          break;
        case 'proposals.proposalEdited': {
          const id = s(p['id']);
          const versions = proposalVersions(db, id);
          if (versions.length > 1) {
            // Contested: the table shows the lowest-hash version until a person settles it.
            const winner = versions.reduce((a, b) => (b.hash < a.hash ? b : a));
            if (winner.source !== kitId || lastEdit.get(id) !== e.hash) {
              hold('proposalContested');
              continue;
            }
          }
          saveProposal(db, replayEnv([e.at], [], e.hash), proposalInput(p));
          break;
        }
        case 'proposals.matterRaised':
          addMatter(db, replayEnv([s(p['raisedAt']) || e.at], [s(p['id'])], e.hash), {
            text: s(p['text']),
            raisedBy: s(p['raisedBy']),
            participantId: alias(db, kitId, p['participantId']),
          });
          break;
        default: {
          if (!ROUND_TYPES.has(e.type)) {
            hold('typeNotMerged');
            continue;
          }
          const roundId = roundOf(e, p);
          if (roundOwner(db, roundId) !== kitId) {
            hold('roundNotThisDevice');
            continue;
          }
          const env = replayEnv([e.at], [], e.hash);
          if (e.type === 'voting.roundOpened') openRound(db, env, roundId);
          else if (e.type === ROUND_CLOSED_EVENT) closeRound(db, env, roundId);
          else if (e.type === 'voting.countEntered')
            enterCount(db, env, {
              roundId,
              itemId: s(p['itemId']),
              operator: s(p['operator']) as 'A' | 'B',
              count: Number(p['count']),
            });
          else if (e.type === 'voting.voterMarked') {
            const next = parsed[i + 1];
            if (next?.e.type !== 'voting.ballotCast') {
              hold('voterAlone');
              continue;
            }
            castKioskBallot(db, replayEnv([e.at, e.at, next.e.at], [], next.e.hash), {
              roundId,
              participantId: alias(db, kitId, p['participantId']) ?? '',
              ballot: {
                choices: next.p['choices'] as string[],
                points: (next.p['points'] as number[] | null | undefined) ?? null,
              },
            });
            consumed = 1;
          } else if (e.type === 'voting.paperEntered')
            enterPaperBallot(db, env, {
              roundId,
              serial: s(p['serial']),
              typist: s(p['typist']) as 'A' | 'B',
              ballot: {
                choices: p['choices'] as string[],
                points: (p['points'] as number[] | null | undefined) ?? null,
              },
            });
          else {
            hold('typeNotMerged');
            continue;
          }
        }
      }
    } catch (err) {
      if (err instanceof MinkaError) {
        hold(err.key);
        continue;
      }
      throw err;
    }
    const after = cached(db, 'SELECT coalesce(max(seq), 0) FROM event').pluck().get() as number;
    const mark = cached(
      db,
      'INSERT INTO applied_event (main_seq, kit_id, device_seq) VALUES (?, ?, ?)',
    );
    for (let q = before; q <= after; q++) mark.run(q, kitId, e.seq);
    out.applied += 1 + consumed;
    i += consumed;
  }
  return out;
}

const MERGE_TABLE = "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'merge_conflict'";

// ---- conflicts ------------------------------------------------------------------------

export type ConflictKind = 'checkIn' | 'orgVote' | 'proposalEdit' | 'roundCounts';

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
  settled: { choice: string; note: string; at: string } | null;
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
  const devRows = cached(
    db,
    'SELECT kit_id, seq, at, type, payload, hash FROM device_event ORDER BY kit_id, seq',
  ).all() as {
    kit_id: string;
    seq: number;
    at: string;
    type: string;
    payload: string;
    hash: string;
  }[];
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
    return r ? `${r.given_names} ${r.surnames} (${r.dni || '—'})`.trim() : id;
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
  return facts;
}

/** Group facts into conflicts (a subject touched from more than one source) and store new ones. */
function recordConflicts(db: Db): string[] {
  const groups = new Map<string, Fact[]>();
  for (const f of findConflicts(db)) {
    const k = `${f.kind}|${f.subject}`;
    groups.set(k, [...(groups.get(k) ?? []), f]);
  }
  const added: string[] = [];
  const ins = cached(
    db,
    'INSERT OR IGNORE INTO merge_conflict (id, kind, subject, detail, found_at) VALUES (?, ?, ?, ?, ?)',
  );
  for (const fs of groups.values()) {
    const sources = [...new Set(fs.map((f) => f.side.source))].sort();
    if (sources.length < 2) continue;
    const first = fs[0] as Fact;
    const sides = fs
      .map((f) => f.side)
      .sort((a, b) => (a.source + a.ref).localeCompare(b.source + b.ref));
    const id = createHash('sha256')
      .update(
        canonicalize({ kind: first.kind, subject: first.subject, sides: sides.map((x) => x.ref) }),
      )
      .digest('hex')
      .slice(0, 32);
    const foundAt = sides.reduce((m, x) => (x.at > m ? x.at : m), '');
    const detail = canonicalize({ label: first.label(), sides: sides as unknown as Json });
    if (ins.run(id, first.kind, first.subject, detail, foundAt).changes) added.push(id);
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
    return {
      id: r.id,
      kind: r.kind,
      subject: r.subject,
      label: d.label,
      sides: d.sides,
      foundAt: r.found_at,
      settled:
        r.settled_at !== null
          ? { choice: r.settled_choice ?? '', note: r.settled_note ?? '', at: r.settled_at }
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

/**
 * Settle one conflict: `choice` is the side (kit id or 'main') that stands. A check-in
 * conflict undoes the other sides' check-ins; a proposal conflict saves the chosen version;
 * for votes and counts (secret, or closed rounds) the decision and its reason are recorded.
 */
export function settleConflict(
  db: Db,
  env: Env,
  input: { id: string; choice: string; note: string },
): Conflict {
  return db
    .transaction(() => {
      const c = listConflicts(db).find((x) => x.id === input.id);
      if (!c) throw new MinkaError('NOT_FOUND', 'venues.error.noConflict');
      if (c.settled) throw new MinkaError('CONFLICT', 'venues.error.alreadySettled');
      const chosen = c.sides.filter((x) => x.source === input.choice);
      if (!chosen.length) throw new MinkaError('INVALID_INPUT', 'venues.error.badChoice');
      const note = input.note.trim();
      if (!note) throw new MinkaError('INVALID_INPUT', 'venues.error.noteNeeded');
      if (c.kind === 'checkIn')
        for (const side of c.sides) {
          if (side.source === input.choice) continue;
          const row = cached(db, 'SELECT undone_at FROM attendance WHERE id = ?').get(side.ref) as
            { undone_at: string | null } | undefined;
          if (row && row.undone_at === null) undoCheckIn(db, env, side.ref, note);
        }
      if (c.kind === 'proposalEdit') {
        const v = chosen[chosen.length - 1] as ConflictSide;
        saveProposal(db, env, proposalInput(v.what as P));
      }
      const at = env.now().toISOString();
      cached(
        db,
        'UPDATE merge_conflict SET settled_choice = ?, settled_note = ?, settled_at = ? WHERE id = ?',
      ).run(input.choice, note, at, c.id);
      appendEvent(db, new Date(at), {
        type: SETTLE_EVENT,
        payload: { id: c.id, kind: c.kind, subject: c.subject, choice: input.choice, note },
      });
      return { ...c, settled: { choice: input.choice, note, at } };
    })
    .immediate();
}

// ---- merge -----------------------------------------------------------------------------

export interface MergeReport {
  file: string;
  kitId: string;
  venue: string;
  keyFingerprint: string;
  head: string;
  length: number;
  added: number;
  applied: number;
  held: Applied['held'];
  conflicts: string[];
}

/** Check a verified bundle against this workshop: its kit, binding to our log, its key, its past. */
function checkAgainstMain(db: Db, b: VenueBundle): void {
  const who = `${b.kit.id.slice(0, 8)} (${b.keyFingerprint})`;
  const issued = cached(db, "SELECT * FROM venue_kit WHERE id = ? AND role = 'issued'").get(
    b.kit.id,
  ) as KitRow | undefined;
  if (!issued) throw refused(b.file, who, 'notOurKit');
  if (issued.statement !== b.kit.statement || issued.signature !== b.kit.signature)
    throw refused(b.file, who, 'kitDiffers');
  if (!verifyKitSignature(b.kit, issued.main_public_key))
    throw refused(b.file, who, 'kitSignature');
  const ours = cached(db, 'SELECT hash FROM event WHERE seq = ?')
    .pluck()
    .get(b.statement.baseSeq + 1) as string | undefined;
  if (ours !== b.kitEventHash) throw refused(b.file, who, 'kitBinding', b.statement.baseSeq + 1);
  const dev = cached(db, 'SELECT public_key FROM device WHERE kit_id = ?').pluck().get(b.kit.id) as
    string | undefined;
  if (dev !== undefined && dev !== b.publicKey) throw refused(b.file, who, 'deviceKeyChanged');
  const known = cached(db, 'SELECT seq, hash FROM device_event WHERE kit_id = ? ORDER BY seq').all(
    b.kit.id,
  ) as { seq: number; hash: string }[];
  const bySeq = new Map(b.events.map((e) => [e.seq, e.hash]));
  for (const k of known)
    if (bySeq.get(k.seq) !== k.hash) throw refused(b.file, who, 'diverges', k.seq);
}

/** Merge one venue file (verified first; refused whole if anything is wrong). */
export function mergeVenue(db: Db, env: Env, file: string): MergeReport {
  if (isVenueKit(db)) throw new MinkaError('CONFLICT', 'venues.error.mergeIntoKit');
  const b = readVenueFile(file);
  checkAgainstMain(db, b);
  return db
    .transaction(() => {
      const have = cached(db, 'SELECT coalesce(max(seq), 0) FROM device_event WHERE kit_id = ?')
        .pluck()
        .get(b.kit.id) as number;
      const fresh = b.events.filter((e) => e.seq > have);
      cached(
        db,
        'INSERT OR IGNORE INTO device (kit_id, public_key, adopted_at) VALUES (?, ?, ?)',
      ).run(b.kit.id, b.publicKey, b.events[0]?.at ?? '');
      cached(
        db,
        'INSERT OR IGNORE INTO device_seal (kit_id, length, head, signature) VALUES (?, ?, ?, ?)',
      ).run(b.kit.id, b.seal.length, b.seal.head, b.seal.signature);
      const ins = cached(
        db,
        'INSERT INTO device_event (kit_id, seq, at, actor, type, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      for (const e of fresh)
        ins.run(b.kit.id, e.seq, e.at, e.actor, e.type, e.payload, e.prev_hash, e.hash);
      const report: MergeReport = {
        file: b.file,
        kitId: b.kit.id,
        venue: b.statement.venueName,
        keyFingerprint: b.keyFingerprint,
        head: b.head,
        length: b.length,
        added: fresh.length,
        applied: 0,
        held: [],
        conflicts: [],
      };
      if (fresh.length === 0) return report;
      const applied = applyEvents(db, b.kit.id, fresh);
      report.applied = applied.applied;
      report.held = applied.held;
      report.conflicts = recordConflicts(db);
      const heads = cached(
        db,
        'SELECT d.kit_id AS kitId, (SELECT hash FROM device_event e WHERE e.kit_id = d.kit_id ORDER BY seq DESC LIMIT 1) AS head, (SELECT COUNT(*) FROM device_event e WHERE e.kit_id = d.kit_id) AS events FROM device d ORDER BY d.kit_id',
      ).all() as { kitId: string; head: string | null; events: number }[];
      appendEvent(db, env.now(), {
        type: MERGE_EVENT,
        payload: {
          kitId: b.kit.id,
          venueId: b.statement.venueId,
          keyFingerprint: keyFingerprintOf(b.publicKey),
          head: b.head,
          length: b.length,
          added: fresh.length,
          held: applied.held.map((h) => h.seq),
          conflicts: report.conflicts,
          devices: heads.map((h) => ({ kitId: h.kitId, head: h.head ?? '', events: h.events })),
        },
      });
      return report;
    })
    .immediate();
}

export interface DeviceSummary {
  kitId: string;
  venue: string;
  keyFingerprint: string;
  head: string;
  events: number;
  adoptedAt: string;
}

/** Every device that contributed: its venue, key fingerprint, chain head and number of events. */
export function listDevices(db: Db): DeviceSummary[] {
  const t = cached(
    db,
    "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'device'",
  ).get();
  if (!t) return [];
  const rows = cached(
    db,
    `SELECT d.kit_id, d.public_key, d.adopted_at, v.name AS venue,
         (SELECT hash FROM device_event e WHERE e.kit_id = d.kit_id ORDER BY seq DESC LIMIT 1) AS head,
         (SELECT COUNT(*) FROM device_event e WHERE e.kit_id = d.kit_id) AS events
       FROM device d JOIN venue_kit k ON k.id = d.kit_id JOIN venue v ON v.id = k.venue_id
       WHERE k.role = 'issued' ORDER BY v.name, d.kit_id`,
  ).all() as {
    kit_id: string;
    public_key: string;
    adopted_at: string;
    venue: string;
    head: string | null;
    events: number;
  }[];
  return rows.map((r) => ({
    kitId: r.kit_id,
    venue: r.venue,
    keyFingerprint: keyFingerprintOf(r.public_key),
    head: r.head ?? '',
    events: r.events,
    adoptedAt: r.adopted_at,
  }));
}

/**
 * The workshop's state as rows, for comparing two merges: every table but the logs (the
 * main chain, which says in what order things were merged, and its index applied_event).
 */
export function stateDigest(db: Db): string {
  const skip = new Set(['event', 'applied_event', 'sqlite_sequence']);
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .pluck()
    .all() as string[];
  const h = createHash('sha256');
  for (const t of tables) {
    if (skip.has(t)) continue;
    const rows = db.prepare(`SELECT * FROM "${t.replace(/"/g, '')}"`).all() as Record<
      string,
      unknown
    >[];
    const lines = rows.map((r) => canonicalize(r as Json)).sort();
    h.update(`${t}\n${lines.join('\n')}\n`);
  }
  return h.digest('hex');
}

/** The devices and conflicts for the export document (issue 20). */
export function exportVenues(db: Db): Pick<WorkshopExport, 'devices' | 'conflicts' | 'kits'> {
  if (!cached(db, MERGE_TABLE).get()) return { devices: [], conflicts: [], kits: [] };
  const kits = (
    cached(
      db,
      "SELECT * FROM venue_kit WHERE role = 'issued' ORDER BY created_at, id",
    ).all() as KitRow[]
  ).map((k) => ({
    id: k.id,
    role: k.role,
    venueId: k.venue_id,
    baseSeq: k.base_seq,
    baseHead: k.base_head,
    statement: JSON.parse(k.statement) as unknown,
    mainPublicKey: k.main_public_key,
    signature: k.signature,
    createdAt: k.created_at,
  }));
  const devices = listDevices(db).map((d) => {
    const publicKey = cached(db, 'SELECT public_key FROM device WHERE kit_id = ?')
      .pluck()
      .get(d.kitId) as string;
    const rows = db
      .prepare(
        'SELECT seq, at, actor, type, payload, prev_hash, hash FROM device_event WHERE kit_id = ? ORDER BY seq',
      )
      .all(d.kitId) as DeviceEventRow[];
    return {
      kitId: d.kitId,
      venue: d.venue,
      keyFingerprint: d.keyFingerprint,
      publicKey,
      adoptedAt: d.adoptedAt,
      head: d.head,
      events: rows.map((r) => ({
        seq: r.seq,
        at: r.at,
        actor: r.actor,
        type: r.type,
        payload: JSON.parse(r.payload) as unknown,
        prevHash: r.prev_hash,
        hash: r.hash,
      })),
    };
  });
  return { devices, conflicts: listConflicts(db), kits };
}
