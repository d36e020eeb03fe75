/**
 * The HTTP function as `npm run synth` bundles it (one ES module, templates and tenants file
 * beside it), loaded in a fresh Node process the way Lambda loads it: its real module-level
 * clients read the secret (Secrets Manager's endpoint pointed at a loopback stand-in through the
 * SDK's AWS_ENDPOINT_URL_SECRETS_MANAGER), then it serves a crew page rendered from the
 * bundled templates, against the embedded stores.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleLambdas, REPO_ROOT } from '../../infra/bundle-lambdas.ts';
import { startTestStores, type TestStores } from '../support/embedded-stores.ts';

let dir: string;
let stores: TestStores;
let aws: Server;
let awsUrl: string;
const secretIds: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'deckhand-bundle-'));
  stores = await startTestStores(['queenofsandiego.com']);
  const key = 'k'.repeat(40);
  const secret = JSON.stringify({
    SLACK_SIGNING_SECRET: 'bundle-test',
    SLACK_BOT_TOKEN: 'xoxb-bundle-test',
    BUILTIN_DASHBOARD_TOKEN: 'd'.repeat(40),
    BUILTIN_SCC_SERVICE_KEY: key,
    BUILTIN_SCC_SERVICE_KEY_HASH: await bcrypt.hash(key, 4),
    FEED_SECRET_SEED: 'f'.repeat(40),
  });
  aws = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      secretIds.push((JSON.parse(body) as { SecretId: string }).SecretId);
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify({ Name: 'deckhand/bundle', SecretString: secret }));
    });
  });
  await new Promise<void>((resolve) => aws.listen(0, '127.0.0.1', resolve));
  awsUrl = `http://127.0.0.1:${(aws.address() as AddressInfo).port}`;
  // esbuild on a busy 2-core machine: allow it time.
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => aws?.close(resolve));
  await stores?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the bundled HTTP function', () => {
  it('loads on its own, reads its secret once and renders pages from its bundled templates', async () => {
    const [bundle] = await bundleLambdas({
      outDir: join(dir, 'functions'),
      tenantsFile: join(REPO_ROOT, 'config', 'tenants.example.yml'),
      only: ['http'],
    });
    const script = `
      const { handler } = await import(${JSON.stringify(join(bundle?.dir ?? '', 'index.mjs'))});
      const get = (path) => handler({ version: '2.0', rawPath: path, rawQueryString: '',
        headers: { host: 'queenofsandiego.com' }, isBase64Encoded: false,
        requestContext: { http: { method: 'GET', sourceIp: '203.0.113.9' } } });
      const answers = [];
      for (const path of ['/crew/queen-of-san-diego/not-a-real-token', '/nothing-here']) {
        const r = await get(path);
        answers.push({ status: r.statusCode, type: r.headers['content-type'], body: r.body });
      }
      process.stdout.write(JSON.stringify(answers));
      process.exit(0);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      cwd: tmpdir(),
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'AKIDBUNDLETEST',
        AWS_SECRET_ACCESS_KEY: 'bundle-test',
        AWS_ENDPOINT_URL_SECRETS_MANAGER: awsUrl,
        DECKHAND_QUEUE_URL: `${awsUrl}/123456789012/deckhand-jobs`,
        DECKHAND_SECRETS_ID: 'deckhand/bundle',
        DECKHAND_TENANTS_FILE: join(bundle?.dir ?? '', 'config', 'tenants.yml'),
        DECKHAND_TABLE: stores.tableName,
        DECKHAND_DATA_DIR: join(dir, 'data'),
        DYNAMODB_ENDPOINT: stores.stack.info.dynamodbEndpoint,
        S3_ENDPOINT: stores.stack.info.s3Endpoint,
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    const code = await new Promise((resolve) => child.once('exit', resolve));

    expect(code, err).toBe(0);
    const [page, nowhere] = JSON.parse(out) as { status: number; type: string; body: string }[];
    expect(page?.status).toBe(404);
    expect(page?.type).toMatch(/^text\/html/);
    expect(page?.body).toMatch(/<html/i);
    expect(nowhere).toMatchObject({ status: 404, type: expect.stringMatching(/json/) });
    expect(secretIds).toEqual(['deckhand/bundle']);
  }, 120_000);
});

describe('the bundled Slack function', () => {
  it('loads on its own without @slack/socket-mode and its undici (a stub that refuses Socket Mode)', async () => {
    const [bundle] = await bundleLambdas({
      outDir: join(dir, 'slack-functions'),
      tenantsFile: join(REPO_ROOT, 'config', 'tenants.example.yml'),
      only: ['slack'],
    });
    const file = join(bundle?.dir ?? '', 'index.mjs');
    const code = readFileSync(file, 'utf8');
    // Booleans, not the 4 MiB text, in a failure's message.
    expect(code.includes('undici:websocket'), 'undici in the bundle').toBe(false);
    expect(code.includes('Socket Mode does not run on Lambda'), 'the stub in the bundle').toBe(
      true,
    );
    const script = `const m = await import(${JSON.stringify(file)}); process.stdout.write(typeof m.handler);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      cwd: tmpdir(),
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', AWS_REGION: 'us-east-1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    expect(await new Promise((resolve) => child.once('exit', resolve)), err).toBe(0);
    expect(out).toBe('function');
  }, 120_000);
});
