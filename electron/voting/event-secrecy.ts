// Secrecy until closing (issue 14, item 6): the record screen lists every event, but an event
// that carries a count or a ballot's content of a round still open is shown without it. The
// stored event (and its hash) is untouched; only what the API answers is withheld.
import type { Json } from '../../shared/canonical';
import { isEventType, type EventType } from '../../shared/events';
import type { Db } from '../platform/db';
import type { LoggedEvent } from '../platform/events';

/** Event types whose payload holds counts or ballot contents, and the fields that hold them. */
const SECRET_FIELDS: Partial<Record<EventType, readonly string[]>> = {
  'voting.countEntered': ['count'],
  'voting.ballotCast': ['choices', 'points'],
  'voting.paperEntered': ['choices', 'points'],
  'voting.ballotsImported': ['ballots'],
};

export function withholdOpenRounds(db: Db, events: LoggedEvent[]): LoggedEvent[] {
  const closed = new Map<string, boolean>();
  const isClosed = (roundId: string): boolean => {
    let c = closed.get(roundId);
    if (c === undefined) {
      c =
        db.prepare('SELECT state FROM voting_round WHERE id = ?').pluck().get(roundId) === 'closed';
      closed.set(roundId, c);
    }
    return c;
  };
  return events.map((e) => {
    const fields = isEventType(e.type) ? SECRET_FIELDS[e.type] : undefined;
    const p = e.payload;
    if (!fields || !p || typeof p !== 'object' || Array.isArray(p)) return e;
    const roundId = p['roundId'];
    if (typeof roundId !== 'string' || isClosed(roundId)) return e;
    const kept: { [k: string]: Json } = { withheld: true };
    for (const [k, v] of Object.entries(p)) if (!fields.includes(k) && v !== undefined) kept[k] = v;
    return { ...e, payload: kept };
  });
}
