/**
 * deckhand's four Lambda handlers, run in this process as Lambda would run them, against the
 * embedded stores, the Slack stand-in, and a loopback stand-in for the two AWS APIs the handlers
 * call themselves (SQS SendMessage, Secrets Manager GetSecretValue; JSON protocols, as the SDK
 * speaks them). The stand-in's requests to the app reach the Slack function as function URL
 * events (payload 2.0) with base64 bodies, and `drain()` hands queued jobs to the worker as
 * SQS events.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import { type SlackStandIn, startSlackStandIn } from '@deckhand/slack-standin';
import type {
  APIGatewayProxyEventV2,
  Context,
  SQSBatchResponse,
  SQSEvent,
  SQSRecord,
} from 'aws-lambda';
import bcrypt from 'bcryptjs';
import { createHttpHandler } from '../../src/lambda/http.ts';
import type { LambdaSources } from '../../src/lambda/lambda-context.ts';
import { createScheduleHandler } from '../../src/lambda/schedule.ts';
import { createSlackHandler } from '../../src/lambda/slack.ts';
import { createWorkerHandler } from '../../src/lambda/worker.ts';
import { startTestStores, type TestStores } from './embedded-stores.ts';

export const SIGNING_SECRET = 'lambda-test-signing-secret';
export const BOT_TOKEN = 'xoxb-lambda-test';
export const OPS = 'C0QSDOPS';
export const DANA = 'U0DANAOPS';
const CREDENTIALS = { accessKeyId: 'AKIDLAMBDATEST', secretAccessKey: 'lambda-test-secret' };

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A function URL event (payload 2.0) for an HTTP request, body base64-encoded as Lambda does. */
export function functionUrlEvent(input: {
  method: string;
  path: string;
  query?: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
}): APIGatewayProxyEventV2 {
  const body = input.body === undefined ? undefined : Buffer.from(input.body);
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: input.path,
    rawQueryString: input.query ?? '',
    headers: { host: 'abc123.lambda-url.us-east-1.on.aws', ...input.headers },
    requestContext: {
      accountId: 'anonymous',
      apiId: 'abc123',
      domainName: 'abc123.lambda-url.us-east-1.on.aws',
      domainPrefix: 'abc123',
      http: {
        method: input.method,
        path: input.path,
        protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.7',
        userAgent: 'test',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    ...(body
      ? { body: body.toString('base64'), isBase64Encoded: true }
      : { isBase64Encoded: false }),
  };
}

export function sqsRecord(body: string): SQSRecord {
  const messageId = randomUUID();
  return {
    messageId,
    receiptHandle: `handle-${messageId}`,
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: String(Date.now()),
      SenderId: 'AIDATEST',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: createHash('md5').update(body).digest('hex'),
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:deckhand-jobs',
    awsRegion: 'us-east-1',
  };
}

export interface LambdaHarness {
  stores: TestStores;
  /** DECKHAND_DATA_DIR of the functions (the crew email outbox: no SES_FROM here). */
  dataDir: string;
  standIn: SlackStandIn;
  /** Message bodies sent to SQS and not yet drained. */
  queued: string[];
  /** Every GetSecretValue the handlers made (the secret is read once per container). */
  secretReads: number;
  slack: ReturnType<typeof createSlackHandler>;
  worker: ReturnType<typeof createWorkerHandler>;
  http: ReturnType<typeof createHttpHandler>;
  schedule: ReturnType<typeof createScheduleHandler>;
  /** Delivers the queued jobs to the worker until none are left; the batches' answers. */
  drain(): Promise<SQSBatchResponse[]>;
  close(): Promise<void>;
}

export async function startLambdaHarness(
  options: { secret?: Record<string, string> } = {},
): Promise<LambdaHarness> {
  const stores = await startTestStores(['queenofsandiego.com', 'keysreefrunner-guest-pages']);
  const dataDir = mkdtempSync(join(tmpdir(), 'deckhand-lambda-'));
  const sccKey = 'k'.repeat(40);
  const secret = JSON.stringify({
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    BUILTIN_DASHBOARD_TOKEN: 'd'.repeat(40),
    BUILTIN_SCC_SERVICE_KEY: sccKey,
    BUILTIN_SCC_SERVICE_KEY_HASH: await bcrypt.hash(sccKey, 4),
    FEED_SECRET_SEED: 'f'.repeat(40),
    ...options.secret,
  });
  const state = { queued: [] as string[], secretReads: 0 };
  const aws = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const input = JSON.parse(raw.toString('utf8') || '{}') as Record<string, string>;
      const target = req.headers['x-amz-target'];
      let answer: Record<string, unknown>;
      if (target === 'AmazonSQS.SendMessage') {
        state.queued.push(input.MessageBody as string);
        answer = {
          MessageId: randomUUID(),
          MD5OfMessageBody: createHash('md5')
            .update(input.MessageBody as string)
            .digest('hex'),
        };
      } else if (target === 'secretsmanager.GetSecretValue' && input.SecretId === 'deckhand/test') {
        state.secretReads += 1;
        answer = { Name: input.SecretId, SecretString: secret };
      } else {
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify({ __type: 'UnknownOperationException', message: String(target) }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify(answer));
    });
  });
  const awsUrl = await listen(aws);
  const standIn = await startSlackStandIn({
    signingSecret: SIGNING_SECRET,
    botToken: BOT_TOKEN,
    teamId: 'T0DECKHAND',
    users: [
      { id: DANA, name: 'dana', realName: 'Dana Skipperson' },
      { id: 'U0CAPTROSA', name: 'rosa', realName: 'Rosa Exampleton' },
      { id: 'U0MARCOEX', name: 'marco', realName: 'Marco Exemplo' },
      { id: 'U0KAISAMP', name: 'kai', realName: 'Kai Sampleson' },
    ],
    channels: [{ id: OPS, name: 'charters' }],
  });
  const sources = (): LambdaSources => ({
    env: {
      AWS_REGION: 'us-east-1',
      LOG_LEVEL: 'silent',
      DECKHAND_QUEUE_URL: `${awsUrl}/123456789012/deckhand-jobs`,
      DECKHAND_SECRETS_ID: 'deckhand/test',
      DECKHAND_TABLE: stores.tableName,
      DECKHAND_DATA_DIR: dataDir,
      DYNAMODB_ENDPOINT: stores.stack.info.dynamodbEndpoint,
      S3_ENDPOINT: stores.stack.info.s3Endpoint,
      SLACK_API_URL: standIn.apiUrl,
    },
    sqs: new SQSClient({ region: 'us-east-1', endpoint: awsUrl, credentials: CREDENTIALS }),
    secretsManager: new SecretsManagerClient({
      region: 'us-east-1',
      endpoint: awsUrl,
      credentials: CREDENTIALS,
    }),
  });
  const slack = createSlackHandler(sources());
  const worker = createWorkerHandler(sources());
  const http = createHttpHandler(sources());
  const schedule = createScheduleHandler(sources());
  // Slack's requests to the app, as the function URL hands them to the Slack function.
  const bridge = createServer((req, res) => {
    void readBody(req).then(async (body) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers))
        if (typeof value === 'string') headers[name] = value;
      const result = await slack(
        functionUrlEvent({ method: req.method ?? 'POST', path: '/slack/events', headers, body }),
        { functionName: 'deckhand-slack' } as Context,
      );
      res.writeHead(result.statusCode, { ...(result.headers as Record<string, string>) });
      res.end(result.body);
    });
  });
  standIn.setAppUrl(`${await listen(bridge)}/slack/events`);
  return {
    stores,
    dataDir,
    standIn,
    get queued() {
      return state.queued;
    },
    get secretReads() {
      return state.secretReads;
    },
    slack,
    worker,
    http,
    schedule,
    async drain() {
      const answers: SQSBatchResponse[] = [];
      while (state.queued.length > 0) {
        const batch = state.queued.splice(0, 10);
        answers.push(await worker({ Records: batch.map(sqsRecord) } as SQSEvent));
      }
      return answers;
    },
    async close() {
      await Promise.all([slack.close(), worker.close(), http.close(), schedule.close()]);
      await new Promise((resolve) => bridge.close(resolve));
      await new Promise((resolve) => aws.close(resolve));
      await standIn.close();
      await stores.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
