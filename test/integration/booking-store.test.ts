/** The DynamoDB booking store on embedded dynalite: conditional writes under concurrency. */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Booking, VersionConflictError } from '../../src/bookings/booking.ts';
import { emptyBookingFields } from '../../src/intake/intake-result.ts';
import { queryAll, sendConditional } from '../../src/storage/dynamo-access.ts';
import {
  findRunningStack,
  StackBusyError,
  startEmbeddedStack,
} from '../../src/storage/embedded-stack.ts';
import { keys } from '../../src/storage/table-design.ts';
import { startTestStores, type TestStores } from '../support/embedded-stores.ts';

let stores: TestStores;
beforeAll(async () => {
  stores = await startTestStores();
});
afterAll(() => stores.close());

function booking(id: string): Booking {
  return {
    tenantId: 'qsd',
    bookingId: id,
    marketplaceId: null,
    status: 'draft',
    version: 1,
    details: emptyBookingFields(),
    startsAt: '2026-05-30T16:00:00.000Z',
    endsAt: '2026-05-30T19:00:00.000Z',
    guestSlug: 'ABCDEFGH',
    crewSlug: 'HGFEDCBA',
    assignment: { captainId: null, crewIds: [] },
    price: { revenueCents: 0, lines: [], costCents: 0, netCents: 0, warnings: [] },
    renterNote: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

describe('bookings', () => {
  it('creates once and refuses a second create of the same id', async () => {
    expect(await stores.store.create(booking('BK1'))).toBe(true);
    expect(await stores.store.create(booking('BK1'))).toBe(false);
  });

  it('loses no update: of 10 concurrent writers at one version exactly one wins', async () => {
    await stores.store.create(booking('BK2'));
    const current = (await stores.store.get('qsd', 'BK2')) as Booking;

    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        stores.store.update(current, { renterNote: `writer ${i}` }, new Date()),
      ),
    );

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected')) {
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(VersionConflictError);
    }
    expect((await stores.store.get('qsd', 'BK2'))?.version).toBe(2);
  });

  it('gives a marketplace id to the first claimant only', async () => {
    const claims = await Promise.all(
      ['BKA', 'BKB', 'BKC'].map((id) => stores.store.claimMarketplaceId('qsd', '90412776', id)),
    );
    expect(new Set(claims).size).toBe(1);
    expect(await stores.store.findMarketplaceRef('qsd', '90412776')).toBe(claims[0]);
  });

  it('lists a tenant bookings by start time, and no other tenant', async () => {
    await stores.store.create({ ...booking('BK3'), startsAt: '2026-01-01T00:00:00.000Z' });
    await stores.store.create({ ...booking('BK4'), tenantId: 'other' });
    const listed = await stores.store.listByTenant('qsd');
    expect(listed[0]?.bookingId).toBe('BK3');
    expect(listed.some((b) => b.tenantId !== 'qsd')).toBe(false);
  });
});

