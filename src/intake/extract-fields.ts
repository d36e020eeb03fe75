/**
 * Reads booking fields out of message text by meaning: labelled values in any layout
 * ("Label: value", aligned columns, a label cell above its value cell), then sentences
 * ("Jordan Smith just booked Blue Heron for ..."), then the subject. A labelled value beats a
 * sentence, which beats the subject; within one kind of evidence the first in the text wins,
 * except that a label saying "new"/"updated" beats one that does not.
 * A renter's note is set aside and never mined: it mentions other dates and amounts.
 */
import { Collector, excerptOf, Strength } from './field-candidates.ts';
import { classifyLabel, type LabelTarget } from './field-labels.ts';
import type {
  BookingFieldName,
  BookingFields,
  FieldConflict,
  FieldEvidence,
  FieldEvidenceMap,
} from './intake-result.ts';
import { disqualifyingContext } from './value-context.ts';
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
  parseCaptainValue,
  parseCount,
} from './values.ts';

export interface ExtractedFields {
  fields: BookingFields;
  evidence: FieldEvidenceMap;
  conflicts: FieldConflict[];
  renterNote: string | undefined;
  /** How many fields were found (to choose between a plain and an HTML body). */
  found: number;
}

const SEPARATOR_LINE = /^[\s\-=_*~.·•|]+$/;
const LABEL_VALUE = /^[ \t]*([^\n:：]{1,60}?)[ \t]*[:：][ \t]*(.*)$/;
const ALIGNED = /^[ \t]*(\S(?:[^\t\n]{0,58}?\S)?)(?:\t+|[ \t]{2,}|[ \t]+\|[ \t]+)(\S.*)$/;

type Where = FieldEvidence['where'];

function evidenceAt(
  text: string,
  index: number,
  length: number,
  where: Where,
  how: FieldEvidence['how'],
): FieldEvidence {
  // The excerpt stays within the line the value was found on.
  const lineStart = text.lastIndexOf('\n', index) + 1;
  const lineEnd = text.indexOf('\n', index);
  const line = text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
  return { excerpt: excerptOf(line, index - lineStart, length), where, how };
}

/** Whether a found date was written without a year (the year is then filled in). */
function yearDefaulted(text: string, found: Found<LocalDate>): boolean {
  const written = text.slice(found.index, found.index + found.length);
  return !(/\d{4}/.test(written) || /\d\/\d{1,2}\/\d{2}/.test(written));
}

/**
 * The first value `find` gives in `text` whose context does not disqualify it (a deadline,
 * a hold, a sent time): at most four tries, so 1 MB inputs stay linear.
 */
function firstQualified<T>(
  text: string,
  find: (t: string) => Found<T> | undefined,
): Found<T> | undefined {
  let offset = 0;
  for (let tries = 0; tries < 4 && offset < text.length; tries += 1) {
    const found = find(text.slice(offset));
    if (!found) return undefined;
    const index = offset + found.index;
    const lineStart = text.lastIndexOf('\n', index) + 1;
    const lineEnd = text.indexOf('\n', index);
    const line = text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
    if (disqualifyingContext(line, index - lineStart) === undefined) return { ...found, index };
    offset = index + Math.max(1, found.length);
  }
  return undefined;
}

function splitLabel(line: string): { label: string; value: string } | undefined {
  const lv = LABEL_VALUE.exec(line);
  // "9:00 AM", a URL, markup or a whole sentence is not a label.
  const label = lv?.[1] ?? '';
  const sentenceLike = /\b(?:has|have|had|is|are|was|were|will|their|they|we|i)\b/i.test(label);
  if (
    lv &&
    !/\d$/.test(label) &&
    !/https?$|[<>"]/i.test(label) &&
    !sentenceLike &&
    label.trim().split(/\s+/).length <= 6
  ) {
    return { label: (lv[1] ?? '').trim(), value: (lv[2] ?? '').trim() };
  }
  const aligned = ALIGNED.exec(line);
  if (aligned) return { label: (aligned[1] ?? '').trim(), value: (aligned[2] ?? '').trim() };
  return undefined;
}

/** Drops "(unchanged)", "(was 10:00 AM)" and keeps what follows an arrow ("10 AM → 2 PM"). */
function currentValue(value: string): string {
  const arrow = value.split(/\s*(?:→|->|⇒|=>)\s*/);
  const last = arrow.at(-1) ?? value;
  return last
    .replace(/\((?:unchanged|no change|same)\)/gi, '')
    .replace(/\((?:was|previously|formerly|old|before)\b[^)]{0,80}\)/gi, '')
    .replace(/\b(?:was|previously)\s*:?\s+[^,;]{0,60}$/i, '')
    .trim();
}

