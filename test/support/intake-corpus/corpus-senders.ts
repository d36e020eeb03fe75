/**
 * The senders of the generated corpus and the words they use: marketplaces of several styles
 * and an operator's own website. Written from what booking emails say, not from the parser.
 */

/** What a row says, before a sender picks the words for its label. */
export type RowField =
  | 'bookingId'
  | 'listingName'
  | 'date'
  | 'start'
  | 'duration'
  | 'timeRange'
  | 'when'
  | 'guestName'
  | 'partySize'
  | 'gross'
  | 'payout'
  | 'captain'
  | 'departure';

export interface CorpusSender {
  name: string;
  address: string;
  domain: string;
  /** Where a booking lives on the sender's site, with {id}. */
  bookingLink: string;
  labels: Record<RowField, readonly string[]>;
}

const COMMON: Record<RowField, readonly string[]> = {
  bookingId: [
    'Booking ID',
    'Booking #',
    'Reservation #',
    'Confirmation number',
    'Booking reference',
    'Order #',
    'Reference',
  ],
  listingName: ['Boat', 'Vessel', 'Listing', 'Boat name', 'Yacht'],
  date: ['Date', 'Trip date', 'Charter date', 'Departure date'],
  start: ['Start time', 'Departure time', 'Time', 'Starts at'],
  duration: ['Duration', 'Trip length', 'Length', 'Charter length'],
  timeRange: ['Time', 'Hours', 'Trip time'],
  when: ['When', 'Date & time', 'Date and time'],
  guestName: ['Renter', 'Guest', 'Customer', 'Booked by', 'Guest name', 'Lead guest'],
  partySize: ['Guests', 'Party size', 'Number of guests', 'Passengers', 'Group size'],
  gross: ['Total', 'Total paid', 'Order total', 'Grand total', 'Trip total'],
  payout: ['Your payout', 'Your earnings', 'Owner payout', 'Payout to you', 'Net payout'],
  captain: ['Captain', 'Captain included'],
  departure: ['Meeting point', 'Departure location', 'Pick-up location', 'Marina', 'Location'],
};

export const CORPUS_SENDERS: readonly CorpusSender[] = [
  {
    name: 'Boatsetter',
    address: 'notifications@boatsetter.example.com',
    domain: 'boatsetter.example.com',
    bookingLink: 'https://boatsetter.example.com/bookings/{id}',
    labels: {
      ...COMMON,
      bookingId: ['Booking ID', 'Booking #'],
      guestName: ['Renter', 'Renter name'],
      payout: ['Your payout', 'Your earnings', 'Owner earnings'],
    },
  },
  {
    name: 'GetMyBoat',
    address: 'bookings@getmyboat.example.com',
    domain: 'getmyboat.example.com',
    bookingLink: 'https://www.getmyboat.example.com/trips/{id}/details/',
    labels: {
      ...COMMON,
      bookingId: ['Reservation #', 'Reservation ID', 'Trip ID'],
      listingName: ['Listing', 'Boat'],
      guestName: ['Customer', 'Renter', 'Booked by'],
      partySize: ['Group size', 'Passengers'],
      payout: ["You'll earn", 'Your earnings', 'Estimated payout'],
      departure: ['Meeting point', 'Pick-up', 'Where'],
    },
  },
  {
    name: 'Sailo',
    address: 'concierge@sailo.example.com',
    domain: 'sailo.example.com',
    bookingLink: 'https://sailo.example.com/account/bookings?booking_id={id}',
    labels: {
      ...COMMON,
      bookingId: ['Booking number', 'Sailo booking', 'Confirmation #'],
      listingName: ['Yacht', 'Vessel'],
      guestName: ['Charterer', 'Client', 'Guest'],
      partySize: ['Number of passengers', 'Guests'],
      gross: ['Charter total', 'Total charged', 'Total'],
      payout: ['Owner payout', 'Net to owner', 'Your payout'],
      departure: ['Embarkation', 'Marina', 'Boarding location'],
    },
  },
  {
    name: 'FareHarbor',
    address: 'no-reply@fareharbor.example.com',
    domain: 'fareharbor.example.com',
    bookingLink: 'https://fareharbor.example.com/harborlight/dashboard/bookings/{id}/',
    labels: {
      ...COMMON,
      bookingId: ['Booking #', 'Booking'],
      listingName: ['Item', 'Activity', 'Tour'],
      guestName: ['Contact', 'Customer name', 'Booked by'],
      partySize: ['Customers', 'Guests', 'Pax'],
      gross: ['Total paid', 'Amount paid', 'Total'],
      payout: ['Net to you', 'Your payout'],
      when: ['Availability', 'When', 'Date & time'],
      departure: ['Check-in location', 'Meeting point', 'Location'],
    },
  },
  {
    name: 'Harbor Light Charters (website)',
    address: 'forms@harborlight.example.net',
    domain: 'harborlight.example.net',
    bookingLink: 'https://harborlight.example.net/admin/bookings/{id}',
    labels: {
      ...COMMON,
      bookingId: ['Booking ID', 'Order number', 'Submission #'],
      listingName: ['Boat', 'Charter', 'Package'],
      guestName: ['Name', 'Your name', 'Full name'],
      partySize: ['Number of people', 'How many guests', 'Guests'],
      gross: ['Amount paid', 'Total charged', 'Payment received'],
      payout: ['Net after fees', 'Deposit to bank'],
      captain: ['Captain', 'Skipper'],
      departure: ['Departs from', 'Dock', 'Meeting point'],
    },
  },
  {
    name: 'Boatly',
    address: 'team@boatly.example.com',
    domain: 'boatly.example.com',
    bookingLink: 'https://app.boatly.example.com/r/{id}',
    labels: COMMON,
  },
];

export const FORWARDER_NAMES = [
  'Dana Skipperson',
  'Rosa Vega',
  'Capt. Mike Hale',
  'Lena Ortiz',
] as const;
