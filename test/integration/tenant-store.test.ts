/** The TenantRepository contract on DynamoDB (embedded dynalite). */
import { afterAll, beforeAll } from 'vitest';
import { DynamoTenantStore } from '../../src/storage/dynamo-tenant-store.ts';
import { describeTenantRepositoryContract } from '../support/contracts/tenant-repository-contract.ts';
import { startTestStores, type TestStores } from '../support/embedded-stores.ts';

let stores: TestStores;
let tenants: DynamoTenantStore;
beforeAll(async () => {
  stores = await startTestStores();
  tenants = new DynamoTenantStore(stores.clients.doc, stores.tableName);
});
afterAll(() => stores.close());

describeTenantRepositoryContract('DynamoTenantStore', () => tenants);
