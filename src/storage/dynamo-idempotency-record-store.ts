/** Idempotency records of the built-in services in DynamoDB: four single-item conditional calls. */
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import type { IdempotencyRecord, IdempotencyRecordStore } from '../server/idempotency-store.ts';
import { sendConditional } from './dynamo-access.ts';
import { keys } from './table-design.ts';

/** expiresAt doubles as the TTL attribute on real DynamoDB (dynalite never expires items). */
function itemOf(scope: string, key: string, record: IdempotencyRecord) {
  return {
    ...keys.idempotency(scope, key),
    entity: 'idempotency',
    ttl: Math.ceil(record.expiresAt / 1000),
    ...record,
  };
}

export class DynamoIdempotencyRecordStore implements IdempotencyRecordStore {
  readonly #doc: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(doc: DynamoDBDocumentClient, tableName: string) {
    this.#doc = doc;
    this.#table = tableName;
  }

  async create(scope: string, key: string, record: IdempotencyRecord): Promise<boolean> {
    return sendConditional(
      this.#doc,
      new PutCommand({
        TableName: this.#table,
        Item: itemOf(scope, key, record),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    const found = await this.#doc.send(
      new GetCommand({
        TableName: this.#table,
        Key: keys.idempotency(scope, key),
        ConsistentRead: true,
      }),
    );
    if (!found.Item) return undefined;
    const { pk: _p, sk: _s, entity: _e, ttl: _t, ...record } = found.Item;
    return record as IdempotencyRecord;
  }

  async replace(
    scope: string,
    key: string,
    record: IdempotencyRecord,
    expectedToken: string,
  ): Promise<boolean> {
    return sendConditional(
      this.#doc,
      new PutCommand({
        TableName: this.#table,
        Item: itemOf(scope, key, record),
        ConditionExpression: '#token = :expected',
        ExpressionAttributeNames: { '#token': 'token' },
        ExpressionAttributeValues: { ':expected': expectedToken },
      }),
    );
  }

  async delete(scope: string, key: string, expectedToken: string): Promise<boolean> {
    return sendConditional(
      this.#doc,
      new DeleteCommand({
        TableName: this.#table,
        Key: keys.idempotency(scope, key),
        ConditionExpression: '#token = :expected',
        ExpressionAttributeNames: { '#token': 'token' },
        ExpressionAttributeValues: { ':expected': expectedToken },
      }),
    );
  }
}
