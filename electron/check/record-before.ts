// The record as it stood before an event: the registry and the attendance replayed from the
// events logged before it. The quorum check (quorum-at-close.ts) and the vote-holder check
// (holders-at-close.ts) both recount each round's close from it; one replay per close serves
// both (issue 18: the check runs inside every seal), with the registry's tables read once.
import type { AttendanceRecord, Organization, Participant } from '../../shared/schemas/attendance';
import { attendanceAt } from '../attendance/attendance.replay';
import { type Db, type Ev, type Row, allRows } from '../platform/replay';
import { registryAt } from '../registry/registry.replay';

export interface RecordBefore {
  /** The events logged before it. */
  before: readonly Ev[];
  organizations: Organization[];
  participants: Participant[];
  attendance: AttendanceRecord[];
}

/** The record before event `seq`, replayed once per seq (callers must not change what it returns). */
export function recordBefore(db: Db, evs: readonly Ev[]): (seq: number) => RecordBefore {
  let read: { participant: Row[]; organization: Row[] } | null = null;
  const memo = new Map<number, RecordBefore>();
  return (seq) => {
    let r = memo.get(seq);
    if (!r) {
      const before = evs.filter((e) => e.seq < seq);
      read ??= {
        participant: allRows(db, 'participant'),
        organization: allRows(db, 'organization'),
      };
      r = { before, ...registryAt(db, before, read), attendance: attendanceAt(before) };
      memo.set(seq, r);
    }
    return r;
  };
}
