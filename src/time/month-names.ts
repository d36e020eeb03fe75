/** English month names, as deckhand writes them (reports, charts) and reads them back (intake hints). */
export const MONTH_NAMES = [
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

/** `monthName(5)` is "May"; a number outside 1–12 is undefined. */
export const monthName = (month: number): string | undefined => MONTH_NAMES[month - 1];

/** `monthAbbr(9)` is "Sep"; a number outside 1–12 is undefined. */
export const monthAbbr = (month: number): string | undefined => monthName(month)?.slice(0, 3);
