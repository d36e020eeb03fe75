/**
 * Renders one random booking as a whole email: a sender's words, a layout, distractor notes,
 * maybe a forward, a charset and a transfer encoding. The case knows its expected fields.
 */
import type { IntakeKind } from '../../../src/intake/intake-result.ts';
import {
  type Charset,
  composeMime,
  encodeCharset,
  type MimePart,
  type TransferEncoding,
} from './compose-mime.ts';
import {
  CORPUS_SENDERS,
  type CorpusSender,
  FORWARDER_NAMES,
  type RowField,
} from './corpus-senders.ts';
import {
  formatDate,
  formatDuration,
  formatMoney,
  formatTime,
  headerDate,
  shortDate,
  type TimeStyle,
  timeStyles,
} from './format-values.ts';
import {
  addDays,
  type CorpusBooking,
  type ExpectedFields,
  emptyExpectation,
  fullExpectation,
  randomBooking,
} from './random-booking.ts';
import type { SeededRandom } from './seeded-random.ts';

export interface GeneratedEmail {
  raw: Buffer;
  /** The decoded parts before MIME encoding: what a failure prints. */
  rendered: string;
  /** The booking it was rendered from (some of it deliberately left out of the message). */
  booking: CorpusBooking;
  expected: ExpectedFields;
  /** What was chosen, so a failure says which rendering broke. */
  traits: string[];
}

export type Layout =
  | 'colon'
  | 'aligned'
  | 'leaders'
  | 'pipes'
  | 'pipe-columns'
  | 'tabs'
  | 'above'
  | 'emoji'
  | 'caps'
  | 'html'
  | 'html-th'
  | 'html-columns'
  | 'sentences';
const LAYOUTS: readonly Layout[] = [
  'colon',
  'aligned',
  'leaders',
  'pipes',
  'pipe-columns',
  'tabs',
  'above',
  'emoji',
  'caps',
  'html',
  'html-th',
  'html-columns',
  'sentences',
];

type Row = { field: RowField | 'extra'; label: string; value: string };

const EMOJI: Partial<Record<RowField, string>> = {
  bookingId: '🔖',
  listingName: '⛵',
  date: '📅',
  start: '⏰',
  duration: '⏳',
  timeRange: '⏰',
  when: '📅',
  guestName: '👤',
  partySize: '👥',
  gross: '💵',
  payout: '💰',
  captain: '🧑‍✈️',
  departure: '📍',
};

function weightedKind(r: SeededRandom): IntakeKind {
  const x = r.next();
  if (x < 0.52) return 'booking';
  if (x < 0.64) return 'request';
  if (x < 0.77) return 'modification';
  if (x < 0.89) return 'cancellation';
  return 'not_booking';
}

function partyText(r: SeededRandom, b: CorpusBooking): string {
  if (b.children > 0 && r.chance(0.6)) {
    const adults = b.partySize - b.children;
    return r.pick([
      `${adults} adults, ${b.children} ${b.children === 1 ? 'child' : 'children'}`,
      `${adults} adults + ${b.children} ${b.children === 1 ? 'kid' : 'kids'}`,
      `${adults} Adults, ${b.children} ${b.children === 1 ? 'Child' : 'Children'}`,
    ]);
  }
  if (b.partySize === 1) return r.pick(['1', '1 guest', '1 person']);
  return r.pick([
    `${b.partySize}`,
    `${b.partySize} guests`,
    `${b.partySize} people`,
    `${b.partySize} passengers`,
  ]);
}

function captainText(r: SeededRandom, included: boolean): string {
  return included
    ? r.pick([
        'Included',
        'Yes',
        'Captain included',
        'Yes – Capt. Rosa Vega',
        'Included (licensed captain)',
      ])
    : r.pick([
        'Not included',
        'No',
        'No – bareboat',
        'Bareboat (no captain)',
        'Not included (self-drive)',
      ]);
}

function rangeText(r: SeededRandom, b: CorpusBooking, style: TimeStyle): string {
  const sep = r.pick([' - ', ' – ', ' to ', '–', '-']);
  return `${formatTime(r, b.startMinutes, style)}${sep}${formatTime(r, b.startMinutes + b.durationMinutes, style)}`;
}

