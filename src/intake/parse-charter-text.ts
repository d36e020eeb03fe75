/**
 * `/charter` free text: order-free tokens such as
 * `June 2 10am 2h $500 for Sam Lee party of 4` or `name: Zoë Brûlé june 19 10-3 $900`.
 * Readers claim the spans they understand, most specific first; each field keeps the span it
 * came from as evidence, and every word nobody claimed or value refused is said back.
 *
 * One piece (~400 lines) on purpose: the order of the claims is the grammar, and reading it top
 * to bottom is how a reviewer checks it; the token readers live in ./charter-line/.
 */
import { monthAbbr } from '../time/month-names.ts';
import { weekdayOf } from '../time/zoned.ts';
import { findClockRanges, findClockTimes } from './charter-line/charter-clock.ts';
import { CharterLine, isFiller, MASK, type Span } from './charter-line/charter-line.ts';
import {
  findAmounts,
  findBareNames,
  findCounts,
  findLabelledNames,
  findPlaces,
  findQuotedNames,
  findRelativeDays,
  type Match,
  WEEKDAYS,
} from './charter-line/charter-words.ts';
import {
  type BookingFields,
  bookingFieldNames,
  emptyBookingFields,
  type FieldEvidenceMap,
  type NotUnderstood,
} from './intake-result.ts';
import {
  findDateAsWritten,
  findDuration,
  formatClock,
  formatLocalDate,
  type LocalDate,
  MONTHS,
  nextDayOfMonth,
} from './values.ts';

/** No tenant records a boat's capacity yet: a count above what the approval form takes is refused. */
export const MAX_CHARTER_PARTY = 99;
/** A booking further ahead than this is a typo (a year off), not a plan. */
const MAX_DAYS_AHEAD = 731;

const HASH_ID = /(?<![\w&])#([A-Za-z0-9][A-Za-z0-9-]{2,30})\b/gu;
// "booking 88123", "ref: BK-2031", "conf # QW3RT9": a keyword, then a code with a digit in it
// that is not a time or a date ("booking 10am-2pm" books a time).
const WORDED_ID =
  /\b(?:booking|reservation|res|ref|reference|confirmation|conf|order|id)(?:\s?(?:no\.?|number|code|id))?\s?[:#]?\s?(?=[A-Za-z-]{0,30}\d)(?!\d{1,2}(?:[:.]\d{2})?(?:[ap]|-|–|\s?(?:to|h|hrs?|hours?|min)\b)|\d{4}-\d{1,2}-\d{1,2})([A-Za-z0-9][A-Za-z0-9-]{2,30})\b/giu;
const CAPTAIN_NO =
  /\b(?:no captain|no skipper|without (?:a )?(?:captain|skipper)|bare\s?boat|self[\s-](?:drive|skippered|captained))\b/giu;
const CAPTAIN_YES =
  /\b(?:with (?:a )?(?:captain|skipper)|captained|skippered|captain|skipper)\b/giu;
const BARE_WEEKDAY = /^(mon|tue|wed|thu|fri|sat|sun)[a-z]*$/iu;
const BARE_NUMBER = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/u;

const CALENDAR_WORDS: ReadonlySet<string> = new Set([
  ...Object.keys(MONTHS),
  ...['mon', 'monday', 'tue', 'tues', 'tuesday', 'wed', 'weds', 'wednesday', 'thu', 'thur'],
  ...['thurs', 'thursday', 'fri', 'friday', 'sat', 'saturday', 'sun', 'sunday'],
  ...['today', 'tonight', 'tomorrow', 'tmrw', 'yesterday', 'next', 'this', 'last', 'noon'],
]);

export interface CharterReading {
  fields: BookingFields;
  evidence: FieldEvidenceMap;
  notUnderstood: NotUnderstood[];
}

function dayNumber(date: LocalDate): number {
  return Date.UTC(date.year, date.month - 1, date.day) / 86_400_000;
}

/** Every match of a reader over what is still unclaimed, read again after each claim. */
function all<T>(line: CharterLine, find: (text: string) => Match<T> | undefined): Match<T>[] {
  const out: Match<T>[] = [];
  for (let i = 0; i < 8; i += 1) {
    const found = find(line.text);
    if (!found) break;
    out.push(found);
    line.claim(found);
  }
  return out;
}

/**
 * One value for a field from its matches: none, the one, or (when they disagree) none, with
 * each candidate said back — never a guess between two.
 */
function single<M extends Match<unknown>>(
  line: CharterLine,
  matches: M[],
  what: string,
  same: (a: M['value'], b: M['value']) => boolean = (a, b) => a === b,
): M | undefined {
  const first = matches[0];
  if (!first) return undefined;
  if (matches.every((m) => same(m.value, first.value))) {
    for (const m of matches.slice(1)) line.claim(m);
    return first;
  }
  const typed = matches.map((m) => `'${line.slice(m)}'`).join(' and ');
  for (const m of matches)
    line.refuse(m, `${typed} are two different ${what}: type one, or pick it in the form`);
  return undefined;
}

/**
 * findDate, except that a day number ending a range is not a day: in "9-1 apr 5" the 1 is
 * the end of 9-1 and the date is apr 5.
 */
function findTypedDate(text: string, today: LocalDate): Match<LocalDate> | undefined {
  let probe = text;
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const found = findDateAsWritten(probe, today);
    if (!found) return undefined;
    const digits = /^\d+/u.exec(probe.slice(found.index))?.[0].length ?? 0;
    const before = probe.slice(Math.max(0, found.index - 6), found.index);
    if (digits === 0 || !/\d\s?(?:-|–|to)\s?$/u.test(before)) return found;
    probe = probe.slice(0, found.index) + MASK.repeat(digits) + probe.slice(found.index + digits);
  }
  return undefined;
}

