/**
 * What one labelled value says ("Date: Sat, Aug 7", "Guests | 4 adults, 2 children"): the value
 * readers per kind of label, and the cleaning every labelled value goes through first (a
 * modification's old value beside the new one is dropped).
 */
import { Strength, yearDefaulted } from './field-candidates.ts';
import type { LabelTarget } from './field-labels.ts';
import type { BookingFieldName, FieldEvidence } from './intake-result.ts';
import {
  findDate,
  findDuration,
  findMoney,
  findTime,
  findTimeRange,
  formatClock,
  formatLocalDate,
  type LocalDate,
  parseCaptainValue,
  parseCount,
} from './values.ts';

/** Drops "(unchanged)", "(was 10:00 AM)" and keeps what follows an arrow ("10 AM → 2 PM"). */
export function currentValue(value: string): string {
  const arrow = value.split(/\s*(?:→|->|⇒|=>)\s*/);
  const last = arrow.at(-1) ?? value;
  return last
    .replace(/\((?:unchanged|no change|same)\)/gi, '')
    .replace(/\((?:was|previously|formerly|old|before)\b[^)]{0,80}\)/gi, '')
    .replace(/\b(?:was|previously)\s*:?\s+[^,;]{0,60}$/i, '')
    .trim();
}

const ID_TOKEN = /^#?([A-Za-z0-9][A-Za-z0-9-]{2,30})$/;

/**
 * "VNMBEJQ" under "Sailo booking" is a code; "CONFIRMED" or "DETAILS" under "Booking" is a
 * word: a code's letters are nearly all consonants (fewer than one in four a vowel).
 */
function isLetterCode(value: string): boolean {
  if (!/^[A-Z]{5,12}$/.test(value)) return false;
  const vowels = value.replace(/[^AEIOU]/g, '').length;
  return vowels / value.length < 0.25;
}

const PART_PAYMENT =
  /\d\s*(?:of|out of)\s*(?:US)?\$\s?\d|\b(?:deposit|partial(?:ly)?|so far|remaining|balance due|installment|instalment)\b/i;

const TRIP_ON_BOAT = /\b(?:on|aboard)\s+(?:the\s+)?(\p{Lu}[^\n,;()]{1,60}?)\s*$/u;

export function parseBookingId(value: string): string | undefined {
  for (const raw of value.split(/[\s,;()]+/)) {
    // "BLY-7781." ends a sentence; the full stop is not part of the id.
    const m = ID_TOKEN.exec(raw.replace(/[.:]+$/, ''));
    const token = m?.[1]?.replace(/-+$/, '');
    if (!token) continue;
    // A digit, or an all-capitals code like XHQGMDH; not a plain word.
    if (
      /\d/.test(token) ||
      (/^[A-Z-]{5,}$/.test(token) && !/^(?:ID|CODE|BOOKING|NUMBER)$/.test(token))
    ) {
      return token;
    }
  }
  return undefined;
}

export function cleanName(value: string): string | undefined {
  const name = value.replace(/\s+/g, ' ').trim();
  if (
    name.length < 2 ||
    name.length > 120 ||
    !/\p{L}/u.test(name) ||
    /[\w.+-]+@[\w-]+\.\w|https?:\/\//.test(name)
  ) {
    return undefined;
  }
  if (/^\d/.test(name) && !/\p{L}{2}/u.test(name)) return undefined;
  return name;
}

export function cleanPlace(value: string): string | undefined {
  const place = value.replace(/\s+/g, ' ').trim();
  if (place.length < 3 || place.length > 300 || !/\p{L}/u.test(place)) return undefined;
  return place;
}

export type Offer = [
  field: BookingFieldName,
  value: unknown,
  strength: Strength,
  how: FieldEvidence['how'],
];