/** Which fields the email states; the rest are expected null. */
function chooseOmitted(r: SeededRandom, kind: IntakeKind): Set<keyof ExpectedFields> {
  const omitted = new Set<keyof ExpectedFields>();
  if (r.chance(0.1)) omitted.add('listingName');
  if (r.chance(0.25)) omitted.add('payoutCents');
  if (r.chance(0.3)) omitted.add('captainIncluded');
  if (r.chance(0.25)) omitted.add('departure');
  if (r.chance(0.08)) omitted.add('partySize');
  if (kind === 'cancellation') {
    // A cancellation states a refund, not what was paid: gross and payout are not said.
    omitted.add('grossAmountCents');
    omitted.add('payoutCents');
    if (r.chance(0.3)) omitted.add('durationMinutes');
  }
  if (kind === 'modification' && r.chance(0.15)) {
    // "Group size: 4 -> 6, nothing else changed": no trip date, so the header's is not it.
    omitted.add('date');
    omitted.add('startLocal');
    omitted.add('durationMinutes');
  }
  return omitted;
}

function pickLabel(r: SeededRandom, sender: CorpusSender, field: RowField): string {
  return r.pick(sender.labels[field]);
}

/** The detail rows of a booking, in a sender's words; the expected fields say what was shown. */
function detailRows(
  r: SeededRandom,
  sender: CorpusSender,
  b: CorpusBooking,
  expected: ExpectedFields,
  idInLinkOnly: boolean,
): Row[] {
  const rows: Row[] = [];
  const style = r.pick(timeStyles);
  const dateText = formatDate(r, b.date, r.chance(0.3));
  const add = (field: RowField, value: string) =>
    rows.push({ field, label: pickLabel(r, sender, field), value });
  if (!idInLinkOnly) add('bookingId', b.bookingId);
  if (expected.listingName) add('listingName', b.listingName);
  const timing = expected.date === null ? -1 : r.next();
  const showDuration = expected.durationMinutes !== null;
  if (timing < 0) {
    // No date, start or length stated at all.
  } else if (timing < 0.2 && showDuration) {
    add('when', `${dateText}, ${rangeText(r, b, style)}`);
  } else if (timing < 0.35) {
    add('when', `${dateText} ${r.pick(['at', '@', '·'])} ${formatTime(r, b.startMinutes, style)}`);
    if (showDuration) add('duration', formatDuration(r, b.durationMinutes));
  } else if (timing < 0.55 && showDuration) {
    add('date', dateText);
    add('timeRange', rangeText(r, b, style));
  } else {
    add('date', dateText);
    add('start', formatTime(r, b.startMinutes, style));
    if (showDuration) add('duration', formatDuration(r, b.durationMinutes));
  }
  add('guestName', b.guestName);
  if (expected.partySize !== null) add('partySize', partyText(r, b));
  if (expected.captainIncluded !== null) add('captain', captainText(r, b.captainIncluded));
  if (expected.departure !== null) add('departure', b.departure);
  if (r.chance(0.4)) rows.push({ field: 'extra', label: 'Phone', value: b.phone });
  if (r.chance(0.3)) rows.push({ field: 'extra', label: 'Email', value: b.email });
  if (expected.grossAmountCents !== null) {
    if (r.chance(0.5)) {
      // A breakdown: other prices that add up to the total.
      const fee = Math.round(b.grossAmountCents * 0.1);
      const tax = Math.round(b.grossAmountCents * 0.06);
      rows.push({
        field: 'extra',
        label: 'Boat price',
        value: formatMoney(r, b.grossAmountCents - fee - tax),
      });
      rows.push({
        field: 'extra',
        label: r.pick(['Service fee', 'Booking fee']),
        value: formatMoney(r, fee),
      });
      rows.push({ field: 'extra', label: 'Sales tax', value: formatMoney(r, tax) });
    }
    add('gross', formatMoney(r, b.grossAmountCents));
  }
  if (expected.payoutCents !== null) add('payout', formatMoney(r, b.payoutCents));
  return rows;
}

