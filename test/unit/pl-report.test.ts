/**
 * The P&L model: rows, boats, cost lines, quoted vs actual, open items, one tenant only, and
 * (property) totals that are exactly the sums of the rows, in cents.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPlReport, NO_BOAT, summarize } from '../../src/reports/pl-report.ts';
import { monthPeriod } from '../../src/reports/report-period.ts';
import { loadPlReport, netByMonth } from '../../src/reports/report-sources.ts';
import type { Tenant } from '../../src/tenants/tenant-schema.ts';
import { charter, closeOutOf, daysFrom, FakeCloseOuts } from '../support/report-fixtures.ts';
import { exampleTenant } from '../support/view-fixtures.ts';

let qsd: Tenant;
let keys: Tenant;
beforeAll(async () => {
  qsd = await exampleTenant('queen-of-san-diego');
  keys = await exampleTenant('keys-reef-runner');
});

/** The 15th of this month at 10:00 local-ish: mid-month, so a few days either way stay in it. */
function midMonth(): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 15, 18));
}

describe('buildPlReport', () => {
  it('counts each charter of the period per boat and in total, actual where closed out, and lists the open ones', () => {
    const now = midMonth();
    const period = monthPeriod(now, qsd.timezone);
    const closed = charter(qsd, {
      startsAt: daysFrom(now, -3),
      revenueCents: 84_075,
      boat: 'Sea Breeze',
    });
    const open = charter(qsd, {
      startsAt: daysFrom(now, -2),
      revenueCents: 50_000,
      boat: 'Marlin',
    });
    const upcoming = charter(qsd, {
      startsAt: daysFrom(now, 5),
      revenueCents: 100_000,
      boat: 'Sea Breeze',
    });
    const cancelled = charter(qsd, {
      startsAt: daysFrom(now, -1),
      revenueCents: 70_000,
      status: 'cancelled',
    });
    const draft = charter(qsd, { startsAt: daysFrom(now, -1), revenueCents: 1, status: 'draft' });
    const lastMonth = charter(qsd, { startsAt: daysFrom(now, -40), revenueCents: 9_999 });
    const closeOut = closeOutOf(
      closed,
      [{ kind: 'fuel', cents: 4_500, note: 'top-up' }],
      now.toISOString(),
    );

    const report = buildPlReport({
      tenantId: qsd.id,
      period,
      now,
      bookings: [upcoming, open, closed, cancelled, draft, lastMonth],
      closeOuts: [closeOut],
    });

    expect(report.rows.map((r) => r.bookingId)).toEqual([
      closed.bookingId,
      open.bookingId,
      cancelled.bookingId,
      upcoming.bookingId,
    ]);
    const closedRow = report.rows[0];
    expect(closedRow).toMatchObject({
      basis: 'actual',
      revenueCents: 84_075,
      costCents: closed.price.costCents + 4_500,
      netCents: closed.price.netCents - 4_500,
      quotedNetCents: closed.price.netCents,
    });
    expect(closedRow?.costs.fuel).toBe(4_500);
    expect(report.costKeys.map((k) => k.key)).toEqual(['port_fee', 'captain', 'crew', 'fuel']);
    expect(report.boats.map((b) => [b.boat, b.charters])).toEqual([
      ['Marlin', 1],
      ['Sea Breeze', 3],
    ]);
    expect(report.total).toMatchObject({
      charters: 4,
      closedOut: 1,
      closedOutQuotedNetCents: closed.price.netCents,
      closedOutActualNetCents: closed.price.netCents - 4_500,
    });
    // The one ended, not cancelled and not closed out; not the closed-out, cancelled or upcoming ones.
    expect(report.openItems.map((o) => o.bookingId)).toEqual([open.bookingId]);
    expect(report.total.marginBps).toBe(
      Math.round((report.total.netCents * 10_000) / report.total.revenueCents),
    );
  });

  it('names a booking without a boat, and has no margin without revenue', () => {
    const now = midMonth();
    const report = buildPlReport({
      tenantId: qsd.id,
      period: monthPeriod(now, qsd.timezone),
      now,
      bookings: [charter(qsd, { startsAt: daysFrom(now, 1), revenueCents: 0, boat: null })],
      closeOuts: [],
    });
    expect(report.boats[0]?.boat).toBe(NO_BOAT);
    expect(report.total.marginBps).toBeNull();
  });

  it("never counts another tenant's bookings or close-outs, even when handed them", () => {
    const now = midMonth();
    const mine = charter(qsd, { startsAt: daysFrom(now, -2), revenueCents: 10_000 });
    const theirs = charter(keys, {
      startsAt: daysFrom(now, -2),
      revenueCents: 77_777,
      bookingId: mine.bookingId,
    });
    const theirCloseOut = closeOutOf(
      theirs,
      [{ kind: 'damage', cents: 1_234, note: '' }],
      now.toISOString(),
    );
    const report = buildPlReport({
      tenantId: qsd.id,
      period: monthPeriod(now, qsd.timezone),
      now,
      bookings: [mine, theirs],
      closeOuts: [{ ...theirCloseOut, bookingId: mine.bookingId }],
    });
    expect(report.rows).toHaveLength(1);
    expect(report.rows[0]).toMatchObject({ revenueCents: 10_000, basis: 'quoted' });
  });

  it('reads only its own tenant through the ports', async () => {
    const now = midMonth();
    const asked: string[] = [];
    const closeOuts = new FakeCloseOuts();
    const bookings = {
      listByTenant: async (tenantId: string) => {
        asked.push(tenantId);
        return [charter(qsd, { startsAt: daysFrom(now, 1), revenueCents: 5_000 })];
      },
    };
    await loadPlReport({ bookings, closeOuts }, qsd, monthPeriod(now, qsd.timezone), now);
    await netByMonth({ bookings, closeOuts }, qsd, now);
    expect(new Set([...asked, ...closeOuts.asked])).toEqual(new Set([qsd.id]));
  });

  it('gives net by month for the last six months, each the total of that month', async () => {
    const now = midMonth();
    const a = charter(qsd, { startsAt: daysFrom(now, -1), revenueCents: 84_075 });
    const b = charter(qsd, { startsAt: daysFrom(now, -35), revenueCents: 50_000 });
    const points = await netByMonth(
      { bookings: { listByTenant: async () => [a, b] }, closeOuts: new FakeCloseOuts() },
      qsd,
      now,
    );
    expect(points).toHaveLength(6);
    expect(points.at(-1)?.netCents).toBe(a.price.netCents);
    expect(points.at(-2)?.netCents).toBe(b.price.netCents);
    expect(points.slice(0, 4).every((p) => p.netCents === 0)).toBe(true);
  });
});

