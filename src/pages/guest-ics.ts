/**
 * The guest's "Add to calendar" file (g/<SLUG>.ics): one RFC 5545 VCALENDAR with one VEVENT in
 * UTC. Written by hand because it is small: TEXT values are escaped (RFC 5545 §3.3.11), lines
 * end in CRLF and are folded at 75 octets without splitting a UTF-8 character or an escape.
 */

import { parseInstant } from './page-format.ts';
import type { GuestPageModel } from './page-models.ts';

const CRLF = '\r\n';

/** RFC 5545 §3.1: a content line is at most 75 octets, excluding the line break. */
const MAX_LINE_OCTETS = 75;

/** The public guest page for a slug on the tenant's domain. */
export function guestPageUrl(domain: string, slug: string): string {
  return `https://${domain}/g/${slug}`;
}

/** "2026-05-30T16:00:00.000Z" → "20260530T160000Z" (a DATE-TIME in UTC, seconds precision). */
export function formatIcsUtc(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError('not a valid date');
  return instant
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/**
 * Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma get a backslash, a
 * line break becomes `\n`. Other control characters are not allowed in TEXT and are dropped.
 */
export function escapeIcsText(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n|\r|\n/g, '\\n')
  );
}

/**
 * Folds one content line (RFC 5545 §3.1): every physical line is at most 75 octets and each
 * continuation starts with one space. Cuts fall between whole code points and never inside an
 * escape such as `\,`, so even a careless reader that unfolds badly gets whole characters.
 */
export function foldIcsLine(line: string): string {
  const units = line.match(/\\.|[\s\S]/gu) ?? [];
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  for (const unit of units) {
    const size = Buffer.byteLength(unit, 'utf8');
    if (octets + size > MAX_LINE_OCTETS) {
      lines.push(current);
      current = ' ';
      octets = 1;
    }
    current += unit;
    octets += size;
  }
  lines.push(current);
  return lines.join(CRLF);
}

function textProperty(name: string, value: string): string {
  return `${name}:${escapeIcsText(value)}`;
}

/**
 * The calendar file for a guest page. `now` is the DTSTAMP (when the file was made).
 *
 * @example buildGuestIcs(model, new Date()).startsWith('BEGIN:VCALENDAR\r\n') // true
 */
export function buildGuestIcs(model: GuestPageModel, now: Date): string {
  const start = parseInstant(model.startsAt, 'startsAt');
  const end = parseInstant(model.endsAt, 'endsAt');
  if (end.getTime() <= start.getTime()) throw new RangeError('endsAt must be after startsAt');
  const tenant = model.tenant;
  const pageUrl = guestPageUrl(tenant.domain, model.slug);
  const boat = model.listingName?.trim();
  const summary = boat ? `${boat} charter with ${tenant.name}` : `Charter with ${tenant.name}`;
  const description = [
    `Your trip page (meeting point, what to bring, safety notes): ${pageUrl}`,
    ...(model.departure.parking?.trim() ? [`Parking: ${model.departure.parking}`] : []),
    `Questions: ${tenant.contact.phone}, ${tenant.contact.email}`,
  ].join('\n');

  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//deckhand//Guest page//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    textProperty('UID', `${model.slug}@${tenant.domain}`),
    `DTSTAMP:${formatIcsUtc(now)}`,
    `DTSTART:${formatIcsUtc(start)}`,
    `DTEND:${formatIcsUtc(end)}`,
    textProperty('SUMMARY', summary),
    textProperty('LOCATION', `${model.departure.name}, ${model.departure.address}`),
    textProperty('DESCRIPTION', description),
    `URL:${pageUrl}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldIcsLine).join(CRLF) + CRLF;
}
