/**
 * The built-in SCC's crew-visible event records in DynamoDB. The revenue scrub is a direct
 * update of this item (REMOVE of the money fields, SET of the stripped notes), as in the seed.
 */
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { SccEventChanges, SccStore, StoredSccEvent } from '../scc/scc-store.ts';
import { isConditionFailure, sendConditional } from './dynamo-access.ts';
import { keys } from './table-design.ts';

function eventOf(item: Record<string, unknown> | undefined): StoredSccEvent | undefined {
  if (!item) return undefined;
  const { pk: _pk, sk: _sk, entity: _e, ...event } = item;
  return event as unknown as StoredSccEvent;
}

export class DynamoSccStore implements SccStore {
  readonly #doc: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(doc: DynamoDBDocumentClient, tableName: string) {
    this.#doc = doc;
    this.#table = tableName;
  }

  async create(event: StoredSccEvent): Promise<boolean> {
    return sendConditional(
      this.#doc,
      new PutCommand({
        TableName: this.#table,
        Item: {
          ...keys.sccEvent(event.tenant_id, event.event_id),
          entity: 'scc_event',
          ...event,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(tenantId: string, eventId: string): Promise<StoredSccEvent | undefined> {
    const found = await this.#doc.send(
      new GetCommand({
        TableName: this.#table,
        Key: keys.sccEvent(tenantId, eventId),
        ConsistentRead: true,
      }),
    );
    return eventOf(found.Item);
  }

  async patch(
    tenantId: string,
    eventId: string,
    changes: SccEventChanges,
  ): Promise<StoredSccEvent | undefined> {
    const names: Record<string, string> = { '#updated_at': 'updated_at' };
    const values: Record<string, unknown> = { ':updated_at': changes.updatedAt };
    const sets = ['#updated_at = :updated_at'];
    for (const [i, [field, value]] of Object.entries(changes.set).entries()) {
      if (value === undefined) continue;
      names[`#s${i}`] = field;
      values[`:s${i}`] = value;
      sets.push(`#s${i} = :s${i}`);
    }
    const removes = changes.remove.map((field, i) => {
      names[`#r${i}`] = field;
      return `#r${i}`;
    });
    try {
      const result = await this.#doc.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: keys.sccEvent(tenantId, eventId),
          UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return eventOf(result.Attributes);
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }
}
