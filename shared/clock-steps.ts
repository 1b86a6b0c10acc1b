// How a clock running backwards (ClockStep, electron/venues/venues-clock.ts) is told: the
// same message key and parameters for `minka check` and the record screen, times printed
// dd/mm/yyyy HH:mm in the workshop's zone, the span as "3 min 58 s".
import { isEventType } from './events';
import { formatDateTime, formatSpan } from './format';
import type { ClockStep } from './schemas/check';

export function clockStepMessage(
  s: ClockStep,
  timeZone: string,
  /** The event kind's name in the reader's language (its `event.*` key). */
  name: (key: string) => string,
): { key: string; params: Record<string, string | number> } {
  const kind = (type: string) => (isEventType(type) ? `${name(`event.${type}`)} · ${type}` : type);
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
