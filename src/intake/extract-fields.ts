/**
 * Reads booking fields out of message text by meaning: labelled values in any layout
 * ("Label: value", aligned columns, a label cell above its value cell), then sentences
 * ("Jordan Smith just booked Blue Heron for ..."), then the subject. A labelled value beats a
 * sentence, which beats the subject; within one kind of evidence the first in the text wins,
 * except that a label saying "new"/"updated" beats one that does not.
 * A renter's note is set aside and never mined: it mentions other dates and amounts.
 *
 * One piece (~310 lines): the line loop and its helpers share the lines, the label cache and
 * the current price section; the layouts, value readers and sentences are in their own files.
 */
import { Collector, excerptOf, Strength, type Where } from './field-candidates.ts';
import { classifyLabel, type LabelTarget } from './field-labels.ts';
import type {
  BookingFields,
  FieldConflict,
  FieldEvidence,
  FieldEvidenceMap,
} from './intake-result.ts';
import { currentValue, readLabelledValue } from './labelled-values.ts';
import { layoutLines } from './layout-rows.ts';
import { bookingIdsInLinks, linksIn } from './link-ids.ts';
import { offerSentences } from './sentence-readings.ts';
import { findDate, findMoney, findTime, type LocalDate } from './values.ts';

export interface ExtractedFields {
  fields: BookingFields;
  evidence: FieldEvidenceMap;
  conflicts: FieldConflict[];
  renterNote: string | undefined;
  /** How many fields were found (to choose between a plain and an HTML body). */
  found: number;
}

const SEPARATOR_LINE = /^[\s\-=_*~.·•|+]+$/;
const LABEL_VALUE = /^[ \t]*([^\n:：]{1,60}?)[ \t]*[:：][ \t]*(.*)$/;
const ALIGNED = /^[ \t]*(\S(?:[^\t\n]{0,58}?\S)?)(?:\t+|[ \t]{2,}|[ \t]+\|[ \t]+)(\S.*)$/;

// "Hi Harbor Light Charters," or "Dear Captain Vega:" opens a letter; it labels nothing.
const GREETING =
  /^\s*(?:hi|hello|hey|dear|ahoy|greetings|good (?:morning|afternoon|evening|day)|hiya|howdy)\b/i;

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
    !GREETING.test(label) &&
    !/,\s*$/.test(label) &&
    label.trim().split(/\s+/).length <= 6
  ) {
    return { label: (lv[1] ?? '').trim(), value: (lv[2] ?? '').trim() };
  }
  const aligned = ALIGNED.exec(line);
  if (aligned) return { label: (aligned[1] ?? '').trim(), value: (aligned[2] ?? '').trim() };
  return undefined;
}

/** Free-text fields accept any words, so a label-like line is never taken as their value. */
const FREE_TEXT_TARGETS: ReadonlySet<LabelTarget> = new Set([
  'listingName',
  'guestName',
  'departure',
  'note',
]);

function sectionOf(label: string): 'gross' | 'payout' | undefined {
  // "Dear owner," opens a letter; it heads no section of prices.
  if (GREETING.test(label) || /,\s*$/.test(label)) return undefined;
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
  links: readonly string[] = [],
): ExtractedFields {
  const collector = new Collector();
  const { lines, origin } = layoutLines(body.split('\n'));
  const aloneCache = new Map<string, LabelTarget | undefined>();
  const sentenceLines: string[] = [];
  const noteLines: string[] = [];
  let section: 'gross' | 'payout' | undefined;
  let inNote = false;
  let captainFeeSeen = false;
  const endTimes: { minutes: number; evidence: FieldEvidence }[] = [];

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
      if (next !== '' && j - i <= 2 && fits(aloneTarget, next, j)) {
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
    if (
      t === '' ||
      /[\d.!?,]/.test(t) ||
      GREETING.test(t) ||
      t.split(/\s+/).length > 5 ||
      splitLabel(t) !== undefined
    )
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

  /**
   * Whether `value` can be the value of a label with this target. A name that reads like a
   * label ("Package" over "Island Time") is the value when, read as a label, it would have no
   * value of its own: the line after it is no value for it ("Island Time" over "Date").
   */
  function fits(target: LabelTarget | undefined, value: string, at?: number): boolean {
    if (target === undefined || splitLabel(value) !== undefined) return false;
    if (target === 'ignore' || target === 'note' || FREE_TEXT_TARGETS.has(target)) {
      // "Sunset Cruise" over "Saturday, March 6, 2027 @ 5:45pm": a line that states when is
      // no name; the heading above it names the trip, and the line is read for its date.
      if ((target === 'listingName' || target === 'guestName') && statesWhen(value)) return false;
      const asLabel = aloneLabel(value);
      if (asLabel === undefined) return true;
      if (at === undefined || target === 'ignore' || target === 'note') return false;
      const after = nonBlankAfter(at, 1)[0]?.text;
      return after !== undefined && aloneLabel(after) !== undefined && !fits(asLabel, after);
    }
    return readLabelledValue(target, value, Strength.Label, reference, section).length > 0;
  }

  function statesWhen(value: string): boolean {
    return findTime(value) !== undefined || findDate(value, reference) !== undefined;
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
    if (target === 'end') {
      const time = findTime(currentValue(value));
      if (time)
        endTimes.push({
          minutes: time.value,
          evidence: {
            excerpt: excerptOf(`${label.trim()}: ${value}`),
            where: 'body',
            line: (origin[at] ?? at) + 1,
            how: 'derived',
          },
        });
      return;
    }
    const strength = /\b(new|updated|revised|changed|current)\b/i.test(label)
      ? Strength.NewLabel
      : Strength.Label;
    const evidence = {
      excerpt: excerptOf(`${label.trim()}: ${value}`),
      where: (lines[at]?.includes(label.trim()) ? 'body' : 'table') as Where,
      line: (origin[at] ?? at) + 1,
    };
    const inHours = /\b(?:hours?|hrs?)\b/i.test(label);
    for (const [field, v, s, how] of readLabelledValue(
      target,
      value,
      strength,
      reference,
      section,
      inHours,
    ))
      collector.offer(field, v, s, { ...evidence, how });
  }

  // "Embarkation 10:00 AM" and "Disembarkation 2:00 PM": the length is the time between.
  const start = collector.best('startLocal');
  const end = endTimes[0];
  if (end && start && start.strength >= Strength.Label && typeof start.value === 'string') {
    const [h, m] = start.value.split(':').map(Number);
    const length = end.minutes - ((h ?? 0) * 60 + (m ?? 0));
    if (length > 0 && length <= 24 * 60)
      collector.offer('durationMinutes', length, Strength.Label, end.evidence);
  }
  offerSentences(collector, sentenceLines.join('\n'), reference, Strength.Sentence, 'body');
  if (subject) offerSentences(collector, subject, reference, Strength.Subject, 'subject');
  for (const { id, url } of bookingIdsInLinks([...linksIn(body), ...links]).slice(0, 3))
    collector.offer('bookingId', id, Strength.Link, {
      excerpt: excerptOf(url, url.indexOf(id), id.length),
      where: 'link',
      how: 'inferred',
    });
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
