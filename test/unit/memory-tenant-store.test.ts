/** The TenantRepository contract on the in-memory adapter (the DynamoDB run is in test/integration). */
import { MemoryTenantStore } from '../../src/storage/memory-tenant-store.ts';
import { describeTenantRepositoryContract } from '../support/contracts/tenant-repository-contract.ts';

const store = new MemoryTenantStore();
describeTenantRepositoryContract('MemoryTenantStore', () => store);
