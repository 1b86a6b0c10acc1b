// After a check-in, walk-in, check-out or undo, the door applies what the write returned to
// the registry it holds (issue 18) instead of loading the whole registry again (up to 20,000
// people, validated on the way). Only the attendance list (and, for a walk-in, the people) is
// a new array: everything derived from the people and organisations alone — the search index,
// the maps, the registry's facts for presence — is kept, so a check-in's cost in the screen
// does not grow with the registry.
import { comparePeople } from '../collate';
import type { AttendanceRecord, Participant } from '../schemas/attendance';

export interface HeldRegistry {
  participants: Participant[];
  attendance: AttendanceRecord[];
  chain: { head: string; length: number; fingerprint: string };
}

export interface AttendanceChange {
  record: AttendanceRecord;
  /** A walk-in's new person. */
  participant?: Participant;
  /** The chain after the write, and how many events the write appended. */
  chain: { head: string; length: number; fingerprint: string };
  events: number;
}

/**
 * The registry with the change applied, or null when the chain says someone else wrote in
 * between (another door, another window): then only a full reload is right.
 */
export function applyAttendanceChange<T extends HeldRegistry>(
  data: T,
  c: AttendanceChange,
): T | null {
  if (c.chain.length !== data.chain.length + c.events) return null;
  const i = data.attendance.findIndex((r) => r.id === c.record.id);
  const attendance =
    i < 0
      ? inserted(data.attendance, c.record)
      : data.attendance.map((r, k) => (k === i ? c.record : r));
  const participants =
    c.participant && !data.participants.some((p) => p.id === c.participant?.id)
      ? insertedPerson(data.participants, c.participant)
      : data.participants;
  return { ...data, attendance, participants, chain: c.chain };
}

const before = (a: AttendanceRecord, b: AttendanceRecord) =>
  a.checkedInAt < b.checkedInAt || (a.checkedInAt === b.checkedInAt && a.id < b.id);

/** A new record where a fresh load lists it (by check-in time, then id): usually last. */
function inserted(list: AttendanceRecord[], rec: AttendanceRecord): AttendanceRecord[] {
  let k = list.length;
  while (k > 0 && before(rec, list[k - 1] as AttendanceRecord)) k--;
  return [...list.slice(0, k), rec, ...list.slice(k)];
}

/** A walk-in where a fresh load lists them (the registry's Spanish order). */
function insertedPerson(list: Participant[], p: Participant): Participant[] {
  let k = list.length;
  while (k > 0 && comparePeople(p, list[k - 1] as Participant) < 0) k--;
  return [...list.slice(0, k), p, ...list.slice(k)];
}
