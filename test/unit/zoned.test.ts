/** Unit tests for local dates and times in a tenant's zone and the UTC instants they stand for. */
import { describe, expect, it } from 'vitest';
import type { LocalDate } from '../../src/intake/values.ts';
import {
  addDays,
  dateFormat,
  formatInZone,
  formatShortDay,
  localDateOf,
  localIsoDate,
  weekdayOf,
  zonedToInstant,
} from '../../src/time/zoned.ts';

const LA = 'America/Los_Angeles';

const date = (year: number, month: number, day: number): LocalDate => ({ year, month, day });

describe('localDateOf', () => {
  it.each([
    ['2026-05-30T06:59:59Z', LA, date(2026, 5, 29)],
    ['2026-05-30T07:00:00Z', LA, date(2026, 5, 30)],
    ['2026-05-30T00:30:00Z', LA, date(2026, 5, 29)],
    ['2026-01-01T07:59:59Z', LA, date(2025, 12, 31)],
    ['2026-01-01T08:00:00Z', LA, date(2026, 1, 1)],
    ['2026-05-30T00:30:00Z', 'UTC', date(2026, 5, 30)],
    ['2026-12-31T23:30:00Z', 'Asia/Tokyo', date(2027, 1, 1)],
  ])('%s is %o in %s', (iso, zone, expected) => {
    // Act + Assess
    expect(localDateOf(new Date(iso), zone)).toEqual(expected);
  });
});

describe('zonedToInstant', () => {
  it('turns 09:00 on 2026-05-30 in Los Angeles into 16:00Z (the seed wrote 09:00Z)', () => {
    // Act
    const instant = zonedToInstant('2026-05-30', '09:00', LA);

    // Assess
    expect(instant.toISOString()).toBe('2026-05-30T16:00:00.000Z');
  });

  it.each([
    ['2026-01-15', '09:00', LA, '2026-01-15T17:00:00.000Z'],
    ['2026-05-30', '09:00', 'America/New_York', '2026-05-30T13:00:00.000Z'],
    ['2026-05-30', '09:00', 'UTC', '2026-05-30T09:00:00.000Z'],
    ['2026-05-30', '23:45', LA, '2026-05-31T06:45:00.000Z'],
    ['2026-05-30', '00:00', LA, '2026-05-30T07:00:00.000Z'],
  ])('%s %s in %s is %s', (day, time, zone, expected) => {
    // Act + Assess
    expect(zonedToInstant(day, time, zone).toISOString()).toBe(expected);
  });

  it.each([
    ['01:59', '2026-03-08T09:59:00.000Z'],
    ['02:00', '2026-03-08T10:00:00.000Z'],
    ['02:30', '2026-03-08T10:30:00.000Z'],
    ['03:00', '2026-03-08T10:00:00.000Z'],
  ])('spring forward 2026-03-08 %s LA (02:00–03:00 does not exist) → %s', (time, expected) => {
    // Act
    const instant = zonedToInstant('2026-03-08', time, LA);

    // Assess
    expect(instant.toISOString()).toBe(expected);
  });

  it('moves a time in the spring-forward gap past the gap: 02:30 LA reads back as 03:30 PDT', () => {
    // Act
    const instant = zonedToInstant('2026-03-08', '02:30', LA);

    // Assess
    expect(formatInZone(instant, LA).replace(/\s/g, ' ')).toBe('Sun, Mar 8, 2026, 3:30 AM PDT');
  });

  it.each([
    ['00:59', '2026-11-01T07:59:00.000Z'],
    ['01:30', '2026-11-01T08:30:00.000Z'],
    ['02:00', '2026-11-01T10:00:00.000Z'],
  ])('fall back 2026-11-01 %s LA → %s (a repeated hour takes the first, PDT)', (time, expected) => {
    // Act + Assess
    expect(zonedToInstant('2026-11-01', time, LA).toISOString()).toBe(expected);
  });

  it('keeps one hour between 00:30 and 01:30 on the fall-back night', () => {
    // Act
    const a = zonedToInstant('2026-11-01', '00:30', LA).getTime();
    const b = zonedToInstant('2026-11-01', '01:30', LA).getTime();

    // Assess
    expect(b - a).toBe(3_600_000);
  });

  // Questionable: nothing is validated. An impossible date rolls over, "24:00" becomes the next
  // day, and an unknown zone or a time without minutes gives an Invalid Date instead of an error.
  it.each([
    ['2026-02-30', '09:00', LA, /no such date/],
    ['2026-05-30', '24:00', LA, /expected YYYY-MM-DD and HH:mm/],
    ['2026-05-30', '9', LA, /expected YYYY-MM-DD and HH:mm/],
    ['2026-05-30', '09:00', 'Nope/Zone', /unknown time zone/],
  ])('refuses %s %s in %s instead of guessing', (day, time, zone, message) => {
    // Act + Assess
    expect(() => zonedToInstant(day, time, zone)).toThrow(message);
  });
});

describe('weekdayOf', () => {
  it.each([
    [date(2026, 5, 30), 6],
    [date(2026, 6, 14), 0],
    [date(2026, 6, 15), 1],
    [date(2024, 2, 29), 4],
    [date(2000, 1, 1), 6],
    [date(2026, 12, 31), 4],
  ])('%o is weekday %i (0 = Sunday)', (day, expected) => {
    // Act + Assess
    expect(weekdayOf(day)).toBe(expected);
  });
});

describe('addDays', () => {
  it.each([
    [date(2026, 1, 31), 1, date(2026, 2, 1)],
    [date(2026, 12, 31), 1, date(2027, 1, 1)],
    [date(2024, 2, 28), 1, date(2024, 2, 29)],
    [date(2026, 2, 28), 1, date(2026, 3, 1)],
    [date(2026, 3, 1), -1, date(2026, 2, 28)],
    [date(2027, 1, 1), -1, date(2026, 12, 31)],
    [date(2026, 1, 1), 365, date(2027, 1, 1)],
    [date(2026, 3, 7), 1, date(2026, 3, 8)],
    [date(2026, 6, 14), 0, date(2026, 6, 14)],
  ])('%o + %i days = %o', (start, days, expected) => {
    // Act + Assess
    expect(addDays(start, days)).toEqual(expected);
  });
});

describe('formatInZone', () => {
  it('shows an instant in the tenant zone with its abbreviation', () => {
    // Act
    const text = formatInZone(new Date('2026-05-30T16:00:00Z'), LA);

    // Assess (ICU may use a narrow no-break space before AM/PM)
    expect(text.replace(/\s/g, ' ')).toBe('Sat, May 30, 2026, 9:00 AM PDT');
  });
});

describe('dateFormat', () => {
  it('makes one formatter per locale and options, and keeps zones apart', () => {
    const la = dateFormat('en-US', { timeZone: 'America/Los_Angeles', day: 'numeric' });
    expect(dateFormat('en-US', { timeZone: 'America/Los_Angeles', day: 'numeric' })).toBe(la);
    expect(dateFormat('en-US', { timeZone: 'America/New_York', day: 'numeric' })).not.toBe(la);
    // 02:30 UTC on May 31 is 19:30 on May 30 in Los Angeles and 11:30 on May 31 in Tokyo.
    const instant = new Date('2026-05-31T02:30:00Z');
    expect(localIsoDate(instant, 'America/Los_Angeles')).toBe('2026-05-30');
    expect(localIsoDate(instant, 'Asia/Tokyo')).toBe('2026-05-31');
    expect(formatShortDay(instant, 'America/Los_Angeles')).toBe('Sat, May 30');
  });
});
