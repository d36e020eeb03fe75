/**
 * One contract for every DraftRepository adapter (memory in test/unit, DynamoDB on dynalite in
 * test/integration): create once, one approval claim wins and its own retry resumes, status
 * moves only from where it is, Slack deliveries claimed once until released.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { emptyBookingFields } from '../../../src/intake/intake-result.ts';
import type { Draft, DraftRepository } from '../../../src/storage/ports/draft-repository.ts';

/** Each test gets its own tenant, so the adapters may share one table across tests. */
const freshTenant = () => `t-${randomUUID().slice(0, 8)}`;

function draft(tenantId: string, draftId = 'DR1'): Draft {
  return {
    tenantId,
    draftId,
    intake: {
      ...emptyBookingFields(),
      listingName: 'Queen',
      kind: 'booking',
      missing: [],
      source: 'email',
      subject: 'Booking confirmed',
      startsAt: '2099-05-30T16:00:00.000Z',
      endsAt: '2099-05-30T19:00:00.000Z',
      renterNote: null,
      warnings: [],
    },
    channelId: 'C1',
    threadTs: '1700000000.000100',
    createdBy: 'U1',
    status: 'open',
    bookingId: null,
    source: 'F1',
    createdAt: '2099-05-01T10:00:00.000Z',
  };
}

export function describeDraftRepositoryContract(name: string, store: () => DraftRepository): void {
  describe(`${name}: DraftRepository`, () => {
    it('creates once and reads back', async () => {
      const t = freshTenant();
      expect(await store().create(draft(t))).toBe(true);
      expect(await store().create({ ...draft(t), createdBy: 'U2' })).toBe(false);
      expect(await store().get(t, 'DR1')).toEqual(draft(t));
      expect(await store().get(t, 'NOPE')).toBeUndefined();
    });

    it('lets one approval claim an open draft; the same claim again resumes, another gets nothing', async () => {
      const t = freshTenant();
      await store().create(draft(t));
      const claims = await Promise.all([
        store().claimApproval(t, 'DR1', 'job-a', 'BK-A'),
        store().claimApproval(t, 'DR1', 'job-b', 'BK-B'),
      ]);
      const won = claims.filter((c) => c !== undefined);
      expect(won).toHaveLength(1);
      const winner = won[0] as Draft;
      expect(winner.status).toBe('approving');
      expect(winner.bookingId).toBe(winner.approvalClaim === 'job-a' ? 'BK-A' : 'BK-B');

      const again = await store().claimApproval(t, 'DR1', winner.approvalClaim as string, 'BK-X');
      expect(again?.bookingId).toBe(winner.bookingId);
      expect(await store().claimApproval(t, 'DR1', 'job-c', 'BK-C')).toBeUndefined();
      expect(await store().claimApproval(t, 'MISSING', 'job-a', 'BK-A')).toBeUndefined();
    });

    it('refuses to approve a dismissed draft, even for the claim that had it', async () => {
      const t = freshTenant();
      await store().create(draft(t));
      await store().claimApproval(t, 'DR1', 'job-a', 'BK-A');
      expect(await store().transition(t, 'DR1', 'approving', 'dismissed')).toBe(true);
      expect(await store().claimApproval(t, 'DR1', 'job-a', 'BK-A')).toBeUndefined();
    });

    it('moves a draft only from the status it is at, recording the booking id', async () => {
      const t = freshTenant();
      await store().create(draft(t));
      expect(await store().transition(t, 'DR1', 'approving', 'approved')).toBe(false);
      expect(await store().transition(t, 'DR1', 'open', 'approved', 'BK1')).toBe(true);
      expect(await store().transition(t, 'DR1', 'open', 'dismissed')).toBe(false);
      expect(await store().get(t, 'DR1')).toMatchObject({ status: 'approved', bookingId: 'BK1' });
      expect(await store().transition(t, 'NOPE', 'open', 'dismissed')).toBe(false);
    });

    it('claims a Slack delivery once, and again after it is released', async () => {
      const key = `Ev-${randomUUID()}`;
      const expiresAt = Date.parse('2099-01-01T00:00:00.000Z');
      expect(await store().claimDelivery(key, expiresAt)).toBe(true);
      expect(await store().claimDelivery(key, expiresAt)).toBe(false);
      await store().releaseDelivery(key);
      expect(await store().claimDelivery(key, expiresAt)).toBe(true);
      expect(await store().claimDelivery(`Ev-${randomUUID()}`, expiresAt)).toBe(true);
    });
  });
}
