/**
 * Value parsers: dates, times, time ranges, durations, amounts, counts and yes/no for the
 * captain. Each takes a short piece of text and returns a typed value or undefined.
 * Every regex here is linear: no nested or overlapping unbounded quantifiers.
 *
 * One piece (~380 lines) on purpose: these readers share the month, clock and meridiem tables
 * and are used together by every email reader; split by value kind if it grows further.
 */
import { parseAmountToCents } from '../money/cents.ts';

/** A local calendar date. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

export const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};
const MONTH_RE =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';

export function formatLocalDate(date: LocalDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

export function parseIsoLocalDate(text: string): LocalDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

function validDate(year: number, month: number, day: number): LocalDate | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1970 || year > 2200)
    return undefined;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1) return undefined;
  return { year, month, day };
}

function compareDates(a: LocalDate, b: LocalDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** The first occurrence of month/day on or after `reference`. */
function nextOccurrence(month: number, day: number, reference: LocalDate): LocalDate | undefined {
  for (let year = reference.year; year <= reference.year + 4; year += 1) {
    const candidate = validDate(year, month, day);
    if (candidate && compareDates(candidate, reference) >= 0) return candidate;
  }
  return undefined;
}

function resolveYear(
  year: string | undefined,
  month: number,
  day: number,
  reference: LocalDate,
): LocalDate | undefined {
  if (year === undefined) return nextOccurrence(month, day, reference);
  const y = year.length === 2 ? 2000 + Number(year) : Number(year);
  return validDate(y, month, day);
}

