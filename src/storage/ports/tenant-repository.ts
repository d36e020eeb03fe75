/**
 * The port for tenants set up from Slack: each save is a new numbered version (who, when), made
 * with one conditional write on the version the editor started from, so two admins editing at
 * once cannot overwrite each other. Every tenant read or written passes `tenantSchema`, the
 * schema of the tenants file (`validateStoredTenant`).
 */
import type { StoredTenant, StoredTenantSource, TenantSave } from '../../tenants/stored-tenant.ts';
import type { Tenant } from '../../tenants/tenant-schema.ts';

export {
  type StoredTenant,
  type TenantSave,
  TenantValidationError,
  TenantVersionConflictError,
  validateStoredTenant,
} from '../../tenants/stored-tenant.ts';

export interface TenantRepository extends StoredTenantSource {
  /** The current version, or undefined. */
  get(tenantId: string): Promise<StoredTenant | undefined>;
  /** Every stored tenant's current version, by id. */
  list(): Promise<StoredTenant[]>;
  /**
   * Saves a new version. Throws TenantValidationError when the tenant fails the schema, and
   * TenantVersionConflictError when the stored version is not `expectedVersion` (someone else
   * saved first, or the id is taken).
   */
  save(tenant: Tenant, save: TenantSave): Promise<StoredTenant>;
  /** Every version saved, oldest first (the current one last). */
  history(tenantId: string): Promise<StoredTenant[]>;
}