/** The changed value beside the old one, in one of the ways marketplaces show a change. */
function applyModification(
  r: SeededRandom,
  b: CorpusBooking,
  rows: Row[],
): { rows: Row[]; notes: string[]; traits: string[] } {
  const earlier = b.startMinutes === 6 * 60 ? 7 * 60 : b.startMinutes - 60;
  const oldValues: Partial<Record<RowField, () => string>> = {
    date: () => formatDate(r, addDays(b.date, r.pick([-3, -2, -1, 1, 2, 7])), false),
    start: () => formatTime(r, earlier, 'upper'),
    timeRange: () =>
      `${formatTime(r, earlier, 'upper')} - ${formatTime(r, earlier + b.durationMinutes, 'upper')}`,
    partySize: () => String(b.partySize === 1 ? 2 : b.partySize - 1),
    gross: () => formatMoney(r, b.grossAmountCents + 15_000),
    duration: () => formatDuration(r, b.durationMinutes === 120 ? 180 : 120),
  };
  const candidates = rows.filter((row) => row.field !== 'extra' && oldValues[row.field]);
  if (candidates.length === 0) return { rows, notes: [], traits: ['change:none'] };
  const target = r.pick(candidates);
  const oldValue = (oldValues[target.field as RowField] as () => string)();
  const style = r.pick(['was', 'arrow', 'pair', 'table', 'sentence'] as const);
  const notes: string[] = [];
  let out = rows;
  switch (style) {
    case 'was':
      target.value = `${target.value} (${r.pick(['was', 'previously', 'originally'])} ${oldValue})`;
      break;
    case 'arrow':
      target.value = `${oldValue} ${r.pick(['→', '->', '=>'])} ${target.value}`;
      break;
    case 'pair': {
      const i = rows.indexOf(target);
      const old: Row = {
        field: 'extra',
        label: `${r.pick(['Previous', 'Original', 'Old'])} ${target.label.toLowerCase()}`,
        value: oldValue,
      };
      target.label = `${r.pick(['New', 'Updated'])} ${target.label.toLowerCase()}`;
      out = [...rows.slice(0, i), old, ...rows.slice(i)];
      break;
    }
    case 'table':
      out = rows.filter((row) => row !== target);
      notes.push(
        `What changed:\n| Field | Before | After |\n|---|---|---|\n| ${target.label} | ${oldValue} | ${target.value} |`,
      );
      break;
    case 'sentence':
      out = rows.filter((row) => row !== target);
      notes.push(
        `The ${target.label.toLowerCase()} was changed from ${oldValue} to ${target.value}.`,
      );
      break;
  }
  return { rows: out, notes, traits: [`change:${target.field}:${style}`] };
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(1, width - [...text].length));
}

function renderRowsText(rows: Row[], layout: Layout): string {
  const width = Math.max(...rows.map((row) => [...row.label].length)) + 2;
  switch (layout) {
    case 'colon':
      return rows.map((row) => `${row.label}: ${row.value}`).join('\n');
    case 'aligned':
      return rows.map((row) => `${pad(row.label, width + 2)}${row.value}`).join('\n');
    case 'leaders':
      return rows
        .map(
          (row) =>
            `${row.label} ${'.'.repeat(Math.max(3, width + 4 - [...row.label].length))} ${row.value}`,
        )
        .join('\n');
    case 'pipes':
      return rows.map((row) => `| ${pad(row.label, width)}| ${row.value} |`).join('\n');
    case 'pipe-columns': {
      const lines: string[] = [];
      for (let i = 0; i < rows.length; i += 3) {
        const chunk = rows.slice(i, i + 3);
        lines.push(`| ${chunk.map((row) => row.label).join(' | ')} |`);
        lines.push(`|${chunk.map(() => '---').join('|')}|`);
        lines.push(`| ${chunk.map((row) => row.value).join(' | ')} |`, '');
      }
      return lines.join('\n').trimEnd();
    }
    case 'tabs':
      return rows.map((row) => `${row.label}\t${row.value}`).join('\n');
    case 'above':
      return rows.map((row) => `${row.label}\n${row.value}`).join('\n\n');
    case 'emoji':
      return rows
        .map(
          (row) =>
            `${row.field === 'extra' ? '•' : (EMOJI[row.field] ?? '•')} ${row.label}: ${row.value}`,
        )
        .join('\n');
    case 'caps':
      return rows
        .map((row) => `${pad(`${row.label.toUpperCase()}:`, width + 1)}${row.value}`)
        .join('\n');
    default:
      return rows.map((row) => `${row.label}: ${row.value}`).join('\n');
  }
}

