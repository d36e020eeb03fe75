/**
 * The P&L's Block Kit (`/charter report`, App Home's Money): snapshots, Slack's limits, escaping
 * of renters and boats, and no money on a Home built without it (the non-approver's).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPlReport } from '../../src/reports/pl-report.ts';
import { monthPeriod, parsePeriod } from '../../src/reports/report-period.ts';
import type { Tenant } from '../../src/tenants/tenant-schema.ts';
import { ACTION_IDS } from '../../views/block-ids.ts';
import { buildHomeView } from '../../views/home-view.ts';
import { buildPlReportMessage } from '../../views/pl-report-blocks.ts';
import { charter, closeOutOf, daysFrom } from '../support/report-fixtures.ts';
import { refusalText } from '../support/report-views.ts';
import {
  exampleTenant,
  expectKnownIds,
  expectWithinLimits,
  INJECTED_NAME,
  LIVE_SYNTAX,
  mrkdwnTexts,
  NOW,
} from '../support/view-fixtures.ts';

let qsd: Tenant;
beforeAll(async () => {
  qsd = await exampleTenant('queen-of-san-diego');
});

/** NOW is May 20: charters on May 17, 18 and 25 (one closed out, one open), and one on a boat named like an attack. */
function mayReport() {
  const a = charter(qsd, {
    bookingId: 'BKAAAAAAAAAA',
    marketplaceId: '90412776',
    startsAt: daysFrom(NOW, -3),
    revenueCents: 84_075,
    boat: 'Sea Breeze',
  });
  const b = charter(qsd, {
    bookingId: 'BKBBBBBBBBBB',
    marketplaceId: null,
    startsAt: daysFrom(NOW, -2),
    revenueCents: 50_000,
    boat: 'Marlin',
    renter: INJECTED_NAME,
  });
  const c = charter(qsd, {
    bookingId: 'BKCCCCCCCCCC',
    marketplaceId: 'X1',
    startsAt: daysFrom(NOW, 5),
    revenueCents: 120_000,
    boat: '<!channel> *bold*',
  });
  const closeOut = closeOutOf(
    a,
    [{ kind: 'fuel', cents: 4_500, note: 'top-up' }],
    NOW.toISOString(),
  );
  return buildPlReport({
    tenantId: qsd.id,
    period: monthPeriod(NOW, qsd.timezone),
    now: NOW,
    bookings: [a, b, c],
    closeOuts: [closeOut],
  });
}

const chart = {
  url: 'https://ops.example.com/charts/queen-of-san-diego/FIGURES/1790000000/SIG.png',
  points: [
    { month: '2026-04', netCents: 12_345 },
    { month: '2026-05', netCents: 67_890 },
  ],
};

describe('buildPlReportMessage', () => {
  it('shows totals, cost lines, quoted vs actual, each boat, open items, the chart and Export CSV', () => {
    const message = buildPlReportMessage({ report: mayReport(), timeZone: qsd.timezone, chart });

    expect(message).toMatchSnapshot();
    const text = mrkdwnTexts(message).join('\n');
    expect(text).toContain('3 charters');
    expect(text).toContain('Fuel $45.00');
    expect(text).toMatch(
      /1 charter closed out: quoted net \$[\d,.]+, actual \$[\d,.]+ \(-\$45\.00\)/,
    );
    expect(text).toContain('*Open: 1 charter ended and not closed out*');
    expect(JSON.stringify(message)).toContain(ACTION_IDS.reportExportCsv);
    expect(JSON.stringify(message)).toContain('"value":"2026-05"');
    expect(message.blocks.find((b) => b.type === 'image')).toMatchObject({ image_url: chart.url });
    for (const t of mrkdwnTexts(message)) expect(t).not.toMatch(LIVE_SYNTAX);
    expectWithinLimits(message as unknown as { blocks: unknown[] }, 'message');
    expectKnownIds(message);
  });

  it('says so when the period has no charters, without a chart', () => {
    const empty = buildPlReport({
      tenantId: qsd.id,
      period: parsePeriod('Q1 2026', NOW, qsd.timezone),
      now: NOW,
      bookings: [],
      closeOuts: [],
    });
    const message = buildPlReportMessage({ report: empty, timeZone: qsd.timezone });
    expect(message).toMatchSnapshot();
    expect(message.blocks.some((b) => b.type === 'image')).toBe(false);
  });
});

describe('App Home', () => {
  it('has a Money section with this month, last month, the chart and CSV buttons when it is given money', () => {
    const thisMonth = mayReport();
    const lastMonth = buildPlReport({
      ...thisMonth,
      period: monthPeriod(NOW, qsd.timezone, -1),
      now: NOW,
      bookings: [],
      closeOuts: [],
    });
    const home = buildHomeView({
      upcoming: [],
      tenant: qsd,
      now: NOW,
      money: { thisMonth, lastMonth, chart },
    });

    expect(home).toMatchSnapshot();
    const json = JSON.stringify(home);
    expect(json).toContain('"text":"Money"');
    expect(json).toContain('May 2026');
    expect(json).toContain('April 2026');
    expect(json.match(new RegExp(ACTION_IDS.reportExportCsv, 'g'))).toHaveLength(2);
    expectWithinLimits(home as unknown as { blocks: unknown[] }, 'home');
    expectKnownIds(home);
  });

  it('has no money at all without it (what a non-approver gets)', () => {
    const home = buildHomeView({ upcoming: [], tenant: qsd, now: NOW });
    const json = JSON.stringify(home);
    expect(json).not.toContain('Money');
    // The how-to's example line has a price; nothing else may.
    expect(json.replace('$840.75 for Sam Lee', '')).not.toMatch(/\$\s?\d/);
    expect(json).not.toContain(ACTION_IDS.reportExportCsv);
    expect(refusalText(qsd)).toMatch(/only approvers can see the money/);
  });
});