const ISO_DATE = /(?<![\d-])(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/;
const NUMERIC_DATE = /(?<![\d/.:])(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?(?![\d/])/;
const MONTH_FIRST = new RegExp(
  `\\b${MONTH_RE}\\.?\\s{0,3}(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s{0,3}(20\\d{2})\\b)?`,
  'i',
);
const DAY_FIRST = new RegExp(
  `\\b(\\d{1,2})(?:st|nd|rd|th)?\\s{0,3}(?:of\\s{1,3})?${MONTH_RE}\\b\\.?(?:,?\\s{0,3}(20\\d{2})\\b)?`,
  'i',
);

// "Saturday the 19th", "Sat 19th", "Fri, the 3rd": a day of the month named with its weekday.
// Without the weekday a bare "the 19th" is not read (nothing says which month); the suffix or
// "the" is required ("Sat 10" is more often a time), and a month after it is DAY_FIRST's.
const WEEKDAY_DAY = new RegExp(
  `\\b(?:sun|mon|tue|wed|thu|fri|sat)[a-z]{0,6}\\.?,?\\s{1,3}(?:the\\s{1,3}(\\d{1,2})(?:st|nd|rd|th)?|(\\d{1,2})(?:st|nd|rd|th))\\b(?!\\s{0,3}(?:of\\s{1,3})?${MONTH_RE}\\b)(?![:/.]\\d)`,
  'i',
);

/** The first `day` of a month on or after `reference` (this month's, else the next one's). */
export function nextDayOfMonth(day: number, reference: LocalDate): LocalDate | undefined {
  for (let k = 0; k < 3; k += 1) {
    const month0 = reference.month - 1 + k;
    const candidate = validDate(reference.year + Math.floor(month0 / 12), (month0 % 12) + 1, day);
    if (candidate && compareDates(candidate, reference) >= 0) return candidate;
  }
  return undefined;
}

export interface Found<T> {
  value: T;
  index: number;
  length: number;
}

/**
 * Finds the first calendar date written in `text` (ISO, US numeric, "Jun 5, 2026",
 * "5 June 2026", with or without a weekday). A date without a year is the next occurrence
 * on or after `reference`.
 */
export function findDate(text: string, reference: LocalDate): Found<LocalDate> | undefined {
  return findDateIn(maskInstants(text), reference);
}

/**
 * findDate without the weekday check, for a reader that checks the weekday itself and says
 * what disagreed (`/charter`: "Fri Apr 5" refuses both words).
 */
export function findDateAsWritten(
  text: string,
  reference: LocalDate,
): Found<LocalDate> | undefined {
  return findDateIn(maskInstants(text), reference, false);
}

function findDateIn(
  text: string,
  reference: LocalDate,
  checkWeekday = true,
): Found<LocalDate> | undefined {
  const candidates: Found<LocalDate>[] = [];
  const iso = ISO_DATE.exec(text);
  if (iso) {
    const value = validDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    if (value) candidates.push({ value, index: iso.index, length: iso[0].length });
  }
  const numeric = NUMERIC_DATE.exec(text);
  if (numeric) {
    const value = resolveYear(numeric[3], Number(numeric[1]), Number(numeric[2]), reference);
    if (value) candidates.push({ value, index: numeric.index, length: numeric[0].length });
  }
  const monthFirst = MONTH_FIRST.exec(text);
  if (monthFirst) {
    const month = MONTHS[(monthFirst[1] ?? '').toLowerCase()];
    const value = month && resolveYear(monthFirst[3], month, Number(monthFirst[2]), reference);
    if (value) candidates.push({ value, index: monthFirst.index, length: monthFirst[0].length });
  }
  const dayFirst = DAY_FIRST.exec(text);
  if (dayFirst) {
    const month = MONTHS[(dayFirst[2] ?? '').toLowerCase()];
    const value = month && resolveYear(dayFirst[3], month, Number(dayFirst[1]), reference);
    if (value) candidates.push({ value, index: dayFirst.index, length: dayFirst[0].length });
  }
  const weekdayDay = WEEKDAY_DAY.exec(text);
  if (weekdayDay) {
    const digits = weekdayDay[1] ?? weekdayDay[2] ?? '';
    const value = nextDayOfMonth(Number(digits), reference);
    // The date is the day's number; the weekday before it is checked like any other's.
    const at = weekdayDay.index + weekdayDay[0].lastIndexOf(digits);
    if (value)
      candidates.push({ value, index: at, length: weekdayDay.index + weekdayDay[0].length - at });
  }
  candidates.sort((a, b) => a.index - b.index);
  return checkWeekday ? candidates.find((c) => weekdayAgrees(text, c)) : candidates[0];
}

const WEEKDAY_BEFORE =
  /\b(sun(?:day)?|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?)\.?,?\s{0,3}(?:the\s{1,3})?$/i;
const WEEKDAY_INDEX = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/**
 * "Friday, June 5, 2027" when June 5, 2027 is a Saturday: one of the two is wrong and nothing
 * says which, so the date is not read (a wrong day sends the crew to the wrong day).
 */
function weekdayAgrees(text: string, found: Found<LocalDate>): boolean {
  const before = WEEKDAY_BEFORE.exec(text.slice(Math.max(0, found.index - 16), found.index));
  if (!before) return true;
  const { year, month, day } = found.value;
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return WEEKDAY_INDEX.indexOf((before[1] ?? '').slice(0, 3).toLowerCase()) === weekday;
}

/**
 * The dates in `text` whose weekday contradicts them ("Sunday, Feb 1, 2027" is a Monday), for
 * a warning that says why the date was left for a person to fill in. At most three, linear.
 */
export function weekdayMismatches(text: string, reference: LocalDate): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WEEKDAY_THEN_DATE)) {
    if (out.length >= 3) break;
    const found = findDateIn(m[0], reference, false);
    if (!found || weekdayAgrees(m[0], found)) continue;
    const { year, month, day } = found.value;
    const date = new Date(Date.UTC(year, month - 1, day));
    const written = date.toLocaleDateString('en-US', {
      month: 'short',
      day: 'numeric',
      year: 'numeric',
      timeZone: 'UTC',
    });
    const actual = date.toLocaleDateString('en-US', { weekday: 'long', timeZone: 'UTC' });
    out.push(
      `"${m[0].trim()}": ${written} is a ${actual}, so the date was not read; check it with the renter.`,
    );
  }
  return out;
}