// A day of the month without its month: "19th" anywhere, or "Saturday 19" (a number straight
// after a weekday that is not a time, a length or a count).
const ORDINAL_DAY = /(?<![\w$])(\d{1,2})(?:st|nd|rd|th)\b/giu;
const WEEKDAY_NUMBER =
  /\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s(\d{1,2})\b(?!\s?(?:[:.]\d|[-–]|to\b|until\b|[ap]\.?m?\b|h\b|hrs?\b|hours?\b|mins?\b|minutes?\b|guests?\b|people\b|ppl\b|pax\b|persons?\b|adults?\b|kids?\b|children\b|passengers?\b))/giu;

/** Each day of the month `re` finds (its digits in group 1) with the next date on that day. */
function* daysOfMonth(text: string, re: RegExp, today: LocalDate) {
  for (const m of text.matchAll(re)) {
    const digits = m[1] ?? '';
    const value = nextDayOfMonth(Number(digits), today);
    if (!value) continue;
    const start = m.index ?? 0;
    const index = start + m[0].lastIndexOf(digits);
    yield { value, index, digits, match: m[0], end: start + m[0].length };
  }
}

/**
 * Days of the month the line names without a month. They never make a date on their own (which
 * month is a guess), but one that is not the day of the date read elsewhere ("fri … the 19th")
 * contradicts it, so neither is taken.
 */
function monthlessDays(line: CharterLine, today: LocalDate): Match<LocalDate>[] {
  const out: Match<LocalDate>[] = [];
  for (const re of [ORDINAL_DAY, WEEKDAY_NUMBER])
    for (const { value, index, end } of daysOfMonth(line.text, re, today))
      if (!out.some((o) => o.index === index)) out.push({ value, index, length: end - index });
  return out;
}

