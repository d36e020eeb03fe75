/** Tenants' credentials in memory, with the DynamoDB store's rules (unit tests, like MemoryInstallationStore). */
import {
  type CredentialInput,
  type CredentialMetadata,
  type CredentialSystem,
  metadataOf,
  type StoredCredential,
  secretEndsWith,
  type TenantCredentialRepository,
} from './ports/tenant-credential-repository.ts';

export class MemoryTenantCredentialStore implements TenantCredentialRepository {
  readonly #credentials = new Map<string, StoredCredential>();

  async get(tenantId: string, system: CredentialSystem): Promise<StoredCredential | undefined> {
    await Promise.resolve();
    const found = this.#credentials.get(keyOf(tenantId, system));
    return found && { ...found };
  }

  async describe(
    tenantId: string,
    system: CredentialSystem,
  ): Promise<CredentialMetadata | undefined> {
    const found = await this.get(tenantId, system);
    return found && metadataOf(found);
  }

  async put(tenantId: string, system: CredentialSystem, input: CredentialInput): Promise<void> {
    await Promise.resolve();
    this.#credentials.set(keyOf(tenantId, system), {
      system,
      url: input.url,
      secret: input.secret,
      setBy: input.setBy,
      setAt: input.setAt,
      secretEndsWith: secretEndsWith(input.secret),
    });
  }

  async delete(tenantId: string, system: CredentialSystem): Promise<boolean> {
    await Promise.resolve();
    return this.#credentials.delete(keyOf(tenantId, system));
  }
}

const keyOf = (tenantId: string, system: CredentialSystem) => `${tenantId}\u0000${system}`;
