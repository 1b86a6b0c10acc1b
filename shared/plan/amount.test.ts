import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectDecimalMark, parseAmount, parseMachineAmount, percentChange } from './amount';

const cents = (s: string, mark: '.' | ',' | null = null) => {
  const r = parseAmount(s, mark);
  return r.ok ? r.cents : r.error;
};

describe('parseAmount', () => {
  it('reads every way municipalities write soles', () => {
    expect(cents('1234567.89')).toBe(123456789);
    expect(cents('1,234,567.89')).toBe(123456789);
    expect(cents('1.234.567,89')).toBe(123456789);
    expect(cents('S/ 1 234 567,5')).toBe(123456750);
    expect(cents('S/. 850,000.00')).toBe(85000000);
    expect(cents('1.234')).toBe(123400); // three digits after one separator: thousands
    expect(cents('1,234')).toBe(123400);
    expect(cents('12,5')).toBe(1250);
    expect(cents('0')).toBe(0);
    expect(cents('1\u00a0150\u00a0000')).toBe(115000000);
  });
  it('uses the column mark when one separator is ambiguous', () => {
    expect(cents('1.234', '.')).toBe('tooManyDecimals');
    expect(cents('1.234', ',')).toBe(123400);
    expect(cents('1,5', ',')).toBe(150);
    expect(cents('1.500', '.')).toBe(150); // trailing zeros only
  });
  it('refuses what is not an amount', () => {
    expect(cents('')).toBe('notANumber');
    expect(cents('mil soles')).toBe('notANumber');
    expect(cents('1.23.4')).toBe('notANumber');
    expect(cents('12,34,567')).toBe('notANumber');
    expect(cents('-500')).toBe('negative');
    expect(cents('(1,200)')).toBe('negative');
    expect(cents('12.345', '.')).toBe('tooManyDecimals');
    expect(cents('99999999999999999999')).toBe('tooLarge');
  });
  it('round-trips any céntimos amount written in es-PE or Spanish Excel style', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (c) => {
        const soles = Math.floor(c / 100);
        const frac = String(c % 100).padStart(2, '0');
        const grouped = (sep: string) => String(soles).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
        expect(cents(`${grouped(',')}.${frac}`)).toBe(c);
        expect(cents(`${grouped('.')},${frac}`)).toBe(c);
        expect(cents(`${soles}.${frac}`, '.')).toBe(c);
      }),
    );
  });
});

describe('detectDecimalMark', () => {
  it('decides per column from the values that show it', () => {
    expect(detectDecimalMark(['1.234', '12,50', '7'])).toBe(',');
    expect(detectDecimalMark(['1.234.567', '10'])).toBe(',');
    expect(detectDecimalMark(['1,234', '12.5'])).toBe('.');
    expect(detectDecimalMark(['1234', '500'])).toBeNull();
  });
});

describe('parseMachineAmount', () => {
  it('rounds the stored float digits to the céntimo, exactly', () => {
    const m = (s: string) => {
      const r = parseMachineAmount(s);
      return r.ok ? r.cents : r.error;
    };
    expect(m('1150000')).toBe(115000000);
    expect(m('0.30000000000000004')).toBe(30);
    expect(m('1234.005')).toBe(123401);
    expect(m('1234.0049999')).toBe(123400);
    expect(m('1.5E6')).toBe(150000000);
    expect(m('1.2345e2')).toBe(12345);
    expect(m('5e-3')).toBe(1);
    expect(m('-5')).toBe('negative');
    expect(m('abc')).toBe('notANumber');
  });
});

describe('percentChange', () => {
  it('is exact to one decimal, half away from zero', () => {
    expect(percentChange(100000, 80000)).toBe('-20.0');
    expect(percentChange(300, 301)).toBe('+0.3');
    expect(percentChange(1000, 1000)).toBe('0.0');
    expect(percentChange(800, 801)).toBe('+0.1'); // 0.125 → 0.1
    expect(percentChange(400, 401)).toBe('+0.3'); // 0.25 → 0.3
    expect(percentChange(0, 5)).toBeNull();
  });
});
