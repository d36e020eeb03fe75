/** What a crew member is told about a charter (and what a change to it is compared against). */
import type { Booking } from '../bookings/booking.ts';
import type { CrewRole, Tenant } from '../tenants/tenant-schema.ts';
import type { CrewBriefing } from './crew-notifier.ts';

export const ROLE_NAMES: Record<CrewRole, string> = {
  captain: 'captain',
  first_mate: 'first mate',
  deckhand: 'deckhand',
  host: 'host',
};

/** The role a person has on this booking: captain if assigned as captain, else their first crew role. */
export function roleOn(booking: Booking, tenant: Tenant, personId: string): CrewRole {
  if (booking.assignment.captainId === personId) return 'captain';
  const member = tenant.roster.find((m) => m.id === personId);
  return member?.roles.find((r) => r !== 'captain') ?? member?.roles[0] ?? 'deckhand';
}

export function callAt(booking: Booking, tenant: Tenant): Date {
  return new Date(Date.parse(booking.startsAt) - tenant.callMinutesBefore * 60_000);
}

export function briefingFor(booking: Booking, tenant: Tenant, personId: string): CrewBriefing {
  return {
    boat: booking.details.listingName,
    role: ROLE_NAMES[roleOn(booking, tenant, personId)],
    callAt: callAt(booking, tenant).toISOString(),
    startsAt: booking.startsAt,
    endsAt: booking.endsAt,
    departure: booking.details.departure ?? `${tenant.departure.name}, ${tenant.departure.address}`,
    partySize: booking.details.partySize,
  };
}

/** Everyone on the booking: the captain first. */
export function assignedPeople(booking: Booking): string[] {
  return [booking.assignment.captainId, ...booking.assignment.crewIds].filter(
    (id): id is string => id !== null,
  );
}
