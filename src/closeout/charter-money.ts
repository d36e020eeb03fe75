/**
 * The money of one charter as reports count it: the close-out's actual breakdown when it was
 * closed out, else the quote. The close-out work refines this for cancellations (revenue kept,
 * costs still owed); reports call only this, so they count every charter the same way.
 */
import type { Booking } from '../bookings/booking.ts';
import type { PriceBreakdown } from '../pricing/price-charter.ts';
import type { CloseOut } from './close-out.ts';

export interface CharterMoney {
  basis: 'quoted' | 'actual';
  /** The approved quote, unchanged. */
  quoted: PriceBreakdown;
  /** What counts: `actual` when closed out, else the quote. */
  counted: PriceBreakdown;
}

export function charterMoney(booking: Booking, closeOut: CloseOut | undefined): CharterMoney {
  if (closeOut) return { basis: 'actual', quoted: booking.price, counted: closeOut.actual };
  return { basis: 'quoted', quoted: booking.price, counted: booking.price };
}