function readDate(line: CharterLine, fields: BookingFields, today: LocalDate): void {
  const typed = all(line, (text) => findTypedDate(text, today));
  // "Saturday 19" is "Saturday the 19th" when the next 19th is a Saturday.
  for (const { value, index, digits, match } of daysOfMonth(line.text, WEEKDAY_NUMBER, today)) {
    if (weekdayOf(value) !== WEEKDAYS[match.slice(0, 3).toLowerCase()]) continue;
    typed.push({ value, index, length: digits.length });
    line.claim({ index, length: digits.length });
  }
  const typedDay = typed[0] && weekdayOf(typed[0].value);
  const relative = findRelativeDays(line.text, today).filter((r) => {
    // "Sat Apr 5": a bare weekday that is the date's own weekday says the same date again.
    const weekday = BARE_WEEKDAY.exec(line.slice(r))?.[1]?.toLowerCase();
    if (weekday === undefined || typedDay === undefined) return true;
    if (WEEKDAYS[weekday] === typedDay) {
      line.claim(r);
      return false;
    }
    // A weekday that is not the date's: one of them is wrong, so neither is taken.
    return true;
  });
  const named = [...typed, ...relative];
  const days = named.length > 0 ? monthlessDays(line, today) : [];
  const date = single(
    line,
    [...named, ...days].sort((a, b) => a.index - b.index),
    'dates',
    (a, b) => dayNumber(a) === dayNumber(b),
  );
  if (!date) return;
  const ahead = dayNumber(date.value) - dayNumber(today);
  if (ahead < 0) {
    line.refuse(date, `'${line.slice(date)}' has passed`);
    return;
  }
  if (ahead > MAX_DAYS_AHEAD) {
    line.refuse(date, `'${line.slice(date)}' is more than 2 years ahead`);
    return;
  }
  fields.date = formatLocalDate(date.value);
  const yearTyped = /\d{4}|\/\d{2}$/u.test(line.slice(date)) || relative.includes(date);
  line.read('date', date, yearTyped ? 'inferred' : 'defaulted');
}

function readTimes(line: CharterLine, fields: BookingFields): void {
  const ranges = findClockRanges(line.text);
  for (const range of ranges)
    if (range.durationMinutes === 0) line.refuse(range, 'ends before it starts');
  const range = single(
    line,
    ranges.filter((r) => r.durationMinutes > 0).map((r) => ({ ...r, value: r })),
    'times',
    (a, b) => a.start === b.start && a.durationMinutes === b.durationMinutes,
  );
  if (range) {
    fields.startLocal = formatClock(range.value.start);
    fields.durationMinutes = range.value.durationMinutes;
    line.read('startLocal', range, 'inferred');
    line.read('durationMinutes', range, 'derived');
  }
  const times = findClockTimes(line.text);
  if (range) {
    for (const t of times) line.refuse(t, `a second time beside '${line.slice(range)}'`);
    return;
  }
  const time = single(
    line,
    times.filter((t) => {
      if (t.ambiguous) line.refuse(t, `'${line.slice(t)}' needs am or pm`);
      return !t.ambiguous;
    }),
    'start times',
  );
  if (time) {
    fields.startLocal = formatClock(time.value);
    line.read('startLocal', time, 'inferred');
  }
}

function readDuration(line: CharterLine, fields: BookingFields): void {
  const found = all(line, findDuration);
  // "Full day" is vague: hours typed beside it say how long.
  const exact = found.filter((d) => !/day/iu.test(line.slice(d)));
  const chosen = exact.length > 0 ? exact : found;
  for (const d of found) if (!chosen.includes(d)) line.claim(d);
  if (fields.durationMinutes !== null) {
    for (const d of chosen)
      if (d.value !== fields.durationMinutes)
        line.refuse(d, `does not match the time range (${fields.durationMinutes} minutes)`);
    return;
  }
  const duration = single(line, chosen, 'lengths');
  if (!duration) return;
  if (duration.value > 24 * 60) {
    line.refuse(duration, 'is longer than a day; a charter is one trip');
    return;
  }
  fields.durationMinutes = duration.value;
  line.read('durationMinutes', duration, 'inferred');
}

function readCount(line: CharterLine, fields: BookingFields): void {
  const counts = findCounts(line.text);
  const count = single(line, counts, 'party sizes', (a, b) => Object.is(a.count, b.count));
  if (!count) return;
  const n = count.value.count;
  if (Number.isNaN(n)) {
    line.refuse(count, 'is a range of guests: type one number');
    return;
  }
  if (n < 1) {
    line.refuse(count, 'a party needs at least one guest');
    return;
  }
  if (n > MAX_CHARTER_PARTY) {
    line.refuse(
      count,
      `${n} guests is over ${MAX_CHARTER_PARTY}, the most a charter takes here (no boat capacity is set)`,
    );
    return;
  }
  fields.partySize = n;
  line.read('partySize', count, count.value.labelled ? 'labelled' : 'inferred');
}

