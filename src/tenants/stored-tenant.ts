/**
 * A tenant set up from Slack as stored: its version, who saved it and when, and the errors a save
 * can meet. Pure (no store): the registry holds these, the TenantRepository port stores them.
 */
import { describeZodIssues } from '../config/zod-problems.ts';
import { DeckhandError } from '../errors.ts';
import { type Tenant, tenantSchema } from './tenant-schema.ts';

/** A stored tenant at one version. */
export interface StoredTenant {
  tenant: Tenant;
  /** 1 for the first save, then one more per save. */
  version: number;
  /** The Slack user (or other actor) who saved this version. */
  updatedBy: string;
  /** ISO instant of the save. */
  updatedAt: string;
}

export interface TenantSave {
  /** The version the editor started from; 0 to create a tenant that must not exist yet. */
  expectedVersion: number;
  by: string;
  at: Date;
}

/** What the registry needs of the store: read them all, save one (TenantRepository has more). */
export interface StoredTenantSource {
  list(): Promise<StoredTenant[]>;
  save(tenant: Tenant, save: TenantSave): Promise<StoredTenant>;
}

/** A save refused because the tenant is not what the editor last saw. */
export class TenantVersionConflictError extends DeckhandError {
  override readonly name = 'TenantVersionConflictError';
  readonly tenantId: string;
  readonly expectedVersion: number;

  constructor(tenantId: string, expectedVersion: number) {
    super(
      'tenant_version_conflict',
      expectedVersion === 0
        ? `A business with the id "${tenantId}" exists already.`
        : `The settings of "${tenantId}" were changed by someone else since version ${expectedVersion} was opened.`,
      {
        hint:
          expectedVersion === 0
            ? 'Choose another business name.'
            : 'Close this form and open the settings again to see the latest version, then make your change.',
      },
    );
    this.tenantId = tenantId;
    this.expectedVersion = expectedVersion;
  }
}

/** A tenant that fails `tenantSchema`; `problems` lists each issue with its path. */
export class TenantValidationError extends DeckhandError {
  override readonly name = 'TenantValidationError';
  readonly problems: readonly string[];

  constructor(tenantId: string, problems: readonly string[]) {
    super('tenant_invalid', `Tenant ${tenantId} is invalid:\n${problems.join('\n')}`, {
      hint: 'Fix the settings listed and save again.',
    });
    this.problems = problems;
  }
}

/**
 * Runs the tenants file's schema on a tenant about to be stored or just read: the same rules
 * as the YAML, so a stored tenant can never be one the file would refuse.
 */
export function validateStoredTenant(tenant: unknown, tenantId: string): Tenant {
  const parsed = tenantSchema.safeParse(tenant);
  if (!parsed.success)
    throw new TenantValidationError(tenantId, describeZodIssues(parsed.error.issues));
  return parsed.data;
}
