// How a clock running backwards (ClockStep, electron/venues/venues-clock.ts) is told: the
// same message key and parameters for `minka check` and the record screen, times printed
// dd/mm/yyyy HH:mm in the workshop's zone, the span as "3 min 58 s". Likewise a venue
// laptop's events outside its kit's window (ClockWindow).
import { isEventType } from './events';
import { formatDateTime, formatSpan } from './format';
import type { ClockStep, ClockWindow } from './schemas/check';

const kindOf = (name: (key: string) => string) => (type: string) =>
  isEventType(type) ? `${name(`event.${type}`)} · ${type}` : type;

export function clockWindowMessage(
  w: ClockWindow,
  timeZone: string,
  name: (key: string) => string,
): { key: string; params: Record<string, string | number> } {
  return {
    key: w.bound === 'beforeIssued' ? 'check.clock.beforeIssued' : 'check.clock.afterReturned',
    params: {
      venue: w.venue,
      kit: w.kitId.slice(0, 8),
      events: w.events,
      seq: w.seq,
      type: kindOf(name)(w.type),
      at: formatDateTime(w.at, timeZone),
      bound: formatDateTime(w.boundAt, timeZone),
      apart: formatSpan(w.apartSeconds),
    },
  };
}

export function clockStepMessage(
  s: ClockStep,
  timeZone: string,
  /** The event kind's name in the reader's language (its `event.*` key). */
  name: (key: string) => string,
): { key: string; params: Record<string, string | number> } {
  const kind = kindOf(name);
  return {
    key: s.kitId ? 'check.clock.backDevice' : 'check.clock.back',
    params: {
      seq: s.seq,
      type: kind(s.type),
      at: formatDateTime(s.at, timeZone),
      prevSeq: s.prevSeq,
      prevType: kind(s.prevType),
      prevAt: formatDateTime(s.prevAt, timeZone),
      back: formatSpan(s.backSeconds),
      events: s.events,
      venue: s.venue,
      kit: (s.kitId ?? '').slice(0, 8),
    },
  };
}
