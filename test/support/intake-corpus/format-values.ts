/** How senders write dates, times, durations and money: many spellings of one value. */
import { dayNumber, weekday } from './random-booking.ts';
import type { SeededRandom } from './seeded-random.ts';

// Its own month names, not src/time/month-names.ts: the generator must share no table with the
// parser it checks, or a wrong entry would be written and read the same wrong way.
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
const DAYS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;

function parts(date: string): { y: number; m: number; d: number; wd: number } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return { y, m, d, wd: weekday(date) };
}

export const monthName = (m: number): string => MONTHS[m - 1] as string;
export const dayName = (wd: number): string => DAYS[wd] as string;

/** A date with its year, in one of the ways US and European senders print it. */
export function formatDate(r: SeededRandom, date: string, allowNoYear: boolean): string {
  const { y, m, d, wd } = parts(date);
  const mon = monthName(m);
  const styles: (() => string)[] = [
    () => `${dayName(wd).slice(0, 3)}, ${mon.slice(0, 3)} ${d}, ${y}`,
    () => `${mon} ${d}, ${y}`,
    () => `${dayName(wd)}, ${mon} ${d}, ${y}`,
    () => date,
    () => `${m}/${d}/${y}`,
    () => `${String(m).padStart(2, '0')}/${String(d).padStart(2, '0')}/${y}`,
    () => `${d} ${mon} ${y}`,
    () => `${dayName(wd)} ${d} ${mon} ${y}`,
    () => `${mon.slice(0, 3)} ${d}, ${y}`,
  ];
  if (allowNoYear) {
    styles.push(
      () => `${dayName(wd).slice(0, 3)}, ${mon.slice(0, 3)} ${d}`,
      () => `${dayName(wd)}, ${mon} ${d}`,
    );
  }
  return r.pick(styles)();
}

/** A time of day: 12-hour with am/pm in several spellings, 24-hour, or noon. */
export function formatTime(r: SeededRandom, minutes: number, style?: TimeStyle): string {
  const h = Math.floor(minutes / 60);
  const min = minutes % 60;
  const h12 = ((h + 11) % 12) + 1;
  const mm = String(min).padStart(2, '0');
  const chosen = style ?? r.pick(timeStyles);
  if (minutes === 12 * 60 && chosen !== '24h' && r.chance(0.3))
    return r.pick(['noon', 'Noon', '12 noon']);
  switch (chosen) {
    case 'upper':
      return `${h12}:${mm} ${h < 12 ? 'AM' : 'PM'}`;
    case 'lower':
      return min === 0 ? `${h12}${h < 12 ? 'am' : 'pm'}` : `${h12}:${mm}${h < 12 ? 'am' : 'pm'}`;
    case 'dotted':
      return `${h12}:${mm} ${h < 12 ? 'a.m.' : 'p.m.'}`;
    case '24h':
      return `${String(h).padStart(2, '0')}:${mm}`;
  }
}
export type TimeStyle = 'upper' | 'lower' | 'dotted' | '24h';
export const timeStyles: readonly TimeStyle[] = ['upper', 'lower', 'dotted', '24h'];

/** A trip length as written: hours, minutes, mixed, or half/full day with the hours. */
export function formatDuration(r: SeededRandom, minutes: number): string {
  const hours = minutes / 60;
  const styles: (() => string)[] = [() => `${minutes} minutes`];
  if (Number.isInteger(hours)) {
    styles.push(
      () => `${hours} ${hours === 1 ? 'hour' : 'hours'}`,
      () => `${hours} hrs`,
      () => `${hours}h`,
      () => `${hours} hr`,
    );
  } else if (Number.isInteger(hours * 2)) {
    styles.push(
      () => `${hours} hours`,
      () => `${hours} hrs`,
    );
  }
  if (minutes % 60 !== 0 && minutes > 60) {
    styles.push(
      () => `${Math.floor(hours)}h ${minutes % 60}m`,
      () => `${Math.floor(hours)} hr ${minutes % 60} min`,
    );
  }
  if (minutes === 240)
    styles.push(
      () => 'Half day (4 hours)',
      () => '4 hours (half day)',
    );
  if (minutes === 480)
    styles.push(
      () => 'Full day (8 hours)',
      () => '8 hours (full day)',
    );
  if (minutes <= 120) styles.push(() => `${minutes} min`);
  return r.pick(styles)();
}

/** Money in dollars as written: always with a currency mark, with or without cents. */
export function formatMoney(r: SeededRandom, cents: number): string {
  const dollars = Math.floor(cents / 100);
  const rest = String(cents % 100).padStart(2, '0');
  const grouped = dollars.toLocaleString('en-US');
  const styles: (() => string)[] = [
    () => `$${grouped}.${rest}`,
    () => `USD ${grouped}.${rest}`,
    () => `$${grouped}.${rest} USD`,
    () => `$${dollars}.${rest}`,
  ];
  if (cents % 100 === 0)
    styles.push(
      () => `$${grouped}`,
      () => `US$${grouped}`,
    );
  return r.pick(styles)();
}

/** The weekday before the date, for distractor deadlines. */
export function shortDate(date: string): string {
  const { m, d, wd } = parts(date);
  return `${dayName(wd).slice(0, 3)}, ${monthName(m).slice(0, 3)} ${d}`;
}

/** RFC 5322 Date header for a local day at a local time with a fixed offset. */
export function headerDate(date: string, minutes: number, offset: string): string {
  const { y, m, d, wd } = parts(date);
  const s = String(Math.floor(dayNumber(date) % 60)).padStart(2, '0');
  return `${dayName(wd).slice(0, 3)}, ${String(d).padStart(2, '0')} ${monthName(m).slice(0, 3)} ${y} ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:${s} ${offset}`;
}