function escapeHtml(text: string, r: SeededRandom): string {
  const apostrophe = r.chance(0.5) ? '&#39;' : "'";
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, apostrophe);
}

function renderRowsHtml(r: SeededRandom, rows: Row[], layout: Layout): string {
  if (layout === 'html-columns') {
    // A row of labels over a row of values, three columns at a time.
    const trs: string[] = [];
    for (let i = 0; i < rows.length; i += 3) {
      const chunk = rows.slice(i, i + 3);
      trs.push(
        `<tr>${chunk.map((row) => `<th align="left">${escapeHtml(row.label, r)}</th>`).join('')}</tr>`,
      );
      trs.push(`<tr>${chunk.map((row) => `<td>${escapeHtml(row.value, r)}</td>`).join('')}</tr>`);
    }
    return `<table cellpadding="6">\n${trs.join('\n')}\n</table>`;
  }
  const cell = layout === 'html-th' ? 'th' : 'td';
  const body = rows
    .map(
      (row) =>
        `<tr><${cell} style="text-align:left;color:#555">${escapeHtml(row.label, r)}</${cell}><td style="padding-left:12px"><strong>${escapeHtml(row.value, r)}</strong></td></tr>`,
    )
    .join('\n');
  return `<table role="presentation" cellpadding="4">\n${body}\n</table>`;
}

/** Sentences that carry the fields without labels. */
function renderSentences(
  r: SeededRandom,
  b: CorpusBooking,
  e: ExpectedFields,
  idInLinkOnly: boolean,
): string {
  const style = r.pick(timeStyles.filter((s) => s !== '24h'));
  const date = formatDate(r, b.date, false);
  const parts: string[] = [];
  parts.push(
    e.listingName
      ? r.pick([
          `${b.guestName} booked ${b.listingName}`,
          `${b.guestName} has reserved ${b.listingName}`,
        ])
      : `${b.guestName} booked a trip`,
  );
  const when =
    e.durationMinutes !== null && r.chance(0.5)
      ? `on ${date} from ${formatTime(r, b.startMinutes, style)} to ${formatTime(r, b.startMinutes + b.durationMinutes, style)}.`
      : `on ${date}, departing at ${formatTime(r, b.startMinutes, style)}${e.durationMinutes !== null ? `, for ${formatDuration(r, b.durationMinutes)}` : ''}.`;
  parts[0] = `${parts[0]} ${when}`;
  if (e.partySize !== null) {
    parts.push(
      r.pick([
        `There will be ${b.partySize} ${b.partySize === 1 ? 'guest' : 'guests'} on board.`,
        `The party is ${b.partySize} ${b.partySize === 1 ? 'person' : 'people'}.`,
      ]),
    );
  }
  if (e.captainIncluded !== null) {
    parts.push(
      b.captainIncluded ? 'A captain is included.' : 'This is a bareboat charter: no captain.',
    );
  }
  if (e.departure !== null) parts.push(`Please meet them at ${b.departure}.`);
  if (e.grossAmountCents !== null)
    parts.push(`The renter paid ${formatMoney(r, b.grossAmountCents)} in total.`);
  if (e.payoutCents !== null)
    parts.push(
      r.pick([
        `You'll earn ${formatMoney(r, b.payoutCents)}.`,
        `Your payout will be ${formatMoney(r, b.payoutCents)}.`,
      ]),
    );
  if (!idInLinkOnly) parts.push(`Booking reference: ${b.bookingId}`);
  return parts.join(' ').replace(/ Booking reference/, '\n\nBooking reference');
}

