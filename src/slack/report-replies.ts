/**
 * What `/charter report` and App Home's Money section show, read for one tenant: the P&L of a
 * period, the net-by-month chart (a signed link), and this month and last for the Home. The
 * callers check that the person may approve before calling: money is for approvers only.
 */

import type { HomeMoney } from '../../views/home-money-blocks.ts';
import { buildPlReportMessage } from '../../views/pl-report-blocks.ts';
import type { SlackMessage } from '../../views/slack-format.ts';
import { safe } from '../../views/slack-format.ts';
import type { ChartPoint } from '../reports/chart-link.ts';
import { monthPeriod, parsePeriod, ReportPeriodError } from '../reports/report-period.ts';
import { loadPlReport, netByMonth, type ReportReaders } from '../reports/report-sources.ts';
import type { Tenant } from '../tenants/tenant-schema.ts';
import type { SlackDeps } from './slack-deps.ts';

function readers(deps: SlackDeps): ReportReaders {
  return { bookings: deps.bookings, closeOuts: deps.reports.closeOuts };
}

/** The chart of the last months, or undefined when none of them had a charter's money. */
async function chartOf(
  deps: SlackDeps,
  tenant: Tenant,
  now: Date,
): Promise<{ url: string; points: ChartPoint[] } | undefined> {
  const { chartUrl } = deps.reports;
  if (!chartUrl) return undefined;
  const points = await netByMonth(readers(deps), tenant, now);
  if (points.every((p) => p.netCents === 0)) return undefined;
  return { url: chartUrl(tenant, points), points };
}

/** `/charter report [period]`: the report, or what to type when the period is not one. */
export async function reportReply(
  deps: SlackDeps,
  tenant: Tenant,
  periodText: string,
): Promise<SlackMessage> {
  const now = deps.clock();
  let period: ReturnType<typeof parsePeriod>;
  try {
    period = parsePeriod(periodText, now, tenant.timezone);
  } catch (error) {
    if (!(error instanceof ReportPeriodError)) throw error;
    const text = `${safe(error.message, 500)} For example \`/charter report last month\`.`;
    return { text, blocks: [] };
  }
  const [report, chart] = await Promise.all([
    loadPlReport(readers(deps), tenant, period, now),
    chartOf(deps, tenant, now),
  ]);
  return buildPlReportMessage({ report, timeZone: tenant.timezone, chart });
}

/** App Home's Money section: this month, last month and the chart. */
export async function homeMoney(deps: SlackDeps, tenant: Tenant): Promise<HomeMoney> {
  const now = deps.clock();
  const [thisMonth, lastMonth, chart] = await Promise.all([
    loadPlReport(readers(deps), tenant, monthPeriod(now, tenant.timezone, 0), now),
    loadPlReport(readers(deps), tenant, monthPeriod(now, tenant.timezone, -1), now),
    chartOf(deps, tenant, now),
  ]);
  return { thisMonth, lastMonth, chart };
}
