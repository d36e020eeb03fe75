/** Unit tests for the intake value parsers: dates, times, ranges, durations, money, counts. */
import { describe, expect, it } from 'vitest';
import {
  findDate,
  findDuration,
  findMoney,
  findTime,
  findTimeRange,
  type LocalDate,
  parseCaptainValue,
  parseCount,
  parseHeaderDate,
  weekdayMismatches,
} from '../../src/intake/values.ts';

const date = (year: number, month: number, day: number): LocalDate => ({ year, month, day });
const REF = date(2026, 5, 20);

describe('findDate', () => {
  it.each([
    ['2026-06-14', date(2026, 6, 14), 0, 10],
    ['Date: 2026-6-4', date(2026, 6, 4), 6, 8],
    ['8/15/2026', date(2026, 8, 15), 0, 9],
    ['8/15/26', date(2026, 8, 15), 0, 7],
    ['Jun 5, 2026', date(2026, 6, 5), 0, 11],
    ['June 5th 2026', date(2026, 6, 5), 0, 13],
    ['14 June 2026', date(2026, 6, 14), 0, 12],
    ['5 Jun, 2026', date(2026, 6, 5), 0, 11],
    ['14th of June', date(2026, 6, 14), 0, 12],
    ['Sunday, June 14', date(2026, 6, 14), 8, 7],
    ['Sat, 30 May 2026 09:58:00 -0700', date(2026, 5, 30), 5, 11],
    ['Sept 3', date(2026, 9, 3), 0, 6],
    ['12/25/2026 and 2026-01-01', date(2026, 12, 25), 0, 10],
  ])('finds %j as %o at index %i, length %i', (text, value, index, length) => {
    // Act + Assess
    expect(findDate(text, REF)).toEqual({ value, index, length });
  });

  it.each([
    ['May 20', REF, date(2026, 5, 20)],
    ['May 19', REF, date(2027, 5, 19)],
    ['8/15', REF, date(2026, 8, 15)],
    ['Jan 3', date(2026, 12, 28), date(2027, 1, 3)],
    ['Dec 30', date(2026, 12, 28), date(2026, 12, 30)],
    ['Feb 29', date(2024, 1, 1), date(2024, 2, 29)],
    ['Feb 29', date(2025, 3, 1), date(2028, 2, 29)],
    ['2/29', REF, date(2028, 2, 29)],
  ])('without a year, %j is the next one on or after %o: %o', (text, reference, expected) => {
    // Act + Assess
    expect(findDate(text, reference)?.value).toEqual(expected);
  });

  it.each([
    'Feb 29, 2027',
    '2026-02-30',
    '2026-13-01',
    '13/45/2026',
    'Aug 32',
    '1/2/1969',
    'May 2026',
    'mayday 5',
    'v1.2/3',
    'no date here',
    // An instant in a stated zone: its local day may not be the tenant's.
    '2026-07-23T15:15:30.000Z',
    // The weekday contradicts the date (June 5, 2027 is a Saturday).
    'Friday, June 5, 2027',
    // A day of the month alone names no month; with a weekday, it must be that day's.
    'on the 19th',
    'Sat 10am',
  ])('rejects %j', (text) => {
    // Act + Assess
    expect(findDate(text, REF)).toBeUndefined();
  });

  it.each([
    // REF is Wednesday, May 20, 2026: the next such day of the month, whose weekday it must be.
    ['Saturday the 23rd at 10am', date(2026, 5, 23)],
    ['sat 6th', date(2026, 6, 6)],
    ['Wednesday, the 20th', date(2026, 5, 20)],
  ])('reads a day of the month with its weekday: %j', (text, expected) => {
    // Act + Assess
    expect(findDate(text, REF)?.value).toEqual(expected);
  });

  it.each(['Friday the 23rd', 'Sun 6th', 'Saturday the 31st'])(
    'refuses a weekday that is not its day of the month: %j',
    (text) => {
      // Act + Assess (May 31, 2026 is a Sunday)
      expect(findDate(text, REF)).toBeUndefined();
      expect(weekdayMismatches(text, REF)).toHaveLength(1);
    },
  );

  it('accepts Feb 29 with an explicit leap year', () => {
    // Act + Assess
    expect(findDate('Feb 29, 2028', REF)?.value).toEqual(date(2028, 2, 29));
  });
});