const INTROS: Record<Exclude<IntakeKind, 'not_booking'>, readonly string[]> = {
  booking: [
    'Good news - your booking is confirmed!',
    'You have a new confirmed booking.',
    'A new reservation has been confirmed and paid.',
    'Booking confirmed. The trip is on your calendar.',
    'New booking received from your website. Payment captured; this booking is confirmed.',
  ],
  request: [
    'You have a new booking request. The payment is held until you accept.',
    'New request to book: the renter has been pre-authorised; accept or decline.',
    'Booking inquiry awaiting your approval (payment on hold).',
  ],
  modification: [
    'A booking has been modified.',
    'The renter changed their reservation. Here are the updated details.',
    'Booking updated: please review the change below.',
  ],
  cancellation: [
    'This booking has been cancelled.',
    'The renter canceled their reservation.',
    'Cancellation notice: the trip below will not take place.',
  ],
};

function subjectFor(
  r: SeededRandom,
  kind: IntakeKind,
  b: CorpusBooking,
  sender: CorpusSender,
  idShown: boolean,
  listingShown: boolean,
): string {
  const id = idShown ? ` #${b.bookingId}` : '';
  // A listing the body leaves out must not come back through the subject.
  const listing = listingShown ? b.listingName : 'your boat';
  switch (kind) {
    case 'booking':
      return r.pick([
        `Booking confirmed: ${listing}`,
        `New booking${id}`,
        `You have a new reservation${id}`,
        `${sender.name}: booking confirmed`,
      ]);
    case 'request':
      return r.pick([
        `New booking request for ${listing}`,
        `Request to book${id} - action needed`,
        'Respond to your booking request',
      ]);
    case 'modification':
      return r.pick([
        `Booking${id} modified`,
        `Reservation updated${id}`,
        'Your booking has changed',
      ]);
    case 'cancellation':
      return r.pick([`Booking${id} cancelled`, `Reservation canceled${id}`, 'Cancellation notice']);
    default:
      return 'Hello from the harbor';
  }
}

/** Notes that mention other dates, times and prices: never booking fields. */
function distractors(r: SeededRandom, b: CorpusBooking, kind: IntakeKind): string[] {
  const pool = [
    `Sent on ${formatDate(r, b.sentDate, false)} at 10:02 AM by our booking system.`,
    'Security deposit: a hold of $500.00 is placed on the card 48 hours before departure and released after the trip.',
    'Free cancellation up to 72 hours before the trip; after that 50% is refunded.',
    'Add a cooler package for $45.00 or a tube for $60.00 on the trip page.',
    'Questions? Our support line is open 8am-6pm ET, 7 days a week: (800) 555-0199.',
    `Please reply by ${shortDate(addDays(b.sentDate, 2))} if anything above is wrong.`,
    `--\nSpring deals: 20% off midweek trips before ${shortDate(addDays(b.sentDate, 30))}. Boats from $299. Unsubscribe anytime.`,
    'Payouts are sent 2-3 business days after the trip ends.',
  ];
  const notes = r.shuffle(pool).slice(0, r.int(0, 3));
  if (kind === 'request') {
    notes.unshift(
      r.pick([
        'Please respond within 24 hours or the request will expire.',
        `This request expires on ${formatDate(r, addDays(b.sentDate, 1), false)} at 5:00 PM. Accept it before then.`,
        `Respond by ${shortDate(addDays(b.sentDate, 3))}, 9:00 AM, or the payment hold is released.`,
        'You have 48 hours to accept; the hold on the card lasts 72 hours.',
      ]),
    );
  }
  if (kind === 'cancellation') {
    notes.unshift(
      r.pick([
        `Refund to renter: ${formatMoney(r, 15_000 + r.int(0, 900) * 100)} (processed within 5-10 business days).`,
        `A full refund of ${formatMoney(r, 20_000 + r.int(0, 900) * 100)} has been issued to the renter.`,
        `Amount refunded: ${formatMoney(r, 10_000 + r.int(0, 900) * 100)}. Cancellation fee kept: ${formatMoney(r, 5_000)}.`,
      ]),
    );
  }
  return notes;
}

