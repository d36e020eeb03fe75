/**
 * A/B of where the embedded stores run: the same DynamoDB requests (a conditional UpdateItem
 * that fails, as Dismiss on an unknown draft makes, and a GetItem) from this process's SDK
 * client to dynalite in this process (`inProcess`) and in its own process (the default), in
 * alternating rounds. Prints CPU per request of this process and of the stores' process.
 *   node --import tsx bench/profile/store-ab.ts [requests per round] [concurrency]
 */
import '../lib/quiet.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { EMBEDDED_AWS_CREDENTIALS, startEmbeddedAws } from '@deckhand/embedded-aws';
import { cpuMs } from '../lib/cpu.ts';
import { median } from '../lib/stats.ts';

const perRound = Number(process.argv[2] ?? 2000);
const concurrency = Number(process.argv[3] ?? 20);

async function setup(inProcess: boolean) {
  const dataDir = mkdtempSync(join(tmpdir(), 'deckhand-store-ab-'));
  const aws = await startEmbeddedAws({ dataDir, inProcess });
  const client = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: aws.dynamodbEndpoint,
    credentials: EMBEDDED_AWS_CREDENTIALS,
  });
  await client.send(
    new CreateTableCommand({
      TableName: 'ab-table',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  return {
    aws,
    client,
    async close() {
      client.destroy();
      await aws.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const one = async (client: DynamoDBClient, i: number) => {
  const Key = { pk: { S: `T#x#B#${i % 50}` }, sk: { S: 'DRAFT' } };
  await client.send(new GetItemCommand({ TableName: 'ab-table', Key }));
  try {
    await client.send(
      new UpdateItemCommand({
        TableName: 'ab-table',
        Key,
        UpdateExpression: 'SET #s = :s',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': { S: 'dismissed' } },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
};

async function round(s: Awaited<ReturnType<typeof setup>>) {
  let next = 0;
  const before = process.cpuUsage();
  const storesBefore = s.aws.pid ? cpuMs(s.aws.pid) : 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < perRound) await one(s.client, next++);
    }),
  );
  const wall = performance.now() - t;
  const cpu = process.cpuUsage(before);
  const app = (cpu.user + cpu.system) / 1000 / (2 * perRound);
  const stores = s.aws.pid ? (cpuMs(s.aws.pid) - storesBefore) / (2 * perRound) : 0;
  return { app, stores, wallPerRequest: wall / (2 * perRound) };
}

const sides = { inProcess: await setup(true), ownProcess: await setup(false) };
const results: Record<string, { app: number; stores: number; wallPerRequest: number }[]> = {
  inProcess: [],
  ownProcess: [],
};
await round(sides.inProcess);
await round(sides.ownProcess);
for (let r = 0; r < 6; r += 1)
  for (const side of r % 2
    ? (['ownProcess', 'inProcess'] as const)
    : (['inProcess', 'ownProcess'] as const))
    results[side]?.push(await round(sides[side]));
for (const [side, rs] of Object.entries(results)) {
  const m = (f: (x: (typeof rs)[number]) => number) => median(rs.map(f)).toFixed(3);
  process.stdout.write(
    `${side}: ${m((x) => x.app)} ms CPU/request in the app, ${m((x) => x.stores)} in the stores' process, ${m((x) => x.wallPerRequest)} ms wall/request (concurrency ${concurrency})\n`,
  );
}
await sides.inProcess.close();
await sides.ownProcess.close();
