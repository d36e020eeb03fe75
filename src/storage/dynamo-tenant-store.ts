/**
 * Tenants set up from Slack, on the single table. The current version is one item
 * (`T#<id>#SETTINGS` / `CURRENT`) carrying the whole tenant and its version number; a save is
 * one conditional write on that number (`attribute_not_exists` for the first), so of two
 * concurrent edits from the same version one wins and the other is refused. Each version is
 * then copied to its own item (`V#00000001`…) as history: written after the current one, so a
 * crash between the two loses a history line, never the settings, and never blocks the next save.
 * The current items also carry `gsi1pk = TENANTS` so every process can list them in one query.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Tenant } from '../tenants/tenant-schema.ts';
import { queryAll, sendConditional } from './dynamo-access.ts';
import {
  type StoredTenant,
  type TenantRepository,
  type TenantSave,
  TenantVersionConflictError,
  validateStoredTenant,
} from './ports/tenant-repository.ts';
import { GSI1, keys } from './table-design.ts';

function fromItem(item: Record<string, unknown>): StoredTenant {
  const tenantId = String((item.tenant as { id?: unknown } | undefined)?.id ?? item.pk);
  return {
    tenant: validateStoredTenant(item.tenant, tenantId),
    version: Number(item.version),
    updatedBy: String(item.updatedBy),
    updatedAt: String(item.updatedAt),
  };
}

export class DynamoTenantStore implements TenantRepository {
  readonly #doc: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(doc: DynamoDBDocumentClient, tableName: string) {
    this.#doc = doc;
    this.#table = tableName;
  }

  async get(tenantId: string): Promise<StoredTenant | undefined> {
    const found = await this.#doc.send(
      new GetCommand({
        TableName: this.#table,
        Key: keys.tenantSettings(tenantId),
        ConsistentRead: true,
      }),
    );
    return found.Item ? fromItem(found.Item) : undefined;
  }

  async list(): Promise<StoredTenant[]> {
    const items = await queryAll(this.#doc, {
      TableName: this.#table,
      IndexName: GSI1,
      KeyConditionExpression: 'gsi1pk = :all',
      ExpressionAttributeValues: { ':all': keys.storedTenants },
    });
    return items.map(fromItem);
  }

  async save(tenant: Tenant, save: TenantSave): Promise<StoredTenant> {
    const valid = validateStoredTenant(tenant, tenant.id);
    const stored: StoredTenant = {
      tenant: valid,
      version: save.expectedVersion + 1,
      updatedBy: save.by,
      updatedAt: save.at.toISOString(),
    };
    const made = await sendConditional(
      this.#doc,
      new PutCommand({
        TableName: this.#table,
        Item: {
          ...keys.tenantSettings(valid.id),
          entity: 'tenant',
          gsi1pk: keys.storedTenants,
          gsi1sk: valid.id,
          ...stored,
        },
        ...(save.expectedVersion === 0
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : {
              ConditionExpression: 'version = :expected',
              ExpressionAttributeValues: { ':expected': save.expectedVersion },
            }),
      }),
    );
    if (!made) throw new TenantVersionConflictError(valid.id, save.expectedVersion);
    await this.#doc.send(
      new PutCommand({
        TableName: this.#table,
        Item: {
          ...keys.tenantVersion(valid.id, stored.version),
          entity: 'tenant_version',
          ...stored,
        },
      }),
    );
    return stored;
  }

  async history(tenantId: string): Promise<StoredTenant[]> {
    const items = await queryAll(this.#doc, {
      TableName: this.#table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
      ExpressionAttributeValues: { ':pk': keys.tenantSettings(tenantId).pk, ':v': 'V#' },
      ConsistentRead: true,
    });
    return items.map(fromItem);
  }
}
