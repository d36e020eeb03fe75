/**
 * Money as integer cents and rates as basis points. No floating point touches an amount:
 * decimal strings are parsed digit by digit and products are rounded half up in integers.
 */

/** Basis points in 100%. */
export const BPS_PER_UNIT = 10_000;

/**
 * `a * b / divisor`, rounded half up (away from zero for halves), computed exactly with BigInt.
 *
 * @example mulDivRoundHalfUp(84_075, 1_800, 10_000) // 15134 (840.75 × 18% = 151.335 → 151.34)
 */
export function mulDivRoundHalfUp(a: number, b: number, divisor: number): number {
  for (const [name, value] of [
    ['a', a],
    ['b', b],
    ['divisor', divisor],
  ] as const) {
    if (!Number.isSafeInteger(value))
      throw new RangeError(`${name} must be a safe integer, got ${value}`);
  }
  if (divisor <= 0) throw new RangeError('divisor must be positive');
  const product = BigInt(a) * BigInt(b);
  const d = BigInt(divisor);
  const negative = product < 0n;
  const abs = negative ? -product : product;
  const rounded = (abs * 2n + d) / (2n * d);
  const result = Number(negative ? -rounded : rounded);
  if (!Number.isSafeInteger(result))
    throw new RangeError('result is out of the safe integer range');
  return result;
}

const DECIMAL_AMOUNT = /^([+-])?(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?$/;

/**
 * Parses a decimal amount in major units ("840.75", "1,020", "$1,644.00", "-12.5") to
 * integer cents, rounding half up at the cent. Returns undefined for anything else.
 *
 * @example parseAmountToCents('$1,644.00') // 164400
 */
export function parseAmountToCents(text: string): number | undefined {
  const cleaned = text
    .trim()
    .replace(/^([+-])?\s*(?:US\$|\$|USD\s?)/i, '$1')
    .replace(/\s?USD$/i, '');
  const match = DECIMAL_AMOUNT.exec(cleaned);
  if (!match || (match[2] === undefined && match[3] === undefined)) return undefined;
  const sign = match[1] === '-' ? -1 : 1;
  const whole = (match[2] ?? '0').replaceAll(',', '');
  const fraction = match[3] ?? '';
  // Keep two digits, round half up on the third.
  const cents2 = `${fraction}00`.slice(0, 2);
  const roundUp = fraction.length > 2 && Number(fraction[2]) >= 5;
  const cents = Number(whole) * 100 + Number(cents2) + (roundUp ? 1 : 0);
  if (!Number.isSafeInteger(cents)) return undefined;
  return sign * cents;
}

/**
 * Parses a non-negative decimal number of hours ("3", "2.5", "0.75") to whole minutes,
 * rounding half up. Returns undefined for anything else.
 */
export function parseHoursToMinutes(text: string): number | undefined {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return undefined;
  const fraction = match[2] ?? '';
  // Beyond four decimals or a thousand hours it is not a charter length.
  if (fraction.length > 4 || (match[1] ?? '').length > 4) return undefined;
  const scale = 10 ** fraction.length;
  const scaled = Number(match[1]) * scale + (fraction ? Number(fraction) : 0);
  return mulDivRoundHalfUp(scaled, 60, scale);
}

/**
 * Formats cents as a currency string for people ("$1,644.00", "-$12.50").
 *
 * @example formatCents(28941) // '$289.41'
 */
export function formatCents(cents: number, currency = 'USD'): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`cents must be an integer, got ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const major = Math.trunc(abs / 100).toLocaleString('en-US');
  const minor = String(abs % 100).padStart(2, '0');
  const symbol = currency === 'USD' ? '$' : `${currency} `;
  return `${sign}${symbol}${major}.${minor}`;
}

/** Cents as a decimal number of major units for wire formats that want dollars (the seed's APIs). */
export function centsToDecimal(cents: number): number {
  // Exact for every integer number of cents: division by 100 of an integer < 2^53 rounds
  // to the nearest double, which prints back as the same two-decimal string.
  return cents / 100;
}

/** Formats basis points as a percentage for people ("18%", "2.5%"). */
export function formatBps(bps: number): string {
  const sign = bps < 0 ? '-' : '';
  const abs = Math.abs(bps);
  const whole = Math.trunc(abs / 100);
  const rest = abs % 100;
  return rest === 0
    ? `${sign}${whole}%`
    : `${sign}${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}%`;
}