// "deposit $200", "$50 tip", "fuel fee $40": money for something else, not the charter's price.
const PART_BEFORE =
  /\b(deposit|tip|tips|gratuity|fee|fees|tax|refund|balance|fuel)\s*(?:of\s*|:\s*)?$/i;
// After the amount ("$50 tip") unless the word leads the next amount ("$900 deposit $200").
const PART_AFTER =
  /^\s*(deposit|tip|tips|gratuity|fee|fees|tax|refund|refunded|balance|fuel)\b(?!(?:\s*(?:deposit|tip|tips|gratuity|fee|fees|tax|refund|balance|fuel|of|:))*\s*[$€£]\s*\d)/i;

function readAmount(line: CharterLine, fields: BookingFields): void {
  const amounts = findAmounts(line.text).filter((a) => {
    if (a.rate) line.refuse(a, 'is a rate, not what the renter pays in all: type the total');
    const from = Math.max(0, a.index - 16);
    const before = PART_BEFORE.exec(line.text.slice(from, a.index));
    const after = before
      ? null
      : PART_AFTER.exec(line.text.slice(a.index + a.length, a.index + a.length + 16));
    const part = before ?? after;
    if (part && !a.rate) {
      // The word and the amount together: "deposit $200" is one thing not understood.
      const start = before ? from + before.index : a.index;
      const end = before ? a.index + a.length : a.index + a.length + (after?.[0].length ?? 0);
      line.refuse(
        { index: start, length: end - start },
        `is a ${part[1]?.toLowerCase()}, not what the renter pays for the charter`,
      );
    }
    return !a.rate && !part;
  });
  const amount = single(line, amounts, 'amounts');
  if (!amount) return;
  if (amount.value < 0) {
    line.refuse(amount, 'is a negative amount: type what the renter pays');
    return;
  }
  fields.grossAmountCents = amount.value;
  line.read('grossAmountCents', amount, 'inferred');
}

function readCaptain(line: CharterLine, fields: BookingFields): void {
  for (const [regex, value] of [
    [CAPTAIN_NO, false],
    [CAPTAIN_YES, true],
  ] as const) {
    const matches = [...line.text.matchAll(regex)].map((m) => ({
      value,
      index: m.index,
      length: m[0].length,
    }));
    const first = matches[0];
    if (!first) continue;
    for (const m of matches.slice(1)) line.claim(m);
    if (fields.captainIncluded === null) {
      fields.captainIncluded = value;
      line.read('captainIncluded', first, 'inferred');
    } else line.refuse(first, 'says the opposite about the captain');
  }
}

function readName(
  line: CharterLine,
  fields: BookingFields,
  how: 'quoted' | 'keyword' | 'bare',
): void {
  if (fields.guestName !== null) return;
  const names =
    how === 'quoted'
      ? findQuotedNames(line.text)
      : how === 'keyword'
        ? findLabelledNames(line.text, CALENDAR_WORDS)
        : findBareNames(line.text, CALENDAR_WORDS).filter((n) => {
            // Four capitalised words in a row may be two names, or a name and a boat.
            if (n.value.split(' ').length <= 3) return true;
            line.refuse(n, "could be more than one name: type 'for' before the renter's name");
            return false;
          });
  const name = single(line, names, 'names');
  if (!name) return;
  fields.guestName = name.value;
  line.read('guestName', name, name.how);
}

function readPlace(line: CharterLine, fields: BookingFields): void {
  const place = single(line, findPlaces(line.text, CALENDAR_WORDS), 'departures');
  if (!place) return;
  fields.departure = place.value;
  line.read('departure', place, 'labelled');
}

/**
 * Numbers no reader claimed. One, with no other amount, is the amount in dollars — unless it
 * could as well be a 24-hour start ("1400" on a line with no start), then it is neither.
 */
