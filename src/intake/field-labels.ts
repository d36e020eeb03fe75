/**
 * What a label means. Marketplaces, forwarded copies and operators word every field
 * differently ("Renter", "Customer", "Booked by"; "Guests", "Party size", "Pax"), so a label
 * is classified by the words in it, in a fixed order of precedence, not matched verbatim.
 */
import type { BookingFieldName } from './intake-result.ts';

/** Where a labelled value goes. `datetime` holds a date and a time; `note` is renter text. */
export type LabelTarget = BookingFieldName | 'datetime' | 'note' | 'ignore';

/** Lowercase words of a label: "Booking #" → "booking id", "Party size:" → "party size". */
export function normalizeLabel(label: string): string {
  return label
    .toLowerCase()
    .replace(/\([^)]{0,40}\)/g, ' ')
    .replace(/#/g, ' id ')
    .replace(/\bno\./g, ' id ')
    .replace(/’/g, "'")
    .replace(/[^a-z' &/]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const has = (words: ReadonlySet<string>, ...options: string[]): boolean =>
  options.some((o) => words.has(o));

/**
 * Classifies a label. Returns undefined for labels that mean nothing to a booking.
 *
 * @example classifyLabel('Party size') // 'partySize'
 * @example classifyLabel('Previous date') // 'ignore'
 */
export function classifyLabel(rawLabel: string): LabelTarget | undefined {
  const label = normalizeLabel(rawLabel);
  if (!label || label.length > 48) return undefined;
  const words = new Set(label.split(/[\s/&]+/).filter(Boolean));
  const last = label.split(' ').at(-1) ?? '';

  // What was, not what is: a modification's old values.
  if (
    has(
      words,
      'previous',
      'previously',
      'old',
      'original',
      'originally',
      'was',
      'before',
      'prior',
      'former',
    )
  ) {
    return 'ignore';
  }
  // "Cancelled by", "Reason": about the change, not the booking.
  if (has(words, 'cancelled', 'canceled', 'cancellation', 'modified', 'reason', 'changed'))
    return 'ignore';
  if (
    has(
      words,
      'message',
      'messages',
      'note',
      'notes',
      'comment',
      'comments',
      'question',
      'questions',
      'requests',
      'remarks',
    )
  ) {
    return 'note';
  }
  if (label.includes('special request')) return 'note';
  if (
    has(
      words,
      'email',
      'e-mail',
      'phone',
      'mobile',
      'tel',
      'telephone',
      'contact',
      'cell',
      'whatsapp',
    )
  )
    return 'ignore';

  if (
    has(
      words,
      'id',
      'code',
      'ref',
      'reference',
      'confirmation',
      'conf',
      'pnr',
      'number',
      'num',
      'nr',
    ) &&
    !has(
      words,
      'promo',
      'discount',
      'coupon',
      'zip',
      'postal',
      'gate',
      'access',
      'boat',
      'listing',
      'vessel',
      'tax',
      'vat',
    ) &&
    !has(
      words,
      'guests',
      'passengers',
      'people',
      'persons',
      'pax',
      'adults',
      'travelers',
      'travellers',
      'hours',
      'party',
    )
  ) {
    return 'bookingId';
  }

  // Money. Payout words beat "total": "Total payout" is the owner's money.
  const payoutWords = has(
    words,
    'payout',
    'earnings',
    'earn',
    'earned',
    'receive',
    'net',
    'owner',
    'host',
    "you'll",
    'proceeds',
  );
  if (payoutWords && !has(words, 'fee', 'fees', 'date', 'method', 'schedule')) return 'payoutCents';
  if (
    has(words, 'total', 'paid', 'charged', 'amount', 'grand') &&
    !has(
      words,
      'fee',
      'fees',
      'tax',
      'deposit',
      'guests',
      'hours',
      'time',
      'refund',
      'refunded',
      'due',
    )
  ) {
    return 'grossAmountCents';
  }
  if (
    has(
      words,
      'fee',
      'fees',
      'price',
      'tax',
      'taxes',
      'deposit',
      'tip',
      'gratuity',
      'insurance',
      'cost',
      'discount',
      'subtotal',
      'rate',
      'fuel',
      'policy',
      'refund',
      'balance',
      'coupon',
      'credit',
    )
  ) {
    return 'ignore';
  }

  if (
    label.includes('date & time') ||
    label.includes('date and time') ||
    label.includes('date/time') ||
    label === 'when' ||
    label === 'schedule' ||
    label === 'trip'
  ) {
    return 'datetime';
  }
  if (has(words, 'duration', 'length', 'hours', 'period') || label === 'trip time')
    return 'durationMinutes';
  if (words.has('date') || label === 'day' || label === 'trip day') {
    if (
      has(
        words,
        'booked',
        'booking',
        'created',
        'issued',
        'birth',
        'payout',
        'expires',
        'expiry',
        'request',
        'sent',
        'received',
      )
    ) {
      return 'ignore';
    }
    return 'date';
  }
  if (
    has(
      words,
      'time',
      'start',
      'starts',
      'starting',
      'departs',
      'check-in',
      'checkin',
      'boarding',
    ) &&
    !has(words, 'location', 'point', 'address', 'place')
  ) {
    if (has(words, 'end', 'ends', 'return', 'finish', 'drop')) return 'ignore';
    return 'startLocal';
  }
  if (
    has(
      words,
      'guests',
      'party',
      'group',
      'passengers',
      'pax',
      'people',
      'persons',
      'headcount',
      'adults',
      'travelers',
      'travellers',
      'attendees',
      'riders',
    )
  ) {
    if (!has(words, 'name', 'names', 'leader')) return 'partySize';
  }
  if (label === 'guest count' || label === 'number of guests') return 'partySize';
  if (
    has(
      words,
      'renter',
      'customer',
      'client',
      'guest',
      'booker',
      'charterer',
      'traveler',
      'traveller',
      'name',
      'lead',
      'by',
      'member',
      'passenger',
      'rider',
    )
  ) {
    if (has(words, 'boat', 'vessel', 'yacht', 'listing', 'captain', 'skipper')) {
      return words.has('captain') || words.has('skipper') ? 'captainIncluded' : 'listingName';
    }
    return 'guestName';
  }
  if (has(words, 'captain', 'skipper', 'captained')) return 'captainIncluded';
  if (
    has(
      words,
      'boat',
      'vessel',
      'yacht',
      'listing',
      'experience',
      'charter',
      'watercraft',
      'catamaran',
      'sailboat',
      'product',
      'tour',
      'package',
    )
  ) {
    if (has(words, 'type', 'size', 'length', 'make', 'model', 'year')) return 'ignore';
    return 'listingName';
  }
  if (
    has(
      words,
      'departure',
      'departing',
      'meeting',
      'meet',
      'location',
      'pickup',
      'pick-up',
      'marina',
      'address',
      'where',
      'dock',
      'port',
      'harbor',
      'harbour',
      'pier',
      'place',
      'venue',
      'from',
    ) ||
    label.includes('pick up') ||
    last === 'point'
  ) {
    return 'departure';
  }
  return undefined;
}
