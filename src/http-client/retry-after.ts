/** Reads an HTTP `Retry-After` header (delay-seconds or an HTTP date) as milliseconds to wait. */

/**
 * Milliseconds the server asked us to wait, or undefined when the header is absent or unreadable.
 *
 * @example parseRetryAfter('7', Date.now()) // 7000
 */
export function parseRetryAfter(
  value: string | null | undefined,
  nowMs: number,
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d{1,9}$/.test(text)) return Number(text) * 1000;
  // An HTTP date must name a weekday or month; Date.parse alone would accept "12".
  if (!/[a-z]{3}/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
