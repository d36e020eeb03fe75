/** The built-in calendar's entries in DynamoDB: one item per entry, conditional writes only. */
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type {
  CalendarEntryFields,
  CalendarStore,
  StoredCalendarEntry,
} from '../calendar/calendar-store.ts';
import { isConditionFailure, queryAll, sendConditional } from './dynamo-access.ts';
import { GSI1, keys } from './table-design.ts';

function entryOf(item: Record<string, unknown> | undefined): StoredCalendarEntry | undefined {
  if (!item) return undefined;
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, entity: _e, ...entry } = item;
  return entry as unknown as StoredCalendarEntry;
}

export class DynamoCalendarStore implements CalendarStore {
  readonly #doc: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(doc: DynamoDBDocumentClient, tableName: string) {
    this.#doc = doc;
    this.#table = tableName;
  }

  #item(entry: StoredCalendarEntry) {
    return {
      ...keys.calendarEntry(entry.tenantId, entry.id),
      gsi1pk: keys.calendarEntries(entry.tenantId, entry.calendarId),
      gsi1sk: `${entry.start}#${entry.id}`,
      entity: 'calendar_entry',
      ...entry,
    };
  }

  async put(entry: StoredCalendarEntry): Promise<boolean> {
    return sendConditional(
      this.#doc,
      new PutCommand({
        TableName: this.#table,
        Item: this.#item(entry),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(tenantId: string, id: string): Promise<StoredCalendarEntry | undefined> {
    const found = await this.#doc.send(
      new GetCommand({
        TableName: this.#table,
        Key: keys.calendarEntry(tenantId, id),
        ConsistentRead: true,
      }),
    );
    return entryOf(found.Item);
  }

  async update(
    tenantId: string,
    id: string,
    fields: CalendarEntryFields,
    updatedAt: string,
  ): Promise<StoredCalendarEntry | 'missing' | 'cancelled'> {
    try {
      const result = await this.#doc.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: keys.calendarEntry(tenantId, id),
          UpdateExpression:
            'SET calendarId = :cal, title = :title, #start = :start, durationMinutes = :dur, metadata = :meta, ' +
            'gsi1pk = :g1, gsi1sk = :g2, updatedAt = :at ADD revision :one',
          ConditionExpression: 'attribute_exists(pk) AND #status <> :cancelled',
          ExpressionAttributeNames: { '#start': 'start', '#status': 'status' },
          ExpressionAttributeValues: {
            ':cal': fields.calendarId,
            ':title': fields.title,
            ':start': fields.start,
            ':dur': fields.durationMinutes,
            ':meta': fields.metadata,
            ':g1': keys.calendarEntries(tenantId, fields.calendarId),
            ':g2': `${fields.start}#${id}`,
            ':at': updatedAt,
            ':one': 1,
            ':cancelled': 'cancelled',
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return entryOf(result.Attributes) as StoredCalendarEntry;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      // dynalite does not return the old item on a failed condition: read it to say why.
      const current = await this.get(tenantId, id);
      return current === undefined ? 'missing' : 'cancelled';
    }
  }

  async markCancelled(
    tenantId: string,
    id: string,
    cancelledAt: string,
  ): Promise<StoredCalendarEntry | undefined> {
    try {
      const result = await this.#doc.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: keys.calendarEntry(tenantId, id),
          UpdateExpression: 'SET #status = :cancelled, updatedAt = :at ADD revision :one',
          ConditionExpression: 'attribute_exists(pk) AND #status <> :cancelled',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':cancelled': 'cancelled', ':at': cancelledAt, ':one': 1 },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return entryOf(result.Attributes);
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return this.get(tenantId, id);
    }
  }

  async listByCalendar(tenantId: string, calendarId: string): Promise<StoredCalendarEntry[]> {
    const items = await queryAll(this.#doc, {
      TableName: this.#table,
      IndexName: GSI1,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.calendarEntries(tenantId, calendarId) },
    });
    return items.map((item) => entryOf(item) as StoredCalendarEntry);
  }
}