const WEEKDAY_THEN_DATE = new RegExp(
  `\\b(?:sun|mon|tue|wed|thu|fri|sat)[a-z]{0,6}\\.?,?\\s{1,3}(?:the\\s{1,3})?(?:${MONTH_RE}\\.?\\s{0,3}\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s{0,3}20\\d{2})?|\\d{1,2}(?:st|nd|rd|th)?\\s{0,3}(?:of\\s{1,3})?${MONTH_RE}\\.?(?:,?\\s{0,3}20\\d{2})?|\\d{1,2}\\/\\d{1,2}(?:\\/\\d{2,4})?|\\d{4}-\\d{1,2}-\\d{1,2}|\\d{1,2}(?:st|nd|rd|th)\\b)`,
  'gi',
);

// "2027-06-05T14:00:00Z", "2027-06-05 10:00:00-04:00": an instant in a zone the text states
// ("2027-07-04 08:00-11:00" is a date and a range: with a space, only seconds or Z make one),
// which may not be the tenant's (14:00Z is 10:00 in New York, and near midnight another day).
// Its date and time are not read as local ones; blanked to spaces so indexes stay put.
const INSTANT =
  /\b\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?|[ ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})|Z))/g;

function maskInstants(text: string): string {
  if (!/\d{4}-\d{2}-\d{2}[T ]\d{2}:/.test(text)) return text;
  return text.replace(INSTANT, (m) => ' '.repeat(m.length));
}

/** A local time of day in minutes after midnight. */
export type ClockMinutes = number;

export function formatClock(minutes: ClockMinutes): string {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.trunc(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

// "9:00 AM", "9am", "2:30 p.m.", "14:00", "noon". A bare "9" is not a time.
const TIME_12 = /(?<![\d.:])(\d{1,2})(?:[:.](\d{2}))?\s{0,2}([ap])\.?\s?m\b\.?/i;
const TIME_24 = /(?<![\d:/.$,])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])(?!\s?[ap]\.?m\b)/i;
const NOON = /\b(noon|midday|midnight)\b/i;

function to24(
  hour: number,
  minute: number,
  meridiem: string | undefined,
): ClockMinutes | undefined {
  if (minute > 59) return undefined;
  if (meridiem) {
    if (hour < 1 || hour > 12) return undefined;
    const h = (hour % 12) + (meridiem.toLowerCase() === 'p' ? 12 : 0);
    return h * 60 + minute;
  }
  if (hour > 23) return undefined;
  return hour * 60 + minute;
}

/** Finds the first time of day in `text`. */
export function findTime(rawText: string): Found<ClockMinutes> | undefined {
  const text = maskInstants(rawText);
  const candidates: Found<ClockMinutes>[] = [];
  const t12 = TIME_12.exec(text);
  if (t12) {
    const value = to24(Number(t12[1]), Number(t12[2] ?? 0), t12[3]);
    if (value !== undefined) candidates.push({ value, index: t12.index, length: t12[0].length });
  }
  const t24 = TIME_24.exec(text);
  if (t24) {
    const value = to24(Number(t24[1]), Number(t24[2]), undefined);
    if (value !== undefined) candidates.push({ value, index: t24.index, length: t24[0].length });
  }
  const noon = NOON.exec(text);
  if (noon) {
    candidates.push({
      value: noon[1]?.toLowerCase() === 'midnight' ? 0 : 720,
      index: noon.index,
      length: noon[0].length,
    });
  }
  candidates.sort((a, b) => a.index - b.index);
  return candidates[0];
}

const RANGE = new RegExp(
  [
    '(?<![\\d:.])(\\d{1,2})(?:[:.](\\d{2}))?\\s{0,2}(?:([ap])\\.?\\s?m\\b\\.?)?',
    '\\s{0,3}(?:-|–|—|to|until|till|through|thru)\\s{0,3}',
    '(\\d{1,2})(?:[:.](\\d{2}))?\\s{0,2}(?:([ap])\\.?\\s?m\\b\\.?)?(?![\\d:])',
  ].join(''),
  'gi',
);

export interface TimeRange {
  start: ClockMinutes;
  durationMinutes: number;
}

