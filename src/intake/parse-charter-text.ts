/**
 * `/charter` free text: order-free tokens such as
 * `June 2 10am 2h $500 for Sam Lee party of 4` or `next friday 9am 3 hours $900 "Ana Ruiz" 5 pax`.
 * Each recognised token is consumed so that nothing is read twice; a bare number left over
 * at the end is the amount in dollars.
 */
import { addDays, weekdayOf } from '../time/zoned.ts';
import { type BookingFields, emptyBookingFields } from './intake-result.ts';
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
  MONTHS,
} from './values.ts';

const WEEKDAYS: Readonly<Record<string, number>> = {
  mon: 1,
  monday: 1,
  tue: 2,
  tues: 2,
  tuesday: 2,
  wed: 3,
  weds: 3,
  wednesday: 3,
  thu: 4,
  thur: 4,
  thurs: 4,
  thursday: 4,
  fri: 5,
  friday: 5,
  sat: 6,
  saturday: 6,
  sun: 0,
  sunday: 0,
};
const RELATIVE_DAY =
  /\b(?:(next|this|coming)\s+)?(today|tonight|tomorrow|tmrw|tmr|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:s|nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\b/i;
const QUOTED = /["“”]([^"“”\n]{1,80})["“”]/;
const HASH_ID = /(?<![\w&])#([A-Za-z0-9][A-Za-z0-9-]{2,30})\b/;
const PARTY =
  /\b(?:party|group) of (\d{1,3})\b|\bx?(\d{1,3})\s?(?:guests?|pax|people|ppl|persons?|passengers?|adults|heads)\b/i;
const CAPTAIN_NO = /\b(?:no captain|without (?:a )?captain|bare\s?boat|self[\s-]drive)\b/i;
const CAPTAIN_YES = /\b(?:with (?:a )?captain|captained|captain|skipper)\b/i;
const NAME_WORD = "\\p{Lu}[\\p{L}'’.-]{0,30}";
const FOR_NAME = new RegExp(`\\bfor\\s+(${NAME_WORD}(?:\\s+${NAME_WORD}){0,3})`, 'u');
const PLACE = new RegExp(
  `(?:\\bfrom|\\bat|@)\\s+(${NAME_WORD}(?:\\s+(?:${NAME_WORD}|\\d+\\w*|of|the|de|&))*)`,
  'u',
);
const BARE_NUMBER = /(?<![\w.,$#/:-])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?(?![\w,./:%-])/;

const CALENDAR_WORDS = new Set(
  [...Object.keys(MONTHS), ...Object.keys(WEEKDAYS)].map((w) => w.toLowerCase()),
);

/** Replaces a consumed token with spaces so later patterns cannot read it again. */
function consume(text: string, found: { index: number; length: number }): string {
  return (
    text.slice(0, found.index) + ' '.repeat(found.length) + text.slice(found.index + found.length)
  );
}

function take(regex: RegExp, text: string): { match: RegExpExecArray; rest: string } | undefined {
  const match = regex.exec(text);
  if (!match) return undefined;
  return { match, rest: consume(text, { index: match.index, length: match[0].length }) };
}

/** Resolves "tomorrow", "fri", "this friday", "next friday" against today (local). */
function resolveRelativeDay(
  qualifier: string | undefined,
  word: string,
  today: LocalDate,
): LocalDate {
  const w = word.toLowerCase();
  if (w === 'today' || w === 'tonight') return today;
  if (w.startsWith('tom') || w.startsWith('tmr')) return addDays(today, 1);
  const target = WEEKDAYS[w] ?? WEEKDAYS[w.slice(0, 3)] ?? 0;
  const todayDow = weekdayOf(today);
  if (qualifier?.toLowerCase() === 'next') {
    // The weekday in the following calendar week (weeks start on Monday).
    const mondayIndex = (todayDow + 6) % 7;
    const nextMonday = addDays(today, 7 - mondayIndex);
    return addDays(nextMonday, (target + 6) % 7);
  }
  return addDays(today, (target - todayDow + 7) % 7);
}

function firstOf<T>(...found: (Found<T> | undefined)[]): Found<T> | undefined {
  return found.filter((f): f is Found<T> => f !== undefined).sort((a, b) => a.index - b.index)[0];
}

/**
 * Parses `/charter` text typed by an operator. Relative dates resolve against `today` in the
 * tenant's zone; a date without a year is the next one on or after today.
 *
 * @example parseCharterText('sun 2pm full day 1800', { year: 2026, month: 11, day: 26 })
 * // { date: '2026-11-29', startLocal: '14:00', durationMinutes: 480, grossAmountCents: 180000, ... }
 */
export function parseCharterText(input: string, today: LocalDate): BookingFields {
  const fields = emptyBookingFields();
  let text = input.replace(/\s+/g, ' ');

  const quoted = take(QUOTED, text);
  if (quoted) {
    fields.guestName = quoted.match[1]?.trim() || null;
    text = quoted.rest;
  }
  const id = take(HASH_ID, text);
  if (id) {
    fields.bookingId = id.match[1] ?? null;
    text = id.rest;
  }
  const money = findMoney(text);
  if (money) {
    fields.grossAmountCents = money.value;
    text = consume(text, money);
  }
  const range = findTimeRange(text);
  if (range) {
    fields.startLocal = formatClock(range.value.start);
    fields.durationMinutes = range.value.durationMinutes;
    text = consume(text, range);
  }
  const date = findDate(text, today);
  if (date) {
    fields.date = formatLocalDate(date.value);
    text = consume(text, date);
  } else {
    const relative = RELATIVE_DAY.exec(text);
    if (relative?.[2]) {
      fields.date = formatLocalDate(resolveRelativeDay(relative[1], relative[2], today));
      text = consume(text, { index: relative.index, length: relative[0].length });
    }
  }
  const party = take(PARTY, text);
  if (party) {
    fields.partySize = Number(party.match[1] ?? party.match[2]) || null;
    text = party.rest;
  }
  const duration = findDuration(text);
  if (duration && fields.durationMinutes === null) {
    fields.durationMinutes = duration.value;
    text = consume(text, duration);
  }
  if (fields.startLocal === null) {
    const time = firstOf(findTime(text));
    if (time) {
      fields.startLocal = formatClock(time.value);
      text = consume(text, time);
    }
  }
  if (CAPTAIN_NO.test(text)) fields.captainIncluded = false;
  else if (CAPTAIN_YES.test(text)) fields.captainIncluded = true;

  const forName = FOR_NAME.exec(text);
  if (
    forName?.[1] &&
    fields.guestName === null &&
    !CALENDAR_WORDS.has(forName[1].split(' ')[0]?.toLowerCase() ?? '')
  ) {
    fields.guestName = forName[1];
    text = consume(text, { index: forName.index, length: forName[0].length });
  }
  const place = PLACE.exec(text);
  if (place?.[1] && !CALENDAR_WORDS.has(place[1].split(' ')[0]?.toLowerCase() ?? '')) {
    fields.departure = place[1].trim();
    text = consume(text, { index: place.index, length: place[0].length });
  }
  if (fields.grossAmountCents === null) {
    const bare = BARE_NUMBER.exec(text);
    if (bare) {
      const cents =
        Number((bare[1] ?? '').replaceAll(',', '')) * 100 +
        Number((bare[2] ?? '').padEnd(2, '0') || 0);
      if (Number.isSafeInteger(cents) && cents > 0) fields.grossAmountCents = cents;
    }
  }
  return fields;
}
