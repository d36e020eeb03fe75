/**
 * A booking's id that appears only inside a link: a path segment after a word naming a
 * booking ("/bookings/GMB-74102", "/reservations/88120455/") or a query parameter naming one
 * ("?booking_id=88120455", "&reservation=SL-1"). Links to listings, accounts or deals carry
 * other ids and are not read.
 */
import { parseBookingId } from './labelled-values.ts';

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'\])]{1,2000}/g;
const HREF = /\bhref\s*=\s*["']([^"']{1,2000})["']/gi;
const BOOKING_SEGMENT =
  /^(?:bookings?|reservations?|trips?|orders?|confirmations?|itinerar(?:y|ies)|charters?|res|bk|[rb])$/i;
const BOOKING_PARAM =
  /^(?:booking|reservation|order|trip|confirmation)(?:[_-]?(?:id|no|num|number|code|ref))?$|^(?:booking_?ref|conf(?:irmation)?_?(?:no|code)?|res_?id|bk)$/i;
/** Links scanned at most: enough for any real email, bounded on hostile input. */
const MAX_LINKS = 200;

export interface LinkId {
  id: string;
  url: string;
}

/** The URLs written in text and the href targets of HTML. */
export function linksIn(text: string, html?: string): string[] {
  const links: string[] = [];
  for (const m of text.matchAll(URL_IN_TEXT)) {
    if (links.length >= MAX_LINKS) break;
    links.push(m[0]);
  }
  if (html)
    for (const m of html.matchAll(HREF)) {
      if (links.length >= MAX_LINKS) break;
      links.push((m[1] ?? '').replace(/&amp;/g, '&'));
    }
  return links;
}

/** The booking ids the links carry, in order, each once. */
export function bookingIdsInLinks(links: readonly string[]): LinkId[] {
  const found: LinkId[] = [];
  const add = (raw: string | undefined, url: string): void => {
    const id = raw && parseBookingId(decodeSafely(raw));
    if (id && !found.some((f) => f.id === id)) found.push({ id, url });
  };
  for (const url of links.slice(0, MAX_LINKS)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      continue;
    }
    const segments = parsed.pathname.split('/').filter(Boolean);
    for (let i = 0; i + 1 < segments.length; i += 1)
      if (BOOKING_SEGMENT.test(segments[i] ?? '')) add(segments[i + 1], url);
    for (const [key, value] of parsed.searchParams) if (BOOKING_PARAM.test(key)) add(value, url);
  }
  return found;
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
