// Convocation log and check-ins. A check-in is committed (fsync) before the door screen
// says so; mistakes are undone by marking, never by deleting.
import type {
  AttendanceRecord,
  Invitation,
  ParticipantInput,
  SignMethod,
} from '../../shared/schemas/attendance';
import { MinkaError } from '../platform/errors';
import type { Db } from '../platform/db';
import { appendEvent, appendEventSeq } from '../platform/events';
import { cached, immediate } from '../platform/statements';
import { insertParticipant } from '../registry/registry';
import type { Env } from '../workshop/workshop';

export interface AttendanceRow {
  id: string;
  participant_id: string;
  venue_id: string;
  day: string;
  checked_in_at: string;
  checked_out_at: string | null;
  sign_method: SignMethod;
  witness: string;
  undone_at: string | null;
  undo_reason: string;
}

interface SeqCache {
  upTo: number;
  hash: string;
  byId: Map<string, number>;
}
const seqCaches = new WeakMap<Db, SeqCache>();

/**
 * The check-ins' log positions: the seq of each `attendance.checkedIn` event by the attendance
 * id its payload names ("who came first", presence.ts). The attendance table has no such
 * column (adding one is a migration) and the event table no index on its type, so the log is
 * read once per connection and then only from where it was last read (a primary-key range).
 * The log is append-only; a write rolled back, or a file changed by another hand, shows as
 * another hash at the last seq read, and the map is then read again from the start.
 */
