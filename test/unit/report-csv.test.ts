/** The bookkeeper's CSV: header, one row per charter, decimal amounts, RFC 4180 quoting, no formulas. */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPlReport } from '../../src/reports/pl-report.ts';
import { decimalAmount, reportCsv } from '../../src/reports/report-csv.ts';
import { monthPeriod } from '../../src/reports/report-period.ts';
import type { Tenant } from '../../src/tenants/tenant-schema.ts';
import { localIsoDate } from '../../src/time/zoned.ts';
import { charter, closeOutOf, daysFrom } from '../support/report-fixtures.ts';
import { exampleTenant } from '../support/view-fixtures.ts';

let qsd: Tenant;
beforeAll(async () => {
  qsd = await exampleTenant('queen-of-san-diego');
});

const midMonth = () => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 15, 18));
};

describe('decimalAmount', () => {
  it('renders integer cents as a plain decimal', () => {
    expect([0, 5, 1234, 84_075, -5, -123_456, 100].map(decimalAmount)).toEqual([
      '0.00',
      '0.05',
      '12.34',
      '840.75',
      '-0.05',
      '-1234.56',
      '1.00',
    ]);
    expect(() => decimalAmount(1.5)).toThrow(RangeError);
  });
});

describe('reportCsv', () => {
  it('has a header row, one row per charter, amounts in dollars, and quotes what needs quoting', () => {
    const now = midMonth();
    const plain = charter(qsd, {
      startsAt: daysFrom(now, -2),
      revenueCents: 84_075,
      boat: "Sea Breeze 32' Sportfish",
      renter: 'Avery Sampleton',
      marketplaceId: '90412776',
    });
    const awkward = charter(qsd, {
      startsAt: daysFrom(now, 1),
      revenueCents: 50_000,
      boat: 'Marlin, the "big" one',
      renter: 'Zoë\nBrûlé',
      marketplaceId: null,
    });
    const closeOut = closeOutOf(
      plain,
      [{ kind: 'fuel', cents: 4_500, note: '' }],
      now.toISOString(),
    );
    const report = buildPlReport({
      tenantId: qsd.id,
      period: monthPeriod(now, qsd.timezone),
      now,
      bookings: [plain, awkward],
      closeOuts: [closeOut],
    });

    const csv = reportCsv(report, qsd.timezone);

    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'date,boat,booking_id,marketplace_id,renter,revenue,port_fee,captain,crew,fuel,total_cost,net,status,basis',
    );
    const [port, captain, crew] = plain.price.lines.map((l) => decimalAmount(l.cents));
    expect(lines[1]).toBe(
      [
        localIsoDate(new Date(plain.startsAt), qsd.timezone),
        "Sea Breeze 32' Sportfish",
        plain.bookingId,
        '90412776',
        'Avery Sampleton',
        '840.75',
        port,
        captain,
        crew,
        '45.00',
        decimalAmount(plain.price.costCents + 4_500),
        decimalAmount(plain.price.netCents - 4_500),
        'approved',
        'actual',
      ].join(','),
    );
    // RFC 4180: commas and quotes inside a quoted field, quotes doubled, a line break kept inside.
    expect(csv).toContain(`,"Marlin, the ""big"" one",${awkward.bookingId},,"Zoë\nBrûlé",500.00,`);
    expect(csv).toMatch(/,0\.00,[\d.]+,[\d.-]+,approved,quoted\r\n$/);
  });

  it('defuses a renter name a spreadsheet would run as a formula', () => {
    const now = midMonth();
    const report = buildPlReport({
      tenantId: qsd.id,
      period: monthPeriod(now, qsd.timezone),
      now,
      bookings: [
        charter(qsd, { startsAt: daysFrom(now, 1), revenueCents: 100, renter: '=HYPERLINK("x")' }),
      ],
      closeOuts: [],
    });
    expect(reportCsv(report, qsd.timezone)).toContain(`,"'=HYPERLINK(""x"")",`);
  });
});