/** Both readings of an hour without am/pm (9 → 09:00 or 21:00); one for 24-hour times. */
function readings(hour: number, minute: number, meridiem: string | undefined): ClockMinutes[] {
  if (meridiem) return [to24(hour, minute, meridiem)].filter((v): v is number => v !== undefined);
  if (hour === 0 || hour > 12)
    return [to24(hour, minute, undefined)].filter((v): v is number => v !== undefined);
  return [to24(hour, minute, 'a'), to24(hour, minute, 'p')].filter(
    (v): v is number => v !== undefined,
  );
}

function clockRange(h1: string, m1: number, h2: string, m2: number): TimeRange | undefined {
  const shows24 = (h: string): boolean => /^0\d$/.test(h) || Number(h) === 0 || Number(h) > 12;
  let start: number | undefined;
  if (shows24(h1) || shows24(h2)) start = to24(Number(h1), m1, undefined);
  else {
    const hour = Number(h1);
    if (hour >= 7 && hour <= 11) start = to24(hour, m1, 'a');
    else if (hour === 12 || (hour >= 1 && hour <= 6)) start = to24(hour, m1, 'p');
  }
  if (start === undefined) return undefined;
  const end24 = to24(Number(h2), m2, undefined);
  if (end24 === undefined) return undefined;
  // The end is the first reading of its hour after the start ("9:30-12:30" ends at 12:30,
  // "10:00-2:00" at 14:00).
  const ends = shows24(h2) || end24 === start ? [end24] : [end24, end24 + 720];
  for (const end of ends) {
    const durationMinutes = end - start;
    if (durationMinutes > 0 && durationMinutes <= 16 * 60) return { start, durationMinutes };
  }
  return undefined;
}

function rangeFrom(m: RegExpMatchArray): TimeRange | undefined {
  const [, h1, m1, ap1, h2, m2, ap2] = m;
  // Without am/pm or a colon on either side it is not a time range ("2-3 guests", "10-12").
  if (!ap1 && !ap2 && (m1 === undefined || m2 === undefined)) return undefined;
  // Two clock times without am/pm are 24-hour times read as written ("12:00–16:00",
  // "06:00 - 14:00") when either shows it: a leading zero, an hour of 13-23 or 0. Otherwise
  // ("1:00-5:00", "9:30-12:30") the charter-hours rule places them: a start of 7-11 is
  // morning, 12 is noon and 1-6 is afternoon; the end follows the start.
  if (!ap1 && !ap2) return clockRange(h1 ?? '', Number(m1), h2 ?? '', Number(m2));
  const starts = readings(Number(h1), Number(m1 ?? 0), ap1);
  const ends = readings(Number(h2), Number(m2 ?? 0), ap2);
  // A side without am/pm takes the reading that makes the trip shortest ("9-1pm" is
  // 09:00-13:00, "11-2pm" is 11:00-14:00, "9am - 1" is 09:00-13:00).
  let best: TimeRange | undefined;
  for (const start of starts) {
    for (const end of ends) {
      const durationMinutes = (end - start + 1440) % 1440;
      if (durationMinutes > 0 && (!best || durationMinutes < best.durationMinutes))
        best = { start, durationMinutes };
    }
  }
  return best;
}

/**
 * Finds the first time range ("1:00 PM - 5:00 PM", "10am to 2pm", "9-1pm", "10:00–14:00")
 * and returns its start and length. Candidates that are not time ranges ("2-3 guests",
 * "2026-06-14") are skipped.
 */
export function findTimeRange(rawText: string): Found<TimeRange> | undefined {
  const text = maskInstants(rawText);
  let found: Found<TimeRange> | undefined;
  for (const m of text.matchAll(RANGE)) {
    const value = rangeFrom(m);
    if (value) {
      found = { value, index: m.index, length: m[0].length };
      break;
    }
  }
  const noon = findNoonRange(text);
  return noon && (!found || noon.index < found.index) ? noon : found;
}

