/**
 * Step 4: the crew event at SCC, which notifies the crew. The seed sends revenue and rates in
 * create_event; the revenue-scrub step removes them from the crew-visible record right after.
 */
import type { Booking } from '../../bookings/booking.ts';
import { centsToDecimal } from '../../money/cents.ts';
import type { SccCreateEvent } from '../../scc/scc-contract.ts';
import type { Tenant } from '../../tenants/tenant-schema.ts';
import type { PipelineStep } from '../pipeline-step.ts';
import { charterTitle } from './charter-title.ts';

export function crewEventFor(
  booking: Booking,
  tenant: Tenant,
  crewPageUrl: string,
): Omit<SccCreateEvent, 'action'> {
  return {
    event_name: charterTitle(booking, tenant),
    start_time: booking.startsAt,
    duration_hours: (Date.parse(booking.endsAt) - Date.parse(booking.startsAt)) / 3_600_000,
    crew_ids: booking.assignment.crewIds,
    captain_id: booking.assignment.captainId,
    notes: `Crew page with call time and checklist: ${crewPageUrl}`,
    revenue: centsToDecimal(booking.price.revenueCents),
    crew_rate: centsToDecimal(tenant.pricing.crew.rateCents),
    captain_rate: centsToDecimal(tenant.pricing.captain.rateCents),
  };
}

export const crewEventStep: PipelineStep = {
  name: 'crew_event',
  dependsOn: [],
  inputs: (booking, tenant) => ({
    event: crewEventFor(booking, tenant, ''),
    cancelled: booking.status === 'cancelled',
  }),
  async run({ booking, tenant, deps, previous, idempotencyKey }) {
    const client = deps.sccFor(tenant);
    const existingId =
      typeof previous?.result?.eventId === 'string' ? previous.result.eventId : undefined;
    if (booking.status === 'cancelled') {
      if (existingId)
        await client.patchEvent({ event_id: existingId, status: 'cancelled' }, idempotencyKey);
      return { eventId: existingId ?? null, cancelled: true };
    }
    const event = crewEventFor(booking, tenant, deps.crewPageUrl(tenant, booking.crewSlug));
    if (existingId) {
      // A change: patch what crew see; money is not re-sent, so nothing needs scrubbing again.
      const { revenue: _r, crew_rate: _c, captain_rate: _p, ...visible } = event;
      await client.patchEvent({ event_id: existingId, ...visible }, idempotencyKey);
      return { eventId: existingId, cancelled: false };
    }
    const { eventId } = await client.createEvent(event, idempotencyKey);
    return { eventId, cancelled: false };
  },
};
