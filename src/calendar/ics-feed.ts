/**
 * Renders calendar entries as an RFC 5545 iCalendar feed: CRLF line ends, TEXT escaping, lines
 * folded at 75 octets. The feed is shareable, so it carries the title and guest page only,
 * never the money in the metadata.
 */
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
    `X-WR-CALNAME:${escapeText(calendarName)}`,
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
      `UID:${escapeText(entry.id)}@deckhand`,
      // DTSTAMP: when this version of the entry was written, so the feed is stable between changes.
      `DTSTAMP:${utc(Date.parse(entry.updatedAt))}`,
      `DTSTART:${utc(start)}`,
      `DTEND:${utc(start + entry.durationMinutes * 60_000)}`,
      `SEQUENCE:${entry.revision}`,
      `SUMMARY:${escapeText(entry.title)}`,
    );
    if (guestPage !== undefined) lines.push(`DESCRIPTION:${escapeText(guestPage)}`);
    lines.push('STATUS:CONFIRMED', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

/** `20240530T160000Z`. */
function utc(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** RFC 5545 §3.3.11: backslash, semicolon and comma are escaped; any line break becomes `\n`. */
function escapeText(text: string): string {
  return (
    text
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n|\r|\n/g, '\\n')
      // Other control characters are not allowed in TEXT at all.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
  );
}

/** RFC 5545 §3.1: lines longer than 75 octets continue on lines that start with a space; never split a character. */
function fold(line: string): string {
  if (Buffer.byteLength(line, 'utf8') <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const bytes = Buffer.byteLength(char, 'utf8');
    // The first line holds 75 octets; continuation lines 74 after their leading space.
    const limit = parts.length === 0 ? 75 : 74;
    if (size + bytes > limit) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += bytes;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
