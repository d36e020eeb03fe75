/**
 * Close-outs on the single table: `T#<tenant>#B#<bookingId>` / `CLOSEOUT`, beside the booking,
 * written with one conditional put on the version (absent for the first), and listed per tenant
 * through GSI1 `T#<tenant>#CLOSEOUTS`. docs/storage.md has the tables.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { VersionConflictError } from '../bookings/booking.ts';
import type { CloseOut } from '../closeout/close-out.ts';
import { queryAll, sendConditional } from './dynamo-access.ts';
import type { CloseOutRepository } from './ports/closeout-repository.ts';
import { GSI1, keys } from './table-design.ts';

function fromItem(item: Record<string, unknown>): CloseOut {
  const { pk: _p, sk: _s, entity: _e, gsi1pk: _g, gsi1sk: _h, ...closeOut } = item;
  return closeOut as unknown as CloseOut;
}

export class DynamoCloseOutStore implements CloseOutRepository {
  readonly #doc: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(doc: DynamoDBDocumentClient, tableName: string) {
    this.#doc = doc;
    this.#table = tableName;
  }

  async get(tenantId: string, bookingId: string): Promise<CloseOut | undefined> {
    const found = await this.#doc.send(
      new GetCommand({
        TableName: this.#table,
        Key: keys.closeOut(tenantId, bookingId),
        ConsistentRead: true,
      }),
    );
    return found.Item ? fromItem(found.Item) : undefined;
  }

  async save(closeOut: CloseOut, expectedVersion: number): Promise<CloseOut> {
    const saved: CloseOut = { ...closeOut, version: expectedVersion + 1 };
    const written = await sendConditional(
      this.#doc,
      new PutCommand({
        TableName: this.#table,
        Item: {
          ...keys.closeOut(closeOut.tenantId, closeOut.bookingId),
          entity: 'closeout',
          gsi1pk: keys.closeOutsByTenant(closeOut.tenantId),
          gsi1sk: closeOut.bookingId,
          ...saved,
        },
        ...(expectedVersion === 0
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : {
              ConditionExpression: 'version = :expected',
              ExpressionAttributeValues: { ':expected': expectedVersion },
            }),
      }),
    );
    if (!written) {
      throw new VersionConflictError(
        `close-out of ${closeOut.bookingId} is no longer at version ${expectedVersion}`,
      );
    }
    return saved;
  }

  async listByTenant(tenantId: string): Promise<CloseOut[]> {
    const items = await queryAll(this.#doc, {
      TableName: this.#table,
      IndexName: GSI1,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.closeOutsByTenant(tenantId) },
    });
    return items.map(fromItem);
  }
}
