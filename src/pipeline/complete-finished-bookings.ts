/**
 * The last lifecycle step: an active booking whose charter has ended becomes completed. Run by
 * the server on a timer and by `deckhand list`; a conditional update, so two callers at once
 * complete a booking once.
 */
import { VersionConflictError } from '../bookings/booking.ts';
import type { BookingStore } from '../storage/ports/booking-store.ts';
import type { Tenant } from '../tenants/tenant-schema.ts';

/** Marks ended charters completed; returns the ids it completed. */
export async function completeFinishedBookings(
  store: BookingStore,
  tenant: Tenant,
  now: Date,
): Promise<string[]> {
  const completed: string[] = [];
  for (const booking of await store.listByTenant(tenant.id)) {
    if (booking.status !== 'active' || Date.parse(booking.endsAt) > now.getTime()) continue;
    try {
      await store.update(booking, { status: 'completed' }, now);
      await store.appendEvent(tenant.id, booking.bookingId, {
        type: 'completed',
        at: now.toISOString(),
        message: 'charter completed',
      });
      completed.push(booking.bookingId);
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
    }
  }
  return completed;
}
