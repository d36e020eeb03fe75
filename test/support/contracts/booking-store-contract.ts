/**
 * One contract for every BookingStore adapter (memory in test/unit, DynamoDB on dynalite in
 * test/integration): conditional claims, leases by the caller's clock, ordering, versions.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type Booking, VersionConflictError } from '../../../src/bookings/booking.ts';
import { emptyBookingFields } from '../../../src/intake/intake-result.ts';
import type { BookingStore } from '../../../src/storage/ports/booking-store.ts';

/** Each test gets its own tenant, so the adapters may share one table across tests. */
const freshTenant = () => `t-${randomUUID().slice(0, 8)}`;

function booking(tenantId: string, id: string, startsAt = '2099-05-30T16:00:00.000Z'): Booking {
  return {
    tenantId,
    bookingId: id,
    marketplaceId: null,
    status: 'draft',
    version: 1,
    details: emptyBookingFields(),
    startsAt,
    endsAt: '2099-05-30T19:00:00.000Z',
    guestSlug: 'ABCDEFGH',
    crewSlug: 'HGFEDCBA',
    assignment: { captainId: null, crewIds: [] },
    price: { revenueCents: 0, lines: [], costCents: 0, netCents: 0, warnings: [] },
    renterNote: null,
    createdAt: '2099-01-01T00:00:00.000Z',
    updatedAt: '2099-01-01T00:00:00.000Z',
  };
}

const claim = (owner: string, now: number, inputHash = 'h1') => ({
  owner,
  leaseMs: 1_000,
  inputHash,
  version: 1,
  now,
});

