/**
 * The periods a P&L report covers, read from what a person types (`this month`, `last month`,
 * `2027-05`, `Q3`, `Q3 2027`, `2027`) or from two dates (the CLI's `--from`/`--to`). A period
 * is a run of whole local days in the tenant's zone; `from` and `to` are the UTC instants of
 * its first midnight and of the midnight after its last day (exclusive).
 */
import { InputError } from '../errors.ts';
import { monthName } from '../time/month-names.ts';
import { localDateOf, zonedToInstant } from '../time/zoned.ts';

export interface ReportPeriod {
  /** For people: "May 2027", "Q3 2027", "2027", "2027-05-01 – 2027-05-14". */
  label: string;
  /** What parsePeriod reads back to this period ("2027-05", "Q3 2027", "2027"), for buttons. */
  spec: string;
  /** First local day and the day after the last, YYYY-MM-DD. */
  firstDay: string;
  endDay: string;
  from: Date;
  to: Date;
}

export const PERIOD_EXAMPLES = [
  'this month',
  'last month',
  '2027-05',
  'Q3',
  'Q3 2027',
  '2027',
] as const;

/** A period's words were not understood: the message lists what is. */
export class ReportPeriodError extends InputError {
  constructor(input: string) {
    super(
      'unknown_period',
      `"${input.slice(0, 60)}" is not a period deckhand knows. Try one of: ${PERIOD_EXAMPLES.join(', ')}.`,
    );
  }
}

const pad = (n: number): string => String(n).padStart(2, '0');
const day = (year: number, month: number, dayOfMonth = 1): string => {
  // Month may run past 12 (the month after December): normalise through Date.UTC.
  const d = new Date(Date.UTC(year, month - 1, dayOfMonth));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};

function periodOf(
  label: string,
  spec: string,
  firstDay: string,
  endDay: string,
  timeZone: string,
): ReportPeriod {
  return {
    label,
    spec,
    firstDay,
    endDay,
    from: zonedToInstant(firstDay, '00:00', timeZone),
    to: zonedToInstant(endDay, '00:00', timeZone),
  };
}

/** The local month `offset` months from the one `now` falls in (0: this month, -1: last). */
export function monthPeriod(now: Date, timeZone: string, offset = 0): ReportPeriod {
  const today = localDateOf(now, timeZone);
  const first = new Date(Date.UTC(today.year, today.month - 1 + offset, 1));
  return calendarMonth(first.getUTCFullYear(), first.getUTCMonth() + 1, timeZone);
}

function calendarMonth(year: number, month: number, timeZone: string): ReportPeriod {
  return periodOf(
    `${monthName(month)} ${year}`,
    `${year}-${pad(month)}`,
    day(year, month),
    day(year, month + 1),
    timeZone,
  );
}

/**
 * Reads a period. Empty text is this month. A quarter without a year is this year's.
 * Throws ReportPeriodError (with examples) for anything else.
 *
 * @example parsePeriod('Q3 2027', now, 'America/Los_Angeles').firstDay // '2027-07-01'
 */
export function parsePeriod(text: string, now: Date, timeZone: string): ReportPeriod {
  const input = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (input === '' || input === 'this month') return monthPeriod(now, timeZone, 0);
  if (input === 'last month') return monthPeriod(now, timeZone, -1);
  const today = localDateOf(now, timeZone);
  const month = /^(\d{4})-(\d{2})$/.exec(input);
  if (month) {
    const m = Number(month[2]);
    if (m >= 1 && m <= 12) return calendarMonth(Number(month[1]), m, timeZone);
  }
  const quarter = /^q([1-4])(?: (\d{4}))?$/.exec(input);
  if (quarter) {
    const q = Number(quarter[1]);
    const year = quarter[2] ? Number(quarter[2]) : today.year;
    return periodOf(
      `Q${q} ${year}`,
      `Q${q} ${year}`,
      day(year, 3 * q - 2),
      day(year, 3 * q + 1),
      timeZone,
    );
  }
  const year = /^(\d{4})$/.exec(input);
  if (year) {
    const y = Number(year[1]);
    return periodOf(String(y), String(y), day(y, 1), day(y + 1, 1), timeZone);
  }
  throw new ReportPeriodError(text.trim());
}

/** `--from`/`--to` as local dates, both included. Throws InputError when either is not a date or they run backwards. */
export function datesPeriod(from: string, to: string, timeZone: string): ReportPeriod {
  for (const [name, value] of [
    ['--from', from],
    ['--to', to],
  ] as const) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!m || day(Number(m[1]), Number(m[2]), Number(m[3])) !== value)
      throw new InputError('bad_date', `${name} "${value}" is not a date; use YYYY-MM-DD.`);
  }
  if (to < from) throw new InputError('bad_dates', `--to ${to} is before --from ${from}.`);
  const [y, m, d] = to.split('-').map(Number) as [number, number, number];
  return periodOf(`${from} – ${to}`, `${from}..${to}`, from, day(y, m, d + 1), timeZone);
}

/** The local month (YYYY-MM) an instant falls in. */
export function monthKeyOf(instant: Date, timeZone: string): string {
  const d = localDateOf(instant, timeZone);
  return `${d.year}-${pad(d.month)}`;
}
