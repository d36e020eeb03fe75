/**
 * Local dates and times in a tenant's zone, and the UTC instants they stand for. Bookings are
 * written in local time; deckhand stores and sends instants (the seed wrote 09:00 local as
 * 09:00Z, which is wrong by the zone's offset).
 */
import { TZDate } from '@date-fns/tz';
import type { LocalDate } from '../intake/values.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * An Intl.DateTimeFormat, made once per locale and options: making one costs tens of
 * microseconds (it loads the zone's rules), and a status message or page formats dozens of
 * times (the benchmark's profile showed it on the acknowledgement path).
 */
export function dateFormat(
  locale: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    // Bounded: keys come from code's fixed options and the tenants' zones, but stay safe anyway.
    if (formatters.size >= 500) formatters.clear();
    formatters.set(key, format);
  }
  return format;
}

const isoDate = (timeZone: string) =>
  dateFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The date `instant` falls on in the zone, as YYYY-MM-DD. */
export function localIsoDate(instant: Date, timeZone: string): string {
  return isoDate(timeZone).format(instant);
}

/** "Sat, May 30" in the zone. */
export function formatShortDay(instant: Date, timeZone: string): string {
  return dateFormat('en-US', { timeZone, weekday: 'short', month: 'short', day: 'numeric' }).format(
    instant,
  );
}

/** The calendar date `instant` falls on in `timeZone`. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const parts = isoDate(timeZone).formatToParts(instant);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

/** Day of week (0 = Sunday) of a local date. */
export function weekdayOf(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** Adds whole days to a local date. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * The UTC instant of a local wall-clock time. In a spring-forward gap the time is moved
 * forward past the gap, as clocks do.
 *
 * @example zonedToInstant('2026-05-30', '09:00', 'America/Los_Angeles').toISOString() // '2026-05-30T16:00:00.000Z'
 */
export function zonedToInstant(date: string, time: string, timeZone: string): Date {
  const dm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const tm = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!dm || !tm) throw new RangeError(`expected YYYY-MM-DD and HH:mm, got "${date}" "${time}"`);
  const [y, m, d] = [Number(dm[1]), Number(dm[2]), Number(dm[3])];
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d)
    throw new RangeError(`no such date: ${date}`);
  const instant = new Date(
    new TZDate(y, m - 1, d, Number(tm[1]), Number(tm[2]), 0, timeZone).getTime(),
  );
  if (Number.isNaN(instant.getTime())) throw new RangeError(`unknown time zone: ${timeZone}`);
  return instant;
}

/** Formats an instant for people in a zone, e.g. "Sat, May 30, 2026, 9:00 AM PDT". */
export function formatInZone(instant: Date, timeZone: string): string {
  return dateFormat('en-US', {
    timeZone,
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(instant);
}
