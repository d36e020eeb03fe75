/**
 * One contract for every CloseOutRepository adapter (memory in test/unit, DynamoDB on dynalite in
 * test/integration): the first save needs none stored, each later one the stored version, a
 * stale version is refused (never merged), and a tenant lists only its own close-outs.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { VersionConflictError } from '../../../src/bookings/booking.ts';
import type { CloseOut } from '../../../src/closeout/close-out.ts';
import type { CloseOutRepository } from '../../../src/storage/ports/closeout-repository.ts';

const freshTenant = () => `t-${randomUUID().slice(0, 8)}`;

export function closeOutFixture(tenantId: string, bookingId = 'B1', fuelCents = 4_500): CloseOut {
  return {
    tenantId,
    bookingId,
    version: 1,
    hours: [
      { personId: 'mike', role: 'captain', minutes: 180 },
      { personId: 'rosa', role: 'crew', minutes: 300 },
    ],
    extraCosts: [{ kind: 'fuel', cents: fuelCents, note: 'top-up' }],
    tipsCents: 0,
    refundCents: 0,
    extraChargeCents: 0,
    actual: {
      revenueCents: 84_075,
      lines: [{ key: 'extra:fuel', label: 'Fuel', cents: fuelCents, detail: 'top-up' }],
      costCents: fuelCents,
      netCents: 84_075 - fuelCents,
      warnings: [],
    },
    history: [{ version: 1, by: 'U1', at: '2099-05-30T20:00:00.000Z', summary: 'fuel' }],
    closedAt: '2099-05-30T20:00:00.000Z',
    updatedAt: '2099-05-30T20:00:00.000Z',
  };
}

export function describeCloseOutRepositoryContract(
  name: string,
  store: () => CloseOutRepository,
): void {
  describe(`${name}: CloseOutRepository`, () => {
    it('saves a first close-out at version 1 and reads it back', async () => {
      const t = freshTenant();
      expect(await store().get(t, 'B1')).toBeUndefined();
      const saved = await store().save(closeOutFixture(t), 0);
      expect(saved.version).toBe(1);
      expect(await store().get(t, 'B1')).toEqual(closeOutFixture(t));
    });

    it('refuses a second first close-out: the later one is told, nothing is merged', async () => {
      const t = freshTenant();
      await store().save(closeOutFixture(t, 'B1', 1_000), 0);
      await expect(store().save(closeOutFixture(t, 'B1', 2_000), 0)).rejects.toBeInstanceOf(
        VersionConflictError,
      );
      expect((await store().get(t, 'B1'))?.extraCosts[0]?.cents).toBe(1_000);
    });

    it('re-closes from the stored version (version + 1) and refuses a stale one', async () => {
      const t = freshTenant();
      await store().save(closeOutFixture(t, 'B1', 1_000), 0);
      const second = await store().save({ ...closeOutFixture(t, 'B1', 2_000), version: 2 }, 1);
      expect(second.version).toBe(2);
      await expect(store().save(closeOutFixture(t, 'B1', 3_000), 1)).rejects.toBeInstanceOf(
        VersionConflictError,
      );
      await expect(store().save(closeOutFixture(t, 'B1', 3_000), 5)).rejects.toBeInstanceOf(
        VersionConflictError,
      );
      const stored = await store().get(t, 'B1');
      expect(stored?.version).toBe(2);
      expect(stored?.extraCosts[0]?.cents).toBe(2_000);
    });

    it('of concurrent saves from one version exactly one wins', async () => {
      const t = freshTenant();
      const results = await Promise.allSettled(
        [1, 2, 3, 4, 5].map((n) => store().save(closeOutFixture(t, 'B1', n * 100), 0)),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      expect(won).toHaveLength(1);
      for (const lost of results.filter((r) => r.status === 'rejected')) {
        expect(lost.reason).toBeInstanceOf(VersionConflictError);
      }
      const winner = (won[0] as PromiseFulfilledResult<CloseOut>).value;
      expect((await store().get(t, 'B1'))?.extraCosts).toEqual(winner.extraCosts);
    });

    it('lists a tenant’s close-outs and never another tenant’s', async () => {
      const t = freshTenant();
      const other = freshTenant();
      await store().save(closeOutFixture(t, 'B1'), 0);
      await store().save(closeOutFixture(t, 'B2'), 0);
      await store().save(closeOutFixture(other, 'B1'), 0);
      const listed = await store().listByTenant(t);
      expect(listed.map((c) => c.bookingId).sort()).toEqual(['B1', 'B2']);
      expect(listed.every((c) => c.tenantId === t)).toBe(true);
      expect(await store().listByTenant(freshTenant())).toEqual([]);
    });
  });
}
