/** Step 3: the internal calendar entry, with the money in its metadata (ops only). */
import type { Booking } from '../../bookings/booking.ts';
import type { CalendarEntryRequest } from '../../calendar/calendar-contract.ts';
import { centsToDecimal } from '../../money/cents.ts';
import type { Tenant } from '../../tenants/tenant-schema.ts';
import type { PipelineStep } from '../pipeline-step.ts';
import { charterTitle } from './charter-title.ts';

function lineCents(booking: Booking, key: string): number {
  return booking.price.lines.filter((l) => l.key === key).reduce((sum, l) => sum + l.cents, 0);
}

/** The seed's payload: money in dollars, and `start` as a real UTC instant. */
export function calendarEntryFor(
  booking: Booking,
  tenant: Tenant,
  guestPageUrl: string,
): CalendarEntryRequest {
  const fees = booking.price.lines
    .filter((l) => l.key !== 'captain' && l.key !== 'crew')
    .reduce((sum, l) => sum + l.cents, 0);
  return {
    calendar_id: tenant.calendarId,
    title: charterTitle(booking, tenant),
    start: booking.startsAt,
    duration_minutes: Math.round(
      (Date.parse(booking.endsAt) - Date.parse(booking.startsAt)) / 60_000,
    ),
    metadata: {
      guest_page: guestPageUrl,
      revenue: centsToDecimal(booking.price.revenueCents),
      crew_cost: centsToDecimal(lineCents(booking, 'crew')),
      captain_cost: centsToDecimal(lineCents(booking, 'captain')),
      // The seed's field is "port_fee"; a tenant with several fees reports their sum here.
      port_fee: centsToDecimal(fees),
      net_profit: centsToDecimal(booking.price.netCents),
    },
  };
}

export const calendarEntryStep: PipelineStep = {
  name: 'calendar_entry',
  dependsOn: [],
  inputs: (booking, tenant) => ({
    entry: calendarEntryFor(booking, tenant, ''),
    cancelled: booking.status === 'cancelled',
  }),
  async run({ booking, tenant, deps, previous, idempotencyKey }) {
    const client = deps.calendarFor(tenant);
    const existingId =
      typeof previous?.result?.entryId === 'string' ? previous.result.entryId : undefined;
    if (booking.status === 'cancelled') {
      if (existingId) await client.cancelEntry(existingId, idempotencyKey);
      return { entryId: existingId ?? null, cancelled: true };
    }
    const entry = calendarEntryFor(booking, tenant, deps.guestPageUrl(tenant, booking.guestSlug));
    const { id } = existingId
      ? await client.updateEntry(existingId, entry, idempotencyKey)
      : await client.createEntry(entry, idempotencyKey);
    return { entryId: id, cancelled: false };
  },
};
