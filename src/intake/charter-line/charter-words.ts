/**
 * Word readers for `/charter` lines: relative days, party counts, amounts, names and places.
 * Each returns every match with its span; the line parser decides what a match means.
 */
import { parseAmountToCents } from '../../money/cents.ts';
import { addDays, weekdayOf } from '../../time/zoned.ts';
import type { LocalDate } from '../values.ts';
import type { Span } from './charter-line.ts';

export interface Match<T> extends Span {
  value: T;
}

/** Day of the week by its first three letters, Sunday 0 (as Date#getDay). */
export const WEEKDAYS: Readonly<Record<string, number>> = {
  sun: 0,
  mon: 1,
  tue: 2,
  wed: 3,
  thu: 4,
  fri: 5,
  sat: 6,
};
const RELATIVE_DAY =
  /\b(?:(next|this|coming|last)\s+)?(today|tonight|tomorrow|tmrw|tmr|yesterday|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:s|nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\b/giu;

/** "tomorrow", "fri", "this friday", "next friday", "yesterday", "last sat" against today (local). */
export function findRelativeDays(text: string, today: LocalDate): Match<LocalDate>[] {
  const out: Match<LocalDate>[] = [];
  for (const m of text.matchAll(RELATIVE_DAY)) {
    const qualifier = m[1]?.toLowerCase();
    const word = (m[2] ?? '').toLowerCase();
    let value: LocalDate;
    if (word === 'today' || word === 'tonight') value = today;
    else if (word === 'yesterday') value = addDays(today, -1);
    else if (word.startsWith('tom') || word.startsWith('tm')) value = addDays(today, 1);
    else {
      const target = WEEKDAYS[word.slice(0, 3)] ?? 0;
      const todayDow = weekdayOf(today);
      if (qualifier === 'next') {
        // The weekday in the following calendar week (weeks start on Monday).
        const nextMonday = addDays(today, 7 - ((todayDow + 6) % 7));
        value = addDays(nextMonday, (target + 6) % 7);
      } else if (qualifier === 'last') value = addDays(today, -(((todayDow - target + 6) % 7) + 1));
      else value = addDays(today, (target - todayDow + 7) % 7);
    }
    out.push({ value, index: m.index, length: m[0].length });
  }
  return out;
}

const COUNT_WORD =
  '(?:adults?|children|child|kids?|infants?|toddlers?|teens?|seniors?|guests?|people|persons?|passengers?|pax|ppl|heads?)';
const COUNT_PART = new RegExp(
  `(?<![\\w.,$#/:-])(\\d{1,3}\\s?(?:-|–|to)\\s?\\d{1,3})\\s?${COUNT_WORD}\\b|(?<![\\w.,$#/:-])x?(-?\\d{1,4})\\s?${COUNT_WORD}\\b|\\b(?:party|group) of (-?\\d{1,4})\\b|(?<![\\w.,$#/:-])x(\\d{1,3})(?![\\w.,])`,
  'giu',
);
const COUNT_JOIN = /^(?:\s|,|\+|&|and)*$/iu;

/**
 * Every party count: "6 guests", "party of 8", "x4", and parts in a row summed ("4 adults 2 kids"
 * is 6, "6 adults + 6 children" is 12). `labelled` when "party of" / "group of" named it.
 */
export function findCounts(text: string): Match<{ count: number; labelled: boolean }>[] {
  const out: Match<{ count: number; labelled: boolean }>[] = [];
  for (const m of text.matchAll(COUNT_PART)) {
    // "2-3 guests" is not one number: NaN, refused by the caller.
    const count = m[1] !== undefined ? Number.NaN : Number(m[2] ?? m[3] ?? m[4]);
    const labelled = m[3] !== undefined;
    const last = out.at(-1);
    if (
      last &&
      m[2] !== undefined &&
      !last.value.labelled &&
      COUNT_JOIN.test(text.slice(last.index + last.length, m.index))
    ) {
      last.value = { count: last.value.count + count, labelled: false };
      last.length = m.index + m[0].length - last.index;
      continue;
    }
    out.push({ value: { count, labelled }, index: m.index, length: m[0].length });
  }
  return out;
}

const MONEY =
  /(-\s?)?(?:US\$|\$|USD\s?)\s?(-\s?)?(\d{1,3}(?:,\d{3})+|\d+)(\.\d{1,2})?(?![\d\p{L}%]|[,.]\d)|(?<![\w.,$#/:-])(-)?(\d{1,3}(?:,\d{3})+|\d+)(\.\d{1,2})?\s?(?:usd\b(?!\s?\d)|dollars\b|bucks\b)/giu;

// "$300/hr", "$50 per person", "$40 pp": a rate, not what the renter pays in all.
const RATE_SUFFIX =
  /^\s?(?:\/\s?(?:hr|h|hour|person|pp|head|guest)\b|per\s\w+|an?\shour\b|each\b|pp\b)/iu;

export interface AmountMatch extends Match<number> {
  /** True for a price per hour or per person. */
  rate: boolean;
}

/**
 * Every amount with a currency mark: "$1,100", "USD 750", "692 dollars", "-$50" (negative),
 * "$300/hr" (a rate, its suffix in the span). "$1.2k" is not read: a letter after the digits.
 */
export function findAmounts(text: string): AmountMatch[] {
  const out: AmountMatch[] = [];
  for (const m of text.matchAll(MONEY)) {
    const negative = Boolean(m[1] || m[2] || m[5]);
    const cents = parseAmountToCents(`${m[3] ?? m[6] ?? ''}${m[4] ?? m[7] ?? ''}`);
    if (cents === undefined) continue;
    const suffix = RATE_SUFFIX.exec(text.slice(m.index + m[0].length, m.index + m[0].length + 16));
    out.push({
      value: negative ? -cents : cents,
      index: m.index,
      length: m[0].length + (suffix?.[0].length ?? 0),
      rate: suffix !== null,
    });
  }
  return out;
}

// A name word starts with a capital and may carry accents, apostrophes and hyphens: "D'Arcy",
// "Osei-Bonsu", "Ó". Lowercase particles may join two name words ("Maria de Souza").
const NAME_WORD = "\\p{Lu}[\\p{L}\\p{M}'’.-]{0,30}";
const PARTICLE = '(?:de|da|di|du|del|della|der|den|van|von|le|la|bin|ibn|al|el|dos|das|y)';
const NAME = `${NAME_WORD}(?:[ \\t]+(?:${PARTICLE}[ \\t]+)?${NAME_WORD}){0,3}`;
// No `i` flag: with it \p{Lu} would match lowercase letters too.
const KEYWORD_NAME = new RegExp(
  `(?<![\\p{L}])(?:[Nn]ame:?|NAME:?|[Bb]ooked by|[Bb]ooking for|[Ff]or|[Rr]enter:?|[Gg]uest:?)[ \\t]+(${NAME})`,
  'gu',
);
const BARE_NAME = new RegExp(`(?<![\\p{L}\\p{M}'’.-])${NAME}(?![\\p{L}\\p{M}])`, 'gu');
const QUOTED = /["“”]([^"“”\n]{1,80})["“”]/gu;

/** Words that are a trip, a boat or a place, never part of a renter's name. */
const NOT_NAME_WORDS = new Set(
  [
    'marina',
    'harbor',
    'harbour',
    'pier',
    'dock',
    'bay',
    'beach',
    'island',
    'yacht',
    'club',
    'basin',
    'wharf',
    'port',
    'boat',
    'captain',
    'skipper',
    'crew',
    'sunset',
    'sunrise',
    'cruise',
    'fishing',
    'trip',
    'charter',
    'tour',
    'today',
    'tomorrow',
    'tonight',
    'bareboat',
    'captained',
  ].map((w) => w.toLowerCase()),
);

function nameWords(name: string): string[] {
  return name.split(/[ \t]+/u);
}

/**
 * Cuts a name at a calendar word ("for Sam Lee Sat"); undefined when nothing is left or when a
 * place or trip word is in it ("for Kona Kai Marina" is not a renter).
 */
function trimName(name: string, calendarWords: ReadonlySet<string>): string | undefined {
  const kept: string[] = [];
  for (const word of nameWords(name)) {
    const w = word.toLowerCase().replace(/[.'’]+$/u, '');
    if (NOT_NAME_WORDS.has(w)) return undefined;
    if (calendarWords.has(w)) break;
    kept.push(word);
  }
  while (kept.length > 0 && /^\p{Ll}/u.test(kept.at(-1) ?? '')) kept.pop();
  return kept.length > 0 ? kept.join(' ') : undefined;
}

export interface NameMatch extends Match<string> {
  how: 'labelled' | 'inferred';
}

/** A quoted name: read first, so no other reader takes a word of it. */
export function findQuotedNames(text: string): NameMatch[] {
  const out: NameMatch[] = [];
  for (const m of text.matchAll(QUOTED)) {
    const value = m[1]?.trim();
    if (value) out.push({ value, index: m.index, length: m[0].length, how: 'labelled' });
  }
  return out;
}

/** A name after "name:", "booked by", "for", "renter". */
export function findLabelledNames(text: string, calendarWords: ReadonlySet<string>): NameMatch[] {
  const out: NameMatch[] = [];
  for (const m of text.matchAll(KEYWORD_NAME)) {
    const value = trimName(m[1] ?? '', calendarWords);
    if (!value) continue;
    const end = m.index + m[0].length - (m[1]?.length ?? 0) + value.length;
    out.push({ value, index: m.index, length: end - m.index, how: 'labelled' });
  }
  return out;
}

/** Two to four capitalised words with no keyword ("$700 Maren Oakes"). */
export function findBareNames(text: string, calendarWords: ReadonlySet<string>): NameMatch[] {
  const out: NameMatch[] = [];
  for (const m of text.matchAll(BARE_NAME)) {
    const words = nameWords(m[0]);
    if (words.length < 2) continue;
    if (
      words.some((w) => NOT_NAME_WORDS.has(w.toLowerCase()) || calendarWords.has(w.toLowerCase()))
    )
      continue;
    out.push({ value: m[0], index: m.index, length: m[0].length, how: 'inferred' });
  }
  return out;
}

// A number belongs to a place only after a word that numbers places ("Pier 39", "Slip B12").
const PLACE = new RegExp(
  `(?:(?<![\\p{L}])[Ff]rom|(?<![\\p{L}])[Aa]t|@)[ \\t]+(${NAME_WORD}(?:[ \\t]+(?:${NAME_WORD}|of|the|de|&)){0,6}(?:(?<=[Pp]ier|[Dd]ock|[Bb]erth|[Ss]lip|[Gg]ate|[Ww]harf|[Ll]anding)[ \\t]+[A-Z]?\\d{1,3}[A-Za-z]?(?!\\d|[,.]\\d))?)`,
  'gu',
);

/** A departure after "from", "at" or "@": "from Kona Kai Marina", "at Pier 39". */
export function findPlaces(text: string, calendarWords: ReadonlySet<string>): Match<string>[] {
  const out: Match<string>[] = [];
  for (const m of text.matchAll(PLACE)) {
    const value = (m[1] ?? '').replace(/[ \t]+(?:of|the|de|&)$/u, '').trim();
    if (!value || calendarWords.has(nameWords(value)[0]?.toLowerCase() ?? '')) continue;
    out.push({ value, index: m.index, length: m[0].length });
  }
  return out;
}
