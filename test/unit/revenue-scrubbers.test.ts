import { describe, expect, it } from 'vitest';
import { MemorySccStore } from '../../src/scc/memory-scc-store.ts';
import { findMoneyInRecord } from '../../src/scc/money-scrub.ts';
import {
  BuiltInSccRevenueScrubber,
  SccApiRevenueScrubber,
} from '../../src/scc/revenue-scrubbers.ts';
import type { SccClient, SccEvent } from '../../src/scc/scc-contract.ts';

const now = new Date('2031-06-01T12:00:00Z');
const event: SccEvent = {
  event_id: 'ev-1',
  event_name: 'Sunset cruise',
  start_time: '2031-07-01T01:00:00Z',
  duration_hours: 3,
  crew_ids: ['p-1'],
  captain_id: 'p-2',
  notes: 'Boarding 5:45 pm. Revenue $1,840.75, crew rate $25/h.',
  status: 'scheduled',
  revenue: 184075,
  crew_rate: 2500,
  captain_rate: 4000,
};

describe('BuiltInSccRevenueScrubber', () => {
  it('clears the money fields and the money in the notes of the stored event, and reads it back', async () => {
    const store = new MemorySccStore();
    await store.create({
      ...event,
      tenant_id: 't-1',
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    const later = new Date(now.getTime() + 60_000);
    const scrubber = new BuiltInSccRevenueScrubber(store, 't-1', () => later);
    await scrubber.scrub('ev-1');
    const read = await scrubber.read('ev-1');
    expect(read).not.toHaveProperty('revenue');
    expect(read).not.toHaveProperty('crew_rate');
    expect(read).not.toHaveProperty('captain_rate');
    expect(read.notes).toContain('Boarding 5:45 pm.');
    expect(findMoneyInRecord(read)).toEqual([]);
    expect((await store.get('t-1', 'ev-1'))?.updated_at).toBe(later.toISOString());
  });

  it("names the event and tenant when the event is not the tenant's", async () => {
    const scrubber = new BuiltInSccRevenueScrubber(new MemorySccStore(), 't-2', () => now);
    await expect(scrubber.scrub('ev-1')).rejects.toThrow('SCC event ev-1 of t-2 does not exist');
  });
});

describe('SccApiRevenueScrubber', () => {
  it('patches the money away through the API with the idempotency key, asking for a client per call', async () => {
    const patches: { request: { notes?: string | undefined }; key: string }[] = [];
    let clients = 0;
    const client = (): SccClient => {
      clients += 1;
      return {
        createEvent: () => Promise.reject(new Error('not used')),
        patchEvent: async (request, key) => {
          patches.push({ request, key });
        },
        getEvent: async () => event,
      };
    };
    const scrubber = new SccApiRevenueScrubber(client);
    await scrubber.scrub('ev-1', 'scrub-key-1');
    expect(patches).toHaveLength(1);
    expect(patches[0]?.key).toBe('scrub-key-1');
    expect(patches[0]?.request).toMatchObject({
      event_id: 'ev-1',
      revenue: null,
      crew_rate: null,
      captain_rate: null,
    });
    const notes = patches[0]?.request.notes;
    expect(notes).toContain('Boarding 5:45 pm.');
    expect(notes).not.toContain('1,840.75');
    expect(await scrubber.read('ev-1')).toEqual(event);
    expect(clients).toBe(2);
  });
});
