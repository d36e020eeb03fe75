/** Report periods in the tenant's zone: each form people type, the zone's month edges, bad input. */
import { describe, expect, it } from 'vitest';
import {
  datesPeriod,
  monthKeyOf,
  PERIOD_EXAMPLES,
  parsePeriod,
} from '../../src/reports/report-period.ts';

const ZONE = 'America/Los_Angeles';
// Mid-month, so "this month" and "last month" are plain; the dates below are relative to it.
const now = new Date();
const local = (offsetMonths: number) => {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offsetMonths, 15));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    at: new Date(d.getTime() + 20 * 3_600_000),
  };
};
const pad = (n: number) => String(n).padStart(2, '0');

describe('parsePeriod', () => {
  it('reads this month, last month, YYYY-MM, a quarter with and without year, and a year', () => {
    const mid = local(0);
    const prev = local(-1);
    const at = mid.at;
    expect(parsePeriod('', at, ZONE).firstDay).toBe(`${mid.year}-${pad(mid.month)}-01`);
    expect(parsePeriod('this month', at, ZONE).spec).toBe(`${mid.year}-${pad(mid.month)}`);
    expect(parsePeriod('Last  Month', at, ZONE).firstDay).toBe(
      `${prev.year}-${pad(prev.month)}-01`,
    );
    const may = parsePeriod(`${mid.year + 1}-05`, at, ZONE);
    expect(may).toMatchObject({
      label: `May ${mid.year + 1}`,
      firstDay: `${mid.year + 1}-05-01`,
      endDay: `${mid.year + 1}-06-01`,
    });
    expect(parsePeriod('Q3', at, ZONE)).toMatchObject({
      firstDay: `${mid.year}-07-01`,
      endDay: `${mid.year}-10-01`,
    });
    expect(parsePeriod(`q4 ${mid.year + 1}`, at, ZONE)).toMatchObject({
      label: `Q4 ${mid.year + 1}`,
      firstDay: `${mid.year + 1}-10-01`,
      endDay: `${mid.year + 2}-01-01`,
    });
    expect(parsePeriod(String(mid.year + 1), at, ZONE)).toMatchObject({
      firstDay: `${mid.year + 1}-01-01`,
      endDay: `${mid.year + 2}-01-01`,
    });
  });

  it('starts a month at local midnight (UTC 07:00 or 08:00 in San Diego), not at UTC midnight', () => {
    const year = local(0).year + 1;
    const july = parsePeriod(`${year}-07`, new Date(), ZONE);
    expect(july.from.toISOString()).toBe(`${year}-07-01T07:00:00.000Z`);
    expect(july.to.toISOString()).toBe(`${year}-08-01T07:00:00.000Z`);
    // 23:30 local on July 31 is August in UTC, and July here.
    expect(monthKeyOf(new Date(`${year}-08-01T06:30:00Z`), ZONE)).toBe(`${year}-07`);
  });

  it('refuses what it does not know with the forms it does', () => {
    for (const bad of ['next week', '2027-13', 'Q5', 'june', '27']) {
      expect(() => parsePeriod(bad, new Date(), ZONE)).toThrow(
        new RegExp(`not a period.*${PERIOD_EXAMPLES.join(', ')}`),
      );
    }
  });

  it('reads --from/--to as local days, both included, and refuses bad or backward dates', () => {
    const year = local(0).year;
    const p = datesPeriod(`${year}-03-01`, `${year}-03-14`, ZONE);
    expect(p.endDay).toBe(`${year}-03-15`);
    expect(() => datesPeriod(`${year}-02-30`, `${year}-03-01`, ZONE)).toThrow(
      /--from .* not a date/,
    );
    expect(() => datesPeriod(`${year}-03-02`, `${year}-03-01`, ZONE)).toThrow(/before --from/);
  });
});
