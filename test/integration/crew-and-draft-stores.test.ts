/** The CrewRepository and DraftRepository contracts on DynamoDB (embedded dynalite). */
import { afterAll, beforeAll } from 'vitest';
import { DynamoCrewStore } from '../../src/storage/dynamo-crew-store.ts';
import { DynamoDraftStore } from '../../src/storage/dynamo-draft-store.ts';
import { describeCrewRepositoryContract } from '../support/contracts/crew-repository-contract.ts';
import { describeDraftRepositoryContract } from '../support/contracts/draft-repository-contract.ts';
import { startTestStores, type TestStores } from '../support/embedded-stores.ts';

let stores: TestStores;
let crew: DynamoCrewStore;
let drafts: DynamoDraftStore;
beforeAll(async () => {
  stores = await startTestStores();
  crew = new DynamoCrewStore(stores.clients.doc, stores.tableName);
  drafts = new DynamoDraftStore(stores.clients.doc, stores.tableName);
});
afterAll(() => stores.close());

describeCrewRepositoryContract('DynamoCrewStore', () => crew);
describeDraftRepositoryContract('DynamoDraftStore', () => drafts);
