/**
 * The per-booking photo upload counter in DynamoDB: one item per booking
 * (`T#<tenant>#B#<bookingId>` / `UPLOADS`), raised with a single conditional `ADD`, so
 * concurrent guests can never take the count past the cap (no transactions needed).
 */
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { UploadCounter } from '../uploads/upload-counter.ts';
import { sendConditional } from './dynamo-access.ts';
import { keys } from './table-design.ts';

export class DynamoUploadCounter implements UploadCounter {
  readonly #doc: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(doc: DynamoDBDocumentClient, tableName: string) {
    this.#doc = doc;
    this.#table = tableName;
  }

  async reserve(tenantId: string, bookingId: string, cap: number): Promise<boolean> {
    return sendConditional(
      this.#doc,
      new UpdateCommand({
        TableName: this.#table,
        Key: keys.uploadCounter(tenantId, bookingId),
        UpdateExpression: 'ADD #count :one SET entity = :entity, tenantId = :t, bookingId = :b',
        ConditionExpression: 'attribute_not_exists(#count) OR #count < :cap',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: {
          ':one': 1,
          ':cap': cap,
          ':entity': 'upload_counter',
          ':t': tenantId,
          ':b': bookingId,
        },
      }),
    );
  }

  async count(tenantId: string, bookingId: string): Promise<number> {
    const found = await this.#doc.send(
      new GetCommand({
        TableName: this.#table,
        Key: keys.uploadCounter(tenantId, bookingId),
        ConsistentRead: true,
      }),
    );
    const count = found.Item?.['count'];
    return typeof count === 'number' ? count : 0;
  }
}
