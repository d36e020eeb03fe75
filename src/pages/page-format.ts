/**
 * Formatting for the published pages: dates and times in the tenant's zone, durations, and the
 * links a phone understands (maps, tel:, mailto:). All formatting happens here, in TypeScript;
 * the templates only print. Results are plain text: Handlebars escapes them on output.
 */

import { dateFormat, formatShortDay, localIsoDate } from '../time/zoned.ts';

/** Parses an ISO instant, naming the field when it is not one. */
export function parseInstant(iso: string, field: string): Date {
  const instant = new Date(iso);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(iso) || Number.isNaN(instant.getTime())) {
    throw new RangeError(`${field} must be an ISO 8601 instant, got ${JSON.stringify(iso)}`);
  }
  return instant;
}

/**
 * ICU puts a narrow no-break space (U+202F) before AM/PM in newer releases and a plain space in
 * older ones; pages and snapshots use a plain space everywhere (the CSS keeps times unbroken).
 */
function plainSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ');
}

/** "Saturday, May 30, 2026" in `timeZone`. */
export function formatLongDate(instant: Date, timeZone: string): string {
  return plainSpaces(
    dateFormat('en-US', {
      timeZone,
      weekday: 'long',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
    }).format(instant),
  );
}

/** "Sun, May 31" in `timeZone`. */
export function formatShortDate(instant: Date, timeZone: string): string {
  return plainSpaces(formatShortDay(instant, timeZone));
}

/** "9:00 AM PDT" in `timeZone`. */
export function formatClock(instant: Date, timeZone: string): string {
  return plainSpaces(
    dateFormat('en-US', {
      timeZone,
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    }).format(instant),
  );
}

/** True when both instants fall on the same calendar day in `timeZone`. */
export function sameLocalDay(a: Date, b: Date, timeZone: string): boolean {
  return localIsoDate(a, timeZone) === localIsoDate(b, timeZone);
}

/**
 * A clock time, with the day added when it is not the reference day (an overnight charter, an
 * early call the evening before): "1:00 AM PDT (Sun, May 31)".
 */
export function formatClockOnDay(instant: Date, reference: Date, timeZone: string): string {
  const clock = formatClock(instant, timeZone);
  return sameLocalDay(instant, reference, timeZone)
    ? clock
    : `${clock} (${formatShortDate(instant, timeZone)})`;
}

/** "4 hours", "1 hour 30 minutes", "45 minutes". */
export function formatDuration(minutes: number): string {
  const whole = Math.max(0, Math.round(minutes));
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  const parts: string[] = [];
  if (hours > 0) parts.push(`${hours} ${hours === 1 ? 'hour' : 'hours'}`);
  if (rest > 0 || hours === 0) parts.push(`${rest} ${rest === 1 ? 'minute' : 'minutes'}`);
  return parts.join(' ');
}

/** Minutes from `start` to `end`, which must come after it. */
export function minutesBetween(start: Date, end: Date): number {
  const ms = end.getTime() - start.getTime();
  if (ms <= 0) throw new RangeError('endsAt must be after startsAt');
  return Math.round(ms / 60_000);
}

/** "6 guests", "1 guest", or null when unknown. */
export function formatPartySize(partySize: number | null): string | null {
  if (partySize === null || !Number.isFinite(partySize) || partySize <= 0) return null;
  return `${partySize} ${partySize === 1 ? 'guest' : 'guests'}`;
}

/**
 * The meeting point as people read it: its name and, when it says more, its address. A
 * marketplace departure is one line used as both, and "Dock C" beside "Dock C, 1 Main St" says
 * it twice; then the longer line alone is shown.
 *
 * @example meetingPoint('Dock C, 1 Main St', 'Dock C, 1 Main St') // { name: 'Dock C, 1 Main St', address: null }
 */
export function meetingPoint(
  name: string,
  address: string,
): { name: string; address: string | null } {
  const norm = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  const [n, a] = [norm(name), norm(address)];
  if (a === '' || n.includes(a)) return { name, address: null };
  if (n === '' || a.includes(n)) return { name: address, address: null };
  return { name, address };
}

/** A Google Maps search link for an address, usable from any phone. */
export function mapsUrl(address: string): string {
  return `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(address)}`;
}

/** A tel: link: the leading + and the digits only ("+1 619 555 0100" → "tel:+16195550100"). */
export function telHref(phone: string): string {
  const digits = phone.replace(/[^\d]/g, '');
  return `tel:${phone.trim().startsWith('+') ? '+' : ''}${digits}`;
}

/** A mailto: link for an address. */
export function mailtoHref(email: string): string {
  return `mailto:${encodeURI(email.trim())}`;
}

/** The first word of a name ("Avery Sampleton" → "Avery"), or null when there is none. */
export function firstWord(name: string | null): string | null {
  const word = name?.trim().split(/\s+/u)[0];
  return word ? word : null;
}
