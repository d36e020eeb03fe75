/**
 * Renders calendar entries as an RFC 5545 iCalendar feed: CRLF line ends, TEXT escaping, lines
 * folded at 75 octets. The feed is shareable, so it carries the title and guest page only,
 * never the money in the metadata.
 */
import { escapeIcsText, foldIcsLine, formatIcsUtc } from '../text/ics.ts';
import type { StoredCalendarEntry } from './calendar-store.ts';

/** The VCALENDAR for `entries` (the caller picks which; cancelled ones are usually left out). */
export function renderIcsFeed(
  entries: readonly StoredCalendarEntry[],
  calendarName: string,
): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//deckhand//calendar//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeIcsText(calendarName)}`,
  ];
  const sorted = [...entries].sort(
    (a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id),
  );
  for (const entry of sorted) {
    const start = Date.parse(entry.start);
    const guestPage =
      typeof entry.metadata['guest_page'] === 'string' ? entry.metadata['guest_page'] : undefined;
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeIcsText(entry.id)}@deckhand`,
      // DTSTAMP: when this version of the entry was written, so the feed is stable between changes.
      `DTSTAMP:${formatIcsUtc(new Date(Date.parse(entry.updatedAt)))}`,
      `DTSTART:${formatIcsUtc(new Date(start))}`,
      `DTEND:${formatIcsUtc(new Date(start + entry.durationMinutes * 60_000))}`,
      `SEQUENCE:${entry.revision}`,
      `SUMMARY:${escapeIcsText(entry.title)}`,
    );
    if (guestPage !== undefined) lines.push(`DESCRIPTION:${escapeIcsText(guestPage)}`);
    lines.push('STATUS:CONFIRMED', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldIcsLine).join('\r\n')}\r\n`;
}
