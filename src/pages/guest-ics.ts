/**
 * The guest's "Add to calendar" file (g/<SLUG>.ics): one RFC 5545 VCALENDAR with one VEVENT in
 * UTC. Written by hand because it is small: TEXT values are escaped (RFC 5545 §3.3.11), lines
 * end in CRLF and are folded at 75 octets without splitting a UTF-8 character or an escape.
 */

import { CRLF, escapeIcsText, foldIcsLine, formatIcsUtc } from '../text/ics.ts';
import { meetingPoint, parseInstant } from './page-format.ts';
import type { GuestPageModel } from './page-models.ts';

export { escapeIcsText, foldIcsLine, formatIcsUtc };

/** RFC 5545 §3.1: a content line is at most 75 octets, excluding the line break. */

/** The public guest page for a slug on the tenant's domain. */
/** The meeting point once: its name, and its address when that says more. */
function location(departure: { name: string; address: string }): string {
  const point = meetingPoint(departure.name, departure.address);
  return point.address ? `${point.name}, ${point.address}` : point.name;
}

export function guestPageUrl(domain: string, slug: string): string {
  return `https://${domain}/g/${slug}`;
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
    textProperty('LOCATION', location(model.departure)),
    textProperty('DESCRIPTION', description),
    `URL:${pageUrl}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldIcsLine).join(CRLF) + CRLF;
}
