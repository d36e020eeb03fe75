/** The ParkedSlackWorkRepository contract on DynamoDB (embedded dynalite). */
import { afterAll, beforeAll } from 'vitest';
import { DynamoParkedSlackStore } from '../../src/storage/dynamo-parked-slack-store.ts';
import { describeParkedSlackWorkContract } from '../support/contracts/parked-slack-work-contract.ts';
import { startTestStores, type TestStores } from '../support/embedded-stores.ts';

let stores: TestStores;
let parked: DynamoParkedSlackStore;
beforeAll(async () => {
  stores = await startTestStores();
  parked = new DynamoParkedSlackStore(stores.clients.doc, stores.tableName);
});
afterAll(() => stores.close());

describeParkedSlackWorkContract('DynamoParkedSlackStore', () => parked);
