/** Both stores answer the real AWS SDK on loopback, keep their files, and survive a restart. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  CreateBucketCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import { EMBEDDED_AWS_CREDENTIALS, type EmbeddedAws, startEmbeddedAws } from '../../src/index.ts';

const credentials = EMBEDDED_AWS_CREDENTIALS;
const dirs: string[] = [];
const running: EmbeddedAws[] = [];
const clients: { destroy(): void }[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const aws of running.splice(0)) await aws.stop();
  // A store refused its port may still be closing its LevelDB files: retry the removal
  // (ENOTEMPTY was seen on a loaded CI machine) rather than fail the test in cleanup.
  for (const dir of dirs.splice(0))
    rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
});

async function start(dataDir: string, ports?: { dynamodb: number; s3: number }) {
  const aws = await startEmbeddedAws({ dataDir, ...(ports ? { ports } : {}) });
  running.push(aws);
  const dynamo = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: aws.dynamodbEndpoint,
    credentials,
  });
  const s3 = new S3Client({
    region: 'us-east-1',
    endpoint: aws.s3Endpoint,
    forcePathStyle: true,
    credentials,
  });
  clients.push(dynamo, s3);
  return { aws, dynamo, s3 };
}

const getItem = (dynamo: DynamoDBClient) =>
  dynamo.send(new GetItemCommand({ TableName: 'things', Key: { pk: { S: 'a' } } }));
const getObject = async (s3: S3Client) =>
  (await s3.send(new GetObjectCommand({ Bucket: 'bucket', Key: 'k' }))).Body?.transformToString();

describe('startEmbeddedAws', () => {
  it('serves DynamoDB and S3 on loopback and keeps the data over a restart and a new start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'embedded-aws-'));
    dirs.push(dataDir);
    const first = await start(dataDir);
    expect(first.aws.dynamodbEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(first.aws.s3Endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    await first.dynamo.send(
      new CreateTableCommand({
        TableName: 'things',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await first.dynamo.send(new PutItemCommand({ TableName: 'things', Item: { pk: { S: 'a' } } }));
    await first.s3.send(new CreateBucketCommand({ Bucket: 'bucket' }));
    await first.s3.send(new PutObjectCommand({ Bucket: 'bucket', Key: 'k', Body: 'kept' }));

    // Restart: same ports, so the same clients reach the stores again, data intact.
    await first.aws.restart(10);
    expect((await getItem(first.dynamo)).Item).toEqual({ pk: { S: 'a' } });
    expect(await getObject(first.s3)).toBe('kept');

    // Stopped and started again on the same folder: the files are read back.
    await first.aws.stop();
    running.splice(0);
    const second = await start(dataDir);
    expect((await getItem(second.dynamo)).Item).toEqual({ pk: { S: 'a' } });
    expect(await getObject(second.s3)).toBe('kept');
  });

  it('refuses a port that is taken with the listen error', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'embedded-aws-'));
    dirs.push(dataDir);
    const { aws } = await start(dataDir);
    const taken = Number(new URL(aws.dynamodbEndpoint).port);
    const other = mkdtempSync(join(tmpdir(), 'embedded-aws-'));
    dirs.push(other);
    await expect(startEmbeddedAws({ dataDir: other, ports: { dynamodb: taken } })).rejects.toThrow(
      /EADDRINUSE/,
    );
  });
});
