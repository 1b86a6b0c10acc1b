import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  centsToDecimal,
  formatDate,
  formatDateTime,
  formatSpan,
  formatInteger,
  formatSoles,
  parseDate,
  parseSoles,
} from './format';

describe('spans of time (a clock run backwards, F5)', () => {
  it('seconds, minutes with their seconds, hours with their minutes, days', () => {
    expect([45, 120, 238, 3599, 3600, 10_740, 200_000].map(formatSpan)).toEqual([
      '45 s',
      '2 min',
      '3 min 58 s',
      '59 min 59 s',
      '1 h 00 min',
      '2 h 59 min',
      '2 d 7 h',
    ]);
  });
});

describe('es-PE formats', () => {
  it('formats amounts in soles', () => {
    expect(formatSoles(385_000_000)).toBe('S/ 3,850,000.00');
    expect(formatSoles(5)).toBe('S/ 0.05');
    expect(formatSoles(-123456)).toBe('-S/ 1,234.56');
    expect(formatInteger(1234567)).toBe('1,234,567');
  });

  it('parses amounts as people type them', () => {
    expect(parseSoles('3 850 000')).toBe(385_000_000);
    expect(parseSoles('3,850,000.50')).toBe(385_000_050);
    expect(parseSoles('S/ 1200,5')).toBe(120_050);
    expect(parseSoles('3.850.000')).toBe(385_000_000);
    expect(parseSoles('12,34')).toBe(1234);
    expect(parseSoles('')).toBeNull();
    expect(parseSoles('abc')).toBeNull();
    expect(parseSoles('-5')).toBeNull();
  });

  it('round-trips any amount through its decimal form', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 13 }),
        (c) => parseSoles(centsToDecimal(c)) === c,
      ),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 13 }), (c) => parseSoles(formatSoles(c)) === c),
    );
  });

  it('formats dates the Peruvian way', () => {
    expect(formatDate('2026-05-14')).toBe('14/05/2026');
    expect(parseDate('14/05/2026')).toBe('2026-05-14');
    expect(parseDate('4-5-2026')).toBe('2026-05-04');
    expect(parseDate('2026-05-14')).toBe('2026-05-14');
    expect(parseDate('31/02/2026')).toBeNull();
    expect(parseDate('mañana')).toBeNull();
    expect(formatDateTime('2026-05-14T13:05:00Z')).toBe('14/05/2026 08:05');
  });
});
