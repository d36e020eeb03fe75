/** The TenantRepository in memory, with the DynamoDB adapter's version check (unit tests, single-process use). */
import type { Tenant } from '../tenants/tenant-schema.ts';
import {
  type StoredTenant,
  type TenantRepository,
  type TenantSave,
  TenantVersionConflictError,
  validateStoredTenant,
} from './ports/tenant-repository.ts';

export class MemoryTenantStore implements TenantRepository {
  readonly #versions = new Map<string, StoredTenant[]>();

  async get(tenantId: string): Promise<StoredTenant | undefined> {
    await Promise.resolve();
    const current = this.#versions.get(tenantId)?.at(-1);
    return current ? structuredClone(current) : undefined;
  }

  async list(): Promise<StoredTenant[]> {
    await Promise.resolve();
    return [...this.#versions.values()]
      .map((versions) => structuredClone(versions.at(-1) as StoredTenant))
      .sort((a, b) => a.tenant.id.localeCompare(b.tenant.id));
  }

  async save(tenant: Tenant, save: TenantSave): Promise<StoredTenant> {
    const valid = validateStoredTenant(tenant, tenant.id);
    await Promise.resolve();
    const versions = this.#versions.get(valid.id) ?? [];
    if ((versions.at(-1)?.version ?? 0) !== save.expectedVersion)
      throw new TenantVersionConflictError(valid.id, save.expectedVersion);
    const stored: StoredTenant = {
      tenant: valid,
      version: save.expectedVersion + 1,
      updatedBy: save.by,
      updatedAt: save.at.toISOString(),
    };
    this.#versions.set(valid.id, [...versions, stored]);
    return structuredClone(stored);
  }

  async history(tenantId: string): Promise<StoredTenant[]> {
    await Promise.resolve();
    return structuredClone(this.#versions.get(tenantId) ?? []);
  }
}