function readBareNumbers(line: CharterLine, fields: BookingFields): void {
  const numbers = line.leftovers().filter((w) => {
    if (!BARE_NUMBER.test(w.word)) return false;
    // "at 9" is a time without am/pm, not nine dollars: ask rather than pick a half of the day.
    const before = line.original.slice(Math.max(0, w.index - 4), w.index);
    if (/\bat\s$/iu.test(before) && Number(w.word) >= 1 && Number(w.word) <= 12) {
      line.refuse(w, `'at ${w.word}' needs am or pm (${w.word}am or ${w.word}pm)`);
      return false;
    }
    // "for 6": six guests or six hours, never six dollars.
    if (/\bfor\s$/iu.test(before)) {
      line.refuse(w, `'for ${w.word}': type 'party of ${w.word}' or '${w.word}h'`);
      return false;
    }
    // "2 boats", "3 kayaks": a count of something no reader knows, not the amount.
    const next = /^\s(\p{L}{1,30})(?!\p{L})/u.exec(
      line.text.slice(w.index + w.length, w.index + w.length + 32),
    );
    if (next?.[1] && !isFiller(next[1])) {
      line.refuse({ index: w.index, length: w.length + next[0].length }, 'not part of a booking');
      return false;
    }
    return true;
  });
  if (numbers.length === 0) return;
  if (fields.grossAmountCents !== null) {
    for (const n of numbers) line.refuse(n, 'a number that is not the amount, a time or a count');
    return;
  }
  if (numbers.length > 1) {
    const typed = numbers.map((n) => `'${n.word}'`).join(' and ');
    for (const n of numbers) line.refuse(n, `${typed} could each be the amount: put $ on it`);
    return;
  }
  const [n] = numbers as [Span & { word: string }];
  const m = BARE_NUMBER.exec(n.word);
  const clock = /^([01]\d|2[0-3])([0-5]\d)$/u.exec(n.word);
  if (clock && fields.startLocal === null) {
    line.refuse(
      n,
      `could be a start (${clock[1]}:${clock[2]}) or an amount ($${n.word}): write 2pm or $ on it`,
    );
    return;
  }
  const cents =
    Number((m?.[1] ?? '').replaceAll(',', '')) * 100 + Number((m?.[2] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(cents) || cents <= 0) {
    line.refuse(n, 'is not an amount');
    return;
  }
  fields.grossAmountCents = cents;
  line.read('grossAmountCents', n, 'inferred');
}

/**
 * Parses `/charter` text typed by an operator. Relative dates resolve against `today` in the
 * tenant's zone; a date without a year is the next one on or after today.
 *
 * @example parseCharterText('sun 2pm full day 1800', { year: 2026, month: 11, day: 26 }).fields
 * // { date: '2026-11-29', startLocal: '14:00', durationMinutes: 480, grossAmountCents: 180000, ... }
 */
export function parseCharterText(input: string, today: LocalDate): CharterReading {
  const fields = emptyBookingFields();
  const line = new CharterLine(input.replace(/\s+/gu, ' '));
  const id = single(
    line,
    [...line.text.matchAll(HASH_ID), ...line.text.matchAll(WORDED_ID)].map((m) => ({
      value: m[1] ?? '',
      index: m.index,
      length: m[0].length,
    })),
    'booking ids',
  );
  if (id) {
    fields.bookingId = id.value;
    line.read('bookingId', id, 'labelled');
  }
  readName(line, fields, 'quoted');
  readAmount(line, fields);
  readCount(line, fields);
  readDate(line, fields, today);
  readTimes(line, fields);
  readDuration(line, fields);
  readCaptain(line, fields);
  readName(line, fields, 'keyword');
  readPlace(line, fields);
  readName(line, fields, 'bare');
  readBareNumbers(line, fields);
  for (const word of line.leftovers())
    line.refuse(
      word,
      // "the 19th" names no month: which one is a guess this reader does not make.
      /^\d{1,2}(?:st|nd|rd|th)$/iu.test(word.word)
        ? `a day without its month: add the month ('${monthAbbr(today.month)} ${word.word}') or its weekday ('Sat the ${word.word}')`
        : 'not part of a booking',
    );
  // Evidence in the fields' own order, as the email side lists it.
  const evidence: FieldEvidenceMap = {};
  for (const field of bookingFieldNames)
    if (line.evidence[field]) evidence[field] = line.evidence[field];
  return { fields, evidence, notUnderstood: line.notUnderstood };
}
