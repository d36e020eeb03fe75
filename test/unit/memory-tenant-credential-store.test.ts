/** The TenantCredentialRepository contract on the in-memory adapter (DynamoDB: test/integration). */
import { MemoryTenantCredentialStore } from '../../src/storage/memory-tenant-credential-store.ts';
import { describeTenantCredentialRepositoryContract } from '../support/contracts/tenant-credential-repository-contract.ts';

const credentials = new MemoryTenantCredentialStore();
describeTenantCredentialRepositoryContract('MemoryTenantCredentialStore', () => credentials);