const CLOCK_SIDE = '(\\d{1,2})(?:[:.](\\d{2}))?\\s{0,2}(?:([ap])\\.?\\s?m\\b\\.?)?';
const RANGE_WORD = '\\s{0,3}(?:-|–|—|to|until|till|through|thru)\\s{0,3}';
// "Noon-3pm", "noon to 4": after noon an hour without am/pm is the afternoon's.
const FROM_NOON = new RegExp(`\\b(?:noon|midday)${RANGE_WORD}${CLOCK_SIDE}(?![\\d:])`, 'i');
// "10am to noon", "9:30-noon": before noon an hour without am/pm is the morning's.
const TO_NOON = new RegExp(`(?<![\\d:.])${CLOCK_SIDE}${RANGE_WORD}(?:noon|midday)\\b`, 'i');

function findNoonRange(text: string): Found<TimeRange> | undefined {
  const candidates: Found<TimeRange>[] = [];
  const from = FROM_NOON.exec(text);
  if (from) {
    const [, h, m, ap] = from;
    const end = to24(Number(h), Number(m ?? 0), ap ?? (Number(h) < 12 ? 'p' : undefined));
    if (end !== undefined && end > 720 && end - 720 <= 12 * 60)
      candidates.push({
        value: { start: 720, durationMinutes: end - 720 },
        index: from.index,
        length: from[0].length,
      });
  }
  const to = TO_NOON.exec(text);
  if (to) {
    const [, h, m, ap] = to;
    // Without am/pm only a morning charter hour (5-11) starts it: "2 to noon" is not a trip.
    const hour = Number(h);
    const start =
      ap || (hour >= 5 && hour <= 11) ? to24(hour, Number(m ?? 0), ap ?? 'a') : undefined;
    if (start !== undefined && start < 720)
      candidates.push({
        value: { start, durationMinutes: 720 - start },
        index: to.index,
        length: to[0].length,
      });
  }
  candidates.sort((a, b) => a.index - b.index);
  return candidates[0];
}

const HOURS_MINUTES =
  /\b(\d{1,2})\s{0,2}(?:h|hrs?|hours?)\s{0,2}(?:and\s{1,2})?(\d{1,2})\s{0,2}(?:m|mins?|minutes?)\b/i;
// A number then "h"/"hrs"/"hours"; a number word only as a whole word before "hour(s)"/"hr(s)"
// ("an hour", "two hours"), never letters inside a word ("Hannah" is not "a h").
const HOURS =
  /(?<![\p{L}\d.])(?:(\d{1,2}(?:\.\d{1,2})?|\d{0,2}\s?½)[\s-]{0,2}(?:h|hrs?|hours?)|(an?|one|two|three|four|five|six|seven|eight|ten|twelve)[\s-]{1,2}(?:hrs?|hours?))(?![\p{L}\d])/iu;
// Not a bare "m": "40m yacht" is metres.
const MINUTES = /(?<![\d.])(\d{2,3})\s{0,2}(?:mins?|minutes?)\b/i;
const DAY_WORDS = /\b(half|full|whole|all|one|1)[\s-]{0,2}day\b/i;
const WORD_NUMBERS: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  ten: 10,
  twelve: 12,
};

/** Length in minutes of a "full day" and a "half day" when no hours are given. */
export const FULL_DAY_MINUTES = 480;
export const HALF_DAY_MINUTES = 240;

/**
 * Finds a trip length: "3 hours", "2.5 hrs", "1h 30m", "90 minutes", "6h", "half day",
 * "Full day (8 hours)" (explicit hours win over the day word).
 */
