/** Unit tests for the idempotency algorithm over conditional single-item writes: replay, conflict, concurrency, leases. */
import { describe, expect, it } from 'vitest';
import {
  LeasedIdempotencyStore,
  REPLAYED_HEADER,
} from '../../src/server/leased-idempotency-store.ts';
import { MemoryIdempotencyRecordStore } from '../../src/server/memory-idempotency-store.ts';
import { jsonResponse, type ServiceResponse } from '../../src/server/service-http.ts';

function counter(status = 201) {
  let calls = 0;
  const compute = async (): Promise<ServiceResponse> => {
    calls += 1;
    // A little real latency, so concurrent duplicates find the claim still pending.
    await new Promise((resolve) => setTimeout(resolve, 5));
    return jsonResponse(status, { n: calls });
  };
  return { compute, calls: () => calls };
}

describe('LeasedIdempotencyStore', () => {
  it('computes once and replays the stored answer, marked as a replay', async () => {
    // Arrange
    const store = new LeasedIdempotencyStore(new MemoryIdempotencyRecordStore());
    const { compute, calls } = counter();

    // Act
    const first = await store.remember('s', 'k', 'h1', compute);
    const second = await store.remember('s', 'k', 'h1', compute);

    // Assess
    expect(calls()).toBe(1);
    expect(first).not.toBe('conflict');
    expect((second as ServiceResponse).body).toBe((first as ServiceResponse).body);
    expect((second as ServiceResponse).headers?.[REPLAYED_HEADER]).toBe('true');
    expect((first as ServiceResponse).headers?.[REPLAYED_HEADER]).toBeUndefined();
  });

  it('answers conflict for the same key with another request, and keeps scopes apart', async () => {
    // Arrange
    const store = new LeasedIdempotencyStore(new MemoryIdempotencyRecordStore());
    const { compute, calls } = counter();
    await store.remember('s', 'k', 'h1', compute);

    // Act
    const reused = await store.remember('s', 'k', 'h2', compute);
    const otherScope = await store.remember('t', 'k', 'h2', compute);

    // Assess
    expect(reused).toBe('conflict');
    expect(otherScope).not.toBe('conflict');
    expect(calls()).toBe(2);
  });

  it('runs 10 concurrent identical requests once; the others wait and replay', async () => {
    // Arrange
    const store = new LeasedIdempotencyStore(new MemoryIdempotencyRecordStore(), { pollMs: 1 });
    const { compute, calls } = counter();

    // Act
    const results = await Promise.all(
      Array.from({ length: 10 }, () => store.remember('s', 'k', 'h', compute)),
    );

    // Assess
    expect(calls()).toBe(1);
    const bodies = new Set(results.map((r) => (r as ServiceResponse).body));
    expect(bodies.size).toBe(1);
  });

  it("answers in_progress when the first request outlasts the duplicate's wait", async () => {
    // Arrange
    const store = new LeasedIdempotencyStore(new MemoryIdempotencyRecordStore(), {
      waitMs: 30,
      pollMs: 5,
    });
    let release: () => void = () => {};
    const slow = () =>
      new Promise<ServiceResponse>((resolve) => {
        release = () => resolve(jsonResponse(201, { id: 'x' }));
      });

    // Act
    const first = store.remember('s', 'k', 'h', slow);
    const duplicate = await store.remember('s', 'k', 'h', slow);
    release();

    // Assess
    expect(duplicate).toBe('in_progress');
    expect(((await first) as ServiceResponse).status).toBe(201);
  });

  it('releases the claim when compute throws or answers 5xx, so a retry runs again', async () => {
    // Arrange
    const store = new LeasedIdempotencyStore(new MemoryIdempotencyRecordStore());
    const { compute, calls } = counter();

    // Act
    await expect(
      store.remember('s', 'k', 'h', () => Promise.reject(new Error('store down'))),
    ).rejects.toThrow('store down');
    const failed = await store.remember('s', 'k', 'h', async () =>
      jsonResponse(503, { error: 'busy' }),
    );
    const retried = await store.remember('s', 'k', 'h', compute);

    // Assess
    expect((failed as ServiceResponse).status).toBe(503);
    expect((retried as ServiceResponse).status).toBe(201);
    expect(calls()).toBe(1);
  });

  it("takes over a crashed claimant's claim once its lease has expired", async () => {
    // Arrange
    let now = 1_000_000;
    const records = new MemoryIdempotencyRecordStore();
    const store = new LeasedIdempotencyStore(records, {
      leaseMs: 30_000,
      waitMs: 0,
      now: () => now,
    });
    await records.create('s', 'k', {
      state: 'pending',
      requestHash: 'h',
      token: 'crashed',
      expiresAt: now + 30_000,
    });
    const { compute, calls } = counter();

    // Act
    const whileLeased = await store.remember('s', 'k', 'h', compute);
    now += 30_001;
    const afterLease = await store.remember('s', 'k', 'h', compute);

    // Assess
    expect(whileLeased).toBe('in_progress');
    expect((afterLease as ServiceResponse).status).toBe(201);
    expect(calls()).toBe(1);
    expect((await records.get('s', 'k'))?.state).toBe('completed');
  });

  it('forgets a completed answer after the retention period', async () => {
    // Arrange
    let now = 0;
    const store = new LeasedIdempotencyStore(new MemoryIdempotencyRecordStore(), {
      retentionMs: 1_000,
      now: () => now,
    });
    const { compute, calls } = counter();
    await store.remember('s', 'k', 'h', compute);

    // Act
    now += 1_001;
    await store.remember('s', 'k', 'other', compute);

    // Assess
    expect(calls()).toBe(2);
  });
});
