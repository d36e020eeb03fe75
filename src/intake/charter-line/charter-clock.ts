/**
 * Clock readers for `/charter` lines: a time range in any shorthand an operator types
 * ("10-3", "8a-12p", "noon to 4", "1400-1700", "08:00-11:00") and a single start ("10am").
 * Separate from the email readers in values.ts: a typed line has no sentence around a bare
 * "10-3" to say it is a time, so the meridiem rule below is the line's own.
 */
import type { ClockMinutes } from '../values.ts';

/** One side of a range or a single time, before its meridiem is settled. */
interface ClockSide {
  /** Minutes after midnight for each reading that side allows (one when it is unambiguous). */
  readings: ClockMinutes[];
  /** True for a bare hour ("10", "9:30"): no am/pm, no 24-hour form. */
  bare: boolean;
}

// A side: noon, a 4-digit 24-hour time, or an hour with optional minutes and am/pm ("8a", "2:30 p.m.").
const SIDE =
  '(?:(noon|midday)|([01]\\d|2[0-3])([0-5]\\d)|(\\d{1,2})(?:[:.]([0-5]\\d))?(?:\\s?([ap])(?:\\.?m\\.?)?(?![a-z]))?)';
const RANGE = new RegExp(
  `(?<![\\w:.$#/-])${SIDE}\\s{0,3}(?:-|–|—|to|until|till|til|’til|'til|thru|through)\\s{0,3}${SIDE}(?![\\w:%/]|[-,.]\\d)`,
  'giu',
);
const SINGLE =
  /(?<![\w:.$#/,-])(?:(noon|midday|midnight)|(\d{1,2})(?:[:.]([0-5]\d))?\s?([ap])(?:\.?m\.?)?(?![a-z])|([01]?\d|2[0-3]):([0-5]\d)|at\s([01]\d|2[0-3])([0-5]\d))(?![\w:])/giu;

function side(groups: (string | undefined)[]): ClockSide | undefined {
  const [noon, milH, milM, hour, minute, meridiem] = groups;
  if (noon) return { readings: [720], bare: false };
  if (milH !== undefined) return { readings: [Number(milH) * 60 + Number(milM)], bare: false };
  if (hour === undefined) return undefined;
  const h = Number(hour);
  const m = Number(minute ?? 0);
  if (meridiem) {
    if (h < 1 || h > 12) return undefined;
    return {
      readings: [((h % 12) + (meridiem.toLowerCase() === 'p' ? 12 : 0)) * 60 + m],
      bare: false,
    };
  }
  // "08:00", "14:00", "0:30": a 24-hour time, read as written.
  if (h > 23) return undefined;
  if (hour.length === 2 && hour.startsWith('0') && minute !== undefined)
    return { readings: [h * 60 + m], bare: false };
  if (h === 0 || h > 12) return { readings: [h * 60 + m], bare: false };
  return { readings: [(h % 12) * 60 + m, ((h % 12) + 12) * 60 + m], bare: true };
}

/**
 * A bare start hour on a charter line: 7–11 is morning, 12 is noon, 1–6 is afternoon. Nobody
 * types "3-6" for a 3am trip; a dawn trip is typed "5am-9am".
 */
function charterHoursStart(readings: ClockMinutes[]): ClockMinutes {
  const am = readings[0] ?? 0;
  const hour = Math.trunc(am / 60);
  if (hour >= 7) return am; // 7–11 am
  return readings[1] ?? am; // 12 (noon) and 1–6 pm
}

/** The end reading that comes first after the start: "9-1pm" is 9am, "noon to 4" ends at 4pm. */
function soonest(start: ClockMinutes, ends: ClockMinutes[]): number | undefined {
  const lengths = ends.map((end) => (end - start + 1440) % 1440).filter((d) => d > 0);
  return lengths.length === 0 ? undefined : Math.min(...lengths);
}

export interface ClockRange {
  start: ClockMinutes;
  durationMinutes: number;
  index: number;
  length: number;
}

/** Longest trip a range may describe; "10am-9am" (23 h) is a typo, not a charter. */
const MAX_RANGE_MINUTES = 16 * 60;

/**
 * Every time range in `text`, each with its start and length. A side without am/pm takes the
 * reading that makes the trip shortest; when both sides are bare hours the start follows
 * charterHoursStart. Ranges longer than 16 hours are returned with `durationMinutes` 0 so the
 * caller can say why it refused them.
 */
export function findClockRanges(text: string): ClockRange[] {
  const out: ClockRange[] = [];
  for (const m of text.matchAll(RANGE)) {
    const from = side(m.slice(1, 7));
    const to = side(m.slice(7, 13));
    if (!from || !to) continue;
    let start: ClockMinutes;
    let length: number | undefined;
    if (from.bare && to.bare) {
      start = charterHoursStart(from.readings);
      length = soonest(start, to.readings);
    } else if (from.bare) {
      // The start reading closest before the end: "2 to 6pm" is 2pm, "9-1pm" is 9am.
      const end = to.readings[0] ?? 0;
      const options = from.readings
        .map((s) => ({ s, d: (end - s + 1440) % 1440 }))
        .filter((o) => o.d > 0)
        .sort((a, b) => a.d - b.d);
      start = options[0]?.s ?? from.readings[0] ?? 0;
      length = options[0]?.d;
    } else {
      start = from.readings[0] ?? 0;
      length = soonest(start, to.readings);
    }
    if (length === undefined) continue;
    out.push({
      start,
      durationMinutes: length <= MAX_RANGE_MINUTES ? length : 0,
      index: m.index,
      length: m[0].length,
    });
  }
  return out;
}

export interface ClockTime {
  value: ClockMinutes;
  /** "1:00"–"6:59" with no am/pm and no leading zero: could be night or afternoon. */
  ambiguous: boolean;
  index: number;
  length: number;
}

/** Every single time of day in `text`: "10am", "9:30 a.m.", "14:00", "noon", "at 1400". A bare "9" is not one. */
export function findClockTimes(text: string): ClockTime[] {
  const out: ClockTime[] = [];
  for (const m of text.matchAll(SINGLE)) {
    const [, noon, hour, minute, meridiem, h24, m24, milH, milM] = m;
    let value: number | undefined;
    if (noon) value = noon.toLowerCase() === 'midnight' ? 0 : 720;
    else if (meridiem && hour !== undefined) {
      const h = Number(hour);
      if (h >= 1 && h <= 12)
        value = ((h % 12) + (meridiem.toLowerCase() === 'p' ? 12 : 0)) * 60 + Number(minute ?? 0);
    } else if (h24 !== undefined) value = Number(h24) * 60 + Number(m24);
    else if (milH !== undefined) value = Number(milH) * 60 + Number(milM);
    // "2:00" alone: 2am as written, but on a charter line far likelier 2pm. Neither is safe.
    const ambiguous = h24 !== undefined && h24.length === 1 && Number(h24) >= 1 && Number(h24) <= 6;
    if (value !== undefined) out.push({ value, index: m.index, length: m[0].length, ambiguous });
  }
  return out;
}
