/** Unit tests for label classification: many wordings of one field map to one target. */
import { describe, expect, it } from 'vitest';
import { classifyLabel, type LabelTarget, normalizeLabel } from '../../src/intake/field-labels.ts';

describe('normalizeLabel', () => {
  it.each([
    ['Booking #', 'booking id'],
    ['Order no.', 'order id'],
    ['Party size:', 'party size'],
    ['Total (USD)', 'total'],
    ['You’ll earn', "you'll earn"],
    ['Date & time', 'date & time'],
    ['Pick-up location', 'pick-up location'],
    ['  Guests  ', 'guests'],
  ])('%j → %j', (label, expected) => {
    // Act + Assess
    expect(normalizeLabel(label)).toBe(expected);
  });
});

describe('classifyLabel', () => {
  it.each<[string, LabelTarget]>([
    // Booking id
    ['Booking #', 'bookingId'],
    ['Booking ID', 'bookingId'],
    ['Reservation ID', 'bookingId'],
    ['Reservation #', 'bookingId'],
    ['Confirmation code', 'bookingId'],
    ['Confirmation number', 'bookingId'],
    ['Booking reference', 'bookingId'],
    ['Order no.', 'bookingId'],
    ['Order #', 'bookingId'],
    ['Trip ID', 'bookingId'],
    // Party size (a "number of ..." is a count, not an id)
    ['Number of passengers', 'partySize'],
    ['Number of guests', 'partySize'],
    ['No. of guests', 'partySize'],
    ['Guest count', 'partySize'],
    ['Guests', 'partySize'],
    ['Total guests', 'partySize'],
    ['Party size', 'partySize'],
    ['Pax', 'partySize'],
    ['Adults', 'partySize'],
    ['Group size', 'partySize'],
    // Renter
    ['Renter', 'guestName'],
    ['Customer', 'guestName'],
    ['Client', 'guestName'],
    ['Booked by', 'guestName'],
    ['Guest name', 'guestName'],
    ['Guest', 'guestName'],
    ['Lead guest', 'guestName'],
    ['Renter’s name', 'guestName'],
    ['Lead passenger', 'guestName'],
    // Boat
    ['Boat', 'listingName'],
    ['Vessel', 'listingName'],
    ['Listing', 'listingName'],
    ['Boat name', 'listingName'],
    ['Yacht', 'listingName'],
    ['Listing title', 'listingName'],
    ['Boat type', 'ignore'],
    // Captain and price lines that are not the total
    ['Captain', 'captainIncluded'],
    ['Captain (included)', 'captainIncluded'],
    ['Skipper', 'captainIncluded'],
    ['Captained?', 'captainIncluded'],
    ['Boat price', 'ignore'],
    ['Captain fee', 'ignore'],
    ['Service fee', 'ignore'],
    ['Port fee', 'ignore'],
    ['Deposit', 'ignore'],
    ['Subtotal', 'ignore'],
    ['Price', 'ignore'],
    // Gross
    ['Total', 'grossAmountCents'],
    ['Total (USD)', 'grossAmountCents'],
    ['Renter total', 'grossAmountCents'],
    ['Total paid by renter', 'grossAmountCents'],
    ['Order total', 'grossAmountCents'],
    ['Grand total', 'grossAmountCents'],
    ['Amount paid', 'grossAmountCents'],
    // Payout beats "total"
    ['Your payout', 'payoutCents'],
    ['Total payout', 'payoutCents'],
    ["You'll earn", 'payoutCents'],
    ['You’ll earn', 'payoutCents'],
    ['Owner earnings', 'payoutCents'],
    ['Estimated payout', 'payoutCents'],
    ['Net payout', 'payoutCents'],
    ['Payout date', 'ignore'],
    // Dates
    ['Date', 'date'],
    ['Trip date', 'date'],
    ['Charter date', 'date'],
    ['Departure date', 'date'],
    ['New date', 'date'],
    ['Previous date', 'ignore'],
    ['Original date', 'ignore'],
    ['Booking date', 'ignore'],
    ['Date booked', 'ignore'],
    ['Date & time', 'datetime'],
    ['Date and time', 'datetime'],
    ['When', 'datetime'],
    // Times
    ['Start time', 'startLocal'],
    ['Departure time', 'startLocal'],
    ['Time', 'startLocal'],
    ['Time of departure', 'startLocal'],
    ['Boarding time', 'startLocal'],
    // An end time is no field of its own, but the trip's length is derived from it and the start.
    ['End time', 'end'],
    ['Return time', 'end'],
    ['Disembarkation', 'end'],
    ['End date', 'ignore'],
    // A time or a place, as the value shows ("Embarkation: 10:00 AM" / "Embarkation: Pier 39").
    ['Embarkation', 'boarding'],
    ['Departs', 'boarding'],
    ['People on board', 'partySize'],
    // An id only when the value has digits: "Booking: SL944944", not "Booking" over "CONFIRMED".
    ['Booking', 'bookingRef'],
    ['Sailo booking', 'bookingRef'],
    ['Payout reference', 'ignore'],
    ['Payment received', 'grossAmountCents'],
    ['Deposit to bank', 'payoutCents'],
    ['Net after fees', 'payoutCents'],
    ['Contact', 'guestName'],
    ['Contact email', 'ignore'],
    ['Customers', 'partySize'],
    ['Activity', 'listingName'],
    ['Availability', 'datetime'],
    ['Crew', 'crew'],
    // Length
    ['Duration', 'durationMinutes'],
    ['Duration (hours)', 'durationMinutes'],
    ['Trip length', 'durationMinutes'],
    ['Number of hours', 'durationMinutes'],
    // Where ("Departure" alone is a time or a place, by its value)
    ['Departure', 'boarding'],
    ['Check-in', 'checkIn'],
    ['Check-in time', 'checkIn'],
    ['Check-in location', 'departure'],
    ['Meeting point', 'departure'],
    ['Meeting location', 'departure'],
    ['Pick-up location', 'departure'],
    ['Pick up point', 'departure'],
    ['Marina', 'departure'],
    ['Departure port', 'departure'],
    // Renter text, contact details and change bookkeeping
    ['Note from renter', 'note'],
    ['Message from renter', 'note'],
    ['Special requests', 'note'],
    ['Questions?', 'note'],
    ['Renter contact', 'ignore'],
    ['Renter phone', 'ignore'],
    ['Guest phone number', 'ignore'],
    ['Email', 'ignore'],
    ['Cancelled by', 'ignore'],
    ['Cancellation reason', 'ignore'],
    ['Reason', 'ignore'],
  ])('%j → %s', (label, expected) => {
    // Act + Assess
    expect(classifyLabel(label)).toBe(expected);
  });

  it.each(['Status', 'Year', '', '   ', 'a'.repeat(49)])(
    'has no meaning for a booking: %j',
    (label) => {
      // Act + Assess
      expect(classifyLabel(label)).toBeUndefined();
    },
  );
});

/** Labels that look like a booking field but are about something else. */
describe('classifyLabel: look-alike labels', () => {
  it.each<[string, LabelTarget, string]>([
    // A hyphenated word stays one word, so "e-mail" is a contact detail, not the renter.
    ['Renter e-mail', 'ignore', 'guestName'],
    ['Boat length', 'ignore', 'durationMinutes'],
    ['Time zone', 'ignore', 'startLocal'],
    // A multi-day trip's end date would overwrite the start date.
    ['End date', 'ignore', 'date'],
    ['Return date', 'ignore', 'date'],
    // Ids that are not the booking's id.
    ['Customer ID', 'ignore', 'bookingId'],
    ['Promo code', 'ignore', 'bookingId'],
    ['Zip code', 'ignore', 'bookingId'],
    ['Slip #', 'ignore', 'bookingId'],
    ['Voucher code', 'ignore', 'bookingId'],
    ['Listing ID', 'ignore', 'listingName'],
    ['Boat ID', 'ignore', 'listingName'],
  ])('%j is %s (not %s)', (label, expected) => {
    expect(classifyLabel(label)).toBe(expected);
  });
});
