/** "Sea Breeze 32' Sportfish charter – Sat, May 30" in the tenant's zone. */
import type { Booking } from '../../bookings/booking.ts';
import type { Tenant } from '../../tenants/tenant-schema.ts';
import { formatShortDay } from '../../time/zoned.ts';

export function charterTitle(booking: Booking, tenant: Tenant): string {
  const day = formatShortDay(new Date(booking.startsAt), tenant.timezone);
  return `${booking.details.listingName ?? tenant.name} charter – ${day}`;
}
