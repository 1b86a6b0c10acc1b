// The attendance table replayed from its events (check-in, check-out, undo).
import type { AttendanceRecord, SignMethod } from '../../shared/schemas/attendance';
import {
  allRows,
  byKey,
  type Db,
  type Ev,
  inWindow,
  type Report,
  type Row,
  str,
} from '../platform/replay';

/** The check-ins the events say, with the events that set each one's times. */
function expectedAttendance(evs: readonly Ev[]) {
  const want = new Map<string, Row>();
  const times = new Map<string, { in: Ev; out?: Ev; undo?: Ev }>();
  for (const e of evs) {
    if (e.type === 'attendance.checkedIn') {
      const p = e.p;
      want.set(p.id, {
        participant_id: p.participantId,
        venue_id: p.venueId,
        day: p.day,
        sign_method: p.signMethod,
        witness: p.witness,
        out: false,
        undone: false,
        undo_reason: '',
      });
      times.set(p.id, { in: e });
    } else if (e.type === 'attendance.checkedOut') {
      const w = want.get(e.p.id);
      if (w) w['out'] = true;
      const t = times.get(e.p.id);
      if (t) t.out = e;
    } else if (e.type === 'attendance.checkInUndone') {
      const w = want.get(e.p.id);
      if (w) Object.assign(w, { undone: true, undo_reason: e.p.reason });
      const t = times.get(e.p.id);
      if (t) t.undo = e;
    }
  }
  return { want, times };
}

export function replayAttendance(db: Db, evs: Ev[], r: Report): void {
  const { want, times } = expectedAttendance(evs);
  const got = byKey(
    allRows(db, 'attendance').map((x): Row => ({
      ...x,
      out: x['checked_out_at'] !== null,
      undone: x['undone_at'] !== null,
    })),
    (x) => str(x['id']),
  );
  r.compare('attendance', want, got, [
    'participant_id',
    'venue_id',
    'day',
    'sign_method',
    'witness',
    'out',
    'undone',
    'undo_reason',
  ]);
  for (const [id, t] of times) {
    const row = got.get(id);
    if (!row) continue;
    if (!inWindow(row['checked_in_at'], t.in))
      r.add('attendance', id, 'checked_in_at outside the time of its event');
    if (t.out && !inWindow(row['checked_out_at'], t.out))
      r.add('attendance', id, 'checked_out_at outside the time of its event');
    if (t.undo && !inWindow(row['undone_at'], t.undo))
      r.add('attendance', id, 'undone_at outside the time of its event');
  }
}

/**
 * The check-ins as the events `evs` (a prefix of the log) leave them, each time its event's
 * (the quorum frozen at a round's close is recomputed from them).
 */
export function attendanceAt(evs: readonly Ev[]): AttendanceRecord[] {
  const { want, times } = expectedAttendance(evs);
  return [...want].flatMap(([id, w]) => {
    const t = times.get(id);
    if (!t) return [];
    return [
      {
        id,
        participantId: str(w['participant_id']),
        venueId: str(w['venue_id']),
        day: str(w['day']),
        checkedInAt: t.in.at,
        checkInSeq: t.in.seq,
        checkedOutAt: t.out?.at ?? null,
        signMethod: str(w['sign_method']) as SignMethod,
        witness: str(w['witness']),
        undoneAt: t.undo?.at ?? null,
        undoReason: str(w['undo_reason']),
      },
    ];
  });
}