describe('findTime', () => {
  it.each([
    ['9:00 AM', 540],
    ['9am', 540],
    ['9 a.m.', 540],
    ['2:30 p.m.', 870],
    ['14:00', 840],
    ['23:59', 1439],
    ['noon', 720],
    ['Midday', 720],
    ['midnight', 0],
    ['12:00 AM', 0],
    ['12 PM', 720],
    ['Mon, Jun 1, 2026 at 9:58 AM', 598],
    ['call 555-1234 at 10am', 600],
    ['10:00 - 14:00', 600],
  ])('reads %j as %i minutes after midnight', (text, expected) => {
    // Act + Assess
    expect(findTime(text)?.value).toBe(expected);
  });

  it.each([
    '9',
    '24:00',
    '7:60 pm',
    '13:00 PM',
    '$12:00',
    '5 amps',
    // A time with seconds is a timestamp, not a departure time.
    '2026-07-23T15:15:30.000Z',
    'Sat, 30 May 2026 09:58:00 -0700',
  ])('finds no time in %j', (text) => {
    // Act + Assess
    expect(findTime(text)).toBeUndefined();
  });

  it('reads "9.05 am" as 09:05, not 05:00', () => {
    expect(findTime('9.05 am')?.value).toBe(545);
  });
});

describe('findTimeRange', () => {
  it.each([
    ['1:00 PM - 5:00 PM', 780, 240],
    ['10am to 2pm', 600, 240],
    ['9-1pm', 540, 240],
    ['11-2pm', 660, 180],
    ['10:00–14:00', 600, 240],
    ['11:30 AM – 3:30 PM', 690, 240],
    ['5-9pm', 1020, 240],
    ['8-11am', 480, 180],
    ['6pm-2am', 1080, 480],
    ['9.30-13.30', 570, 240],
    ['1 - 2:30pm', 780, 90],
    ['Jun 5 2-6pm', 840, 240],
    ['6/21/2027, Noon-3pm', 720, 180],
    ['noon to 4', 720, 240],
    ['Noon – 4:30 PM', 720, 270],
    ['10am until noon', 600, 120],
    ['9:30-noon', 570, 150],
    ['2 guests, noon-3pm', 720, 180],
  ])('reads %j as start %i for %i minutes', (text, start, durationMinutes) => {
    // Act + Assess
    expect(findTimeRange(text)?.value).toEqual({ start, durationMinutes });
  });

  it.each([
    '2-3 guests',
    '10-12',
    '3-4',
    '10:00-10:00',
    'Phone 555-1212',
    'from 9 to 5',
    '2 to noon',
    'from noon',
    'noon-12',
  ])('finds no range in %j', (text) => {
    // Act + Assess
    expect(findTimeRange(text)).toBeUndefined();
  });

  it.each([['2026-06-14 10:00-14:00'], ['Guests: 2-3, Time: 10am-2pm']])(
    'finds the range after a non-time "n-m" in %j',
    (text) => {
      expect(findTimeRange(text)?.value).toEqual({ start: 600, durationMinutes: 240 });
    },
  );

  it('reads "9am - 1" as 09:00–13:00', () => {
    expect(findTimeRange('9am - 1')?.value).toEqual({ start: 540, durationMinutes: 240 });
  });
});

describe('findDuration', () => {
  it.each([
    ['Half day (4 hours)', 240],
    ['Full day (8 hours)', 480],
    ['half day (5 hours)', 300],
    ['3 hrs', 180],
    ['8 hrs.', 480],
    ['1.5 hrs', 90],
    ['3.25 hours', 195],
    ['90 minutes', 90],
    ['15 min', 15],
    ['1h 30m', 90],
    ['1 h and 30 min', 90],
    ['6 hours 30 minutes', 390],
    ['half day', 240],
    ['half-day', 240],
    ['full-day', 480],
    ['all day', 480],
    ['6h', 360],
    ['3.5h', 210],
    ['an hour', 60],
    ['two hours', 120],
    ['2½ hours', 150],
    ['4-hour charter', 240],
    ['72 hours', 4320],
    ['40 ft, 3 hours', 180],
  ])('reads %j as %i minutes', (text, expected) => {
    // Act + Assess
    expect(findDuration(text)?.value).toBe(expected);
  });

  it.each(['10 min', '0 hours', '73 hours', '9am', 'Duration: 3', '12 m yacht'])(
    'finds no duration in %j',
    (text) => {
      // Act + Assess
      expect(findDuration(text)).toBeUndefined();
    },
  );
});