export function checkInSeqs(db: Db): ReadonlyMap<string, number> {
  let c = seqCaches.get(db);
  if (c && c.upTo > 0) {
    const hash = cached(db, 'SELECT hash FROM event WHERE seq = ?').pluck().get(c.upTo);
    if (hash !== c.hash) c = undefined;
  }
  c ??= { upTo: 0, hash: '', byId: new Map() };
  const head = cached(db, 'SELECT seq, hash FROM event ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: string } | undefined;
  if (head && head.seq > c.upTo) {
    for (const r of cached(
      db,
      "SELECT seq, json_extract(payload, '$.id') AS id FROM event WHERE seq > ? AND seq <= ? AND type = 'attendance.checkedIn'",
    ).all(c.upTo, head.seq) as { seq: number; id: unknown }[])
      if (typeof r.id === 'string') c.byId.set(r.id, r.seq);
    c.upTo = head.seq;
    c.hash = head.hash;
  }
  seqCaches.set(db, c);
  return c.byId;
}

export const rowToRecord = (
  r: AttendanceRow,
  seqs: ReadonlyMap<string, number>,
): AttendanceRecord => ({
  id: r.id,
  participantId: r.participant_id,
  venueId: r.venue_id,
  day: r.day,
  checkedInAt: r.checked_in_at,
  checkInSeq: seqs.get(r.id) ?? null,
  checkedOutAt: r.checked_out_at,
  signMethod: r.sign_method,
  witness: r.witness,
  undoneAt: r.undone_at,
  undoReason: r.undo_reason,
});

export function listAttendance(db: Db): AttendanceRecord[] {
  const seqs = checkInSeqs(db);
  return (
    db.prepare('SELECT * FROM attendance ORDER BY checked_in_at, id').all() as AttendanceRow[]
  ).map((r) => rowToRecord(r, seqs));
}

/** Each check-in's venue and day, undone or not: what the day people met is read from. */
export function listArrivals(db: Db): Pick<AttendanceRecord, 'venueId' | 'day' | 'undoneAt'>[] {
  return cached(
    db,
    'SELECT venue_id AS venueId, day, undone_at AS undoneAt FROM attendance',
  ).all() as Pick<AttendanceRecord, 'venueId' | 'day' | 'undoneAt'>[];
}

/** Each check-in's venue, recorded day and clock time (shared/attendance/day-off-clock.ts). */
export function listArrivalClocks(
  db: Db,
): Pick<AttendanceRecord, 'participantId' | 'venueId' | 'day' | 'checkedInAt' | 'undoneAt'>[] {
  return cached(
    db,
    'SELECT participant_id AS participantId, venue_id AS venueId, day, checked_in_at AS checkedInAt, undone_at AS undoneAt FROM attendance',
  ).all() as Pick<
    AttendanceRecord,
    'participantId' | 'venueId' | 'day' | 'checkedInAt' | 'undoneAt'
  >[];
}

function getRecord(db: Db, id: string): AttendanceRecord {
  const row = cached(db, 'SELECT * FROM attendance WHERE id = ?').get(id) as
    AttendanceRow | undefined;
  if (!row) throw new MinkaError('NOT_FOUND', 'attendance.error.noCheckIn');
  return rowToRecord(row, checkInSeqs(db));
}

export interface CheckIn {
  participantId: string;
  venueId: string;
  day: string;
  signMethod: SignMethod;
  witness: string;
}

function writeCheckIn(db: Db, env: Env, c: CheckIn): AttendanceRecord {
  // Statements cached per connection: preparing them cost more than running them (issue 18).
  if (!cached(db, 'SELECT 1 FROM venue WHERE id = ?').get(c.venueId))
    throw new MinkaError('NOT_FOUND', 'attendance.error.noVenue');
  // The name only, for the refusal below: not the whole participant (issue 18).
  const p = cached(db, 'SELECT given_names, surnames FROM participant WHERE id = ?').get(
    c.participantId,
  ) as { given_names: string; surnames: string } | undefined;
  if (!p) throw new MinkaError('NOT_FOUND', 'attendance.error.noParticipant');
  const open = cached(
    db,
    'SELECT id FROM attendance WHERE participant_id = ? AND venue_id = ? AND day = ? AND undone_at IS NULL AND checked_out_at IS NULL',
  ).get(c.participantId, c.venueId, c.day);
  if (open)
    throw new MinkaError('CONFLICT', 'attendance.error.alreadyIn', {
      name: `${p.given_names} ${p.surnames}`.trim(),
    });
  if (c.signMethod === 'ruego' && !c.witness.trim())
    throw new MinkaError('INVALID_INPUT', 'attendance.error.witnessNeeded');
  const now = env.now().toISOString();
  const rec: AttendanceRecord = {
    id: env.newId(),
    ...c,
    witness: c.signMethod === 'ruego' ? c.witness.trim() : '',
    checkedInAt: now,
    checkInSeq: null, // the event's place in the log, set below once it is appended
    checkedOutAt: null,
    undoneAt: null,
    undoReason: '',
  };
  cached(
    db,
    `INSERT INTO attendance (id, participant_id, venue_id, day, checked_in_at, checked_out_at, sign_method, witness, undone_at, undo_reason)
     VALUES (@id, @participantId, @venueId, @day, @checkedInAt, NULL, @signMethod, @witness, NULL, '')`,
  ).run(rec);
  const { seq } = appendEventSeq(db, new Date(now), {
    type: 'attendance.checkedIn',
    payload: {
      id: rec.id,
      participantId: rec.participantId,
      venueId: rec.venueId,
      day: rec.day,
      signMethod: rec.signMethod,
      witness: rec.witness,
    },
  });
  return { ...rec, checkInSeq: seq };
}

export function checkIn(db: Db, env: Env, c: CheckIn): AttendanceRecord {
  return immediate(db, () => writeCheckIn(db, env, c));
}

/** Register someone who is not on any list and check them in, in one transaction. */
export function walkIn(
  db: Db,
  env: Env,
  person: ParticipantInput,
  c: Omit<CheckIn, 'participantId'>,
): AttendanceRecord {
  return immediate(db, () => {
    const at = env.now().toISOString();
    const p = insertParticipant(db, env, person, at);
    appendEvent(db, new Date(at), {
      type: 'registry.walkInRegistered',
      payload: { ...p, createdAt: at },
    });
    return writeCheckIn(db, env, { ...c, participantId: p.id });
  });
}

export function checkOut(db: Db, env: Env, id: string): AttendanceRecord {
  return immediate(db, () => {
    const rec = getRecord(db, id);
    if (rec.undoneAt !== null || rec.checkedOutAt !== null)
      throw new MinkaError('CONFLICT', 'attendance.error.notOpen');
    const at = env.now().toISOString();
    cached(db, 'UPDATE attendance SET checked_out_at = ? WHERE id = ?').run(at, id);
    appendEvent(db, new Date(at), { type: 'attendance.checkedOut', payload: { id } });
    return { ...rec, checkedOutAt: at };
  });
}

/** Undo a mistaken check-in: the row stays, marked with when and why. */
export function undoCheckIn(db: Db, env: Env, id: string, reason: string): AttendanceRecord {
  return immediate(db, () => {
    const rec = getRecord(db, id);
    if (rec.undoneAt !== null) throw new MinkaError('CONFLICT', 'attendance.error.notOpen');
    const at = env.now().toISOString();
    cached(db, 'UPDATE attendance SET undone_at = ?, undo_reason = ? WHERE id = ?').run(
      at,
      reason,
      id,
    );
    appendEvent(db, new Date(at), { type: 'attendance.checkInUndone', payload: { id, reason } });
    return { ...rec, undoneAt: at, undoReason: reason };
  });
}

// ---- convocation -------------------------------------------------------------------

interface InvitationRow {
  id: string;
  organization_id: string;
  sent_on: string;
  channel: Invitation['channel'];
  note: string;
}

export function listInvitations(db: Db): Invitation[] {
  return (db.prepare('SELECT * FROM invitation ORDER BY sent_on, id').all() as InvitationRow[]).map(
    (r) => ({
      id: r.id,
      organizationId: r.organization_id,
      sentOn: r.sent_on,
      channel: r.channel,
      note: r.note,
    }),
  );
}

export function addInvitation(db: Db, env: Env, input: Omit<Invitation, 'id'>): Invitation {
  return immediate(db, () => {
    if (!db.prepare('SELECT 1 FROM organization WHERE id = ?').get(input.organizationId))
      throw new MinkaError('NOT_FOUND', 'attendance.error.noOrganization');
    const inv: Invitation = { id: env.newId(), ...input };
    db.prepare(
      'INSERT INTO invitation (id, organization_id, sent_on, channel, note) VALUES (@id, @organizationId, @sentOn, @channel, @note)',
    ).run(inv);
    appendEvent(db, env.now(), { type: 'convocation.invitationLogged', payload: inv });
    return inv;
  });
}

export function removeInvitation(db: Db, env: Env, id: string): void {
  immediate(db, () => {
    const changes = db.prepare('DELETE FROM invitation WHERE id = ?').run(id).changes;
    if (changes === 0) throw new MinkaError('NOT_FOUND', 'attendance.error.noInvitation');
    appendEvent(db, env.now(), { type: 'convocation.invitationRemoved', payload: { id } });
  });
}
