/** Loads the tenants file (YAML), validates it, and answers "which tenant is this?". */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { describeZodIssues } from '../config/zod-problems.ts';
import { ConfigError, UnknownTenantError } from '../errors.ts';
import { type Tenant, tenantsFileSchema } from './tenant-schema.ts';

/** The tenants of this deployment, by id. */
export class TenantRegistry {
  readonly #byId: ReadonlyMap<string, Tenant>;

  constructor(tenants: readonly Tenant[]) {
    this.#byId = new Map(tenants.map((t) => [t.id, t]));
  }

  list(): Tenant[] {
    return [...this.#byId.values()];
  }

  /** The tenant, or an UnknownTenantError naming the ones that exist. */
  get(id: string): Tenant {
    const tenant = this.#byId.get(id);
    if (!tenant) throw new UnknownTenantError(id, [...this.#byId.keys()]);
    return tenant;
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
