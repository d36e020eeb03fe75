/**
 * Whether a forwarded confirmation is a charter deckhand already booked: the same marketplace
 * booking id, or (when the email has none) the same boat, date and renter.
 */
import type { Booking } from '../bookings/booking.ts';
import type { IntakeResult } from '../intake/intake-result.ts';
import type { BookingRepository } from '../storage/ports/booking-repository.ts';
import type { Tenant } from '../tenants/tenant-schema.ts';
import { zonedToInstant } from '../time/zoned.ts';

export interface AlreadyBooked {
  booking: Booking;
  matchedBy: 'marketplace_id' | 'boat_date_renter';
}

/** Names compared as people would: case, spacing and punctuation aside. */
function sameName(a: string | null, b: string | null): boolean {
  const norm = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  return a !== null && b !== null && norm(a) !== '' && norm(a) === norm(b);
}

/**
 * The booking on file this intake confirms again, or null.
 *
 * @example await findAlreadyBooked(store, tenant, intake) // { booking, matchedBy: 'marketplace_id' }
 */
export async function findAlreadyBooked(
  store: Pick<BookingRepository, 'findMarketplaceRef' | 'get' | 'listByTenant'>,
  tenant: Tenant,
  intake: IntakeResult,
): Promise<AlreadyBooked | null> {
  if (intake.bookingId) {
    const holder = await store.findMarketplaceRef(tenant.id, intake.bookingId);
    const booking = holder ? await store.get(tenant.id, holder) : undefined;
    if (booking) return { booking, matchedBy: 'marketplace_id' };
  }
  if (!intake.date || !intake.listingName || !intake.guestName) return null;
  // From the local day's start: a charter that day starts at or after it.
  const dayStart = zonedToInstant(intake.date, '00:00', tenant.timezone).toISOString();
  const candidates = await store.listByTenant(tenant.id, dayStart);
  const booking = candidates.find(
    (b) =>
      b.status !== 'cancelled' &&
      b.details.date === intake.date &&
      sameName(b.details.listingName, intake.listingName) &&
      sameName(b.details.guestName, intake.guestName) &&
      // Two different marketplace bookings are two charters, whatever their names.
      (!intake.bookingId || !b.marketplaceId || b.marketplaceId === intake.bookingId),
  );
  return booking ? { booking, matchedBy: 'boat_date_renter' } : null;
}
