/** The report as the CLI's `--json` prints it: integer cents, dates in the tenant's zone. */
import { localIsoDate } from '../time/zoned.ts';
import type { PlReport } from './pl-report.ts';

export function reportJson(report: PlReport, timeZone: string) {
  return {
    tenantId: report.tenantId,
    period: {
      label: report.period.label,
      from: report.period.firstDay,
      /** The last day included. */
      to: localIsoDate(new Date(report.period.to.getTime() - 1), timeZone),
    },
    charters: report.rows.map((row) => ({
      bookingId: row.bookingId,
      date: localIsoDate(new Date(row.startsAt), timeZone),
      revenueCents: row.revenueCents,
      costCents: row.costCents,
      netCents: row.netCents,
      boat: row.boat,
      marketplaceId: row.marketplaceId,
      renter: row.renter,
      status: row.status,
      basis: row.basis,
      costs: row.costs,
      quotedNetCents: row.quotedNetCents,
    })),
    totals: {
      charters: report.total.charters,
      revenueCents: report.total.revenueCents,
      costCents: report.total.costCents,
      netCents: report.total.netCents,
      marginBps: report.total.marginBps,
      costs: report.total.costs,
    },
    boats: report.boats.map((b) => ({
      boat: b.boat,
      charters: b.charters,
      revenueCents: b.revenueCents,
      costCents: b.costCents,
      netCents: b.netCents,
      marginBps: b.marginBps,
    })),
    openItems: report.openItems,
  };
}
