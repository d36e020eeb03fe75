/**
 * The report as the CLI's `--json` prints it, in the shape the issue names:
 * `{ "charters": [{ "bookingId", "date", "revenueCents", "costCents", "netCents", ... }],
 *   "totals": { "charters", "revenueCents", "costCents", "netCents" } }`. Integer cents,
 * dates in the tenant's zone; a charter's `open` says it ended and is not closed out.
 */
import { localIsoDate } from '../time/zoned.ts';
import type { PlReport } from './pl-report.ts';

export function reportJson(report: PlReport, timeZone: string) {
  const open = new Set(report.openItems.map((o) => o.bookingId));
  return {
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
      open: open.has(row.bookingId),
      costs: row.costs,
      quotedNetCents: row.quotedNetCents,
    })),
    totals: {
      charters: report.total.charters,
      revenueCents: report.total.revenueCents,
      costCents: report.total.costCents,
      netCents: report.total.netCents,
    },
  };
}
