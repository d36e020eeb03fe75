/**
 * Drafts: a parsed booking waiting for review in Slack (the review card and the approval modal
 * point at it by id). Approving claims the draft with one conditional write, so a double click
 * or a re-delivered submission books once.
 */
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { sendConditional } from './dynamo-access.ts';
import type { Draft, DraftRepository } from './ports/draft-repository.ts';
import { keys } from './table-design.ts';

export class DynamoDraftStore implements DraftRepository {
  readonly #doc: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(doc: DynamoDBDocumentClient, tableName: string) {
    this.#doc = doc;
    this.#table = tableName;
  }

  /** Creates a draft; false when the id exists (a re-delivered email keyed by its file id). */
  async create(draft: Draft): Promise<boolean> {
    return sendConditional(
      this.#doc,
      new PutCommand({
        TableName: this.#table,
        Item: { ...keys.draft(draft.tenantId, draft.draftId), entity: 'draft', ...draft },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(tenantId: string, draftId: string): Promise<Draft | undefined> {
    const found = await this.#doc.send(
      new GetCommand({
        TableName: this.#table,
        Key: keys.draft(tenantId, draftId),
        ConsistentRead: true,
      }),
    );
    if (!found.Item) return undefined;
    const { pk: _p, sk: _s, entity: _e, ...draft } = found.Item;
    return draft as Draft;
  }

  /**
   * Claims an open draft for one approval job, fixing the booking id it will create: one
   * conditional write, so of concurrent submissions one wins. Returns the draft as claimed, also
   * when this job (the same `claim`) claimed it before and died: the retry resumes with the same
   * booking id. Undefined when another approval has it or it was dismissed.
   */
  async claimApproval(
    tenantId: string,
    draftId: string,
    claim: string,
    bookingId: string,
  ): Promise<Draft | undefined> {
    const claimed = await sendConditional(
      this.#doc,
      new UpdateCommand({
        TableName: this.#table,
        Key: keys.draft(tenantId, draftId),
        UpdateExpression: 'SET #status = :approving, approvalClaim = :claim, bookingId = :booking',
        ConditionExpression: '#status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':approving': 'approving',
          ':open': 'open',
          ':claim': claim,
          ':booking': bookingId,
        },
      }),
    );
    const draft = await this.get(tenantId, draftId);
    if (!draft) return undefined;
    if (claimed) return draft;
    const ours = draft.approvalClaim === claim && draft.status !== 'dismissed';
    return ours ? draft : undefined;
  }

  /** Moves an open draft to `to`; false when it was not open (someone else approved or dismissed it). */
  async transition(
    tenantId: string,
    draftId: string,
    from: Draft['status'],
    to: Draft['status'],
    bookingId?: string,
  ): Promise<boolean> {
    return sendConditional(
      this.#doc,
      new UpdateCommand({
        TableName: this.#table,
        Key: keys.draft(tenantId, draftId),
        UpdateExpression: bookingId
          ? 'SET #status = :to, bookingId = :booking'
          : 'SET #status = :to',
        ConditionExpression: '#status = :from',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':from': from,
          ':to': to,
          ...(bookingId ? { ':booking': bookingId } : {}),
        },
      }),
    );
  }

  /** Gives a claimed delivery back, so a retry can do what the failed attempt could not. */
  async releaseDelivery(key: string): Promise<void> {
    await this.#doc.send(
      new DeleteCommand({ TableName: this.#table, Key: keys.slackDelivery(key) }),
    );
  }

  /** Claims a Slack delivery (event id) once: false when it was seen before. */
  async claimDelivery(key: string, expiresAt: number): Promise<boolean> {
    return sendConditional(
      this.#doc,
      new PutCommand({
        TableName: this.#table,
        Item: {
          ...keys.slackDelivery(key),
          entity: 'slack_delivery',
          ttl: Math.ceil(expiresAt / 1000),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }
}