const ID_TOKEN = /^#?([A-Za-z0-9][A-Za-z0-9-]{2,30})$/;

function parseBookingId(value: string): string | undefined {
  for (const raw of value.split(/[\s,;()]+/)) {
    const m = ID_TOKEN.exec(raw);
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

function cleanName(value: string): string | undefined {
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

function cleanPlace(value: string): string | undefined {
  const place = value.replace(/\s+/g, ' ').trim();
  if (place.length < 3 || place.length > 300 || !/\p{L}/u.test(place)) return undefined;
  return place;
}

type Offer = [
  field: BookingFieldName,
  value: unknown,
  strength: Strength,
  how: FieldEvidence['how'],
];

/** What one labelled value says, as offers; empty when the value does not parse. Pure. */
function readLabelledValue(
  target: Exclude<LabelTarget, 'note' | 'ignore'>,
  rawValue: string,
  strength: Strength,
  reference: LocalDate,
  section: 'gross' | 'payout' | undefined,
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
    case 'grossAmountCents':
    case 'payoutCents':
      offer(
        target === 'grossAmountCents' && section === 'payout' ? 'payoutCents' : target,
        findMoney(value)?.value,
      );
      break;
    case 'durationMinutes':
      {
        const length = findDuration(value)?.value;
        if (length !== undefined) offer('durationMinutes', length);
        else
          offer(
            'durationMinutes',
            findTimeRange(value)?.value.durationMinutes,
            strength,
            'derived',
          );
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
      break;
    }
  }
  return offers;
}

/** Free-text fields accept any words, so a label-like line is never taken as their value. */
const FREE_TEXT_TARGETS: ReadonlySet<LabelTarget> = new Set([
  'listingName',
  'guestName',
  'departure',
  'note',
]);

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
  "\\p{Lu}[\\p{L}'’.-]{0,30}(?: (?:\\p{Lu}[\\p{L}'’.-]{0,30}|de|da|van|von|del|la|le)){0,4}";
const NAME_BEFORE_VERB = new RegExp(
  `(${NAME})(?:'s)? (?:has |have |just |already )?(?:booked|reserved|requested|rebooked|cancell?ed|changed|modified|updated|rescheduled|wants to book|would like to book)\\b`,
  'u',
);
const NAME_AFTER_PREP = new RegExp(
  `\\b(?:booking|reservation|trip|request) (?:with|from|by|for) (${NAME})`,
  'u',
);
const LISTING_AFTER_VERB =
  /\b(?:booked|reserved|requested(?: to book)?|aboard|on board|for your (?:boat|listing|yacht|vessel))\s+(?:your (?:boat|listing|yacht|vessel)\s+)?((?:\p{Lu}|\d)[^\n.!?]{1,80}?)(?=\s+(?:for|on|from|with|starting|this|next|at|is|has|was|departing)\b|[.!?](?:\s|$)|,|\s*$)/u;
const PARTY_SENTENCE =
  /\b(?:party|group) of (\d{1,3})\b|\b(\d{1,3}) (?:guests|people|persons|passengers|adults|pax|travell?ers)\b/i;
const DEPARTURE_SENTENCE =
  /\b(?:at|from|meet(?:ing)?(?: you)? at|depart(?:s|ing)? from)\s+((?:\p{Lu}|\d)[^\n!]{2,240})/gu;
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
  /\b(?:paid|charged|total of|a total of|renter paid|guest paid|trip total of|total(?: paid| charged| price)?:?)\s+((?:US)?\$\s?[\d,]+(?:\.\d{1,2})?|USD\s?[\d,]+(?:\.\d{1,2})?)/i;
// Case-insensitive keyword; the id itself is then checked by parseBookingId (digits, or an
// all-capitals code), so "booking is confirmed" yields nothing.
const ID_SENTENCE =
  /\b(?:booking|reservation|confirmation|order|trip|request)\s*(?:#|id|no\.?|number|code|ref)?\s*[:#]?\s*#?([A-Z0-9][A-Z0-9-]{3,24})\b/gi;
const CAPTAIN_NO_SENTENCE =
  /\b(bare\s?boat|no captain|without (?:a )?captain|self[\s-](?:drive|skippered|captained))\b/i;
const CAPTAIN_YES_SENTENCE =
  /\b(captained (?:trip|charter)|with (?:a |your )?captain|captain (?:is )?(?:included|provided)|skipper (?:is )?(?:included|provided))\b/i;
const CHANGE_SENTENCE =
  /\b(?:changed|moved|updated|rescheduled)\s+from\s+([^\n]{2,60}?)\s+to\s+([^\n]{2,60}?)(?=[.;!]|\n|$)/i;

function stripLeadingStopWords(name: string): string | undefined {
  const words = name.split(' ');
  while (words.length > 0 && SENTENCE_STOP_WORDS.has(words[0] ?? '')) words.shift();
  return words.length > 0 ? words.join(' ') : undefined;
}

function offerSentences(
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
  const change = CHANGE_SENTENCE.exec(flat);
  if (change?.[2]) {
    const to = change[2];
    const date = findDate(to, reference);
    if (date) collector.offer('date', formatLocalDate(date.value), Strength.NewLabel, at(change));
    const time = findTime(to);
    if (time) collector.offer('startLocal', formatClock(time.value), Strength.NewLabel, at(change));
  }
  const who = NAME_BEFORE_VERB.exec(flat) ?? NAME_AFTER_PREP.exec(flat);
  if (who?.[1]) collector.offer('guestName', stripLeadingStopWords(who[1]), strength, at(who));
  const listing = LISTING_AFTER_VERB.exec(flat);
  if (listing?.[1]) collector.offer('listingName', cleanName(listing[1]), strength, at(listing));
  for (const id of flat.matchAll(ID_SENTENCE)) {
    const bookingId = id[1] && parseBookingId(id[1]);
    // "BOOKING DETAILS" is a heading in capitals, not a code: a letters-only id needs its
    // keyword written in lower case ("Confirmation code XHQGMDH").
    if (bookingId && !/\d/.test(bookingId) && id[0] === id[0].toUpperCase()) continue;
    if (bookingId) {
      collector.offer('bookingId', bookingId, strength, at(id));
      break;
    }
  }
  // Dates, times and lengths in a deadline, hold or sent-time context are skipped.
  const date = firstQualified(flat, (t) => findDate(t, reference));
  if (date)
    collector.offer(
      'date',
      formatLocalDate(date.value),
      strength,
      at(date, yearDefaulted(flat, date) ? 'defaulted' : 'inferred'),
    );
  const range = firstQualified(flat, findTimeRange);
  if (range) {
    collector.offer('startLocal', formatClock(range.value.start), strength, at(range));
    collector.offer('durationMinutes', range.value.durationMinutes, strength, at(range, 'derived'));
  } else {
    const time = firstQualified(flat, findTime);
    if (time) collector.offer('startLocal', formatClock(time.value), strength, at(time));
  }
  const duration = firstQualified(flat, findDuration);
  if (duration) collector.offer('durationMinutes', duration.value, strength, at(duration));
  const party = PARTY_SENTENCE.exec(flat);
  if (party) collector.offer('partySize', Number(party[1] ?? party[2]), strength, at(party));
  const departure = departureFromSentence(flat);
  if (departure)
    collector.offer(
      'departure',
      departure,
      strength,
      evidenceAt(flat, Math.max(0, flat.indexOf(departure)), departure.length, where, 'inferred'),
    );
  const payout = PAYOUT_SENTENCE.exec(flat);
  if (payout?.[1])
    collector.offer('payoutCents', findMoney(payout[1])?.value, strength, at(payout));
  const gross = GROSS_SENTENCE.exec(flat);
  if (gross?.[1])
    collector.offer('grossAmountCents', findMoney(gross[1])?.value, strength, at(gross));
  const no = CAPTAIN_NO_SENTENCE.exec(flat);
  const yes = no ? null : CAPTAIN_YES_SENTENCE.exec(flat);
  if (no) collector.offer('captainIncluded', false, strength, at(no));
  else if (yes) collector.offer('captainIncluded', true, strength, at(yes));
}

function sectionOf(label: string): 'gross' | 'payout' | undefined {
  const l = label.toLowerCase();
  if (/payout|earning|you(?:'ll| will) (?:earn|receive)|owner/.test(l)) return 'payout';
  if (/price|payment|paid|charged|renter total|trip cost|summary|receipt/.test(l)) return 'gross';
  return undefined;
}

/**
 * Extracts booking fields from one message body.
 *
 * @param reference the local date a date without a year is placed after (the email's Date).
 */
export function extractFields(
  body: string,
  subject: string | undefined,
  reference: LocalDate,
): ExtractedFields {
  const collector = new Collector();
  const lines = body.split('\n');
  const aloneCache = new Map<string, LabelTarget | undefined>();
  const sentenceLines: string[] = [];
  const noteLines: string[] = [];
  let section: 'gross' | 'payout' | undefined;
  let inNote = false;
  let captainFeeSeen = false;

  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    const trimmed = line.trim();
    if (trimmed === '') {
      inNote = false;
      continue;
    }
    if (SEPARATOR_LINE.test(trimmed) || /^>/.test(trimmed)) continue;

    const split = splitLabel(line);
    const target = split ? classifyLabel(split.label) : undefined;
    if (inNote && target === undefined) {
      noteLines.push(trimmed);
      continue;
    }
    inNote = false;

    // A row of labels followed by a row of values (an HTML table's header row and data row):
    // pair them by position when every value fits its label.
    const run = labelRun(i);
    if (run.labels.length >= 2) {
      const values = nonBlankAfter(run.end, run.labels.length);
      if (
        values.length === run.labels.length &&
        values.every((v, k) => fits(run.labels[k]?.target, v.text))
      ) {
        for (const [k, label] of run.labels.entries())
          handle(label.target, label.text, values[k]?.text ?? '', values[k]?.index ?? i);
        i = values.at(-1)?.index ?? i;
        continue;
      }
    }

    // A label alone on its line: the value is the next line (HTML tables, stacked layouts).
    // A "Label: value" line is never that value; a line that reads like a label is one only
    // when it does not parse as this label's value ("Captain" / "With captain" does).
    const aloneTarget = split ? undefined : aloneLabel(trimmed);
    if (aloneTarget !== undefined) {
      let j = i + 1;
      while (
        j < lines.length &&
        (lines[j]?.trim() === '' || SEPARATOR_LINE.test(lines[j]?.trim() ?? ''))
      )
        j += 1;
      const next = lines[j]?.trim() ?? '';
      if (next !== '' && j - i <= 2 && fits(aloneTarget, next)) {
        const [value, last] = withContinuation(aloneTarget, next, j);
        handle(aloneTarget, trimmed, value, j);
        i = last;
        continue;
      }
      section = sectionOf(trimmed) ?? section;
      continue;
    }
    if (split && target !== undefined) {
      if (split.value === '' && target !== 'note') {
        section = sectionOf(split.label) ?? section;
        continue;
      }
      const [value, last] = withContinuation(target, split.value, i);
      handle(target, split.label, value, i);
      i = last;
      continue;
    }
    if (split && /captain|skipper/i.test(split.label) && (findMoney(split.value)?.value ?? 0) > 0) {
      captainFeeSeen = true;
    }
    const heading = sectionOf(trimmed);
    if (heading && trimmed.length < 40 && !split) section = heading;
    sentenceLines.push(trimmed);
  }

  function aloneLabel(text: string): LabelTarget | undefined {
    const t = text.trim();
    if (aloneCache.has(t)) return aloneCache.get(t);
    const target = classifyAlone(t);
    if (aloneCache.size < 10_000) aloneCache.set(t, target);
    return target;
  }

  function classifyAlone(t: string): LabelTarget | undefined {
    // Labels are short and carry no digits or sentence punctuation.
    if (t === '' || /[\d.!?]/.test(t) || t.split(/\s+/).length > 5 || splitLabel(t) !== undefined)
      return undefined;
    return classifyLabel(t.replace(/[:：]$/, ''));
  }

  /** Consecutive label-only lines from `start` (blank lines between them allowed). */
  function labelRun(start: number): {
    labels: { target: LabelTarget; text: string }[];
    end: number;
  } {
    const labels: { target: LabelTarget; text: string }[] = [];
    let end = start;
    for (let k = start; k < lines.length && labels.length < 12; k += 1) {
      const text = lines[k]?.trim() ?? '';
      if (text === '') continue;
      const target = aloneLabel(text);
      if (target === undefined) break;
      labels.push({ target, text });
      end = k;
    }
    return { labels, end };
  }

  function nonBlankAfter(start: number, count: number): { text: string; index: number }[] {
    const found: { text: string; index: number }[] = [];
    for (let k = start + 1; k < lines.length && found.length < count; k += 1) {
      const text = lines[k]?.trim() ?? '';
      if (text !== '' && !SEPARATOR_LINE.test(text)) found.push({ text, index: k });
    }
    return found;
  }

  /** Whether `value` can be the value of a label with this target. */
  function fits(target: LabelTarget | undefined, value: string): boolean {
    if (target === undefined || splitLabel(value) !== undefined) return false;
    if (target === 'ignore' || target === 'note' || FREE_TEXT_TARGETS.has(target))
      return aloneLabel(value) === undefined;
    return readLabelledValue(target, value, Strength.Label, reference, section).length > 0;
  }

  /** Addresses wrap: "Marina, Gate B," then "2040 Harbor Island Dr, ..." on the next line. */
  function withContinuation(target: LabelTarget, value: string, at: number): [string, number] {
    const next = lines[at + 1] ?? '';
    const continues =
      target === 'departure' &&
      next.trim() !== '' &&
      splitLabel(next) === undefined &&
      (value.endsWith(',') || /^[ \t]+\S/.test(next));
    return continues ? [`${value} ${next.trim()}`, at + 1] : [value, at];
  }

  function handle(target: LabelTarget, label: string, value: string, at: number): void {
    if (target === 'ignore') {
      if (/captain|skipper/i.test(label) && (findMoney(value)?.value ?? 0) > 0)
        captainFeeSeen = true;
      return;
    }
    if (target === 'note') {
      if (value) noteLines.push(value);
      inNote = true;
      return;
    }
    const strength = /\b(new|updated|revised|changed|current)\b/i.test(label)
      ? Strength.NewLabel
      : Strength.Label;
    const evidence = {
      excerpt: excerptOf(`${label.trim()}: ${value}`),
      where: (lines[at]?.includes(label.trim()) ? 'body' : 'table') as Where,
      line: at + 1,
    };
    for (const [field, v, s, how] of readLabelledValue(target, value, strength, reference, section))
      collector.offer(field, v, s, { ...evidence, how });
  }

  offerSentences(collector, sentenceLines.join('\n'), reference, Strength.Sentence, 'body');
  if (subject) offerSentences(collector, subject, reference, Strength.Subject, 'subject');
  if (captainFeeSeen)
    collector.offer('captainIncluded', true, Strength.Subject, {
      excerpt: 'a captain fee in the price lines',
      where: 'body',
      how: 'inferred',
    });

  const { fields, found, evidence, conflicts } = collector.result();
  return {
    fields,
    found,
    evidence,
    conflicts,
    renterNote: noteLines.length > 0 ? noteLines.join('\n') : undefined,
  };
}
