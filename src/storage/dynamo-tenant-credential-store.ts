/**
 * Tenants' credentials in the single table: one item per tenant and system,
 * `T#<tenant>#CREDENTIALS` / `CALENDAR` or `SCC`. The secret is stored only sealed by the
 * TokenCipher, with the item's key as context (a sealed value copied onto another tenant's or
 * system's item does not open); the URL and who set it and when are in clear. A put replaces
 * the item whole: rotation leaves nothing of the old secret.
 */
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  type CredentialInput,
  type CredentialMetadata,
  type CredentialSystem,
  metadataOf,
  type StoredCredential,
  secretEndsWith,
  type TenantCredentialRepository,
} from './ports/tenant-credential-repository.ts';
import type { TokenCipher } from './ports/token-cipher.ts';
import { keys } from './table-design.ts';

const contextOf = (key: { pk: string; sk: string }) => `${key.pk}/${key.sk}`;

export class DynamoTenantCredentialStore implements TenantCredentialRepository {
  readonly #doc: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #cipher: TokenCipher;

  constructor(doc: DynamoDBDocumentClient, tableName: string, cipher: TokenCipher) {
    this.#doc = doc;
    this.#table = tableName;
    this.#cipher = cipher;
  }

  async get(tenantId: string, system: CredentialSystem): Promise<StoredCredential | undefined> {
    const key = keys.tenantCredential(tenantId, system);
    const found = await this.#doc.send(
      new GetCommand({ TableName: this.#table, Key: key, ConsistentRead: true }),
    );
    const item = found.Item;
    if (!item) return undefined;
    const secret = await this.#cipher.open(String(item.sealed), contextOf(key));
    return {
      system,
      url: String(item.url),
      setBy: String(item.setBy),
      setAt: String(item.setAt),
      secretEndsWith: secretEndsWith(secret),
      secret,
    };
  }

  async describe(
    tenantId: string,
    system: CredentialSystem,
  ): Promise<CredentialMetadata | undefined> {
    // The last four characters are not stored in clear: they are read from the opened secret.
    const found = await this.get(tenantId, system);
    return found && metadataOf(found);
  }

  async put(tenantId: string, system: CredentialSystem, input: CredentialInput): Promise<void> {
    const key = keys.tenantCredential(tenantId, system);
    const sealed = await this.#cipher.seal(input.secret, contextOf(key));
    await this.#doc.send(
      new PutCommand({
        TableName: this.#table,
        Item: {
          ...key,
          entity: 'tenant_credential',
          tenantId,
          system,
          url: input.url,
          setBy: input.setBy,
          setAt: input.setAt,
          sealed,
        },
      }),
    );
  }

  async delete(tenantId: string, system: CredentialSystem): Promise<boolean> {
    const removed = await this.#doc.send(
      new DeleteCommand({
        TableName: this.#table,
        Key: keys.tenantCredential(tenantId, system),
        ReturnValues: 'ALL_OLD',
      }),
    );
    return removed.Attributes !== undefined;
  }
}
