import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatApprox, formatExact, parseDecimal, Rational } from './rational';
import { validateKnapsackBallot, knapsackAddable } from './knapsack';

describe('rational', () => {
  it('parses decimals exactly, with point or comma', () => {
    expect(parseDecimal('75000.0')?.toString()).toBe('75000');
    expect(parseDecimal('1,5')?.eq(Rational.of(3, 2))).toBe(true);
    expect(
      parseDecimal('0.1')
        ?.add(parseDecimal('0.2') as Rational)
        .eq(parseDecimal('0.3') as Rational),
    ).toBe(true);
    expect(parseDecimal('12abc')).toBeNull();
    expect(parseDecimal('')).toBeNull();
  });

  it('formats exactly and round-trips decimals', () => {
    fc.assert(
      fc.property(fc.bigInt(), fc.nat(8), (n, k) => {
        const r = Rational.of(n, 10n ** BigInt(k));
        return parseDecimal(formatExact(r))?.eq(r) === true;
      }),
    );
    expect(formatExact(Rational.of(1, 3))).toBe('1/3');
    expect(formatApprox(Rational.of(2, 3), 2)).toBe('0.67');
  });
});

describe('knapsack ballots', () => {
  const projects = [
    { id: 'a', cost: Rational.of(60) },
    { id: 'b', cost: Rational.of(50) },
    { id: 'c', cost: Rational.of(40) },
  ];
  it('accepts a selection within the budget and says what still fits', () => {
    expect(validateKnapsackBallot(projects, Rational.of(100), ['a', 'c'])).toMatchObject({
      ok: true,
    });
    expect(knapsackAddable(projects, Rational.of(100), ['b'])).toEqual(['c']);
  });
  it('refuses over-budget, duplicate and unknown choices with i18n codes', () => {
    expect(validateKnapsackBallot(projects, Rational.of(100), ['a', 'b'])).toEqual({
      ok: false,
      code: 'tally.knapsack.overBudget',
      params: { total: '110', budget: '100' },
    });
    expect(validateKnapsackBallot(projects, Rational.of(100), ['a', 'a'])).toMatchObject({
      code: 'tally.knapsack.duplicate',
    });
    expect(validateKnapsackBallot(projects, Rational.of(100), ['z'])).toMatchObject({
      code: 'tally.knapsack.unknownProject',
    });
  });
});