describe('findMoney', () => {
  it.each([
    ['$1,644.00', 164_400],
    ['Total: $840.75', 84_075],
    ['USD 2,000', 200_000],
    ['900 dollars', 90_000],
    ['1,020 USD', 102_000],
    ['-$12.50', -1_250],
    ['US$ 99', 9_900],
    ['$12.5', 1_250],
    ['Guests 4, total $1,020.00 incl. $20 fee', 102_000],
  ])('reads %j as %i cents', (text, expected) => {
    // Act + Assess
    expect(findMoney(text)?.value).toBe(expected);
  });

  it.each(['50', 'Total 1,644.00', '€50', 'Guests: 12'])('needs a currency mark: %j', (text) => {
    // Act + Assess
    expect(findMoney(text)).toBeUndefined();
  });

  // "$1.250,00" was read as $1.00: a number that goes on past the amount is no amount.
  it.each(['$1.250,00', '$1,25', '$1.2345'])('reads no amount from %j', (text) => {
    expect(findMoney(text)).toBeUndefined();
  });

  it.each([
    ['Total $1,250.', 125_000],
    ['$1,250.00, paid', 125_000],
  ])('an amount may end a sentence or a clause: %j', (text, expected) => {
    expect(findMoney(text)?.value).toBe(expected);
  });
});

describe('parseCount', () => {
  it.each([
    ['4 adults, 2 children', 6],
    ['4 adults 2 kids', 6],
    ['1 adult + 1 child', 2],
    ['guests: 8 adults and 3 kids and 1 infant', 12],
    ['4 adults, 0 children', 4],
    ['12', 12],
    ['6 guests', 6],
    ['approx. 10 people', 10],
    ['500', 500],
  ])('reads %j as %i', (text, expected) => {
    // Act + Assess
    expect(parseCount(text)).toBe(expected);
  });

  it.each(['0', '501', 'six', '12.5', '$6', '6:00', '1,200', '0 adults, 0 children'])(
    'rejects %j',
    (text) => {
      // Act + Assess
      expect(parseCount(text)).toBeUndefined();
    },
  );
});

describe('parseCaptainValue', () => {
  it.each([
    ['Included', true],
    ['Yes (included)', true],
    ['Captain provided', true],
    ['Capt. Rosa Exampleton (included)', true],
    ['Rosa Exampleton', true],
    ["Mary-Jane O'Neil", true],
    ['Not included', false],
    ['Captain not included', false],
    ['Bareboat', false],
    ['bare boat', false],
    ['Self-drive', false],
    ['Renter will captain', false],
    ['No', false],
    ['None', false],
    ['rosa exampleton', undefined],
    ['Rosa', undefined],
    ['TBD', undefined],
  ])('%j → %s', (text, expected) => {
    // Act + Assess
    expect(parseCaptainValue(text)).toBe(expected);
  });

  it('reads the bare name "José Álvarez" as a captain aboard', () => {
    expect(parseCaptainValue('José Álvarez')).toBe(true);
  });
});

describe('parseHeaderDate', () => {
  it.each([
    ['Mon, Jun 1, 2026 at 9:58 AM', date(2026, 6, 1)],
    ['Sat, 30 May 2026 09:58:00 -0700', date(2026, 5, 30)],
    ['6/1/2026 9:58 AM', date(2026, 6, 1)],
    ['2026-07-23T15:15:30.000Z', date(2026, 7, 23)],
    ['Jun 1', undefined],
    ['Tuesday', undefined],
    ['', undefined],
  ])('%j → %o', (text, expected) => {
    // Act + Assess
    expect(parseHeaderDate(text)).toEqual(expected);
  });

  it('rejects a date without a year even when the header has other digits', () => {
    expect(parseHeaderDate('Jun 1 at 10:00 (ref 1234)')).toBeUndefined();
  });
});