export function describeBookingStoreContract(name: string, store: () => BookingStore): void {
  describe(`${name}: BookingRepository`, () => {
    it('creates once, refuses a second create of the same id, and reads it back', async () => {
      const t = freshTenant();
      expect(await store().create(booking(t, 'BK1'))).toBe(true);
      expect(await store().create({ ...booking(t, 'BK1'), renterNote: 'second' })).toBe(false);
      expect(await store().get(t, 'BK1')).toEqual(booking(t, 'BK1'));
      expect(await store().get(t, 'NOPE')).toBeUndefined();
    });

    it('loses no update: of 10 concurrent writers at one version exactly one wins', async () => {
      const t = freshTenant();
      await store().create(booking(t, 'BK2'));
      const current = (await store().get(t, 'BK2')) as Booking;
      const now = new Date('2099-02-01T00:00:00.000Z');
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          store().update(current, { renterNote: `writer ${i}` }, now),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results.filter((r) => r.status === 'rejected')) {
        expect((r as PromiseRejectedResult).reason).toBeInstanceOf(VersionConflictError);
      }
      const stored = await store().get(t, 'BK2');
      expect(stored).toMatchObject({ version: 2, updatedAt: now.toISOString() });
    });

    it('gives a marketplace id to the first claimant only', async () => {
      const t = freshTenant();
      const claims = await Promise.all(
        ['BKA', 'BKB', 'BKC'].map((id) => store().claimMarketplaceId(t, '90412776', id)),
      );
      expect(new Set(claims).size).toBe(1);
      expect(await store().claimMarketplaceId(t, '90412776', 'BKZ')).toBe(claims[0]);
      expect(await store().findMarketplaceRef(t, '90412776')).toBe(claims[0]);
      expect(await store().findMarketplaceRef(t, 'unknown')).toBeUndefined();
    });

    it('gives a slug to the first claimant only and says who owns it', async () => {
      const slug = `S${randomUUID().slice(0, 7)}`;
      const owner = { tenantId: freshTenant(), bookingId: 'BK1', kind: 'guest' as const };
      expect(await store().claimSlug(slug, owner)).toBe(true);
      expect(await store().claimSlug(slug, { ...owner, bookingId: 'BK2' })).toBe(false);
      expect(await store().findSlug(slug)).toEqual(owner);
      expect(await store().findSlug(`${slug}x`)).toBeUndefined();
    });

    it('lists a tenant bookings by start time (from an instant on), and no other tenant', async () => {
      const t = freshTenant();
      await store().create(booking(t, 'BK4', '2099-03-01T00:00:00.000Z'));
      await store().create(booking(t, 'BK3', '2099-01-01T00:00:00.000Z'));
      await store().create(booking(t, 'BK5', '2099-02-01T00:00:00.000Z'));
      await store().create(booking(freshTenant(), 'BK6', '2098-01-01T00:00:00.000Z'));
      expect((await store().listByTenant(t)).map((b) => b.bookingId)).toEqual([
        'BK3',
        'BK5',
        'BK4',
      ]);
      expect(
        (await store().listByTenant(t, '2099-02-01T00:00:00.000Z')).map((b) => b.bookingId),
      ).toEqual(['BK5', 'BK4']);
    });
  });

  describe(`${name}: StepLedger`, () => {
    it('lets exactly one of many concurrent runners claim a step', async () => {
      const t = freshTenant();
      const claims = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          store().claimStep(t, 'BK5', 'guest_page', claim(`r${i}`, 1_000)),
        ),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(claims.find(Boolean)).toMatchObject({ status: 'running', attempts: 1 });
    });

    it('lets another runner take over after the lease expires, and ignores the old owner', async () => {
      const t = freshTenant();
      expect(await store().claimStep(t, 'BK6', 'crew_page', claim('a', 1_000))).toMatchObject({
        status: 'running',
        leaseOwner: 'a',
        leaseExpiresAt: 2_000,
        attempts: 1,
      });
      expect(await store().claimStep(t, 'BK6', 'crew_page', claim('b', 1_500))).toBeUndefined();
      expect(await store().claimStep(t, 'BK6', 'crew_page', claim('b', 2_500))).toMatchObject({
        attempts: 2,
        leaseOwner: 'b',
      });
      const done = { result: { ok: 1 }, inputHash: 'h1', version: 1, now: 2_600 };
      expect(await store().completeStep(t, 'BK6', 'crew_page', 'a', done)).toBe(false);
      expect(await store().completeStep(t, 'BK6', 'crew_page', 'b', done)).toBe(true);
      const [record] = await store().getSteps(t, 'BK6');
      expect(record).toMatchObject({
        step: 'crew_page',
        status: 'done',
        result: { ok: 1 },
        inputHash: 'h1',
        forVersion: 1,
        lastError: null,
      });
      expect(record?.leaseOwner).toBeUndefined();
    });

    it('does not run a done step again for the same inputs, and does for changed ones', async () => {
      const t = freshTenant();
      await store().claimStep(t, 'BK7', 'calendar_entry', claim('a', 1_000));
      await store().completeStep(t, 'BK7', 'calendar_entry', 'a', {
        result: { entryId: 'E1' },
        inputHash: 'h1',
        version: 1,
        now: 1_100,
      });
      expect(
        await store().claimStep(t, 'BK7', 'calendar_entry', claim('b', 9_000)),
      ).toBeUndefined();
      const again = await store().claimStep(t, 'BK7', 'calendar_entry', claim('b', 9_000, 'h2'));
      expect(again?.result).toEqual({ entryId: 'E1' });
    });

    it('re-claims a transiently failed step but keeps a permanently failed one until reset', async () => {
      const t = freshTenant();
      const fail = (permanent: boolean) => ({ error: 'x', permanent, inputHash: 'h1', now: 1_100 });
      await store().claimStep(t, 'BK8', 'crew_event', claim('a', 1_000));
      await store().failStep(t, 'BK8', 'crew_event', 'a', fail(false));
      expect(await store().claimStep(t, 'BK8', 'crew_event', claim('b', 1_200))).toMatchObject({
        attempts: 2,
      });
      await store().failStep(t, 'BK8', 'crew_event', 'b', fail(true));
      expect(await store().claimStep(t, 'BK8', 'crew_event', claim('c', 9_000))).toBeUndefined();
      expect(await store().resetFailedSteps(t, 'BK8', new Date(9_000))).toEqual(['crew_event']);
      expect(await store().resetFailedSteps(t, 'BK8', new Date(9_000))).toEqual([]);
      expect(await store().claimStep(t, 'BK8', 'crew_event', claim('c', 9_000))).toMatchObject({
        attempts: 1,
        leaseOwner: 'c',
      });
    });

    it('lists a booking steps by name', async () => {
      const t = freshTenant();
      for (const step of ['revenue_scrub', 'calendar_entry', 'guest_page']) {
        await store().claimStep(t, 'BK9', step, claim('a', 1_000));
      }
      expect((await store().getSteps(t, 'BK9')).map((s) => s.step)).toEqual([
        'calendar_entry',
        'guest_page',
        'revenue_scrub',
      ]);
    });
  });

  describe(`${name}: EventLog`, () => {
    it('numbers concurrent events consecutively and lists them in order', async () => {
      const t = freshTenant();
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store().appendEvent(t, 'BK9', {
            type: 'step_done',
            at: '2099-01-01T00:00:00.000Z',
            message: `e${i}`,
          }),
        ),
      );
      const events = await store().listEvents(t, 'BK9');
      expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(new Set(events.map((e) => e.message)).size).toBe(10);
      expect(await store().listEvents(t, 'OTHER')).toEqual([]);
    });
  });
}
