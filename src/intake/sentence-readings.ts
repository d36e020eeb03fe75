/**
 * Fields read from sentences ("Jordan Smith just booked Blue Heron for Saturday, Aug 7 at
 * 9am"), weaker evidence than a label. Dates, times and lengths in a deadline, a hold, a sent
 * time or a policy are never the charter's.
 */
import {
  type Collector,
  evidenceAt,
  Strength,
  type Where,
  yearDefaulted,
} from './field-candidates.ts';
import type { BookingFieldName, FieldEvidence } from './intake-result.ts';
import { cleanName, cleanPlace, parseBookingId } from './labelled-values.ts';
import { disqualifyingContext, lineContext } from './value-context.ts';
import {
  type Found,
  findDate,
  findDuration,
  findMoney,
  findTime,
  findTimeRange,
  formatClock,
  formatLocalDate,
  type LocalDate,
  parseCount,
} from './values.ts';

/**
 * The first value `find` gives in `text` whose context does not disqualify it (a deadline,
 * a hold, a sent time): at most four tries, so 1 MB inputs stay linear.
 */
function firstQualified<T>(
  text: string,
  find: (t: string) => Found<T> | undefined,
  what: 'date' | 'time' = 'date',
): Found<T> | undefined {
  let offset = 0;
  for (let tries = 0; tries < 4 && offset < text.length; tries += 1) {
    const found = find(text.slice(offset));
    if (!found) return undefined;
    const index = offset + found.index;
    const lineStart = text.lastIndexOf('\n', index) + 1;
    const lineEnd = text.indexOf('\n', index);
    const line = text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
    if (disqualifyingContext(line, index - lineStart, what) === undefined)
      return { ...found, index };
    offset = index + Math.max(1, found.length);
  }
  return undefined;
}

// Capitalised words that start sentences but are never a renter's name.
const SENTENCE_STOP_WORDS = new Set(
  (
    'The Your You We This Good Great Hi Hello Hey News Booking Congrats Congratulations Yay Update ' +
    'Dear Thanks New A An Our Someone Renter Guest Trip Charter Reservation Boat Listing It Order Request'
  ).split(' '),
);
// At most five words: an unbounded repetition here backtracks quadratically on long runs
// of capitalised words.
const NAME =
  "\\p{Lu}[\\p{L}'’.-]{0,30}(?: (?:\\p{Lu}[\\p{L}'’.-]{0,30}|de|da|van|von|del|der|den|di|du|dos|das|la|le|ter)){0,4}";
const NAME_BEFORE_VERB = new RegExp(
  `(${NAME})(?:'s)? (?:has |have |just |already )?(?:booked|reserved|requested|rebooked|cancell?ed|changed|modified|updated|rescheduled|moved|wants to book|would like to book|sent (?:a|an|you a|us a) (?:new )?(?:booking |reservation )?(?:request|inquiry|enquiry))\\b`,
  'u',
);
const NAME_AFTER_PREP = new RegExp(
  `\\b(?:booking|reservation|trip|request) (?:with|from|by|for) (${NAME})`,
  'u',
);
const LISTING_AFTER_VERB =
  /\b(?:booked|reserved|requested(?: to book)?|(?:would like|wants|wishes|asked) to book|aboard|on board|for your (?:boat|listing|yacht|vessel))\s+(?:your (?:boat|listing|yacht|vessel)\s+)?((?:\p{Lu}|\d)[^\n.!?]{1,80}?)(?=\s+(?:for|from|with|starting|this|next|at|is|has|was|departing)\b|\s+on\s+(?:the\s|\d|(?:[Mm]on|[Tt]ue|[Ww]ed|[Tt]hu|[Ff]ri|[Ss]at|[Ss]un|[Jj]an|[Ff]eb|[Mm]ar|[Aa]pr|[Mm]ay|[Jj]un|[Jj]ul|[Aa]ug|[Ss]ep|[Oo]ct|[Nn]ov|[Dd]ec)\p{L}*\b)|[.!?](?:\s|$)|,|\s*$)/u;
// "Priya Raman changed booking 90420117 (Blue Heron)": the name in brackets after the booking's
// reference is its boat only when the sentence has already named the renter.
const LISTING_IN_BRACKETS = new RegExp(
  `\\b(?:booking|reservation|trip|charter)\\s*#?\\s*[A-Z0-9][A-Z0-9-]{3,24}\\s*\\((${NAME})\\)`,
  'u',
);
const PARTY_SENTENCE =
  /\b(?:party|group) of (\d{1,3})\b|\b(\d{1,3}) (?:guests?|people|persons?|passengers?|adults?|pax|travell?ers?)\b/i;