/** What one labelled value says, as offers; empty when the value does not parse. Pure. */
export function readLabelledValue(
  target: Exclude<LabelTarget, 'note' | 'ignore'>,
  rawValue: string,
  strength: Strength,
  reference: LocalDate,
  section: 'gross' | 'payout' | undefined,
  /** The label names hours ("Hours", "Duration (hrs)"), so a bare number is a count of hours. */
  inHours = false,
): Offer[] {
  const value = currentValue(rawValue);
  if (!value) return [];
  const offers: Offer[] = [];
  const offer = (
    field: BookingFieldName,
    v: unknown,
    s: Strength = strength,
    how: FieldEvidence['how'] = 'labelled',
  ): void => {
    if (v !== undefined && v !== null && v !== '') offers.push([field, v, s, how]);
  };
  switch (target) {
    case 'bookingId':
      offer('bookingId', parseBookingId(value));
      break;
    case 'bookingRef':
      if (/\d/.test(value) || isLetterCode(value.trim())) offer('bookingId', parseBookingId(value));
      break;
    case 'listingName':
      offer('listingName', cleanName(value));
      break;
    case 'guestName':
      offer('guestName', cleanName(value));
      break;
    case 'departure':
      offer('departure', cleanPlace(value));
      break;
    case 'partySize':
      offer('partySize', parseCount(value));
      break;
    case 'captainIncluded':
      offer('captainIncluded', parseCaptainValue(value));
      break;
    case 'crew':
      // "Crew: Captain and one mate (included)" says a captain is aboard; "Crew: 2" does not.
      if (/\b(?:captain|skipper|capt\.?)\b|\bbare\s?boat\b/i.test(value))
        offer('captainIncluded', parseCaptainValue(value));
      break;
    case 'boarding': {
      // "Embarkation" is a time on one marketplace and a place on another: the value says which.
      const time = findTime(value);
      if (time && value.length <= 40) {
        offer('startLocal', formatClock(time.value));
        // "Departs: Fri, Mar 5, 2027 6:00 PM" says the day too.
        const date = findDate(value, reference);
        if (date)
          offer(
            'date',
            formatLocalDate(date.value),
            strength,
            yearDefaulted(value, date) ? 'defaulted' : 'labelled',
          );
      } else offer('departure', cleanPlace(value));
      break;
    }
    case 'checkIn':
      if (!findTime(value)) offer('departure', cleanPlace(value));
      break;
    case 'end':
      // The end time alone is no field; extractFields derives the length from it and the start.
      break;
    case 'grossAmountCents':
    case 'payoutCents':
      // "$500 of $1,000 (deposit)": a part paid so far, not the charter's amount.
      if (PART_PAYMENT.test(value)) break;
      offer(
        target === 'grossAmountCents' && section === 'payout' ? 'payoutCents' : target,
        findMoney(value)?.value,
      );
      break;
    case 'durationMinutes':
      {
        const length = findDuration(value)?.value;
        const range = findTimeRange(value);
        const hours = /^(\d{1,2}(?:\.\d{1,2})?)$/.exec(value.trim());
        if (length !== undefined) offer('durationMinutes', length);
        else if (range) {
          // "Hours: 12:00 PM – 6:00 PM" gives the start as well as the length.
          offer('durationMinutes', range.value.durationMinutes, strength, 'derived');
          offer('startLocal', formatClock(range.value.start));
        } else if (hours && inHours && Number(hours[1]) > 0 && Number(hours[1]) <= 24)
          // "Hours  2.5": the label gives the unit.
          offer('durationMinutes', Math.round(Number(hours[1]) * 60));
      }
      break;
    case 'date':
    case 'startLocal':
    case 'datetime': {
      if (target !== 'startLocal') {
        const date = findDate(value, reference);
        if (date)
          offer(
            'date',
            formatLocalDate(date.value),
            strength,
            yearDefaulted(value, date) ? 'defaulted' : 'labelled',
          );
      }
      const range = findTimeRange(value);
      if (range) {
        offer('startLocal', formatClock(range.value.start));
        offer('durationMinutes', range.value.durationMinutes, Strength.Sentence, 'derived');
      } else {
        const time = findTime(value);
        offer(
          'startLocal',
          time && formatClock(time.value),
          target === 'date' ? Strength.Sentence : strength,
        );
      }
      if (target !== 'date')
        offer('durationMinutes', findDuration(value)?.value, Strength.Sentence);
      // "Trip: Half-day fishing on Sea Breeze 32' Sportfish": a trip named by what it is and
      // the boat it is on, not by when.
      if (target === 'datetime' && !offers.some(([f]) => f === 'date' || f === 'startLocal')) {
        const boat = TRIP_ON_BOAT.exec(value);
        if (boat?.[1]) offer('listingName', cleanName(boat[1]), Strength.Sentence, 'inferred');
      }
      break;
    }
  }
  return offers;
}
