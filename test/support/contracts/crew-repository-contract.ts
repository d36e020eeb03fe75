/**
 * One contract for every CrewRepository adapter (memory in test/unit, DynamoDB on dynalite in
 * test/integration): create once, version-checked updates, links stored once, due reminders.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CrewAssignment } from '../../../src/crew/crew-assignment.ts';
import {
  AssignmentConflictError,
  type CrewRepository,
} from '../../../src/storage/ports/crew-repository.ts';

/** Each test gets its own tenant, so the adapters may share one table across tests. */
const freshTenant = () => `t-${randomUUID().slice(0, 8)}`;

function assignment(
  tenantId: string,
  personId: string,
  changes: Partial<CrewAssignment> = {},
): CrewAssignment {
  return {
    tenantId,
    bookingId: 'BK1',
    personId,
    role: 'deckhand',
    state: 'pending',
    version: 1,
    history: [{ at: '2099-05-01T10:00:00.000Z', action: 'issued' }],
    linkExpiresAt: Date.parse('2099-06-01T00:00:00.000Z'),
    delivery: 'deckhand',
    nextReminderAt: '2099-05-02T10:00:00.000Z',
    remindersSent: 0,
    briefing: {
      boat: 'Queen',
      role: 'deckhand',
      callAt: '2099-05-30T15:30:00.000Z',
      startsAt: '2099-05-30T16:00:00.000Z',
      endsAt: '2099-05-30T19:00:00.000Z',
      departure: 'Harbor Island',
      partySize: 6,
    },
    notifiedAt: null,
    createdAt: '2099-05-01T10:00:00.000Z',
    updatedAt: '2099-05-01T10:00:00.000Z',
    ...changes,
  };
}

export function describeCrewRepositoryContract(name: string, store: () => CrewRepository): void {
  describe(`${name}: CrewRepository`, () => {
    it('creates once, reads back, and lists a booking’s assignments by person id', async () => {
      const t = freshTenant();
      expect(await store().create(assignment(t, 'mia'))).toBe(true);
      expect(await store().create(assignment(t, 'mia', { role: 'captain' }))).toBe(false);
      await store().create(assignment(t, 'ana'));
      await store().create(assignment(t, 'zed', { bookingId: 'BK2' }));

      expect(await store().get(t, 'BK1', 'mia')).toEqual(assignment(t, 'mia'));
      expect(await store().get(t, 'BK1', 'nobody')).toBeUndefined();
      expect((await store().list(t, 'BK1')).map((a) => a.personId)).toEqual(['ana', 'mia']);
      expect(await store().list(t, 'BK9')).toEqual([]);
    });

    it('updates at the current version only, bumping it', async () => {
      const t = freshTenant();
      const created = assignment(t, 'mia');
      await store().create(created);
      const { version: _v, ...rest } = created;
      const confirmed = await store().update(created, { ...rest, state: 'confirmed' });

      expect(confirmed.version).toBe(2);
      expect(await store().get(t, 'BK1', 'mia')).toEqual({
        ...created,
        state: 'confirmed',
        version: 2,
      });
      await expect(store().update(created, { ...rest, state: 'declined' })).rejects.toBeInstanceOf(
        AssignmentConflictError,
      );
      expect((await store().get(t, 'BK1', 'mia'))?.state).toBe('confirmed');
    });

    it('stores a link by its token hash once; a second put with the hash is refused', async () => {
      const t = freshTenant();
      const hash = `h-${randomUUID()}`;
      const ref = { tenantId: t, bookingId: 'BK1', personId: 'mia', expiresAt: 4_000_000_000_000 };
      await store().putLink(hash, ref);
      await expect(store().putLink(hash, { ...ref, personId: 'eve' })).rejects.toThrow();

      expect(await store().getLink(hash)).toEqual(ref);
      expect(await store().getLink(`h-${randomUUID()}`)).toBeUndefined();
    });

    it('lists pending assignments whose reminder is due, earliest first', async () => {
      const t = freshTenant();
      await store().create(assignment(t, 'late', { nextReminderAt: '2099-05-03T09:00:00.000Z' }));
      await store().create(assignment(t, 'early', { nextReminderAt: '2099-05-02T09:00:00.000Z' }));
      await store().create(assignment(t, 'exact', { nextReminderAt: '2099-05-03T10:00:00.000Z' }));
      await store().create(assignment(t, 'future', { nextReminderAt: '2099-05-03T10:00:01.000Z' }));
      await store().create(assignment(t, 'none', { nextReminderAt: null }));
      await store().create(assignment(t, 'said-yes', { state: 'confirmed' }));

      const due = await store().dueReminders(t, '2099-05-03T10:00:00.000Z');
      expect(due.map((a) => a.personId)).toEqual(['early', 'late', 'exact']);
      expect(await store().dueReminders(freshTenant(), '2099-12-31T00:00:00.000Z')).toEqual([]);

      // Answering takes it out of the schedule.
      const early = due[0] as CrewAssignment;
      const { version: _v, ...rest } = early;
      await store().update(early, { ...rest, state: 'confirmed' });
      expect(
        (await store().dueReminders(t, '2099-05-03T10:00:00.000Z')).map((a) => a.personId),
      ).toEqual(['late', 'exact']);
    });

    it('maps an SCC event id to its booking, per tenant', async () => {
      const t = freshTenant();
      await store().putSccEventRef(t, 'EV1', 'BK1');
      expect(await store().getSccEventRef(t, 'EV1')).toBe('BK1');
      expect(await store().getSccEventRef(freshTenant(), 'EV1')).toBeUndefined();
    });
  });
}