describe('step claims', () => {
  const claim = (owner: string, now: number, inputHash = 'h1') => ({
    owner,
    leaseMs: 1_000,
    inputHash,
    version: 1,
    now,
  });

  it('lets exactly one of many concurrent runners claim a step', async () => {
    const claims = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        stores.store.claimStep('qsd', 'BK5', 'guest_page', claim(`r${i}`, 1_000)),
      ),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('lets another runner take over after the lease expires, and ignores the old owner', async () => {
    expect(
      await stores.store.claimStep('qsd', 'BK6', 'crew_page', claim('a', 1_000)),
    ).toBeDefined();
    expect(
      await stores.store.claimStep('qsd', 'BK6', 'crew_page', claim('b', 1_500)),
    ).toBeUndefined();
    expect(
      await stores.store.claimStep('qsd', 'BK6', 'crew_page', claim('b', 2_500)),
    ).toMatchObject({ attempts: 2, leaseOwner: 'b' });
    expect(
      await stores.store.completeStep('qsd', 'BK6', 'crew_page', 'a', {
        result: {},
        inputHash: 'h1',
        version: 1,
        now: 2_600,
      }),
    ).toBe(false);
    expect(
      await stores.store.completeStep('qsd', 'BK6', 'crew_page', 'b', {
        result: { ok: 1 },
        inputHash: 'h1',
        version: 1,
        now: 2_600,
      }),
    ).toBe(true);
  });

  it('does not run a done step again for the same inputs, and does for changed ones', async () => {
    await stores.store.claimStep('qsd', 'BK7', 'calendar_entry', claim('a', 1_000));
    await stores.store.completeStep('qsd', 'BK7', 'calendar_entry', 'a', {
      result: { entryId: 'E1' },
      inputHash: 'h1',
      version: 1,
      now: 1_100,
    });

    expect(
      await stores.store.claimStep('qsd', 'BK7', 'calendar_entry', claim('b', 9_000)),
    ).toBeUndefined();
    const again = await stores.store.claimStep(
      'qsd',
      'BK7',
      'calendar_entry',
      claim('b', 9_000, 'h2'),
    );
    expect(again?.result).toEqual({ entryId: 'E1' });
  });

  it('keeps a permanently failed step until it is reset', async () => {
    await stores.store.claimStep('qsd', 'BK8', 'crew_event', claim('a', 1_000));
    await stores.store.failStep('qsd', 'BK8', 'crew_event', 'a', {
      error: 'bad key',
      permanent: true,
      inputHash: 'h1',
      now: 1_100,
    });

    expect(
      await stores.store.claimStep('qsd', 'BK8', 'crew_event', claim('b', 9_000)),
    ).toBeUndefined();
    expect(await stores.store.resetFailedSteps('qsd', 'BK8', new Date())).toEqual(['crew_event']);
    expect(
      await stores.store.claimStep('qsd', 'BK8', 'crew_event', claim('b', 9_000)),
    ).toBeDefined();
  });
});

describe('event log', () => {
  it('numbers concurrent events consecutively', async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        stores.store.appendEvent('qsd', 'BK9', {
          type: 'step_done',
          at: new Date().toISOString(),
          message: `e${i}`,
        }),
      ),
    );
    const events = await stores.store.listEvents('qsd', 'BK9');
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});

describe('embedded stack ownership', () => {
  it('refuses a second owner of the same data folder and tells it where the running stack is', async () => {
    const error = await startEmbeddedStack(stores.dataDir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StackBusyError);
    // Same process: it does not report itself as "another" running stack.
    expect(await findRunningStack(stores.dataDir)).toBeUndefined();
  });
});

describe('dynamo-access', () => {
  it('reads a query to its last page', async () => {
    for (let seq = 0; seq < 7; seq += 1) {
      await stores.store.appendEvent('qsd', 'PAGED', {
        type: 'step_done',
        at: `2026-01-01T00:00:0${seq}.000Z`,
        message: `event ${seq}`,
      });
    }
    // Limit 3 forces three pages: the first page alone would hold three of the seven.
    const items = await queryAll(stores.clients.doc, {
      TableName: stores.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :event)',
      ExpressionAttributeValues: { ':pk': keys.booking('qsd', 'PAGED').pk, ':event': 'EVENT#' },
      Limit: 3,
    });
    expect(items.map((i) => i.message)).toEqual([0, 1, 2, 3, 4, 5, 6].map((n) => `event ${n}`));
  });

  it('answers false when a conditional write is refused, and rethrows anything else', async () => {
    const put = () =>
      new PutCommand({
        TableName: stores.tableName,
        Item: { pk: 'TEST#cond', sk: 'ONE', entity: 'test' },
        ConditionExpression: 'attribute_not_exists(pk)',
      });
    expect(await sendConditional(stores.clients.doc, put())).toBe(true);
    expect(await sendConditional(stores.clients.doc, put())).toBe(false);
    await expect(
      sendConditional(
        stores.clients.doc,
        new PutCommand({ TableName: 'no-such-table', Item: { pk: 'x', sk: 'y' } }),
      ),
    ).rejects.toThrow(/non-existent table|not found/i);
  });
});
