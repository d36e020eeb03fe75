/** How bookings and pipeline outcomes are printed by the CLI (JSON and text). */
import type { Booking } from '../bookings/booking.ts';
import { formatCents } from '../money/cents.ts';
import type { PipelineOutcome } from '../pipeline/run-pipeline.ts';
import type { Tenant } from '../tenants/tenant-schema.ts';
import { formatInZone } from '../time/zoned.ts';
import { printable } from './cli-io.ts';

export interface BookingSummary {
  bookingId: string;
  marketplaceId: string | null;
  tenant: string;
  status: Booking['status'];
  version: number;
  startsAt: string;
  endsAt: string;
  slug: string;
  crewSlug: string;
  guestPageUrl: string;
  crewPageUrl: string;
  calendarEventId: string | null;
  crewEventId: string | null;
  netCents: number;
  steps: Record<string, string>;
  errors: Record<string, string>;
}

export function summarize(
  outcome: PipelineOutcome,
  urls: { guestPageUrl: string; crewPageUrl: string },
): BookingSummary {
  const { booking, steps } = outcome;
  const errors: Record<string, string> = {};
  for (const [name, step] of Object.entries(steps))
    if (step.error && step.status === 'failed') errors[name] = step.error;
  const id = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    bookingId: booking.bookingId,
    marketplaceId: booking.marketplaceId,
    tenant: booking.tenantId,
    status: booking.status,
    version: booking.version,
    startsAt: booking.startsAt,
    endsAt: booking.endsAt,
    slug: booking.guestSlug,
    crewSlug: booking.crewSlug,
    ...urls,
    calendarEventId: id(steps.calendar_entry.result?.entryId),
    crewEventId: id(steps.crew_event.result?.eventId),
    netCents: booking.price.netCents,
    steps: Object.fromEntries(Object.entries(steps).map(([name, step]) => [name, step.status])),
    errors,
  };
}

export function describeBooking(summary: BookingSummary, tenant: Tenant, booking: Booking): string {
  const lines = [
    `${summary.bookingId}${summary.marketplaceId ? ` (marketplace ${printable(summary.marketplaceId)})` : ''}: ${summary.status}`,
    `  When        ${formatInZone(new Date(summary.startsAt), tenant.timezone)}`,
    `  Boat        ${printable(booking.details.listingName ?? '—')}`,
    `  Renter      ${printable(booking.details.guestName ?? '—')}, ${booking.details.partySize ?? '?'} guests`,
    `  Net         ${formatCents(summary.netCents)} of ${formatCents(booking.price.revenueCents)}`,
    `  Guest page  ${summary.guestPageUrl}`,
    `  Crew page   ${summary.crewPageUrl}`,
    '  Steps',
  ];
  for (const [name, status] of Object.entries(summary.steps)) {
    lines.push(
      `    ${name.padEnd(16)}${status}${summary.errors[name] ? `: ${printable(summary.errors[name] ?? '')}` : ''}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