function notBooking(
  r: SeededRandom,
  b: CorpusBooking,
  sender: CorpusSender,
): { subject: string; text: string; expected: ExpectedFields; trait: string } {
  const expected = emptyExpectation('not_booking');
  const which = r.pick(['newsletter', 'review', 'payout'] as const);
  const date = formatDate(r, b.date, false);
  switch (which) {
    case 'newsletter':
      return {
        subject: r.pick([
          'Summer on the water starts now',
          'This weekend only: 20% off',
          `${sender.name} news: new boats near you`,
        ]),
        text: `Hi there,\n\nBook ${b.listingName} for ${date} and save 20%.\nDeparts 9:00 AM from ${b.departure}. Trips from ${formatMoney(r, b.grossAmountCents)} for up to ${b.partySize} guests.\nOffer expires ${shortDate(addDays(b.sentDate, 5))} at 11:59 PM.\n\nBook now: https://${sender.domain}/deals\n\nYou are receiving this because you subscribed. Unsubscribe.`,
        expected,
        trait: 'not_booking:newsletter',
      };
    case 'review':
      expected.bookingId = b.bookingId;
      return {
        subject: r.pick([
          `How was your trip with ${b.guestName}?`,
          'Leave a review for your renter',
        ]),
        text: `Hi,\n\n${b.guestName} went out on ${b.listingName} on ${date} (booking ${b.bookingId}).\nHow did it go? Reviews help other owners. It takes 2 minutes.\n\nLeave a review: https://${sender.domain}/reviews/new\n\nReviews close 14 days after the trip.`,
        expected,
        trait: 'not_booking:review',
      };
    default:
      expected.bookingId = b.bookingId;
      return {
        subject: r.pick([
          `Your payout of ${formatMoney(r, b.payoutCents)} is on its way`,
          'Payout sent',
        ]),
        text: `Hello,\n\nWe sent your payout of ${formatMoney(r, b.payoutCents)} for booking ${b.bookingId} (${b.listingName}, ${date}).\nIt should arrive in 2-3 business days. Total charged to the renter was ${formatMoney(r, b.grossAmountCents)}.\n\nView payouts: https://${sender.domain}/payouts`,
        expected,
        trait: 'not_booking:payout',
      };
  }
}

/** The forwarder's own note: other days, times, prices and head counts, never the booking's. */
function forwardNote(r: SeededRandom, forwardDate: string): string {
  return r.pick([
    `Can you put this one on the calendar? Heads up: the ${r.int(2, 28)}th at ${r.int(1, 5)}pm the engine guy comes ($${r.int(2, 9)}50), and we may be ${r.int(7, 12)} with crew.`,
    `FYI - new one. I already told them ${r.int(7, 9)}:30am works. Fuel last time was $${r.int(100, 400)}.`,
    `Forwarding. Don't confuse with the ${shortDate(forwardDate)} 6am trip for $1,100.`,
    'see below',
  ]);
}

function forwardWrap(
  r: SeededRandom,
  inner: { from: string; subject: string; date: string; text: string },
  forwardDate: string,
  note: string = forwardNote(r, forwardDate),
  only?: 'gmail',
): { text: string; subject: string; trait: string } {
  const style = only ?? r.pick(['gmail', 'outlook', 'outlook-rule', 'apple'] as const);
  switch (style) {
    case 'gmail':
      return {
        subject: `Fwd: ${inner.subject}`,
        trait: 'forward:gmail',
        text: `${note}\n\n---------- Forwarded message ---------\nFrom: ${inner.from}\nDate: ${inner.date}\nSubject: ${inner.subject}\nTo: <bookings@harborlight.example.net>\n\n\n${inner.text}`,
      };
    case 'outlook':
      return {
        subject: `FW: ${inner.subject}`,
        trait: 'forward:outlook',
        text: `${note}\n\n-----Original Message-----\nFrom: ${inner.from}\nSent: ${inner.date}\nTo: bookings@harborlight.example.net\nSubject: ${inner.subject}\n\n${inner.text}`,
      };
    case 'outlook-rule':
      return {
        subject: `FW: ${inner.subject}`,
        trait: 'forward:outlook-rule',
        text: `${note}\n\n________________________________\nFrom: ${inner.from}\nSent: ${inner.date}\nTo: Bookings <bookings@harborlight.example.net>\nSubject: ${inner.subject}\n\n${inner.text}`,
      };
    case 'apple':
      return {
        subject: `Fwd: ${inner.subject}`,
        trait: 'forward:apple',
        text: `${note}\n\nBegin forwarded message:\n\n> From: ${inner.from}\n> Subject: ${inner.subject}\n> Date: ${inner.date}\n> To: bookings@harborlight.example.net\n> \n${inner.text
          .split('\n')
          .map((line) => `> ${line}`)
          .join('\n')}`,
      };
  }
}

