/**
 * Loads the tenants file (YAML), validates it, and answers "which tenant is this?", for the
 * file's tenants and the ones set up from Slack (docs/tenants.md).
 */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { describeZodIssues } from '../config/zod-problems.ts';
import { ConfigError, DeckhandError, UnknownTenantError } from '../errors.ts';
import type { StoredTenant, StoredTenantSource, TenantSave } from './stored-tenant.ts';
import { type Tenant, tenantsFileSchema } from './tenant-schema.ts';

/** Where a tenant comes from: the tenants file (read-only in Slack) or the store (set up from Slack). */
export type TenantSource = 'file' | 'stored';

/** A save refused because the tenant comes from the tenants file, which Slack cannot change. */
export class TenantReadOnlyError extends DeckhandError {
  override readonly name = 'TenantReadOnlyError';

  constructor(tenantId: string) {
    super('tenant_read_only', `The settings of "${tenantId}" come from the tenants file.`, {
      hint: 'Change them in the tenants file on the server (DECKHAND_TENANTS_FILE) and restart deckhand.',
    });
  }
}

export interface StoredTenantsOptions {
  /**
   * How long a loaded list of stored tenants is trusted before `refreshIfStale` reads it again:
   * another process (another Lambda instance, npm start next to a CLI) may have saved one.
   * Default 30 s.
   */
  maxAgeMs?: number;
  /** Milliseconds clock for the cache age; default Date.now. */
  now?: () => number;
  /** Runs for each stored tenant this process sees first or saves (local mode makes its bucket). */
  onTenant?: (tenant: Tenant) => Promise<void>;
}

/**
 * The tenants of this deployment, by id: the tenants file's, plus the ones set up from Slack
 * (stored, versioned, in a TenantRepository).
 *
 * Why `get` and `list` stay synchronous: they are called everywhere (routing, pricing, pages,
 * the pipeline, the CLI) in code that has no reason to wait, and a tenant is read far more
 * often than it changes. So the registry keeps the stored tenants in memory and is told when to
 * read them again, rather than every caller awaiting a store read:
 * - at start (`useStore` then `refresh`, in the composition root);
 * - after a save made through this registry (`save` updates the copy at once);
 * - on each Slack request and job, `refreshIfStale` reads the store again when the copy is older
 *   than `maxAgeMs` (30 s): a Lambda instance sees another instance's save within that time.
 * Ids are unique across both sources: a stored tenant whose id the file has is never loaded,
 * and `save` refuses a file tenant's id (TenantReadOnlyError).
 */
export class TenantRegistry {
  readonly #fromFile: ReadonlyMap<string, Tenant>;
  #stored = new Map<string, StoredTenant>();
  #repository: StoredTenantSource | undefined;
  #options: StoredTenantsOptions = {};
  #loadedAt = Number.NEGATIVE_INFINITY;
  #loading: Promise<void> | undefined;

  constructor(tenants: readonly Tenant[]) {
    this.#fromFile = new Map(tenants.map((t) => [t.id, t]));
  }

  list(): Tenant[] {
    return [...this.#fromFile.values(), ...[...this.#stored.values()].map((s) => s.tenant)];
  }

  /** The tenant, or an UnknownTenantError naming the ones that exist. */
  get(id: string): Tenant {
    const tenant = this.#fromFile.get(id) ?? this.#stored.get(id)?.tenant;
    if (!tenant)
      throw new UnknownTenantError(
        id,
        this.list().map((t) => t.id),
      );
    return tenant;
  }

  /** Whether a tenant is from the tenants file or set up from Slack; undefined when unknown. */
  source(id: string): TenantSource | undefined {
    if (this.#fromFile.has(id)) return 'file';
    return this.#stored.has(id) ? 'stored' : undefined;
  }

  /** A stored tenant with its version (the editor saves against it); undefined for file tenants. */
  stored(id: string): StoredTenant | undefined {
    return this.#stored.get(id);
  }

  /** True when tenants can be set up from Slack (a store is attached). */
  get storesTenants(): boolean {
    return this.#repository !== undefined;
  }

  /** Attaches the store of tenants set up from Slack; call `refresh` to load them. */
  useStore(repository: StoredTenantSource, options: StoredTenantsOptions = {}): void {
    this.#repository = repository;
    this.#options = options;
    this.#loadedAt = Number.NEGATIVE_INFINITY;
  }

  /** Reads every stored tenant again (concurrent calls share one read). */
  refresh(): Promise<void> {
    const repository = this.#repository;
    if (!repository) return Promise.resolve();
    this.#loading ??= (async () => {
      const started = this.#now();
      const loaded = await repository.list();
      const next = new Map<string, StoredTenant>();
      for (const stored of loaded) {
        if (this.#fromFile.has(stored.tenant.id)) continue;
        if (!this.#stored.has(stored.tenant.id)) await this.#options.onTenant?.(stored.tenant);
        next.set(stored.tenant.id, stored);
      }
      this.#stored = next;
      this.#loadedAt = started;
    })().finally(() => {
      this.#loading = undefined;
    });
    return this.#loading;
  }

  /** Refreshes when the stored tenants were read more than `maxAgeMs` ago. */
  async refreshIfStale(): Promise<void> {
    if (!this.#repository) return;
    if (this.#now() - this.#loadedAt < (this.#options.maxAgeMs ?? 30_000)) return;
    await this.refresh();
  }

  /**
   * Saves a tenant set up or edited from Slack as its next version (see TenantRepository.save
   * for the errors), and uses it at once in this process. Refuses a tenants-file id.
   */
  async save(tenant: Tenant, save: TenantSave): Promise<StoredTenant> {
    if (!this.#repository)
      throw new DeckhandError('tenant_store_missing', 'Tenants cannot be stored here.', {
        hint: 'Add the business to the tenants file (DECKHAND_TENANTS_FILE).',
      });
    if (this.#fromFile.has(tenant.id)) throw new TenantReadOnlyError(tenant.id);
    await this.#options.onTenant?.(tenant);
    const stored = await this.#repository.save(tenant, save);
    this.#stored.set(stored.tenant.id, stored);
    return stored;
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }
}

/**
 * Parses tenants-file text. Every problem is reported at once, with its path in the file.
 *
 * @example parseTenantsFile(yamlText, 'tenants.yml').get('queen-of-san-diego').timezone
 */
export function parseTenantsFile(text: string, sourceName: string): TenantRegistry {
  let data: unknown;
  try {
    data = parseYaml(text, { prettyErrors: true });
  } catch (error) {
    const detail = error instanceof YAMLParseError ? error.message : String(error);
    throw new ConfigError(`Tenants file ${sourceName}`, [`not valid YAML: ${detail}`], {
      cause: error,
    });
  }
  const result = tenantsFileSchema.safeParse(data);
  if (!result.success) {
    throw new ConfigError(`Tenants file ${sourceName}`, describeZodIssues(result.error.issues));
  }
  return new TenantRegistry(result.data.tenants);
}

/** Reads and validates the tenants file at `path`. */
export async function loadTenantsFile(path: string): Promise<TenantRegistry> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `Tenants file ${path}`,
      [
        `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); set DECKHAND_TENANTS_FILE to a readable YAML file`,
      ],
      { cause: error },
    );
  }
  return parseTenantsFile(text, path);
}
