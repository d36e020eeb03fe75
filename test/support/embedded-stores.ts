/** Embedded dynalite + s3rver in a temporary data folder, with the table and buckets made. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AwsClients, createAwsClients } from '../../src/storage/aws-clients.ts';
import { DynamoBookingStore } from '../../src/storage/dynamo-booking-store.ts';
import { type EmbeddedStack, startEmbeddedStack } from '../../src/storage/embedded-stack.ts';
import { ensureBuckets } from '../../src/storage/ensure-buckets.ts';
import { ensureTable } from '../../src/storage/table-design.ts';

export interface TestStores {
  dataDir: string;
  stack: EmbeddedStack;
  clients: AwsClients;
  store: DynamoBookingStore;
  tableName: string;
  close(): Promise<void>;
}

export async function startTestStores(buckets: string[] = []): Promise<TestStores> {
  const dataDir = mkdtempSync(join(tmpdir(), 'deckhand-test-'));
  const stack = await startEmbeddedStack(dataDir);
  const clients = createAwsClients({
    region: 'us-east-1',
    dynamodbEndpoint: stack.info.dynamodbEndpoint,
    s3Endpoint: stack.info.s3Endpoint,
  });
  const tableName = 'deckhand-test';
  await ensureTable(clients.dynamo, tableName);
  await ensureBuckets(clients.s3, buckets);
  return {
    dataDir,
    stack,
    clients,
    store: new DynamoBookingStore(clients.doc, tableName),
    tableName,
    async close() {
      clients.destroy();
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
