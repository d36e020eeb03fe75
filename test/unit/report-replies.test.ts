/** What /charter report answers, on fakes: the chart only when this build can draw one. */
import { beforeAll, describe, expect, it } from 'vitest';
import { homeMoney, reportReply } from '../../src/slack/report-replies.ts';
import type { SlackDeps } from '../../src/slack/slack-deps.ts';
import type { Tenant } from '../../src/tenants/tenant-schema.ts';
import { charter, daysFrom, FakeCloseOuts } from '../support/report-fixtures.ts';
import { exampleTenant } from '../support/view-fixtures.ts';

let qsd: Tenant;
beforeAll(async () => {
  qsd = await exampleTenant('queen-of-san-diego');
});

function deps(now: Date, chartUrl?: () => string): SlackDeps {
  const booking = charter(qsd, { startsAt: daysFrom(now, 0), revenueCents: 84_075 });
  return {
    clock: () => now,
    bookings: { listByTenant: async (tenantId: string) => (tenantId === qsd.id ? [booking] : []) },
    reports: { closeOuts: new FakeCloseOuts(), ...(chartUrl ? { chartUrl } : {}) },
  } as unknown as SlackDeps;
}

describe('reportReply and homeMoney', () => {
  it('link the chart when the build can draw it, and show none when it cannot', async () => {
    const now = new Date();
    const withChart = await reportReply(
      deps(now, () => 'https://x.example/c.png'),
      qsd,
      '',
    );
    const without = await reportReply(deps(now), qsd, '');
    const home = await homeMoney(deps(now), qsd);

    expect(withChart.blocks.some((b) => b.type === 'image')).toBe(true);
    expect(without.blocks.some((b) => b.type === 'image')).toBe(false);
    expect(without.text).toContain('1 charter');
    expect(home.chart).toBeUndefined();
    expect(home.thisMonth.total.charters).toBe(1);
  });
});
