/**
 * Bookings, their pipeline steps and their event log in DynamoDB. Every write is a single-item
 * conditional write (the emulator has no transactions): bookings by version, steps by lease,
 * marketplace ids and slugs by attribute_not_exists.
 *
 * One piece (~380 lines): the three ports it implements (BookingRepository, StepLedger,
 * EventLog) share one table's key design and conditional-write helpers; the ports split what
 * callers see, this adapter keeps the one place that knows the item layout.
 */
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { type Booking, VersionConflictError } from '../bookings/booking.ts';
import type { PipelineEvent, StepRecord } from '../pipeline/step-record.ts';
import { isConditionFailure, queryAll, sendConditional } from './dynamo-access.ts';
import type { SlugOwner } from './ports/booking-repository.ts';
import type { BookingStore } from './ports/booking-store.ts';
import type { StepClaim } from './ports/step-ledger.ts';
import { GSI1, keys } from './table-design.ts';

function strip<T>(item: Record<string, unknown> | undefined, ...drop: string[]): T | undefined {
  if (!item) return undefined;
  const copy = { ...item };
  for (const key of ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'entity', ...drop]) delete copy[key];
  return copy as T;
}

/** Bookings, steps and events on DynamoDB (BookingRepository, StepLedger and EventLog). */
export class DynamoBookingStore implements BookingStore {
  readonly #doc: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(doc: DynamoDBDocumentClient, tableName: string) {
    this.#doc = doc;
    this.#table = tableName;
  }

  /** Claims `marketplaceId` for `bookingId`; returns the booking id that holds it. */
  async claimMarketplaceId(
    tenantId: string,
    marketplaceId: string,
    bookingId: string,
  ): Promise<string> {
    try {
      await this.#doc.send(
        new PutCommand({
          TableName: this.#table,
          Item: {
            ...keys.marketplaceRef(tenantId, marketplaceId),
            entity: 'marketplace_ref',
            tenantId,
            bookingId,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return bookingId;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const existing = await this.#doc.send(
        new GetCommand({
          TableName: this.#table,
          Key: keys.marketplaceRef(tenantId, marketplaceId),
          ConsistentRead: true,
        }),
      );
      return String(existing.Item?.bookingId);
    }
  }

  /** The deckhand booking id holding a marketplace id, if any. */
  async findMarketplaceRef(tenantId: string, marketplaceId: string): Promise<string | undefined> {
    const found = await this.#doc.send(
      new GetCommand({
        TableName: this.#table,
        Key: keys.marketplaceRef(tenantId, marketplaceId),
        ConsistentRead: true,
      }),
    );
    return typeof found.Item?.bookingId === 'string' ? found.Item.bookingId : undefined;
  }

  /** Claims a page slug; false when another booking has it. */
  async claimSlug(slug: string, owner: SlugOwner): Promise<boolean> {
    return sendConditional(
      this.#doc,
      new PutCommand({
        TableName: this.#table,
        Item: { ...keys.slugRef(slug), entity: 'slug_ref', ...owner },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  /** Who owns a slug (for serving pages), or undefined. */
  async findSlug(slug: string): Promise<SlugOwner | undefined> {
    const found = await this.#doc.send(
      new GetCommand({ TableName: this.#table, Key: keys.slugRef(slug) }),
    );
    return strip(found.Item);
  }

  /** Creates a booking; false if it already exists (a re-run after a crash). */
  async create(booking: Booking): Promise<boolean> {
    return sendConditional(
      this.#doc,
      new PutCommand({
        TableName: this.#table,
        Item: {
          ...keys.booking(booking.tenantId, booking.bookingId),
          gsi1pk: keys.bookingsByStart(booking.tenantId),
          gsi1sk: `${booking.startsAt}#${booking.bookingId}`,
          entity: 'booking',
          ...booking,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(tenantId: string, bookingId: string): Promise<Booking | undefined> {
    const found = await this.#doc.send(
      new GetCommand({
        TableName: this.#table,
        Key: keys.booking(tenantId, bookingId),
        ConsistentRead: true,
      }),
    );
    return strip<Booking>(found.Item);
  }

  /**
   * Replaces the booking if it is still at `expectedVersion`, bumping the version. Throws
   * VersionConflictError when someone else changed it first.
   */
  async update(
    current: Booking,
    changes: Partial<Omit<Booking, 'tenantId' | 'bookingId' | 'version'>>,
    now: Date,
  ): Promise<Booking> {
    const next: Booking = {
      ...current,
      ...changes,
      version: current.version + 1,
      updatedAt: now.toISOString(),
    };
    try {
      await this.#doc.send(
        new PutCommand({
          TableName: this.#table,
          Item: {
            ...keys.booking(next.tenantId, next.bookingId),
            gsi1pk: keys.bookingsByStart(next.tenantId),
            gsi1sk: `${next.startsAt}#${next.bookingId}`,
            entity: 'booking',
            ...next,
          },
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': current.version },
        }),
      );
      return next;
    } catch (error) {
      if (isConditionFailure(error)) {
        throw new VersionConflictError(
          `booking ${current.bookingId} changed since version ${current.version}`,
        );
      }
      throw error;
    }
  }

  /** A tenant's bookings by start time (optionally from an instant on). */
  async listByTenant(tenantId: string, from?: string): Promise<Booking[]> {
    const items = await queryAll(this.#doc, {
      TableName: this.#table,
      IndexName: GSI1,
      KeyConditionExpression: from ? 'gsi1pk = :pk AND gsi1sk >= :from' : 'gsi1pk = :pk',
      ExpressionAttributeValues: {
        ':pk': keys.bookingsByStart(tenantId),
        ...(from ? { ':from': from } : {}),
      },
    });
    return items.map((item) => strip<Booking>(item) as Booking);
  }

  async getSteps(tenantId: string, bookingId: string): Promise<StepRecord[]> {
    const items = await queryAll(this.#doc, {
      TableName: this.#table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :step)',
      ExpressionAttributeValues: {
        ':pk': keys.booking(tenantId, bookingId).pk,
        ':step': 'STEP#',
      },
      ConsistentRead: true,
    });
    return items.map((item) => strip<StepRecord>(item) as StepRecord);
  }

  /**
   * Claims a step for `owner` with one conditional write. It can be claimed when it has never
   * run, is pending, its lease has expired (a crashed runner), or it finished for other inputs
   * (the booking changed), or it failed transiently and its retries ran out. Returns the record as claimed, or undefined when someone else holds
   * it or it is already done (or failed) for these inputs.
   */
  async claimStep(
    tenantId: string,
    bookingId: string,
    step: string,
    claim: StepClaim,
  ): Promise<StepRecord | undefined> {
    try {
      const updated = await this.#doc.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: keys.step(tenantId, bookingId, step),
          UpdateExpression:
            'SET #status = :running, leaseOwner = :owner, leaseExpiresAt = :until, attempts = if_not_exists(attempts, :zero) + :one, ' +
            'step = :step, entity = :entity, pendingHash = :hash, pendingVersion = :version, updatedAt = :at',
          ConditionExpression:
            'attribute_not_exists(pk) OR #status = :pending OR (#status = :running AND leaseExpiresAt < :now) ' +
            'OR (#status IN (:done, :failed) AND inputHash <> :hash) OR (#status = :failed AND lastErrorPermanent = :false)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':running': 'running',
            ':pending': 'pending',
            ':done': 'done',
            ':failed': 'failed',
            ':false': false,
            ':owner': claim.owner,
            ':until': claim.now + claim.leaseMs,
            ':now': claim.now,
            ':zero': 0,
            ':one': 1,
            ':step': step,
            ':entity': 'step',
            ':hash': claim.inputHash,
            ':version': claim.version,
            ':at': new Date(claim.now).toISOString(),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return strip<StepRecord>(updated.Attributes, 'pendingHash', 'pendingVersion');
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  /** Records a step's success, if `owner` still holds it. */
  async completeStep(
    tenantId: string,
    bookingId: string,
    step: string,
    owner: string,
    outcome: { result: Record<string, unknown>; inputHash: string; version: number; now: number },
  ): Promise<boolean> {
    return this.#finishStep(tenantId, bookingId, step, owner, {
      status: 'done',
      result: outcome.result,
      inputHash: outcome.inputHash,
      forVersion: outcome.version,
      lastError: null,
      lastErrorPermanent: null,
      updatedAt: new Date(outcome.now).toISOString(),
    });
  }

  /** Records a step's failure, if `owner` still holds it. The previous result is kept. */
  async failStep(
    tenantId: string,
    bookingId: string,
    step: string,
    owner: string,
    failure: { error: string; permanent: boolean; inputHash: string; now: number },
  ): Promise<boolean> {
    return this.#finishStep(tenantId, bookingId, step, owner, {
      status: 'failed',
      inputHash: failure.inputHash,
      lastError: failure.error,
      lastErrorPermanent: failure.permanent,
      updatedAt: new Date(failure.now).toISOString(),
    });
  }

  async #finishStep(
    tenantId: string,
    bookingId: string,
    step: string,
    owner: string,
    values: Record<string, unknown>,
  ): Promise<boolean> {
    const names: Record<string, string> = {};
    const vals: Record<string, unknown> = { ':owner': owner };
    const sets = Object.entries(values).map(([key, value], i) => {
      names[`#f${i}`] = key;
      vals[`:v${i}`] = value;
      return `#f${i} = :v${i}`;
    });
    return sendConditional(
      this.#doc,
      new UpdateCommand({
        TableName: this.#table,
        Key: keys.step(tenantId, bookingId, step),
        UpdateExpression: `SET ${sets.join(', ')} REMOVE leaseOwner, leaseExpiresAt, pendingHash, pendingVersion`,
        ConditionExpression: 'leaseOwner = :owner',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: vals,
      }),
    );
  }

  /** Makes failed steps claimable again (`deckhand retry`). Returns the steps reset. */
  async resetFailedSteps(tenantId: string, bookingId: string, now: Date): Promise<string[]> {
    const reset: string[] = [];
    for (const record of await this.getSteps(tenantId, bookingId)) {
      if (record.status !== 'failed') continue;
      try {
        await this.#doc.send(
          new UpdateCommand({
            TableName: this.#table,
            Key: keys.step(tenantId, bookingId, record.step),
            UpdateExpression: 'SET #status = :pending, attempts = :zero, updatedAt = :at',
            ConditionExpression: '#status = :failed',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':pending': 'pending',
              ':failed': 'failed',
              ':zero': 0,
              ':at': now.toISOString(),
            },
          }),
        );
        reset.push(record.step);
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
    return reset;
  }

  /** Appends an event to the booking's log; events get consecutive sequence numbers. */
  async appendEvent(
    tenantId: string,
    bookingId: string,
    event: Omit<PipelineEvent, 'seq'>,
  ): Promise<PipelineEvent> {
    const counter = await this.#doc.send(
      new UpdateCommand({
        TableName: this.#table,
        Key: keys.eventCounter(tenantId, bookingId),
        UpdateExpression: 'ADD seq :one',
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const seq = Number(counter.Attributes?.seq);
    const stored: PipelineEvent = { seq, ...event };
    await this.#doc.send(
      new PutCommand({
        TableName: this.#table,
        Item: { ...keys.event(tenantId, bookingId, seq), entity: 'event', ...stored },
      }),
    );
    return stored;
  }

  async listEvents(tenantId: string, bookingId: string): Promise<PipelineEvent[]> {
    const items = await queryAll(this.#doc, {
      TableName: this.#table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :event)',
      ExpressionAttributeValues: {
        ':pk': keys.booking(tenantId, bookingId).pk,
        ':event': 'EVENT#',
      },
      ConsistentRead: true,
    });
    return items.map((item) => strip<PipelineEvent>(item) as PipelineEvent);
  }
}