/** Gmail's HTML forward: the note, a gmail_quote block with the header lines, then the message. */
function gmailHtmlForward(
  r: SeededRandom,
  note: string,
  inner: { from: string; subject: string; date: string; html: string },
): string {
  const body = inner.html.replace(/^[\s\S]*?<body>/, '').replace(/<\/body>[\s\S]*$/, '');
  const [name, address] = inner.from.split(' <');
  return `<!DOCTYPE html>\n<html><body>\n<div dir="ltr">${escapeHtml(note, r)}<br><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">---------- Forwarded message ---------<br>From: <strong class="gmail_sendername" dir="auto">${escapeHtml(name ?? '', r)}</strong> <span dir="auto">&lt;${escapeHtml((address ?? '').replace('>', ''), r)}&gt;</span><br>Date: ${escapeHtml(inner.date, r)}<br>Subject: ${escapeHtml(inner.subject, r)}<br>To: &lt;bookings@harborlight.example.net&gt;<br></div><br><br>\n${body}\n</div></div>\n</body></html>`;
}

function chooseEncoding(
  r: SeededRandom,
  text: string,
  emoji: boolean,
): { charset: Charset; encoding: TransferEncoding } {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII range test.
  const ascii = /^[\x00-\x7f]*$/.test(text);
  let charset: Charset = r.pick(['utf-8', 'utf-8', 'iso-8859-1', 'windows-1252'] as const);
  if (emoji || encodeCharset(text, charset) === null) charset = 'utf-8';
  const encodings: TransferEncoding[] = ['8bit', 'quoted-printable', 'base64'];
  if (ascii) encodings.push('7bit', '7bit');
  let encoding = r.pick(encodings);
  if (encoding === '8bit' && ascii) encoding = '7bit';
  return { charset, encoding };
}

