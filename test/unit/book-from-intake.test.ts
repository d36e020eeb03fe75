/** book-from-intake on the memory store: approving once per marketplace id, refusals with hints, changes and cancellations. */
import { describe, expect, it } from 'vitest';
import { BookingRejectedError } from '../../src/bookings/booking-rejected-error.ts';
import { EXAMPLE_TENANTS_FILE } from '../../src/config/config.ts';
import {
  applyChange,
  approveBooking,
  cancellationOf,
  findBooking,
  UnknownBookingError,
} from '../../src/pipeline/book-from-intake.ts';
import { MemoryBookingStore } from '../../src/storage/memory-booking-store.ts';
import { loadTenantsFile } from '../../src/tenants/tenant-registry.ts';
import { zonedToInstant } from '../../src/time/zoned.ts';
import { bookingIntake } from '../support/memory-pipeline.ts';

const tenants = await loadTenantsFile(EXAMPLE_TENANTS_FILE);
const QUEEN = tenants.get('queen-of-san-diego');
const now = new Date();

describe('approveBooking', () => {
  it('stores an approved booking in the tenant’s zone, priced, with fresh slugs and an approval event', async () => {
    const store = new MemoryBookingStore();
    const intake = bookingIntake(now);
    const { booking, created } = await approveBooking(store, QUEEN, intake, { now });

    expect(created).toBe(true);
    expect(booking).toMatchObject({ status: 'approved', version: 2, marketplaceId: 'MKT-4417' });
    const start = zonedToInstant(intake.date as string, '10:00', 'America/Los_Angeles');
    expect(booking.startsAt).toBe(start.toISOString());
    expect(Date.parse(booking.endsAt) - Date.parse(booking.startsAt)).toBe(180 * 60_000);
    expect(booking.price.revenueCents).toBe(120_000);
    expect(booking.renterNote).toBe('Birthday on board');
    expect(await store.get(QUEEN.id, booking.bookingId)).toEqual(booking);
    expect(await store.findSlug(booking.guestSlug)).toEqual({
      tenantId: QUEEN.id,
      bookingId: booking.bookingId,
      kind: 'guest',
    });
    expect((await store.listEvents(QUEEN.id, booking.bookingId)).map((e) => e.type)).toEqual([
      'approved',
    ]);
  });

  it('books a marketplace id once: a second approval gets the first booking back', async () => {
    const store = new MemoryBookingStore();
    const first = await approveBooking(store, QUEEN, bookingIntake(now), { now });
    const second = await approveBooking(store, QUEEN, bookingIntake(now), { now });

    expect(second).toEqual({ booking: first.booking, created: false });
    expect(await store.listByTenant(QUEEN.id)).toHaveLength(1);
  });

  it('refuses crew who are not on the roster, a non-captain as captain, and someone twice', async () => {
    const store = new MemoryBookingStore();
    const refusal = (assignment: { captainId?: string | null; crewIds?: string[] }) =>
      approveBooking(store, QUEEN, bookingIntake(now), { now, assignment }).catch(
        (e: unknown) => e as BookingRejectedError,
      );

    expect(await refusal({ crewIds: ['ghost'] })).toMatchObject({
      code: 'unknown_crew',
      message: '"ghost" is not on Queen of San Diego Charters\'s roster.',
    });
    expect(await refusal({ captainId: 'kai' })).toMatchObject({ code: 'not_a_captain' });
    expect(await refusal({ captainId: 'rosa', crewIds: ['rosa'] })).toMatchObject({
      code: 'duplicate_crew',
    });
    expect(await store.listByTenant(QUEEN.id)).toEqual([]);
  });

  it('refuses what is not a booking, or one without the revenue the tenant counts, storing nothing', async () => {
    const store = new MemoryBookingStore();
    const request = await approveBooking(store, QUEEN, bookingIntake(now, { kind: 'request' }), {
      now,
    }).catch((e: unknown) => e);
    expect(request).toBeInstanceOf(BookingRejectedError);
    expect(request).toMatchObject({ code: 'not_a_booking' });

    const unpaid = await approveBooking(
      store,
      QUEEN,
      bookingIntake(now, { grossAmountCents: null }),
      { now },
    ).catch((e: unknown) => e);
    expect(unpaid).toMatchObject({
      code: 'no_revenue',
      message: 'The booking states no total paid.',
      hint: 'Queen of San Diego Charters counts the renter total as revenue; add it and book again.',
    });
    expect(await store.listByTenant(QUEEN.id)).toEqual([]);
  });
});

describe('applyChange and findBooking', () => {
  it('applies a modification’s stated fields, re-prices, and records what changed', async () => {
    const store = new MemoryBookingStore();
    const { booking } = await approveBooking(store, QUEEN, bookingIntake(now), { now });
    const change = {
      ...cancellationOf('MKT-4417'),
      kind: 'modification' as const,
      partySize: 8,
      grossAmountCents: 150_000,
    };

    const { booking: updated, changed } = await applyChange(store, QUEEN, change, now);

    expect(changed.sort()).toEqual(['grossAmountCents', 'partySize']);
    expect(updated.details.partySize).toBe(8);
    expect(updated.price.revenueCents).toBe(150_000);
    expect(updated.version).toBe(booking.version + 1);
    expect((await store.listEvents(QUEEN.id, booking.bookingId)).at(-1)).toMatchObject({
      type: 'modified',
      detail: { changed: ['partySize', 'grossAmountCents'] },
    });
    expect(await applyChange(store, QUEEN, change, now)).toEqual({ booking: updated, changed: [] });
  });

  it('cancels once, found by marketplace id', async () => {
    const store = new MemoryBookingStore();
    const { booking } = await approveBooking(store, QUEEN, bookingIntake(now), { now });

    const first = await applyChange(store, QUEEN, cancellationOf('MKT-4417'), now);
    const again = await applyChange(store, QUEEN, cancellationOf(booking.bookingId), now);

    expect(first.booking.status).toBe('cancelled');
    expect(first.changed).toEqual(['status']);
    expect(again.changed).toEqual([]);
    expect(
      (await store.listEvents(QUEEN.id, booking.bookingId)).filter((e) => e.type === 'cancelled'),
    ).toHaveLength(1);
  });

  it('says how to find a booking that does not exist, and refuses a change naming none', async () => {
    const store = new MemoryBookingStore();
    const missing = await findBooking(store, QUEEN, 'BK-NOPE').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(UnknownBookingError);
    expect(missing).toMatchObject({
      message: 'No booking "BK-NOPE" for Queen of San Diego Charters.',
      hint: 'Run deckhand list --tenant queen-of-san-diego to see its bookings.',
    });
    await expect(
      applyChange(store, QUEEN, { ...cancellationOf('x'), bookingId: null }, now),
    ).rejects.toMatchObject({ code: 'no_booking_id' });
  });
});
