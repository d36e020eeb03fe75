/**
 * What kind of message this is: a confirmed booking, a change, a cancellation, a request not
 * yet approved on the marketplace (payment held), or not a booking at all (marketing, payout
 * notices, renter messages, review requests). The subject decides when it says; otherwise
 * the first lines of the body; a renter's note further down never does.
 */
import type { BookingFields, IntakeKind } from './intake-result.ts';

const NOT_BOOKING: readonly RegExp[] = [
  /\bpayout\b[^\n]{0,60}\b(?:sent|processed|issued|on (?:its|the) way|initiated|deposited|paid)\b|\b(?:payment|transfer|deposit) (?:sent|issued|initiated)\b|\byou(?:'ve| have) been paid\b/i,
  /\b(?:sent you a (?:new )?message|new message|replied to|wrote to you|has a question|question about)\b/i,
  /\b(?:leave a review|write a review|review your|rate your|how was your|feedback|left you a review)\b/i,
  /\b(?:newsletter|\d+% off|sale ends|promo code|webinar|tips for|introducing|new feature|boost your|get more bookings|special offer)\b/i,
];
const CANCELLATION =
  /\b(?:cancell?ed|cancell?ation(?! (?:policy|policies|terms|window|fee))|called off|booking (?:was |has been )?withdrawn)\b/i;
const MODIFICATION =
  /\b(?:updated|changed|modified|modification|rescheduled|change (?:request )?(?:approved|accepted)|new (?:date|time)|has been moved|moved (?:the|their|your|booking|reservation|trip|charter|it)|amended|alteration)\b/i;
const REQUEST =
  /\b(?:request(?:ed)?|pending|awaiting|approve (?:within|by|or)|accept or decline|respond within|inquiry|enquiry|payment (?:is )?(?:held|on hold|authori[sz]ed|pending)|pre-?approv)/i;
const CONFIRMED =
  /\b(?:confirmed|accepted|approved|is booked|new booking|you have a booking|booking confirmation|instant book|just booked|booked)\b/i;

function decide(text: string): IntakeKind | undefined {
  if (!text.trim()) return undefined;
  for (const pattern of NOT_BOOKING) if (pattern.test(text)) return 'not_booking';
  if (CANCELLATION.test(text)) return 'cancellation';
  if (MODIFICATION.test(text)) return 'modification';
  if (REQUEST.test(text) && !/\b(?:confirmed|accepted|approved)\b/i.test(text)) return 'request';
  if (CONFIRMED.test(text)) return 'booking';
  return undefined;
}

/** The first few meaningful lines of a body, where a notification states what it is. */
function headline(body: string): string {
  return body
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^[\s\-=_*~.·•|]+$/.test(l))
    .slice(0, 3)
    .join('\n');
}

/**
 * Classifies a message. Without any wording that says what it is, a message that states a
 * date, a start time and something identifying (an id, a renter, an amount or a party size)
 * is taken as a booking; anything less is not a booking.
 */
export function classifyKind(
  subject: string | undefined,
  body: string,
  fields: BookingFields,
): { kind: IntakeKind; worded: boolean } {
  const worded = decide(subject ?? '') ?? decide(headline(body));
  return { kind: kindFor(worded, fields), worded: worded !== undefined };
}

function kindFor(worded: IntakeKind | undefined, fields: BookingFields): IntakeKind {
  const hasWhen = fields.date !== null && fields.startLocal !== null;
  const identifying =
    fields.bookingId !== null ||
    fields.guestName !== null ||
    fields.grossAmountCents !== null ||
    fields.payoutCents !== null ||
    fields.partySize !== null;
  if (worded === 'booking' || worded === 'request') {
    return fields.date !== null || fields.bookingId !== null ? worded : 'not_booking';
  }
  if (worded === 'modification' || worded === 'cancellation') {
    return fields.bookingId !== null || hasWhen ? worded : 'not_booking';
  }
  if (worded === 'not_booking') return worded;
  return hasWhen && identifying ? 'booking' : 'not_booking';
}
