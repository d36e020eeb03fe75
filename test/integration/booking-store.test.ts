/** The DynamoDB booking store on embedded dynalite: the BookingStore contract, the stack, dynamo-access. */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryAll, sendConditional } from '../../src/storage/dynamo-access.ts';
import {
  findRunningStack,
  StackBusyError,
  startEmbeddedStack,
} from '../../src/storage/embedded-stack.ts';
import { keys } from '../../src/storage/table-design.ts';
import { describeBookingStoreContract } from '../support/contracts/booking-store-contract.ts';
import { startTestStores, type TestStores } from '../support/embedded-stores.ts';

let stores: TestStores;
beforeAll(async () => {
  stores = await startTestStores();
});
afterAll(() => stores.close());

// Bookings, step claims and the event log: the contract every BookingStore adapter meets.
describeBookingStoreContract('DynamoBookingStore', () => stores.store);

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
