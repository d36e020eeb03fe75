/**
 * Parked Slack work in the single table: one item per parked key, all in one partition
 * `SLACKPARKED` with sort key `<team>#<key>` (parked work is rare and small: a revoked
 * workspace's thread updates until it is installed again), so a team's items are one query and
 * the teams with parked work (the start-up drain) another. Not a tenant's data: a Slack team may
 * hold several tenants, and the work is the team's until its token works again.
 */
import { DeleteCommand, type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll, sendConditional } from './dynamo-access.ts';
import {
  byReplayOrder,
  type ParkedSlackItem,
  type ParkedSlackWork,
  type ParkedSlackWorkRepository,
} from './ports/parked-slack-work.ts';

const PARTITION = 'SLACKPARKED';

export const parkedItemKey = (teamId: string, key: string) => ({
  pk: PARTITION,
  sk: `${teamId}#${key}`,
});

export class DynamoParkedSlackStore implements ParkedSlackWorkRepository {
  readonly #doc: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(doc: DynamoDBDocumentClient, tableName: string) {
    this.#doc = doc;
    this.#table = tableName;
  }

  async park(
    teamId: string,
    key: string,
    work: ParkedSlackWork,
    at: { order: number; now: Date },
  ): Promise<number> {
    // One write: a new key takes its place and instant; a parked one keeps them (coalescing).
    const updated = await this.#doc.send(
      new UpdateCommand({
        TableName: this.#table,
        Key: parkedItemKey(teamId, key),
        UpdateExpression:
          'SET #entity = :entity, #team = :team, #key = :key, #work = :work, #order = if_not_exists(#order, :order), #at = if_not_exists(#at, :at) ADD #revision :one',
        // Names for all: several (order, work) are DynamoDB reserved words.
        ExpressionAttributeNames: {
          '#entity': 'entity',
          '#team': 'teamId',
          '#key': 'parkedKey',
          '#work': 'parkedWork',
          '#order': 'order',
          '#at': 'parkedAt',
          '#revision': 'revision',
        },
        ExpressionAttributeValues: {
          ':entity': 'slack_parked',
          ':team': teamId,
          ':key': key,
          ':work': work,
          ':order': at.order,
          ':at': at.now.toISOString(),
          ':one': 1,
        },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(updated.Attributes?.revision);
  }

  async list(teamId: string): Promise<ParkedSlackItem[]> {
    const items = await queryAll(this.#doc, {
      TableName: this.#table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :team)',
      ExpressionAttributeValues: { ':pk': PARTITION, ':team': `${teamId}#` },
      ConsistentRead: true,
    });
    return items
      .map((item) => ({
        teamId: String(item.teamId),
        key: String(item.parkedKey),
        order: Number(item.order),
        revision: Number(item.revision),
        parkedAt: String(item.parkedAt),
        work: item.parkedWork as ParkedSlackWork,
      }))
      .sort(byReplayOrder);
  }

  remove(teamId: string, key: string, revision: number): Promise<boolean> {
    return sendConditional(
      this.#doc,
      new DeleteCommand({
        TableName: this.#table,
        Key: parkedItemKey(teamId, key),
        ConditionExpression: '#revision = :revision',
        ExpressionAttributeNames: { '#revision': 'revision' },
        ExpressionAttributeValues: { ':revision': revision },
      }),
    );
  }

  async teams(): Promise<string[]> {
    const items = await queryAll(this.#doc, {
      TableName: this.#table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': PARTITION },
      ProjectionExpression: 'teamId',
      ConsistentRead: true,
    });
    return [...new Set(items.map((i) => String(i.teamId)))].sort();
  }
}
