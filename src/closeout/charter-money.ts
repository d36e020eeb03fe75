/**
 * The money of one charter as reports count it: the close-out's actual breakdown when it was
 * closed out, else the quote; a cancelled charter that was not closed out counts the revenue it
 * kept (none: a cancellation is taken as fully refunded until a close-out says otherwise) and
 * the costs still owed (the planned captain and crew wages when it was cancelled late and the
 * tenant pays crew then). Reports call only this, so they count every charter the same way.
 */
import type { Booking } from '../bookings/booking.ts';
import type { PriceBreakdown } from '../pricing/price-charter.ts';
import type { CloseOut } from './close-out.ts';
import { type CloseOutSettings, defaultCloseOutSettings } from './closeout-settings.ts';
import { isLateCancellation } from './compute-actual.ts';

export interface CharterMoney {
  basis: 'quoted' | 'actual';
  /** The approved quote as it stands now (a modification re-prices it), unchanged by close-out. */
  quoted: PriceBreakdown;
  /** What counts: `actual` when closed out, else the quote (for a cancellation, what it kept and owes). */
  counted: PriceBreakdown;
}

/** What a cancelled charter that was never closed out counts: no revenue, wages still owed. */
function cancelledCount(booking: Booking, settings: CloseOutSettings): PriceBreakdown {
  const owed =
    settings.crewPaidOnLateCancellation && isLateCancellation(booking, settings)
      ? booking.price.lines.filter((line) => line.key === 'captain' || line.key === 'crew')
      : [];
  const costCents = owed.reduce((sum, line) => sum + line.cents, 0);
  return {
    revenueCents: 0,
    lines: owed.map((line) => ({ ...line, detail: `${line.detail} (late cancellation)` })),
    costCents,
    netCents: 0 - costCents,
    warnings: [],
  };
}

/**
 * @param settings the tenant's `closeOut` settings (`tenant.closeOut`); they matter only for a
 * cancelled charter without a close-out. Defaults to the schema's defaults.
 *
 * @example charterMoney(booking, await closeOuts.get(tenant.id, booking.bookingId), tenant.closeOut)
 */
export function charterMoney(
  booking: Booking,
  closeOut: CloseOut | undefined,
  settings: CloseOutSettings = defaultCloseOutSettings,
): CharterMoney {
  if (closeOut) return { basis: 'actual', quoted: booking.price, counted: closeOut.actual };
  if (booking.status === 'cancelled') {
    return { basis: 'quoted', quoted: booking.price, counted: cancelledCount(booking, settings) };
  }
  return { basis: 'quoted', quoted: booking.price, counted: booking.price };
}
