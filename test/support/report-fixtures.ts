/**
 * Bookings and close-outs for the report tests, dated relative to the test's `now`, and a tiny
 * in-test fake of the close-out port (the real adapters come with the close-out work).
 */
import type { Booking } from '../../src/bookings/booking.ts';
import type { CloseOut, ExtraCost } from '../../src/closeout/close-out.ts';
import { priceCharter } from '../../src/pricing/price-charter.ts';
import type { CloseOutRepository } from '../../src/storage/ports/closeout-repository.ts';
import type { Tenant } from '../../src/tenants/tenant-schema.ts';

let counter = 0;

export interface CharterSpec {
  /** Start, as an ISO instant. */
  startsAt: string;
  hours?: number;
  revenueCents: number;
  boat?: string | null;
  renter?: string | null;
  status?: Booking['status'];
  crewCount?: number;
  tenantId?: string;
  bookingId?: string;
  marketplaceId?: string | null;
}

export function charter(tenant: Tenant, spec: CharterSpec): Booking {
  counter += 1;
  const minutes = (spec.hours ?? 3) * 60;
  const price = priceCharter(
    {
      revenueCents: spec.revenueCents,
      durationMinutes: minutes,
      captain: true,
      crewCount: spec.crewCount ?? 1,
      partySize: 4,
    },
    tenant.pricing,
  );
  const endsAt = new Date(Date.parse(spec.startsAt) + minutes * 60_000).toISOString();
  const bookingId = spec.bookingId ?? `BK${String(counter).padStart(10, '0')}`;
  return {
    tenantId: spec.tenantId ?? tenant.id,
    bookingId,
    marketplaceId: spec.marketplaceId === undefined ? `M${counter}` : spec.marketplaceId,
    status: spec.status ?? 'approved',
    version: 1,
    details: {
      bookingId: null,
      listingName: spec.boat === undefined ? 'Sea Breeze' : spec.boat,
      date: spec.startsAt.slice(0, 10),
      startLocal: '10:00',
      durationMinutes: minutes,
      guestName: spec.renter === undefined ? 'Sam Lee' : spec.renter,
      partySize: 4,
      grossAmountCents: spec.revenueCents,
      payoutCents: null,
      captainIncluded: true,
      departure: null,
    },
    startsAt: spec.startsAt,
    endsAt,
    guestSlug: `G${counter}`,
    crewSlug: `C${counter}`,
    assignment: { captainId: 'rosa', crewIds: [] },
    price,
    renterNote: null,
    createdAt: spec.startsAt,
    updatedAt: spec.startsAt,
  };
}

/** A close-out of `booking` adding extra costs to the quote (the close-out work computes it for real). */
export function closeOutOf(booking: Booking, extra: ExtraCost[], at: string): CloseOut {
  const lines = [
    ...booking.price.lines,
    ...extra.map((c) => ({
      key: c.kind,
      label: c.kind[0]?.toUpperCase() + c.kind.slice(1),
      cents: c.cents,
      detail: c.note,
    })),
  ];
  const costCents = lines.reduce((s, l) => s + l.cents, 0);
  return {
    tenantId: booking.tenantId,
    bookingId: booking.bookingId,
    version: 1,
    hours: [],
    extraCosts: extra,
    tipsCents: 0,
    refundCents: 0,
    extraChargeCents: 0,
    actual: {
      revenueCents: booking.price.revenueCents,
      lines,
      costCents,
      netCents: booking.price.revenueCents - costCents,
      warnings: [],
    },
    history: [{ version: 1, by: 'U0DANAOPS', at, summary: 'closed out' }],
    closedAt: at,
    updatedAt: at,
  };
}

/** An in-test fake of the port, recording which tenants were asked for. */
export class FakeCloseOuts implements CloseOutRepository {
  readonly asked: string[] = [];
  constructor(private readonly all: CloseOut[] = []) {}
  async get(tenantId: string, bookingId: string) {
    return this.all.find((c) => c.tenantId === tenantId && c.bookingId === bookingId);
  }
  async save(closeOut: CloseOut, expectedVersion: number) {
    const saved = { ...closeOut, version: expectedVersion + 1 };
    this.all.push(saved);
    return saved;
  }
  async listByTenant(tenantId: string) {
    this.asked.push(tenantId);
    return this.all.filter((c) => c.tenantId === tenantId);
  }
}

/** ISO instant `days` days after `now`. */
export function daysFrom(now: Date, days: number): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString();
}
