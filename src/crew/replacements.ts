/**
 * After a decline: who could step in (same role, not on this charter, not on an overlapping
 * one), and putting them on the booking. The pipeline then re-runs what the change affects:
 * the crew page, the crew event (patch_event) and the crew notices.
 */
import { type Booking, VersionConflictError } from '../bookings/booking.ts';
import { BookingRejectedError } from '../bookings/booking-rejected-error.ts';
import type { BookingStore } from '../storage/ports/booking-store.ts';
import type { CrewRole, RosterMember, Tenant } from '../tenants/tenant-schema.ts';
import { assignedPeople, callAt } from './crew-briefing.ts';

function overlaps(a: Booking, b: Booking, tenant: Tenant): boolean {
  // Crew are busy from their call time to the end of the charter.
  return (
    callAt(a, tenant).getTime() < Date.parse(b.endsAt) &&
    callAt(b, tenant).getTime() < Date.parse(a.endsAt)
  );
}

/**
 * People from the roster with `role` who are free for `booking`. Pure: the caller passes the
 * tenant's other bookings.
 */
export function suggestReplacements(
  tenant: Tenant,
  booking: Booking,
  role: CrewRole,
  others: readonly Booking[],
): RosterMember[] {
  const onThis = new Set(assignedPeople(booking));
  const busy = new Set(
    others
      .filter(
        (o) =>
          o.bookingId !== booking.bookingId &&
          o.status !== 'cancelled' &&
          overlaps(o, booking, tenant),
      )
      .flatMap((o) => assignedPeople(o)),
  );
  return tenant.roster.filter(
    (m) => m.roles.includes(role) && !onThis.has(m.id) && !busy.has(m.id),
  );
}

/**
 * Puts `personId` on the booking in `role`: as captain, or in place of a crew member who
 * declined (or was assigned) in that role, or as an extra hand. Conditional on the version.
 */
export async function assignReplacement(
  store: BookingStore,
  tenant: Tenant,
  bookingId: string,
  change: { role: CrewRole; personId: string; replacing?: string | undefined },
  now: Date,
  declined: ReadonlySet<string>,
): Promise<Booking> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const booking = await store.get(tenant.id, bookingId);
    if (!booking) throw new BookingRejectedError('unknown_booking', `No booking ${bookingId}.`);
    const person = tenant.roster.find((m) => m.id === change.personId);
    if (!person?.roles.includes(change.role)) {
      throw new BookingRejectedError(
        'wrong_role',
        `${change.personId} is not a ${change.role.replace('_', ' ')} on ${tenant.name}'s roster.`,
        {
          hint: `Pick one of: ${
            tenant.roster
              .filter((m) => m.roles.includes(change.role))
              .map((m) => m.id)
              .join(', ') || '(nobody has that role)'
          }.`,
        },
      );
    }
    const free = suggestReplacements(
      tenant,
      booking,
      change.role,
      await store.listByTenant(tenant.id),
    );
    if (!free.some((m) => m.id === change.personId)) {
      throw new BookingRejectedError(
        'not_available',
        `${person.name} is already on this or an overlapping charter.`,
        {
          hint: `Free now: ${free.map((m) => m.id).join(', ') || 'nobody with that role'}.`,
        },
      );
    }
    const assignment = { ...booking.assignment, crewIds: [...booking.assignment.crewIds] };
    if (change.role === 'captain') {
      assignment.captainId = change.personId;
    } else {
      const out =
        change.replacing ??
        assignment.crewIds.find(
          (id) =>
            declined.has(id) && tenant.roster.find((m) => m.id === id)?.roles.includes(change.role),
        );
      const at = out === undefined ? -1 : assignment.crewIds.indexOf(out);
      if (at >= 0) assignment.crewIds[at] = change.personId;
      else assignment.crewIds.push(change.personId);
    }
    try {
      const updated = await store.update(booking, { assignment }, now);
      await store.appendEvent(tenant.id, bookingId, {
        type: 'crew_replaced',
        at: now.toISOString(),
        message: `${person.name} assigned as ${change.role.replace('_', ' ')}`,
        detail: { personId: change.personId, role: change.role },
      });
      return updated;
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
    }
  }
  throw new VersionConflictError(`booking ${bookingId} keeps changing; try again`);
}
