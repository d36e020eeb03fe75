/** Idempotency records of the built-in services in DynamoDB: four single-item conditional calls. */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import type { IdempotencyRecord, IdempotencyRecordStore } from '../server/idempotency-store.ts';
import { keys } from './table-design.ts';

const failed = (error: unknown) =>
  error instanceof ConditionalCheckFailedException ||
  (error as Error).name === 'ConditionalCheckFailedException';

export class DynamoIdempotencyRecordStore implements IdempotencyRecordStore {
  readonly #doc: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(doc: DynamoDBDocumentClient, tableName: string) {
    this.#doc = doc;
    this.#table = tableName;
  }

  async create(scope: string, key: string, record: IdempotencyRecord): Promise<boolean> {
    try {
      await this.#doc.send(
        new PutCommand({
          TableName: this.#table,
          // expiresAt doubles as the TTL attribute on real DynamoDB (dynalite never expires items).
          Item: {
            ...keys.idempotency(scope, key),
            entity: 'idempotency',
            ttl: Math.ceil(record.expiresAt / 1000),
            ...record,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (failed(error)) return false;
      throw error;
    }
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
    try {
      await this.#doc.send(
        new PutCommand({
          TableName: this.#table,
          Item: {
            ...keys.idempotency(scope, key),
            entity: 'idempotency',
            ttl: Math.ceil(record.expiresAt / 1000),
            ...record,
          },
          ConditionExpression: '#token = :expected',
          ExpressionAttributeNames: { '#token': 'token' },
          ExpressionAttributeValues: { ':expected': expectedToken },
        }),
      );
      return true;
    } catch (error) {
      if (failed(error)) return false;
      throw error;
    }
  }

  async delete(scope: string, key: string, expectedToken: string): Promise<boolean> {
    try {
      await this.#doc.send(
        new DeleteCommand({
          TableName: this.#table,
          Key: keys.idempotency(scope, key),
          ConditionExpression: '#token = :expected',
          ExpressionAttributeNames: { '#token': 'token' },
          ExpressionAttributeValues: { ':expected': expectedToken },
        }),
      );
      return true;
    } catch (error) {
      if (failed(error)) return false;
      throw error;
    }
  }
}
