/**
 * deckhand's single DynamoDB table: key builders and the table definition. The design is
 * written down in docs/storage.md. Every record's partition key starts with its tenant.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';

export const keys = {
  booking: (tenantId: string, bookingId: string) => ({
    pk: `T#${tenantId}#B#${bookingId}`,
    sk: 'BOOKING',
  }),
  step: (tenantId: string, bookingId: string, step: string) => ({
    pk: `T#${tenantId}#B#${bookingId}`,
    sk: `STEP#${step}`,
  }),
  event: (tenantId: string, bookingId: string, seq: number) => ({
    pk: `T#${tenantId}#B#${bookingId}`,
    sk: `EVENT#${String(seq).padStart(8, '0')}`,
  }),
  eventCounter: (tenantId: string, bookingId: string) => ({
    pk: `T#${tenantId}#B#${bookingId}`,
    sk: 'EVENTSEQ',
  }),
  /** How many guest photo uploads a booking has been given (capped per tenant). */
  uploadCounter: (tenantId: string, bookingId: string) => ({
    pk: `T#${tenantId}#B#${bookingId}`,
    sk: 'UPLOADS',
  }),
  /** Claims a marketplace id for one booking: re-forwarding the same email finds it. */
  marketplaceRef: (tenantId: string, marketplaceId: string) => ({
    pk: `T#${tenantId}#M#${marketplaceId}`,
    sk: 'REF',
  }),
  /** Claims a page slug; slugs are unique across tenants so a path never serves two pages. */
  slugRef: (slug: string) => ({ pk: `SLUG#${slug}`, sk: 'REF' }),
  calendarEntry: (tenantId: string, entryId: string) => ({
    pk: `T#${tenantId}#CALENTRY#${entryId}`,
    sk: 'ENTRY',
  }),
  /** GSI1: a tenant calendar's entries by start. */
  calendarEntries: (tenantId: string, calendarId: string) => `T#${tenantId}#CAL#${calendarId}`,
  sccEvent: (tenantId: string, eventId: string) => ({
    pk: `T#${tenantId}#SCC#${eventId}`,
    sk: 'EVENT',
  }),
  /** Idempotency records of the built-in services; the scope starts with the tenant. */
  idempotency: (scope: string, key: string) => ({ pk: `IDEMP#${scope}`, sk: key }),
  crewAssignment: (tenantId: string, bookingId: string, personId: string) => ({
    pk: `T#${tenantId}#B#${bookingId}`,
    sk: `CREW#${personId}`,
  }),
  /** A magic link, by the SHA-256 of its token (the token itself is never stored). */
  crewLink: (tokenHash: string) => ({ pk: `LINK#${tokenHash}`, sk: 'LINK' }),
  /** GSI1 (sparse): a tenant's pending assignments by when their next reminder is due. */
  dueReminders: (tenantId: string) => `T#${tenantId}#REMINDERS`,
  /** Which booking an SCC event belongs to, for answers reported by an external SCC. */
  sccEventRef: (tenantId: string, eventId: string) => ({
    pk: `T#${tenantId}#SCCREF#${eventId}`,
    sk: 'REF',
  }),
  draft: (tenantId: string, draftId: string) => ({
    pk: `T#${tenantId}#DRAFT#${draftId}`,
    sk: 'DRAFT',
  }),
  /** A Slack delivery already handled (event id, file id): Slack re-delivers after 3 s, 1 min, 5 min. */
  slackDelivery: (key: string) => ({ pk: `SLACK#${key}`, sk: 'SEEN' }),
  /** A charter's close-out (actual hours and costs), beside its booking. */
  closeOut: (tenantId: string, bookingId: string) => ({
    pk: `T#${tenantId}#B#${bookingId}`,
    sk: 'CLOSEOUT',
  }),
  /** GSI1: a tenant's close-outs, by booking id. */
  closeOutsByTenant: (tenantId: string) => `T#${tenantId}#CLOSEOUTS`,
  /** A tenant set up from Slack: its current settings, with their version number. */
  tenantSettings: (tenantId: string) => ({ pk: `T#${tenantId}#SETTINGS`, sk: 'CURRENT' }),
  /** One saved version of a tenant's settings (history). */
  tenantVersion: (tenantId: string, version: number) => ({
    pk: `T#${tenantId}#SETTINGS`,
    sk: `V#${String(version).padStart(8, '0')}`,
  }),
  /** A tenant's own credentials for one external system (calendar, scc): the secret sealed. */
  tenantCredential: (tenantId: string, system: string) => ({
    pk: `T#${tenantId}#CREDENTIALS`,
    sk: system.toUpperCase(),
  }),
  /** GSI1: every stored tenant's current settings (a handful of items; read at start and on refresh). */
  storedTenants: 'TENANTS',
  /** GSI1: a tenant's bookings by start time. */
  bookingsByStart: (tenantId: string) => `T#${tenantId}#BOOKINGS`,
} as const;

export const GSI1 = 'gsi1';

/** Creates the table if it does not exist and waits until it is active. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    const described = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (described.Table?.TableStatus === 'ACTIVE') return;
  } catch (error) {
    if (
      !(error instanceof ResourceNotFoundException) &&
      (error as Error).name !== 'ResourceNotFoundException'
    )
      throw error;
    try {
      await client.send(
        new CreateTableCommand({
          TableName: tableName,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [
            { AttributeName: 'pk', AttributeType: 'S' },
            { AttributeName: 'sk', AttributeType: 'S' },
            { AttributeName: 'gsi1pk', AttributeType: 'S' },
            { AttributeName: 'gsi1sk', AttributeType: 'S' },
          ],
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          GlobalSecondaryIndexes: [
            {
              IndexName: GSI1,
              KeySchema: [
                { AttributeName: 'gsi1pk', KeyType: 'HASH' },
                { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
              ],
              Projection: { ProjectionType: 'ALL' },
            },
          ],
        }),
      );
    } catch (createError) {
      // Another process created it between our describe and create: fine.
      if ((createError as Error).name !== 'ResourceInUseException') throw createError;
    }
  }
  for (let i = 0; i < 100; i += 1) {
    const described = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (described.Table?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`table ${tableName} did not become active`);
}