/** One generated email; `index` only names the message id. */
export function renderCorpusEmail(r: SeededRandom, index: number): GeneratedEmail {
  const b = randomBooking(r);
  const sender = r.pick(CORPUS_SENDERS);
  const kind = weightedKind(r);
  const traits: string[] = [`kind:${kind}`, `sender:${sender.name}`];
  let subject: string;
  let text: string;
  let html: string | null = null;
  let expected: ExpectedFields;
  const link = sender.bookingLink.replace('{id}', encodeURIComponent(b.bookingId));

  if (kind === 'not_booking') {
    const nb = notBooking(r, b, sender);
    ({ subject, text, expected } = nb);
    traits.push(nb.trait);
  } else {
    expected = fullExpectation(kind, b);
    for (const field of chooseOmitted(r, kind)) (expected as Record<string, unknown>)[field] = null;
    const idInLinkOnly = r.chance(0.12);
    if (idInLinkOnly) traits.push('id-in-link-only');
    let layout = r.pick(LAYOUTS);
    // A modification's old value needs labelled rows to sit beside.
    if (kind === 'modification' && layout === 'sentences') layout = 'colon';
    traits.push(`layout:${layout}`);
    subject = subjectFor(r, kind, b, sender, !idInLinkOnly, expected.listingName !== null);
    const intro = r.pick(INTROS[kind]);
    let rows = detailRows(r, sender, b, expected, idInLinkOnly);
    let notes: string[] = [];
    if (kind === 'modification') {
      const mod = applyModification(r, b, rows);
      rows = mod.rows;
      notes = mod.notes;
      traits.push(...mod.traits);
    }
    const extra = distractors(r, b, kind);
    const heading = r.pick(['Trip details', 'BOOKING DETAILS', 'Reservation summary', 'Details']);
    const linkLine = r.chance(0.7) || idInLinkOnly ? `View booking: ${link}` : '';
    const listingLink = r.chance(0.3)
      ? `Edit your listing: https://${sender.domain}/listings/${r.int(40_000, 49_999)}/edit`
      : '';
    const greeting = r.pick(['Hi Dana,', 'Hello,', 'Ahoy Harbor Light Charters,', '']);
    const detailsText =
      layout === 'sentences'
        ? renderSentences(r, b, expected, idInLinkOnly)
        : renderRowsText(rows, layout);
    text = [
      greeting,
      intro,
      heading,
      detailsText,
      ...notes,
      ...extra,
      linkLine,
      listingLink,
      `Thanks,\nThe ${sender.name} team`,
    ]
      .filter((block) => block !== '')
      .join('\n\n');
    if (layout === 'html' || layout === 'html-th' || layout === 'html-columns') {
      const blocks = [greeting, intro, ...notes, ...extra]
        .filter((block) => block !== '')
        .map((block) => `<p>${escapeHtml(block, r).replace(/\n/g, '<br>')}</p>`);
      html = `<!DOCTYPE html>\n<html><body>\n${blocks.slice(0, 2).join('\n')}\n<h3>${escapeHtml(heading, r)}</h3>\n${renderRowsHtml(r, rows, layout)}\n${blocks.slice(2).join('\n')}\n<p><a href="${link}">View booking</a></p>\n<p>Thanks,<br>The ${escapeHtml(sender.name, r)} team</p>\n</body></html>`;
      // Half of the HTML emails have a plain part that says the same in label: value rows.
      text = r.chance(0.5)
        ? text
            .replace(detailsText, renderRowsText(rows, 'colon'))
            .replace(`View booking: ${link}`, `View booking: ${link}`)
        : '';
    }
  }

  const offsets = ['-0400', '-0500', '-0700', '-0800', '+0000', '-1000'];
  const sentMinutes = r.int(8 * 60, 18 * 60);
  const innerDate = headerDate(b.sentDate, sentMinutes, r.pick(offsets));
  const from = `${sender.name} <${sender.address}>`;
  let topDate = innerDate;
  let topFrom = from;
  let topSubject = subject;
  if (r.chance(0.25)) {
    // The forward happens the same day or the next one, never after the trip.
    const forwardDay = addDays(b.sentDate, b.date > addDays(b.sentDate, 1) ? r.int(0, 1) : 0);
    topDate = headerDate(forwardDay, Math.min(sentMinutes + 30, 23 * 60), '-0700');
    const note = forwardNote(r, forwardDay);
    // Gmail is the client that forwards HTML as HTML; the others here forward plain text.
    const wrapped = forwardWrap(
      r,
      { from, subject, date: innerDate, text },
      forwardDay,
      note,
      html === null ? undefined : 'gmail',
    );
    if (text !== '') text = wrapped.text;
    if (html !== null) html = gmailHtmlForward(r, note, { from, subject, date: innerDate, html });
    topSubject = wrapped.subject;
    topFrom = `${r.pick(FORWARDER_NAMES)} <owner@harborlight.example.net>`;
    traits.push(html === null ? wrapped.trait : 'forward:gmail-html');
  }
  const parts: MimePart[] = [];
  if (text !== '') parts.push({ type: 'text/plain', body: text });
  if (html !== null) parts.push({ type: 'text/html', body: html });
  const { charset, encoding } = chooseEncoding(
    r,
    parts.map((p) => p.body).join('\n'),
    traits.includes('layout:emoji'),
  );
  traits.push(
    `charset:${charset}`,
    `cte:${encoding}`,
    `parts:${parts.map((p) => p.type).join('+')}`,
  );
  const raw = composeMime({
    from: topFrom,
    to: 'Harbor Light Charters <bookings@harborlight.example.net>',
    subject: topSubject,
    date: topDate,
    messageId: `<corpus-${index}-${b.bookingId.replace(/\W/g, '')}@${sender.domain}>`,
    parts,
    charset,
    encoding,
  });
  const rendered = [
    `Subject: ${topSubject}`,
    `Date: ${topDate}`,
    ...parts.map((p) => `[${p.type}]\n${p.body}`),
  ].join('\n');
  return { raw, rendered, booking: b, expected, traits };
}
