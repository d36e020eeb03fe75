/**
 * Crew assignments, magic links and reminder schedule in DynamoDB. An answer is one conditional
 * update on the assignment's version; pending assignments sit in a sparse index by reminder time.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CrewAssignment, LinkRef } from '../crew/crew-assignment.ts';
import { isConditionFailure, queryAll, sendConditional } from './dynamo-access.ts';
import { AssignmentConflictError, type CrewRepository } from './ports/crew-repository.ts';
import { GSI1, keys } from './table-design.ts';

function assignmentOf(item: Record<string, unknown> | undefined): CrewAssignment | undefined {
  if (!item) return undefined;
  const { pk: _p, sk: _s, gsi1pk: _g1, gsi1sk: _g2, entity: _e, ...rest } = item;
  return rest as unknown as CrewAssignment;
}

export class DynamoCrewStore implements CrewRepository {
  readonly #doc: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(doc: DynamoDBDocumentClient, tableName: string) {
    this.#doc = doc;
    this.#table = tableName;
  }

  #item(a: CrewAssignment) {
    return {
      ...keys.crewAssignment(a.tenantId, a.bookingId, a.personId),
      entity: 'crew_assignment',
      // Only pending assignments with a reminder due are in the index.
      ...(a.state === 'pending' && a.nextReminderAt
        ? {
            gsi1pk: keys.dueReminders(a.tenantId),
            gsi1sk: `${a.nextReminderAt}#${a.bookingId}#${a.personId}`,
          }
        : {}),
      ...a,
    };
  }

  /** Creates the assignment unless it exists; false when it did. */
  async create(assignment: CrewAssignment): Promise<boolean> {
    return sendConditional(
      this.#doc,
      new PutCommand({
        TableName: this.#table,
        Item: this.#item(assignment),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(
    tenantId: string,
    bookingId: string,
    personId: string,
  ): Promise<CrewAssignment | undefined> {
    const found = await this.#doc.send(
      new GetCommand({
        TableName: this.#table,
        Key: keys.crewAssignment(tenantId, bookingId, personId),
        ConsistentRead: true,
      }),
    );
    return assignmentOf(found.Item);
  }

  async list(tenantId: string, bookingId: string): Promise<CrewAssignment[]> {
    const items = await queryAll(this.#doc, {
      TableName: this.#table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :crew)',
      ExpressionAttributeValues: {
        ':pk': keys.booking(tenantId, bookingId).pk,
        ':crew': 'CREW#',
      },
      ConsistentRead: true,
    });
    return items.map((item) => assignmentOf(item) as CrewAssignment);
  }

  /** Replaces the assignment if it is still at its version; throws AssignmentConflictError if not. */
  async update(
    current: CrewAssignment,
    next: Omit<CrewAssignment, 'version'>,
  ): Promise<CrewAssignment> {
    const stored: CrewAssignment = { ...next, version: current.version + 1 };
    try {
      await this.#doc.send(
        new PutCommand({
          TableName: this.#table,
          Item: this.#item(stored),
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': current.version },
        }),
      );
      return stored;
    } catch (error) {
      if (isConditionFailure(error))
        throw new AssignmentConflictError(
          `assignment of ${current.personId} changed since version ${current.version}`,
        );
      throw error;
    }
  }

  /** Stores a link (by its token's hash) pointing at an assignment. */
  async putLink(tokenHash: string, ref: LinkRef): Promise<void> {
    await this.#doc.send(
      new PutCommand({
        TableName: this.#table,
        Item: {
          ...keys.crewLink(tokenHash),
          entity: 'crew_link',
          ttl: Math.ceil(ref.expiresAt / 1000),
          ...ref,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async getLink(tokenHash: string): Promise<LinkRef | undefined> {
    const found = await this.#doc.send(
      new GetCommand({ TableName: this.#table, Key: keys.crewLink(tokenHash) }),
    );
    if (!found.Item) return undefined;
    const { tenantId, bookingId, personId, expiresAt } = found.Item as LinkRef;
    return { tenantId, bookingId, personId, expiresAt };
  }

  /** Pending assignments whose reminder is due at or before `nowIso`. */
  async dueReminders(tenantId: string, nowIso: string): Promise<CrewAssignment[]> {
    const items = await queryAll(this.#doc, {
      TableName: this.#table,
      IndexName: GSI1,
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :now',
      ExpressionAttributeValues: { ':pk': keys.dueReminders(tenantId), ':now': `${nowIso}#~` },
    });
    return items.map((item) => assignmentOf(item) as CrewAssignment);
  }

  async putSccEventRef(tenantId: string, eventId: string, bookingId: string): Promise<void> {
    await this.#doc.send(
      new PutCommand({
        TableName: this.#table,
        Item: { ...keys.sccEventRef(tenantId, eventId), entity: 'scc_ref', bookingId },
      }),
    );
  }

  async getSccEventRef(tenantId: string, eventId: string): Promise<string | undefined> {
    const found = await this.#doc.send(
      new GetCommand({ TableName: this.#table, Key: keys.sccEventRef(tenantId, eventId) }),
    );
    return typeof found.Item?.bookingId === 'string' ? found.Item.bookingId : undefined;
  }
}
