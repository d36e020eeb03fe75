/**
 * Where a report's data comes from: one tenant's bookings and close-outs, read through their
 * ports, and the chart links. Every path (Slack, App Home, the CSV job, the CLI) goes through
 * `loadPlReport`, which reads only the tenant asked for.
 */

import type { BookingRepository } from '../storage/ports/booking-repository.ts';
import type { CloseOutRepository } from '../storage/ports/closeout-repository.ts';
import type { Tenant } from '../tenants/tenant-schema.ts';
import type { ChartPoint } from './chart-link.ts';
import { buildPlReport, type PlReport } from './pl-report.ts';
import { monthKeyOf, monthPeriod, type ReportPeriod } from './report-period.ts';

/** What the Slack layer and the CLI are handed for reports. */
export interface ReportPorts {
  closeOuts: CloseOutRepository;
  /**
   * A signed link (expiring in a week) to the tenant's chart of these months; absent when this
   * build cannot draw charts (no resvg binary for the platform): reports then show none.
   */
  chartUrl?: ((tenant: Tenant, points: readonly ChartPoint[]) => string) | undefined;
}

export interface ReportReaders {
  bookings: Pick<BookingRepository, 'listByTenant'>;
  closeOuts: Pick<CloseOutRepository, 'listByTenant'>;
}

/** The P&L of one tenant's period. */
export async function loadPlReport(
  readers: ReportReaders,
  tenant: Tenant,
  period: ReportPeriod,
  now: Date,
): Promise<PlReport> {
  const [bookings, closeOuts] = await Promise.all([
    readers.bookings.listByTenant(tenant.id, period.from.toISOString()),
    readers.closeOuts.listByTenant(tenant.id),
  ]);
  return buildPlReport({
    tenantId: tenant.id,
    closeOutSettings: tenant.closeOut,
    period,
    now,
    bookings,
    closeOuts,
  });
}

/** How many months the chart shows, ending with the current one. */
export const CHART_MONTHS = 6;

/** Net per local month for the `months` months up to and including the one `now` is in. */
export async function netByMonth(
  readers: ReportReaders,
  tenant: Tenant,
  now: Date,
  months = CHART_MONTHS,
): Promise<ChartPoint[]> {
  const periods = Array.from({ length: months }, (_, i) =>
    monthPeriod(now, tenant.timezone, i - months + 1),
  );
  const first = periods[0] as ReportPeriod;
  const [bookings, closeOuts] = await Promise.all([
    readers.bookings.listByTenant(tenant.id, first.from.toISOString()),
    readers.closeOuts.listByTenant(tenant.id),
  ]);
  return periods.map((period) => ({
    month: monthKeyOf(period.from, tenant.timezone),
    netCents: buildPlReport({
      tenantId: tenant.id,
      closeOutSettings: tenant.closeOut,
      period,
      now,
      bookings,
      closeOuts,
    }).total.netCents,
  }));
}
