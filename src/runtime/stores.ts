/** The DynamoDB adapters of every store, on one table: built once, shared by all the parts. */
import type { Config } from '../config/config.ts';
import { LeasedIdempotencyStore } from '../server/leased-idempotency-store.ts';
import type { AwsClients } from '../storage/aws-clients.ts';
import { DynamoBookingStore } from '../storage/dynamo-booking-store.ts';
import { DynamoCalendarStore } from '../storage/dynamo-calendar-store.ts';
import { DynamoCloseOutStore } from '../storage/dynamo-closeout-store.ts';
import { DynamoCrewStore } from '../storage/dynamo-crew-store.ts';
import { DynamoDraftStore } from '../storage/dynamo-draft-store.ts';
import { DynamoIdempotencyRecordStore } from '../storage/dynamo-idempotency-record-store.ts';
import { DynamoSccStore } from '../storage/dynamo-scc-store.ts';
import { DynamoTenantStore } from '../storage/dynamo-tenant-store.ts';
import { DynamoUploadCounter } from '../storage/dynamo-upload-counter.ts';

export interface DeckhandStores {
  bookings: DynamoBookingStore;
  crew: DynamoCrewStore;
  drafts: DynamoDraftStore;
  closeOuts: DynamoCloseOutStore;
  calendar: DynamoCalendarStore;
  scc: DynamoSccStore;
  uploadCounter: DynamoUploadCounter;
  /** Tenants set up from Slack (docs/tenants.md). */
  tenants: DynamoTenantStore;
  /** The built-in services' idempotency keys. */
  idempotency: LeasedIdempotencyStore;
}

export function createStores(config: Config, clients: AwsClients): DeckhandStores {
  const { doc } = clients;
  const table = config.tableName;
  return {
    bookings: new DynamoBookingStore(doc, table),
    crew: new DynamoCrewStore(doc, table),
    drafts: new DynamoDraftStore(doc, table),
    closeOuts: new DynamoCloseOutStore(doc, table),
    calendar: new DynamoCalendarStore(doc, table),
    scc: new DynamoSccStore(doc, table),
    uploadCounter: new DynamoUploadCounter(doc, table),
    tenants: new DynamoTenantStore(doc, table),
    // The lease is how long a request that died mid-way (its process killed) blocks a retry of
    // the same key: twice the clients' 5 s timeout, so a restarted pipeline's retries get through
    // (30 s outlasted them; found by test/reliability/sigkill-restart.test.ts). Taking over early
    // is harmless: the services derive entity ids from the key, so both computations agree.
    idempotency: new LeasedIdempotencyStore(new DynamoIdempotencyRecordStore(doc, table), {
      leaseMs: 10_000,
    }),
  };
}
