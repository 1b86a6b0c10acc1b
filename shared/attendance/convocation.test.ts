import { describe, expect, it } from 'vitest';
import {
  firstMeetingDay,
  isLate,
  meetingDays,
  movedVenues,
  noticeDays,
  venueDatesLines,
} from './convocation';

const venues = [
  { id: 'a', name: 'Sede central', date: '2026-05-14' },
  { id: 'b', name: 'Sede Tinkiwasi', date: '2026-05-15' },
];
const at = (venueId: string, day: string, undoneAt: string | null = null) => ({
  venueId,
  day,
  undoneAt,
});

describe('the day people met (adv29)', () => {
  it('is the venue date while nobody checked in', () => {
    expect([...meetingDays(venues, [])]).toEqual([
      ['a', '2026-05-14'],
      ['b', '2026-05-15'],
    ]);
    expect(movedVenues(venues, [])).toEqual([]);
    expect(firstMeetingDay([], [])).toBeNull();
  });

  it('is the first check-in day, whatever date was saved after it', () => {
    const moved = [{ ...venues[0]!, date: '2026-05-21' }, venues[1]!];
    const att = [at('a', '2026-05-14'), at('a', '2026-05-14'), at('b', '2026-05-15')];
    expect(firstMeetingDay(moved, att)).toBe('2026-05-14');
    expect(movedVenues(moved, att)).toEqual([
      { venueId: 'a', name: 'Sede central', date: '2026-05-21', met: '2026-05-14' },
    ]);
    // Sent on 11/05: 3 days to the day they met, late under 7; the saved date would say 10.
    expect(noticeDays('2026-05-11', '2026-05-21')).toBe(10);
    expect(isLate('2026-05-11', firstMeetingDay(moved, att), 7)).toBe(true);
    expect(isLate('2026-05-11', null, 7)).toBe(false);
  });

  it('a venue that met over two days from its date is not moved; an undone check-in does not count', () => {
    const att = [
      at('a', '2026-05-15'),
      at('a', '2026-05-14'),
      at('b', '2026-05-13', '2026-05-13T15:00:00Z'),
      at('b', '2026-05-15'),
    ];
    expect(movedVenues(venues, att)).toEqual([]);
    expect(firstMeetingDay(venues, att)).toBe('2026-05-14');
  });

  it('a venue that met only after its date is named, and counted to the later day', () => {
    const att = [at('a', '2026-05-16'), at('b', '2026-05-16')];
    expect(movedVenues(venues, att).map((m) => [m.venueId, m.met])).toEqual([
      ['a', '2026-05-16'],
      ['b', '2026-05-16'],
    ]);
    expect(firstMeetingDay(venues, att)).toBe('2026-05-16');
  });

  it("check's lines: heading, each venue, the count, and what a sealed Acta printed", () => {
    const lines = venueDatesLines({
      moved: [{ venueId: 'a', name: 'Sede central', date: '2026-05-21', met: '2026-05-14' }],
      late: 5,
      days: 7,
      sealedLate: 0,
    });
    expect(lines).toEqual([
      { key: 'check.venueDates.heading', params: { count: 1 } },
      {
        key: 'check.venueDates.moved',
        params: { venue: 'Sede central', date: '21/05/2026', met: '14/05/2026' },
      },
      { key: 'check.venueDates.note', params: { late: 5, days: 7 } },
      { key: 'check.venueDates.sealedLate', params: { sealed: 0, days: 7 } },
    ]);
  });
});
