/**
 * The operator's P&L over a period, pure: one row per charter that starts in it, a summary per
 * boat and in total, and the open items (charters past their end, not cancelled, not closed
 * out). Every figure is integer cents added up exactly; margins are basis points. Money comes
 * from `charterMoney` only, so the report counts each charter as the close-out does.
 */

import type { Booking } from '../bookings/booking.ts';
import { charterMoney } from '../closeout/charter-money.ts';
import type { CloseOut } from '../closeout/close-out.ts';
import type { CloseOutSettings } from '../closeout/closeout-settings.ts';
import { BPS_PER_UNIT, mulDivRoundHalfUp } from '../money/cents.ts';
import type { ReportPeriod } from './report-period.ts';

/** The boat of a booking without one. */
export const NO_BOAT = 'No boat named';

export interface CostKey {
  key: string;
  label: string;
}

export interface CharterRow {
  bookingId: string;
  marketplaceId: string | null;
  startsAt: string;
  endsAt: string;
  boat: string;
  renter: string | null;
  status: Booking['status'];
  basis: 'quoted' | 'actual';
  revenueCents: number;
  /** Cents per cost key (a key the charter has no line for is absent). */
  costs: Record<string, number>;
  costCents: number;
  netCents: number;
  /** The quote's figures, beside the counted ones (equal when `basis` is quoted). */
  quotedRevenueCents: number;
  quotedCostCents: number;
  quotedNetCents: number;
}

export interface Summary {
  charters: number;
  revenueCents: number;
  costs: Record<string, number>;
  costCents: number;
  netCents: number;
  /** net / revenue in basis points, rounded half up; null without revenue. */
  marginBps: number | null;
  /** Closed-out charters, and their quoted and actual net. */
  closedOut: number;
  closedOutQuotedNetCents: number;
  closedOutActualNetCents: number;
}

export interface BoatSummary extends Summary {
  boat: string;
}

export interface OpenItem {
  bookingId: string;
  boat: string;
  renter: string | null;
  endsAt: string;
}

export interface PlReport {
  tenantId: string;
  period: ReportPeriod;
  /** Every cost key that occurs, in the order first met (the tenant's fee order). */
  costKeys: CostKey[];
  rows: CharterRow[];
  boats: BoatSummary[];
  total: Summary;
  openItems: OpenItem[];
}

export interface ReportInput {
  tenantId: string;
  /** The tenant's close-out settings: what a late cancellation still costs (defaults if absent). */
  closeOutSettings?: CloseOutSettings | undefined;
  period: ReportPeriod;
  now: Date;
  bookings: readonly Booking[];
  closeOuts: readonly CloseOut[];
}

/** Whether a booking counts in reports: approved and after, cancelled too (its money as charterMoney says). */
function counts(booking: Booking): boolean {
  return booking.status !== 'draft';
}

function rowOf(
  booking: Booking,
  closeOut: CloseOut | undefined,
  settings: CloseOutSettings | undefined,
): CharterRow {
  const money = charterMoney(booking, closeOut, settings);
  const costs: Record<string, number> = {};
  for (const line of money.counted.lines) costs[line.key] = (costs[line.key] ?? 0) + line.cents;
  return {
    bookingId: booking.bookingId,
    marketplaceId: booking.marketplaceId,
    startsAt: booking.startsAt,
    endsAt: booking.endsAt,
    boat: booking.details.listingName ?? NO_BOAT,
    renter: booking.details.guestName,
    status: booking.status,
    basis: money.basis,
    revenueCents: money.counted.revenueCents,
    costs,
    costCents: money.counted.costCents,
    netCents: money.counted.netCents,
    quotedRevenueCents: money.quoted.revenueCents,
    quotedCostCents: money.quoted.costCents,
    quotedNetCents: money.quoted.netCents,
  };
}

/** net / revenue in basis points, half up; null when there is no revenue to divide by. */
export function marginBps(netCents: number, revenueCents: number): number | null {
  if (revenueCents === 0) return null;
  return mulDivRoundHalfUp(netCents, BPS_PER_UNIT, revenueCents);
}

/** Adds rows up: every figure is the exact integer sum of the rows'. */
export function summarize(rows: readonly CharterRow[]): Summary {
  const costs: Record<string, number> = {};
  let revenueCents = 0;
  let costCents = 0;
  let netCents = 0;
  let closedOut = 0;
  let closedOutQuotedNetCents = 0;
  let closedOutActualNetCents = 0;
  for (const row of rows) {
    revenueCents += row.revenueCents;
    costCents += row.costCents;
    netCents += row.netCents;
    for (const [key, cents] of Object.entries(row.costs)) costs[key] = (costs[key] ?? 0) + cents;
    if (row.basis === 'actual') {
      closedOut += 1;
      closedOutQuotedNetCents += row.quotedNetCents;
      closedOutActualNetCents += row.netCents;
    }
  }
  return {
    charters: rows.length,
    revenueCents,
    costs,
    costCents,
    netCents,
    marginBps: marginBps(netCents, revenueCents),
    closedOut,
    closedOutQuotedNetCents,
    closedOutActualNetCents,
  };
}

/**
 * Builds the report of one tenant's period. Bookings and close-outs of other tenants are
 * ignored (a caller's mistake must not show one operator another's money).
 */
export function buildPlReport(input: ReportInput): PlReport {
  const { tenantId, period, now } = input;
  const from = period.from.getTime();
  const to = period.to.getTime();
  const closeOuts = new Map(
    input.closeOuts.filter((c) => c.tenantId === tenantId).map((c) => [c.bookingId, c]),
  );
  const inPeriod = input.bookings
    .filter((b) => b.tenantId === tenantId && counts(b))
    .filter((b) => {
      const starts = Date.parse(b.startsAt);
      return starts >= from && starts < to;
    })
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.bookingId.localeCompare(b.bookingId));

  const settings = input.closeOutSettings;
  const rows = inPeriod.map((b) => rowOf(b, closeOuts.get(b.bookingId), settings));
  const costKeys: CostKey[] = [];
  for (const booking of inPeriod) {
    const lines = charterMoney(booking, closeOuts.get(booking.bookingId), settings).counted.lines;
    for (const line of lines)
      if (!costKeys.some((k) => k.key === line.key))
        costKeys.push({ key: line.key, label: line.label });
  }

  const boatNames = [...new Set(rows.map((r) => r.boat))].sort((a, b) =>
    a === NO_BOAT ? 1 : b === NO_BOAT ? -1 : a.localeCompare(b),
  );
  const boats = boatNames.map((boat) => ({
    boat,
    ...summarize(rows.filter((r) => r.boat === boat)),
  }));

  const openItems = inPeriod
    .filter(
      (b) =>
        b.status !== 'cancelled' &&
        Date.parse(b.endsAt) <= now.getTime() &&
        !closeOuts.has(b.bookingId),
    )
    .map((b) => ({
      bookingId: b.bookingId,
      boat: b.details.listingName ?? NO_BOAT,
      renter: b.details.guestName,
      endsAt: b.endsAt,
    }));

  return { tenantId, period, costKeys, rows, boats, total: summarize(rows), openItems };
}