describe('totals are the exact sum of the rows (property)', () => {
  it('holds in cents for any charters, boats, cost lines and close-outs', () => {
    const now = midMonth();
    const period = monthPeriod(now, qsd.timezone);
    const charterArb = fc.record({
      day: fc.integer({ min: -14, max: 12 }),
      revenueCents: fc.integer({ min: 0, max: 5_000_000 }),
      hours: fc.integer({ min: 1, max: 10 }),
      crewCount: fc.integer({ min: 0, max: 4 }),
      boat: fc.constantFrom('Sea Breeze', 'Marlin', 'Dawn Treader', null),
      status: fc.constantFrom('approved', 'active', 'completed', 'cancelled'),
      extra: fc.option(fc.integer({ min: 0, max: 200_000 })),
    });
    fc.assert(
      fc.property(fc.array(charterArb, { maxLength: 40 }), (specs) => {
        const bookings = specs.map((s) =>
          charter(qsd, {
            startsAt: daysFrom(now, s.day),
            revenueCents: s.revenueCents,
            hours: s.hours,
            crewCount: s.crewCount,
            boat: s.boat,
            status: s.status as 'approved',
          }),
        );
        const closeOuts = bookings.flatMap((b, i) => {
          const extra = specs[i]?.extra;
          return extra === null || extra === undefined
            ? []
            : [closeOutOf(b, [{ kind: 'fuel', cents: extra, note: '' }], now.toISOString())];
        });
        const report = buildPlReport({ tenantId: qsd.id, period, now, bookings, closeOuts });
        const sum = (f: (r: (typeof report.rows)[number]) => number) =>
          report.rows.reduce((s, r) => s + f(r), 0);
        expect(report.total.charters).toBe(report.rows.length);
        expect(report.total.revenueCents).toBe(sum((r) => r.revenueCents));
        expect(report.total.costCents).toBe(sum((r) => r.costCents));
        expect(report.total.netCents).toBe(sum((r) => r.netCents));
        expect(report.total.netCents).toBe(report.total.revenueCents - report.total.costCents);
        for (const key of report.costKeys)
          expect(report.total.costs[key.key]).toBe(sum((r) => r.costs[key.key] ?? 0));
        // The cost lines add up to the cost, and the boats add up to the total.
        expect(Object.values(report.total.costs).reduce((s, c) => s + c, 0)).toBe(
          report.total.costCents,
        );
        expect(summarize(report.rows)).toEqual(report.total);
        for (const field of ['charters', 'revenueCents', 'costCents', 'netCents'] as const)
          expect(report.boats.reduce((s, b) => s + b[field], 0)).toBe(report.total[field]);
      }),
      { numRuns: 200 },
    );
  });
});