export function findDuration(text: string): Found<number> | undefined {
  const hm = HOURS_MINUTES.exec(text);
  if (hm)
    return { value: Number(hm[1]) * 60 + Number(hm[2]), index: hm.index, length: hm[0].length };
  const h = HOURS.exec(text);
  if (h) {
    const raw = (h[1] ?? h[2] ?? '').toLowerCase().replace(/\s/g, '');
    let hours: number | undefined;
    if (raw in WORD_NUMBERS) hours = WORD_NUMBERS[raw];
    else if (raw.endsWith('½')) hours = Number(raw.slice(0, -1) || 0) + 0.5;
    else hours = Number(raw);
    if (hours !== undefined && hours > 0 && hours <= 72) {
      return { value: Math.round(hours * 60), index: h.index, length: h[0].length };
    }
  }
  const min = MINUTES.exec(text);
  if (min && Number(min[1]) >= 15)
    return { value: Number(min[1]), index: min.index, length: min[0].length };
  const day = DAY_WORDS.exec(text);
  if (day) {
    const value = day[1]?.toLowerCase() === 'half' ? HALF_DAY_MINUTES : FULL_DAY_MINUTES;
    return { value, index: day.index, length: day[0].length };
  }
  return undefined;
}

// The number must end where the amount ends: "$1.250,00" (a European "1250.00") or "$1,25" is
// not "$1" — it is no amount this reader knows, so it is left missing rather than misread.
const MONEY =
  /(-\s?)?(?:US\$|\$|USD\s?)\s?(\d{1,3}(?:,\d{3})+|\d+)(\.\d{1,2})?(?![.,]?\d)|(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d{1,2})?\s?(?:USD|dollars)\b/i;

/** Finds the first money amount with a currency mark ("$1,644.00", "USD 2,000", "900 dollars"). */
export function findMoney(text: string): Found<number> | undefined {
  const m = MONEY.exec(text);
  if (!m) return undefined;
  const digits = m[2] ?? m[4] ?? '';
  const fraction = m[3] ?? m[5] ?? '';
  const cents = parseAmountToCents(`${m[1] ? '-' : ''}${digits}${fraction}`);
  if (cents === undefined) return undefined;
  return { value: cents, index: m.index, length: m[0].length };
}

const COUNT_PARTS =
  /(\d{1,3})\s{0,2}(?:adults?|children|child|kids?|infants?|teens?|seniors?|guests?|people|persons?|passengers?|pax)\b/gi;

/** Reads a guest count: "6", "12 guests", "4 adults, 2 children" (summed). */
export function parseCount(text: string): number | undefined {
  let total = 0;
  let parts = 0;
  for (const m of text.matchAll(COUNT_PARTS)) {
    total += Number(m[1]);
    parts += 1;
  }
  if (parts > 1 && total > 0) return total;
  const first = /(?<![\d.,:$/])(\d{1,3})(?![\d.,:/])/.exec(text);
  if (!first) return undefined;
  const n = Number(first[1]);
  return n > 0 && n <= 500 ? n : undefined;
}

const CAPTAIN_NO =
  /\b(not included|no captain|without (?:a )?captain|bare\s?boat|self[\s-]?(?:drive|driven|captained|skippered)|renter (?:will )?captains?|none|no)\b/i;
const CAPTAIN_YES =
  /\b(included|yes|captained|provided|with (?:a )?captain|capt\.?|captain|skipper)\b/i;

/** Reads the value of a "Captain:" field: included, or not. */
export function parseCaptainValue(text: string): boolean | undefined {
  if (CAPTAIN_NO.test(text)) return false;
  if (CAPTAIN_YES.test(text)) return true;
  // A bare name ("Rosa Exampleton") under a Captain label means a captain is aboard.
  if (/^\p{Lu}[\p{L}'’.-]+(?:\s\p{Lu}[\p{L}'’.-]+)+$/u.test(text.trim())) return true;
  return undefined;
}

/** Loose date-time parsing of a header value such as "Mon, Jun 1, 2026 at 9:58 AM". */
export function parseHeaderDate(text: string): LocalDate | undefined {
  // A header's date is read as written, also as an instant ("2026-07-23T15:15:30.000Z", as
  // postal-mime gives it): it is only the reference for dates without a year.
  const found = findDateIn(text, { year: 1970, month: 1, day: 1 });
  if (!found) return undefined;
  // A header date always has a year; reject a year guessed from the 1970 reference.
  return /\d{4}/.test(text.slice(found.index, found.index + found.length))
    ? found.value
    : undefined;
}
