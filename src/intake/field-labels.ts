/**
 * What a label means. Marketplaces, forwarded copies and operators word every field
 * differently ("Renter", "Customer", "Booked by"; "Guests", "Party size", "Pax"), so a label
 * is classified by the words in it, in a fixed order of precedence, not matched verbatim.
 */
import type { BookingFieldName } from './intake-result.ts';

/**
 * Where a labelled value goes. `datetime` holds a date and a time; `note` is renter text;
 * `boarding` is a time or a place ("Embarkation: 10:00 AM" or "Embarkation: Pier 39"); `checkIn`
 * is a place, or a time before the charter that is not its start ("Check-in: 9:15 AM"); `end`
 * is the time the trip ends (its length is derived from the start); `crew` says whether a
 * captain is aboard only when it names one; `bookingRef` is an id only when its value has digits.
 */
export type LabelTarget =
  | BookingFieldName
  | 'datetime'
  | 'boarding'
  | 'checkIn'
  | 'end'
  | 'crew'
  | 'bookingRef'
  | 'note'
  | 'ignore';

/**
 * Lowercase words of a label: "Booking #" → "booking id", "Party size:" → "party size".
 * Hyphenated words stay whole ("pick-up", "e-mail", "check-in").
 */
export function normalizeLabel(label: string): string {
  return label
    .toLowerCase()
    .replace(/\([^)]{0,40}\)/g, ' ')
    .replace(/#/g, ' id ')
    .replace(/\bno\./g, ' id ')
    .replace(/’/g, "'")
    .replace(/[^a-z' &/-]+/g, ' ')
    .replace(/(^|\s)-+|-+(?=\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const words = (list: string): ReadonlySet<string> => new Set(list.split(' '));

// Each set is one idea; the order of the checks in classifyLabel is the precedence.
const OLD_VALUE = words('previous previously old original originally was before prior former');
const ABOUT_THE_CHANGE = words('cancelled canceled cancellation modified reason changed');
// A deadline, hold or expiry is never the charter's date, start or length.
const DEADLINE = words(
  'expires expiry expiration expiring deadline respond reply due sent received',
);
const NOTE = words(
  'message messages note notes comment comments question questions requests remarks',
);
const CONTACT = words('email e-mail phone mobile tel telephone contact cell whatsapp');
const END_OF_TRIP = words(
  'end ends return returns until finish drop-off disembark disembarkation disembarking',
);
const BOARDING = words('embark embarkation embarking boarding board');
const ID = words('id code ref reference confirmation conf pnr number num nr');
const OTHER_THINGS_IDS = words(
  'customer renter guest user member account slip voucher gift tracking transaction invoice listing boat vessel yacht hull registration payment payout transfer statement receipt promo discount coupon zip postal gate access tax vat',
);
const COUNTED = words(
  'guests passengers people persons pax adults travelers travellers hours party',
);
const PAYOUT = words('payout earnings earn earned receive net proceeds');
const OWNER = words("owner host your you'll");
const OWNER_MONEY = words('total amount share income');
const GROSS = words('total paid charged amount grand received');
const NOT_GROSS = words('fee fees tax deposit guests hours time refund refunded due');
const PRICE_LINE = words(
  'fee fees price tax taxes deposit tip gratuity insurance cost discount subtotal rate fuel policy refund balance coupon credit',
);
const DURATION = words('duration length hours period');
const SIZE_OF_BOAT = words('boat vessel yacht overall feet ft');
const NOT_TRIP_DATE = words(
  'booked booking created issued birth payout expires expiry request sent received',
);
const START = words('time start starts starting departs boarding');
const PLACE = words('location point address place');
const PARTY = words(
  'guests party group passengers pax people persons headcount adults travelers travellers attendees riders customers',
);
const PERSON = words(
  'renter customer client guest booker charterer traveler traveller name lead leader by member passenger rider',
);
const BOAT = words(
  'boat vessel yacht listing experience charter watercraft catamaran sailboat product tour package activity item excursion cruise',
);
const BOAT_DETAIL = words('type size length make model year');
const CAPTAIN = words('captain skipper captained');
const DEPARTURE = words(
  'departure departing departs meeting meet location pickup pick-up marina address where dock port harbor harbour pier place venue from',
);

/**
 * Classifies a label. Returns undefined for labels that mean nothing to a booking.
 *
 * @example classifyLabel('Party size') // 'partySize'
 * @example classifyLabel('Previous date') // 'ignore'
 */
export function classifyLabel(rawLabel: string): LabelTarget | undefined {
  // Labels repeat from email to email ("Date", "Guests"): remember the answers, boundedly.
  if (labelCache.has(rawLabel)) return labelCache.get(rawLabel);
  const target = classifyNormalized(normalizeLabel(rawLabel));
  if (labelCache.size >= LABEL_CACHE_SIZE) labelCache.clear();
  labelCache.set(rawLabel, target);
  return target;
}

const LABEL_CACHE_SIZE = 5_000;
const labelCache = new Map<string, LabelTarget | undefined>();

function classifyNormalized(label: string): LabelTarget | undefined {
  if (!label || label.length > 48) return undefined;
  const w = new Set(label.split(/[\s/&]+/).filter(Boolean));
  const any = (set: ReadonlySet<string>): boolean => [...w].some((word) => set.has(word));

  // What was, not what is: a modification's old values; and facts about the change itself.
  // "Payment received" is money, not the moment a message was received.
  const moneyWords = w.has('payment') || w.has('amount');
  const deadline = [...w].some(
    (word) => DEADLINE.has(word) && !(moneyWords && word === 'received'),
  );
  if (any(OLD_VALUE) || any(ABOUT_THE_CHANGE) || deadline) return 'ignore';
  if (any(NOTE) || label.includes('special request')) return 'note';
  // "Contact" alone, or "Contact name", is the person who booked; "Contact email" is not.
  if (label === 'contact' || label === 'contact name' || label === 'contact person')
    return 'guestName';
  if (any(CONTACT) || label.startsWith('time zone') || label === 'timezone') return 'ignore';
  // An end or return date belongs to a multi-day trip; an end time gives the trip's length.
  if (any(END_OF_TRIP)) return w.has('date') || w.has('day') ? 'ignore' : 'end';
  // "Check-in: 9:15 AM" is when guests arrive, before the start; "Check-in: Pier 39" is where.
  if ((w.has('check-in') || w.has('checkin') || /\bcheck in\b/.test(label)) && !any(PLACE))
    return 'checkIn';
  // "Embarkation", "Boarding", "Departs", "Departure": a time or a place, as the value shows.
  if (
    (any(BOARDING) && !any(PLACE) && !any(PARTY) && !w.has('time')) ||
    ['departs', 'departing', 'departure'].includes(label)
  )
    return 'boarding';
  // "You get", "What you'll get": what reaches the owner.
  if (w.has('get') && (w.has('you') || w.has("you'll"))) return 'payoutCents';
  // "Deposit to bank", "Net after fees": what reaches the owner.
  if (w.has('deposit') && (w.has('bank') || w.has('account'))) return 'payoutCents';
  if (w.has('net') && w.has('after')) return 'payoutCents';

  // "Booking", "Sailo booking", "Reservation": a booking's reference when its value has digits
  // ("Booking: SL944944"); a heading otherwise ("Booking" over "CONFIRMED").
  if (/^(?:[a-z]+ )?(?:booking|reservation|order)$/.test(label) && !any(PERSON) && !any(BOAT))
    return 'bookingRef';
  if (any(ID)) {
    // Ids of other things: the renter's account, the slip, a voucher, the listing itself.
    if (any(OTHER_THINGS_IDS)) return 'ignore';
    if (!any(COUNTED)) return 'bookingId';
  }

  // Money. Payout words beat "total": "Total payout" is the owner's money.
  if (
    (any(PAYOUT) || (any(OWNER) && any(OWNER_MONEY))) &&
    !w.has('fee') &&
    !w.has('fees') &&
    !w.has('date')
  ) {
    return 'payoutCents';
  }
  if (any(GROSS) && !any(NOT_GROSS)) return 'grossAmountCents';
  if (any(PRICE_LINE)) return 'ignore';

  if (
    /date (?:&|and|\/) ?time/.test(label) ||
    ['when', 'schedule', 'trip', 'availability', 'slot'].includes(label)
  )
    return 'datetime';
  if (any(DURATION) || label === 'trip time')
    return any(SIZE_OF_BOAT) ? 'ignore' : 'durationMinutes';
  if (w.has('date') || label === 'day' || label === 'trip day')
    return any(NOT_TRIP_DATE) ? 'ignore' : 'date';
  if (any(START) && !any(PLACE) && !w.has('from')) return 'startLocal';
  if (any(PARTY) && !w.has('name') && !w.has('names') && !w.has('leader')) return 'partySize';
  if (label === 'guest count' || label === 'number of guests') return 'partySize';
  if (any(PERSON)) {
    if (any(CAPTAIN)) return 'captainIncluded';
    return any(BOAT) ? 'listingName' : 'guestName';
  }
  if (any(CAPTAIN)) return 'captainIncluded';
  if (w.has('crew') || w.has('crewed')) return 'crew';
  if (any(BOAT)) return any(BOAT_DETAIL) ? 'ignore' : 'listingName';
  if (any(DEPARTURE) || label.includes('pick up') || label.endsWith(' point')) return 'departure';
  return undefined;
}
