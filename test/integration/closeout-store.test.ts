/** The CloseOutRepository contract on DynamoDB (embedded dynalite). */
import { afterAll, beforeAll } from 'vitest';
import { DynamoCloseOutStore } from '../../src/storage/dynamo-closeout-store.ts';
import { describeCloseOutRepositoryContract } from '../support/contracts/closeout-repository-contract.ts';
import { startTestStores, type TestStores } from '../support/embedded-stores.ts';

let stores: TestStores;
let store: DynamoCloseOutStore;
beforeAll(async () => {
  stores = await startTestStores();
  store = new DynamoCloseOutStore(stores.clients.doc, stores.tableName);
});
afterAll(() => stores.close());

describeCloseOutRepositoryContract('DynamoCloseOutStore', () => store);