// The place runs to the end of its sentence (". " or the line's end), so "departing at 9:00
// AM ... meet them at Fisherman's Wharf" reaches the second "at".
const DEPARTURE_SENTENCE =
  /\b(?:at|from|meet(?:ing)?(?: you)? at|depart(?:s|ing)? from)\s+((?:\p{Lu}|\d)(?:[^\n!.]|\.(?!\s|$)){2,240})/gu;
const PLACE_WORD =
  /\b(?:Marina|Harbou?r|Yacht Club|Dock|Pier|Wharf|Basin|Landing|Port|Ramp|Quay|Jetty|Boatyard)\b/u;

/** "at Shelter Island Marina. You'll earn" → "Shelter Island Marina", when it names a place. */
function departureFromSentence(text: string): string | undefined {
  for (const m of text.matchAll(DEPARTURE_SENTENCE)) {
    const place = (m[1] ?? '').split(/\.(?:\s|$)/)[0] ?? '';
    if (PLACE_WORD.test(place)) return cleanPlace(place);
  }
  return undefined;
}
const PAYOUT_SENTENCE =
  /\b(?:you(?:'ll| will)? (?:earn|receive|get|make)|your (?:payout|earnings) (?:is|of|will be)|payout of|earnings of)\s+((?:US)?\$\s?[\d,]+(?:\.\d{1,2})?|USD\s?[\d,]+(?:\.\d{1,2})?)/i;
const GROSS_SENTENCE =
  /\b(?:paid|charged|total of|a total of|renter paid|guest paid|trip total of|total(?: paid| charged| price)?:?)\s+(?:(?:was|is|came to|comes to|amounted to|amounts to)\s+)?((?:US)?\$\s?[\d,]+(?:\.\d{1,2})?|USD\s?[\d,]+(?:\.\d{1,2})?)/i;
// "The deposit paid was $100", "tax charged $12": money paid for something else.
const NOT_GROSS_BEFORE = /\b(?:deposits?|fees?|tax(?:es)?|tips?|gratuity|refunds?|balance)\s*$/i;
// Case-insensitive keyword; the id itself is then checked by parseBookingId (digits, or an
// all-capitals code), so "booking is confirmed" yields nothing.
const ID_SENTENCE =
  /\b(?:booking|reservation|confirmation|order|trip|request)\s*(?:#|id|no\.?|number|code|ref)?\s*[:#]?\s*#?([A-Z0-9][A-Z0-9-]{3,24})\b/gi;
const SUBJECT_ABOUT_BOOKING =
  /\b(?:booking|booked|reservation|reserved|trip|charter|rental|order|confirm\w*)\b/i;
const SUBJECT_HASH_ID = /#\s?([A-Z0-9][A-Z0-9-]{3,24})\b/;
const CAPTAIN_NO_SENTENCE =
  /\b(bare\s?boat|no captain|without (?:a )?captain|self[\s-](?:drive|skippered|captained))\b/i;
const CAPTAIN_YES_SENTENCE =
  /\b(captained (?:trip|charter)|with (?:a |your )?captain|captain (?:is )?(?:included|provided)|skipper (?:is )?(?:included|provided))\b/i;
// "was changed from 2h to 8 hrs", "moved the start time of booking CH-4590 from 9am to 1pm".
const CHANGE_SENTENCE =
  /\b(?:changed|moved|updated|rescheduled|pushed|brought forward)\b(?: [^\s]{1,20}){0,8}? from\s+([^\n]{1,60}?)\s+to\s+([^\n]{1,60}?)(?=[.;!](?:\s|$)|\n|$)/i;

function stripLeadingStopWords(name: string): string | undefined {
  const words = name.split(' ');
  while (words.length > 0 && SENTENCE_STOP_WORDS.has(words[0] ?? '')) words.shift();
  return words.length > 0 ? words.join(' ') : undefined;
}

/**
 * Lines, and the sentences within a line ("… 4 guests. The payment is held; approve within 72
 * hours."), each with its offset: a deadline in one sentence does not silence the next.
 */
function sentencesOf(text: string): { text: string; start: number }[] {
  const pieces: { text: string; start: number }[] = [];
  let start = 0;
  // Prose wrapped at a fixed width ("They'll meet you at Shelter" / "Island Marina, Dock 3")
  // reads as one line: a long line not ended by punctuation runs on into the next. The newline
  // becomes a space, so every index still points at the same character of `text`.
  const unwrapped = text.replace(SOFT_WRAP, (m) => m.replace('\n', ' '));
  for (const line of unwrapped.split('\n')) {
    let from = 0;
    for (const m of line.matchAll(/(?<=[.!?;])\s+(?=[\p{Lu}\d])|(?<=;)\s+/gu)) {
      pieces.push({ text: line.slice(from, m.index), start: start + from });
      from = m.index + m[0].length;
    }
    pieces.push({ text: line.slice(from), start: start + from });
    start += line.length + 1;
  }
  return pieces;
}

const SOFT_WRAP = /(?<=^|\n)[^\n]{50,}[^\n.!?:;\s]\n(?=[^\n\s])/g;

// A weekday or a month written out or abbreviated ("Sun", "Sat.", "August"), not a name that
// starts like one ("Maren", "Junior", "Sunny") or is one followed by a surname ("June Carter").
const CALENDAR_WORD =
  /^(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|satur|sun)(?:day)?|sat|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?:$|,|\s+(?:\d|the\b|(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:$|[\s,\d])))/i;

/** How many sentence readings of one field are kept: the first, and runners-up to explain it. */
const READINGS_PER_FIELD = 3;

/** "9:00 AM → 10:30 AM", "4/14/2028 => 04/13/2028": what is now is after the last arrow. */
const ARROW = /\s(?:→|->|=>|⇒)\s/;

/**
 * Reads the fields sentences carry. Identity (renter, boat, id) comes from the first sentence
 * that states it; the when, the party, the place and the money line by line, skipping a line
 * that is about something else (a policy, a support desk's hours, an offer): their dates and
 * times are real but not the charter's.
 */
export function offerSentences(
  collector: Collector,
  text: string,
  reference: LocalDate,
  strength: Strength,
  where: Where,
): void {
  const flat = text.replace(/[ \t]+/g, ' ');
  const at = (
    m: { index: number; 0: string } | Found<unknown>,
    how: FieldEvidence['how'] = 'inferred',
  ): FieldEvidence =>
    evidenceAt(
      flat,
      m.index,
      'length' in m && typeof m.length === 'number'
        ? m.length
        : String((m as { 0: string })[0]).length,
      where,
      how,
    );
  const offered = new Map<string, number>();
  const offer = (field: BookingFieldName, value: unknown, s: Strength, e: FieldEvidence): void => {
    if (value === undefined || value === null) return;
    const count = offered.get(field) ?? 0;
    if (count >= READINGS_PER_FIELD) return;
    offered.set(field, count + 1);
    collector.offer(field, value, s, e);
  };

  // Each sentence's context is judged once; the readings below skip the ones about other things.
  const pieces = sentencesOf(flat).map((p) => ({ ...p, aside: lineContext(p.text) !== undefined }));
  for (const { text: rawLine, start, aside } of pieces) {
    if (aside) continue;
    const shift = <T extends { index: number }>(m: T, by = 0): T => ({
      ...m,
      index: m.index + start + by,
    });
    // A change "from A to B" or "A → B": only B is the booking now.
    let line = rawLine;
    let offset = 0;
    const change = CHANGE_SENTENCE.exec(line);
    if (change?.[2]) {
      const to = change[2];
      const toAt = change.index + change[0].lastIndexOf(to);
      const date = findDate(to, reference);
      if (date) offer('date', formatLocalDate(date.value), Strength.NewLabel, at(shift(change)));
      const time = findTime(to);
      if (time) offer('startLocal', formatClock(time.value), Strength.NewLabel, at(shift(change)));
      const length = findDuration(to);
      if (length) offer('durationMinutes', length.value, Strength.NewLabel, at(shift(change)));
      // What changed is named before "from": "The total was changed from $1,200 to $1,350".
      const what = line.slice(0, change.index + change[0].indexOf(' from'));
      const money = findMoney(to);
      if (
        money &&
        /\b(?:total|price|amount|paid|charged|cost)\b/i.test(what) &&
        !/payout|earn/i.test(what)
      )
        offer('grossAmountCents', money.value, Strength.NewLabel, at(shift(change)));
      const count = parseCount(to);
      if (count !== undefined && /\b(?:guests?|party|group|passengers|people|pax)\b/i.test(what))
        offer('partySize', count, Strength.NewLabel, at(shift(change)));
      line = line.slice(0, change.index) + ' '.repeat(toAt - change.index) + line.slice(toAt);
    }
    const arrow = line.split(ARROW);
    if (arrow.length > 1) {
      const last = arrow.at(-1) ?? '';
      offset = line.length - last.length;
      line = last;
    }

    const date = firstQualified(line, (t) => findDate(t, reference));
    if (date)
      offer(
        'date',
        formatLocalDate(date.value),
        strength,
        at(shift(date, offset), yearDefaulted(line, date) ? 'defaulted' : 'inferred'),
      );
    const range = firstQualified(line, findTimeRange, 'time');
    if (range) {
      offer('startLocal', formatClock(range.value.start), strength, at(shift(range, offset)));
      offer(
        'durationMinutes',
        range.value.durationMinutes,
        strength,
        at(shift(range, offset), 'derived'),
      );
    } else {
      const time = firstQualified(line, findTime, 'time');
      if (time) offer('startLocal', formatClock(time.value), strength, at(shift(time, offset)));
    }
    const duration = firstQualified(line, findDuration);
    if (duration) offer('durationMinutes', duration.value, strength, at(shift(duration, offset)));
    const party = PARTY_SENTENCE.exec(line);
    if (party) offer('partySize', Number(party[1] ?? party[2]), strength, at(shift(party, offset)));
    const departure = departureFromSentence(line);
    if (departure)
      offer(
        'departure',
        departure,
        strength,
        evidenceAt(
          flat,
          start + Math.max(0, rawLine.indexOf(departure)),
          departure.length,
          where,
          'inferred',
        ),
      );
    const payout = PAYOUT_SENTENCE.exec(line);
    if (payout?.[1])
      offer('payoutCents', findMoney(payout[1])?.value, strength, at(shift(payout, offset)));
    const gross = GROSS_SENTENCE.exec(line);
    if (
      gross?.[1] &&
      !NOT_GROSS_BEFORE.test(line.slice(Math.max(0, gross.index - 24), gross.index))
    )
      offer('grossAmountCents', findMoney(gross[1])?.value, strength, at(shift(gross, offset)));
  }

  // The sentences about something else blanked out, so indexes still point into `flat`.
  // Built in one pass: blanking piece by piece would copy the whole text once per piece.
  const parts: string[] = [];
  let end = 0;
  for (const { text, start, aside } of pieces) {
    parts.push(flat.slice(end, start), aside ? ' '.repeat(text.length) : text);
    end = start + text.length;
  }
  parts.push(flat.slice(end));
  const usable = parts.join('');
  const who = NAME_BEFORE_VERB.exec(usable) ?? NAME_AFTER_PREP.exec(usable);
  // "New booking for Sun, Aug 8": a weekday or a month after "for" is the date, not a renter.
  const renter = who?.[1] && stripLeadingStopWords(who[1]);
  if (who && renter && !CALENDAR_WORD.test(renter))
    collector.offer('guestName', renter, strength, at(who));
  const listing = LISTING_AFTER_VERB.exec(usable);
  if (listing?.[1]) collector.offer('listingName', cleanName(listing[1]), strength, at(listing));
  const bracketed = renter ? LISTING_IN_BRACKETS.exec(usable) : null;
  if (bracketed?.[1] && renter && bracketed[1] !== renter && !CALENDAR_WORD.test(bracketed[1]))
    collector.offer('listingName', cleanName(bracketed[1]), strength, at(bracketed));
  // A subject about a booking that carries "#CODE" names the booking by it ("Reservation
  // updated #XYTMPZR", "Trip confirmed – #48213"); in a body, "#" also numbers docks and slips.
  if (where === 'subject' && SUBJECT_ABOUT_BOOKING.test(usable)) {
    const hash = SUBJECT_HASH_ID.exec(usable);
    const bookingId = hash?.[1] && parseBookingId(hash[1]);
    if (hash && bookingId) collector.offer('bookingId', bookingId, strength, at(hash));
  }
  for (const id of usable.matchAll(ID_SENTENCE)) {
    const bookingId = id[1] && parseBookingId(id[1]);
    // "BOOKING DETAILS" is a heading in capitals, not a code: a letters-only id needs its
    // keyword written in lower case ("Confirmation code XHQGMDH").
    if (bookingId && !/\d/.test(bookingId) && id[0] === id[0].toUpperCase()) continue;
    if (bookingId) {
      collector.offer('bookingId', bookingId, strength, at(id));
      break;
    }
  }
  const no = CAPTAIN_NO_SENTENCE.exec(usable);
  const yes = no ? null : CAPTAIN_YES_SENTENCE.exec(usable);
  if (no) collector.offer('captainIncluded', false, strength, at(no));
  else if (yes) collector.offer('captainIncluded', true, strength, at(yes));
}
