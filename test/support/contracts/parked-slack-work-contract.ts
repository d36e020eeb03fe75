/**
 * One contract for every ParkedSlackWorkRepository adapter (memory in test/unit, DynamoDB on
 * dynalite in test/integration): parked work reads back in order per team, parking a key again
 * coalesces (keeps its place, takes the new work, revision up), removal is refused for an item
 * parked again since it was read, and the teams with parked work are listed.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type {
  ParkedSlackWork,
  ParkedSlackWorkRepository,
} from '../../../src/storage/ports/parked-slack-work.ts';

/** Each test gets its own team ids, so the adapters may share one table across tests. */
const freshTeam = () => `T${randomUUID().slice(0, 8).toUpperCase()}`;

const status = (bookingId: string): ParkedSlackWork => ({
  kind: 'status',
  tenantId: 'harbor',
  bookingId,
});
const reply = (bookingId: string, seq: number): ParkedSlackWork => ({
  kind: 'reply',
  tenantId: 'harbor',
  bookingId,
  event: { seq, at: new Date(0).toISOString(), type: 'crew_confirmed', message: 'confirmed' },
  reply: {
    text: '✅ Rosa confirmed',
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '✅ Rosa confirmed' } }],
  },
});

export function describeParkedSlackWorkContract(
  name: string,
  store: () => ParkedSlackWorkRepository,
): void {
  describe(`${name}: ParkedSlackWorkRepository`, () => {
    const now = new Date();

    it('lists a team’s parked work in the order it was parked, and nothing of another team', async () => {
      const team = freshTeam();
      const other = freshTeam();
      await store().park(team, 'status:harbor/B2', status('B2'), { order: 30, now });
      await store().park(
        team,
        'open:harbor/B1',
        { ...status('B1'), kind: 'status' },
        {
          order: 10,
          now,
        },
      );
      await store().park(team, 'reply:harbor/B1/3', reply('B1', 3), { order: 20, now });
      await store().park(other, 'status:harbor/B9', status('B9'), { order: 5, now });
      const listed = await store().list(team);
      expect(listed.map((i) => i.key)).toEqual([
        'open:harbor/B1',
        'reply:harbor/B1/3',
        'status:harbor/B2',
      ]);
      expect(listed[1]).toEqual({
        teamId: team,
        key: 'reply:harbor/B1/3',
        order: 20,
        revision: 1,
        parkedAt: now.toISOString(),
        work: reply('B1', 3),
      });
      expect((await store().list(other)).map((i) => i.key)).toEqual(['status:harbor/B9']);
      expect(await store().list(freshTeam())).toEqual([]);
    });

    it('orders items parked at the same order by key', async () => {
      const team = freshTeam();
      await store().park(team, 'reply:harbor/B1/0002', reply('B1', 2), { order: 7, now });
      await store().park(team, 'reply:harbor/B1/0001', reply('B1', 1), { order: 7, now });
      expect((await store().list(team)).map((i) => i.key)).toEqual([
        'reply:harbor/B1/0001',
        'reply:harbor/B1/0002',
      ]);
    });

    it('coalesces a key parked again: one item, its first place and instant, the new work', async () => {
      const team = freshTeam();
      const later = new Date(now.getTime() + 60_000);
      expect(await store().park(team, 'status:harbor/B1', status('B1'), { order: 1, now })).toBe(1);
      await store().park(team, 'reply:harbor/B1/1', reply('B1', 1), { order: 2, now });
      for (let i = 0; i < 11; i += 1)
        await store().park(team, 'status:harbor/B1', status('B1-v2'), {
          order: 100 + i,
          now: later,
        });
      const listed = await store().list(team);
      expect(listed).toHaveLength(2);
      expect(listed[0]).toMatchObject({
        key: 'status:harbor/B1',
        order: 1,
        revision: 12,
        parkedAt: now.toISOString(),
        work: status('B1-v2'),
      });
    });

    it('removes a replayed item once, and keeps one parked again since it was read', async () => {
      const team = freshTeam();
      await store().park(team, 'status:harbor/B1', status('B1'), { order: 1, now });
      await store().park(team, 'reply:harbor/B1/1', reply('B1', 1), { order: 2, now });
      const [first, second] = await store().list(team);
      // Parked again while it was being replayed: that replay must not remove the newer work.
      await store().park(team, 'status:harbor/B1', status('B1'), { order: 3, now });
      expect(await store().remove(team, first?.key ?? '', first?.revision ?? 0)).toBe(false);
      expect(await store().remove(team, second?.key ?? '', second?.revision ?? 0)).toBe(true);
      expect(await store().remove(team, second?.key ?? '', second?.revision ?? 0)).toBe(false);
      const left = await store().list(team);
      expect(left.map((i) => [i.key, i.revision])).toEqual([['status:harbor/B1', 2]]);
      expect(await store().remove(team, 'status:harbor/B1', 2)).toBe(true);
      expect(await store().list(team)).toEqual([]);
    });

    it('lists the teams that have parked work, each once', async () => {
      const a = freshTeam();
      const b = freshTeam();
      await store().park(a, 'status:harbor/B1', status('B1'), { order: 1, now });
      await store().park(a, 'status:harbor/B2', status('B2'), { order: 2, now });
      await store().park(b, 'status:harbor/B3', status('B3'), { order: 3, now });
      const teams = await store().teams();
      expect(teams.filter((t) => t === a || t === b).sort()).toEqual([a, b].sort());
      expect(new Set(teams).size).toBe(teams.length);
      await store().remove(b, 'status:harbor/B3', 1);
      expect(await store().teams()).not.toContain(b);
    });
  });
}
