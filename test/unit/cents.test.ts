/** Unit tests for integer-cent money helpers: exact half-up rounding, parsing and formatting. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BPS_PER_UNIT,
  formatBps,
  formatCents,
  mulDivRoundHalfUp,
  parseAmountToCents,
  parseHoursToMinutes,
} from '../../src/money/cents.ts';

/** Reference rounding, written differently from the source: truncate, then look at the remainder. */
function referenceMulDiv(a: number, b: number, divisor: number): number {
  const product = BigInt(a) * BigInt(b);
  const d = BigInt(divisor);
  let quotient = product / d;
  const remainder = product % d;
  const absRemainder = remainder < 0n ? -remainder : remainder;
  if (absRemainder * 2n >= d) quotient += product < 0n ? -1n : 1n;
  return Number(quotient);
}

describe('mulDivRoundHalfUp', () => {
  it('rounds the seed example 840.75 × 18% = 151.335 half up to 15134 cents', () => {
    // Act
    const cents = mulDivRoundHalfUp(84_075, 1_800, BPS_PER_UNIT);

    // Assess
    expect(cents).toBe(15_134);
  });

  it.each([
    { a: 5, b: 1, divisor: 10, expected: 1 },
    { a: 15, b: 1, divisor: 10, expected: 2 },
    { a: 14, b: 1, divisor: 10, expected: 1 },
    { a: 1, b: 1, divisor: 3, expected: 0 },
    { a: 2, b: 1, divisor: 3, expected: 1 },
    { a: 0, b: 999, divisor: 7, expected: 0 },
    { a: 2_500, b: 300, divisor: 60, expected: 12_500 },
    { a: -15, b: 1, divisor: 10, expected: -2 },
    { a: -14, b: 1, divisor: 10, expected: -1 },
    { a: -16, b: 1, divisor: 10, expected: -2 },
    { a: -1, b: 1, divisor: 2, expected: -1 },
    { a: 7, b: -3, divisor: 2, expected: -11 },
  ])('$a × $b / $divisor = $expected (halves away from zero)', ({ a, b, divisor, expected }) => {
    // Act
    const result = mulDivRoundHalfUp(a, b, divisor);

    // Assess
    expect(result).toBe(expected);
  });

  it.each([
    { a: 1.5, b: 1, divisor: 1, message: /a must be a safe integer/ },
    { a: 1, b: 0.1, divisor: 1, message: /b must be a safe integer/ },
    { a: 1, b: 1, divisor: 2.5, message: /divisor must be a safe integer/ },
    { a: Number.NaN, b: 1, divisor: 1, message: /a must be a safe integer/ },
    { a: 2 ** 53, b: 1, divisor: 1, message: /a must be a safe integer/ },
    { a: 1, b: 1, divisor: 0, message: /divisor must be positive/ },
    { a: 1, b: 1, divisor: -10, message: /divisor must be positive/ },
    { a: 2 ** 52, b: 4, divisor: 1, message: /out of the safe integer range/ },
  ])('throws RangeError for a=$a b=$b divisor=$divisor', ({ a, b, divisor, message }) => {
    // Act + Assess
    expect(() => mulDivRoundHalfUp(a, b, divisor)).toThrow(RangeError);
    expect(() => mulDivRoundHalfUp(a, b, divisor)).toThrow(message);
  });

  it('matches an independent BigInt reference for any integers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.integer({ min: -1e6, max: 1e6 }),
        fc.integer({ min: 1, max: 1e6 }),
        (a, b, divisor) => {
          expect(mulDivRoundHalfUp(a, b, divisor)).toBe(referenceMulDiv(a, b, divisor));
        },
      ),
      { numRuns: 1_000 },
    );
  });
});

describe('parseAmountToCents', () => {
  it.each([
    ['$1,644.00', 164_400],
    ['840.75', 84_075],
    ['1,020', 102_000],
    ['-$12.5', -1_250],
    ['$-12.5', -1_250],
    ['- $12.5', -1_250],
    ['+5', 500],
    ['.5', 50],
    ['0.99', 99],
    ['1,000,000.5', 100_000_050],
    ['USD 12', 1_200],
    ['12 USD', 1_200],
    ['US$3', 300],
    ['  7  ', 700],
  ])('parses %j as %i cents', (text, expected) => {
    // Act
    const cents = parseAmountToCents(text);

    // Assess
    expect(cents).toBe(expected);
  });

  it.each([
    ['0.005', 1],
    ['0.0049', 0],
    ['1.994', 199],
    ['1.995', 200],
    ['1.999', 200],
    ['-0.005', -1],
  ])('rounds %j half up on the third decimal to %i cents', (text, expected) => {
    // Act + Assess
    expect(parseAmountToCents(text)).toBe(expected);
  });

  it.each(['1,00', '12,34,567', 'abc', '', '$', '-', '5.', '1e3', '$ 12', '99999999999999999'])(
    'rejects %j',
    (text) => {
      // Act + Assess
      expect(parseAmountToCents(text)).toBeUndefined();
    },
  );

  it('reads back every formatted amount within ±$10 billion exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (cents) => {
        expect(parseAmountToCents(formatCents(cents))).toBe(cents);
      }),
      { numRuns: 1_000 },
    );
  });
});

describe('parseHoursToMinutes', () => {
  it.each([
    ['3', 180],
    ['2.5', 150],
    ['0.75', 45],
    ['1.5', 90],
    [' 2 ', 120],
    ['0.0083', 0],
    ['0.0084', 1],
  ])('reads %j hours as %i minutes', (text, expected) => {
    // Act + Assess
    expect(parseHoursToMinutes(text)).toBe(expected);
  });

  it.each(['abc', '-1', '1.', '.5', '', '1,5'])('rejects %j', (text) => {
    // Act + Assess
    expect(parseHoursToMinutes(text)).toBeUndefined();
  });

  it('refuses a long decimal ("1.0000000000000001") instead of throwing', () => {
    expect(parseHoursToMinutes('1.0000000000000001')).toBeUndefined();
  });
});

describe('formatCents', () => {
  it.each([
    [0, '$0.00'],
    [1, '$0.01'],
    [-1, '-$0.01'],
    [99, '$0.99'],
    [100, '$1.00'],
    [28_941, '$289.41'],
    [164_400, '$1,644.00'],
    [-1_250, '-$12.50'],
    [123_456_789, '$1,234,567.89'],
    [-1e12, '-$10,000,000,000.00'],
  ])('formats %i cents as %j', (cents, expected) => {
    // Act + Assess
    expect(formatCents(cents)).toBe(expected);
  });

  it('prefixes a non-USD currency code', () => {
    // Act + Assess
    expect(formatCents(1_234, 'EUR')).toBe('EUR 12.34');
  });
});

describe('formatBps', () => {
  it.each([
    [1_800, '18%'],
    [250, '2.5%'],
    [10, '0.1%'],
    [1, '0.01%'],
    [0, '0%'],
    [10_000, '100%'],
    [1_234, '12.34%'],
    [1_205, '12.05%'],
    [-250, '-2.5%'],
  ])('formats %i bps as %j', (bps, expected) => {
    // Act + Assess
    expect(formatBps(bps)).toBe(expected);
  });

  it('keeps the sign of a negative rate below 1% (-50 bps → "-0.5%")', () => {
    expect(formatBps(-50)).toBe('-0.5%');
  });
});
