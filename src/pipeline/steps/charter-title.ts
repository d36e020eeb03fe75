/** "Sea Breeze 32' Sportfish charter – Sat, May 30" in the tenant's zone. */
import type { Booking } from '../../bookings/booking.ts';
import type { Tenant } from '../../tenants/tenant-schema.ts';

export function charterTitle(booking: Booking, tenant: Tenant): string {
  const day = new Intl.DateTimeFormat('en-US', {
    timeZone: tenant.timezone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
  }).format(new Date(booking.startsAt));
  return `${booking.details.listingName ?? tenant.name} charter – ${day}`;
}
