/** Approval errors for a captain or crew member already on an overlapping charter. */
import type { Booking } from '../src/bookings/booking.ts';
import { assignedPeople } from '../src/crew/crew-briefing.ts';
import type { Tenant } from '../src/tenants/tenant-schema.ts';
import { formatInZone, zonedToInstant } from '../src/time/zoned.ts';
import type { ApprovalErrors, ApprovalSubmission } from './approval-submission.ts';
import { BLOCK_IDS } from './block-ids.ts';

/** Longest error message we put under an input. */
const ERROR_MAX = 500;

function describeCharter(booking: Booking, tenant: Tenant): string {
  const what = booking.details.listingName ?? 'a charter';
  const who = booking.details.guestName ?? booking.marketplaceId ?? booking.bookingId;
  return `${what} on ${formatInZone(new Date(booking.startsAt), tenant.timezone)} (${who})`;
}

function cut(text: string): string {
  return text.length <= ERROR_MAX ? text : `${text.slice(0, ERROR_MAX - 1)}…`;
}

/**
 * Errors for the approval modal when the chosen captain or crew are busy: people are busy from
 * their call time (`callMinutesBefore` before departure) to the end of a charter, as for
 * replacements. Pure: the listener passes the tenant's other bookings from the store.
 * Cancelled bookings and the booking being edited (`bookingId`) do not count. Messages are
 * plain text (Slack shows input errors as typed), keyed by the captain and crew block ids.
 *
 * @example
 * const errors = overlapErrors(read.value, tenant, await store.listByTenant(tenant.id));
 * if (Object.keys(errors).length > 0) return ack({ response_action: 'errors', errors });
 */
export function overlapErrors(
  submission: Pick<
    ApprovalSubmission,
    'date' | 'startLocal' | 'durationMinutes' | 'captainId' | 'crewIds'
  >,
  tenant: Tenant,
  others: readonly Booking[],
  options: { bookingId?: string | null | undefined } = {},
): ApprovalErrors {
  const start = zonedToInstant(submission.date, submission.startLocal, tenant.timezone).getTime();
  const busyFrom = start - tenant.callMinutesBefore * 60_000;
  const busyTo = start + submission.durationMinutes * 60_000;
  const clashing = others.filter((o) => {
    if (o.status === 'cancelled' || o.bookingId === options.bookingId) return false;
    const otherFrom = Date.parse(o.startsAt) - tenant.callMinutesBefore * 60_000;
    return otherFrom < busyTo && busyFrom < Date.parse(o.endsAt);
  });
  const busyOn = (personId: string) => clashing.find((o) => assignedPeople(o).includes(personId));
  const name = (id: string) => tenant.roster.find((m) => m.id === id)?.name ?? id;

  const errors: ApprovalErrors = {};
  if (submission.captainId !== null) {
    const other = busyOn(submission.captainId);
    if (other) {
      errors[BLOCK_IDS.approvalCaptain] = cut(
        `${name(submission.captainId)} is already on ${describeCharter(other, tenant)}, which overlaps. Pick another captain.`,
      );
    }
  }
  const crewClashes = submission.crewIds.flatMap((id) => {
    const other = busyOn(id);
    return other ? [`${name(id)} is already on ${describeCharter(other, tenant)}.`] : [];
  });
  if (crewClashes.length > 0)
    errors[BLOCK_IDS.approvalCrew] = cut(`${crewClashes.join(' ')} Pick someone free.`);
  return errors;
}
