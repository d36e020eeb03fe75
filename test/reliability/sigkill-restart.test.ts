/**
 * SIGKILL at every point of the pipeline: `deckhand book` runs as a child process with a
 * DECKHAND_FAULTS `kill` rule that sends the process a real SIGKILL at one point — before the
 * first step is claimed, after a step's claim is stored, right after a step's external call
 * took effect but before its result is recorded, and right after a step is recorded done. The
 * same command then runs again on the same data folder: the pipeline resumes (the dead runner's
 * step leases run out after DECKHAND_PIPELINE_LEASE_MS), finishes, and every side effect exists
 * exactly once. The same with `deckhand serve` and Slack (the Slack stand-in in this process):
 * the restarted server resumes the pipeline by itself and the charter thread ends right.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { type SlackStandIn, startSlackStandIn } from '@deckhand/slack-standin';
import { afterEach, describe, expect, it } from 'vitest';
import type { FaultRule } from '../../src/faults/fault-rules.ts';
import { PACKAGE_ROOT } from '../../src/package-root.ts';
import { createAwsClients } from '../../src/storage/aws-clients.ts';
import { startEmbeddedStack } from '../../src/storage/embedded-stack.ts';
import { scanEntity } from '../support/scan-entity.ts';
import { clickApprove, forwardBooking, modalFor } from '../support/slack-flow.ts';
import { DANA, OPS } from '../support/slack-harness.ts';

const EMAIL = join(PACKAGE_ROOT, 'test/fixtures/emails/01-plain-text-confirmed.eml');
const TABLE = 'deckhand-kill';
const BUCKET = 'queenofsandiego.com';

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `node bin/deckhand.js book …` in its own process. */
function book(dataDir: string, faults: FaultRule[] = []): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['bin/deckhand.js', 'book', EMAIL, '--tenant', 'queen-of-san-diego', '--json'],
      {
        cwd: PACKAGE_ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          DECKHAND_DATA_DIR: dataDir,
          DECKHAND_TABLE: TABLE,
          DECKHAND_PIPELINE_LEASE_MS: '1000',
          LOG_LEVEL: 'silent',
          ...(faults.length ? { DECKHAND_FAULTS: JSON.stringify(faults) } : {}),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Opens the data folder's stores (the child has exited) and counts what the pipeline made. */
async function sideEffects(dataDir: string) {
  const stack = await startEmbeddedStack(dataDir);
  const clients = createAwsClients({
    region: 'us-east-1',
    dynamodbEndpoint: stack.info.dynamodbEndpoint,
    s3Endpoint: stack.info.s3Endpoint,
  });
  try {
    const scan = (entity: string) => scanEntity(clients.doc, TABLE, entity);
    const objects = async (prefix: string) =>
      (await clients.s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix })))
        .KeyCount ?? 0;
    const events = await scan('event');
    return {
      bookings: (await scan('booking')).map((b) => b.status),
      calendarEntries: (await scan('calendar_entry')).length,
      sccEvents: (await scan('scc_event')).length,
      guestObjects: await objects('g/'),
      crewObjects: await objects('c/'),
      crewNotified: events.filter((e) => e.type === 'crew_notified').length,
      pipelineDone: events.filter((e) => e.type === 'pipeline_done').length,
      emails: (() => {
        try {
          return readdirSync(join(dataDir, 'outbox')).length;
        } catch {
          return 0;
        }
      })(),
    };
  } finally {
    clients.destroy();
    await stack.stop();
  }
}

const step = (name: string) => `"S":"STEP#${name}"`;
const kill = (rule: Omit<FaultRule, 'kind' | 'times'>, after = true): FaultRule => ({
  ...rule,
  kind: 'kill',
  ...(after ? { after: true } : {}),
  times: 1,
});

/** Where the process dies. Step records are matched by key, calls as in faults-per-step. */
const POINTS: [string, FaultRule][] = [
  [
    'before any step is claimed',
    kill({ target: 'dynamodb', operation: 'UpdateItem', match: ['"S":"STEP#'] }, false),
  ],
  [
    'after calendar_entry is claimed, before its call',
    kill({
      target: 'dynamodb',
      operation: 'UpdateItem',
      match: [step('calendar_entry'), ':running'],
    }),
  ],
  [
    'after crew_notify is claimed, before it does anything',
    kill({ target: 'dynamodb', operation: 'UpdateItem', match: [step('crew_notify'), ':running'] }),
  ],
  [
    'mid guest_page: the page is put, not recorded',
    kill({ target: 's3', operation: 'PutObject', match: ['/g/'] }),
  ],
  [
    'mid crew_page: the page is put, not recorded',
    kill({ target: 's3', operation: 'PutObject', match: ['/c/'] }),
  ],
  [
    'mid calendar_entry: the entry is created, not recorded',
    kill({ target: 'calendar', operation: 'POST' }),
  ],
  [
    'mid crew_event: the event is created, not recorded',
    kill({ target: 'scc', operation: 'POST' }),
  ],
  [
    'mid revenue_scrub: the money is cleared, not recorded',
    kill({ target: 'dynamodb', operation: 'UpdateItem', match: ['#SCC#', '"sk":{"S":"EVENT"}'] }),
  ],
  [
    'mid crew_notify: the first assignment is stored, nobody told yet',
    kill({ target: 'dynamodb', operation: 'PutItem', match: ['"sk":{"S":"CREW#'] }),
  ],
  ...[
    'guest_page',
    'crew_page',
    'calendar_entry',
    'crew_event',
    'revenue_scrub',
    'crew_notify',
  ].map(
    (name) =>
      [
        `after ${name} is recorded done`,
        kill({
          target: 'dynamodb',
          operation: 'UpdateItem',
          match: [step(name), 'REMOVE leaseOwner'],
        }),
      ] as [string, FaultRule],
  ),
];

let dataDir: string | undefined;
afterEach(() => {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

describe('deckhand book killed with SIGKILL, then run again', () => {
  it.each(POINTS)('%s: resumes and makes each side effect once', async (_point, rule) => {
    dataDir = mkdtempSync(join(tmpdir(), 'deckhand-kill-'));

    const killed = await book(dataDir, [rule]);
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    const restarted = await book(dataDir);

    expect(restarted.code, `${restarted.stdout}${restarted.stderr}`).toBe(0);
    const summary = JSON.parse(restarted.stdout) as { status: string; steps: unknown };
    expect(summary.status).toBe('active');
    expect(await sideEffects(dataDir)).toEqual({
      bookings: ['active'],
      calendarEntries: 1,
      sccEvents: 1,
      guestObjects: 2,
      crewObjects: 1,
      crewNotified: 3,
      pipelineDone: 1,
      emails: 3,
    });
  });
});

/** `node bin/deckhand.js serve` with Slack pointed at the stand-in; resolves once it listens. */
async function serve(
  dataDir: string,
  standIn: SlackStandIn,
  port: number,
  faults: FaultRule[] = [],
): Promise<{ child: ChildProcess; url: string; exited: Promise<Exit>; log: () => string }> {
  const child = spawn(process.execPath, ['bin/deckhand.js', 'serve'], {
    cwd: PACKAGE_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      // The same port after the restart: page links are part of the calendar and SCC requests,
      // and a request repeated with another body is refused as a reused idempotency key.
      PORT: String(port),
      DECKHAND_DATA_DIR: dataDir,
      DECKHAND_TABLE: TABLE,
      DECKHAND_PIPELINE_LEASE_MS: '1000',
      DECKHAND_APPROVERS: '*',
      LOG_LEVEL: 'error',
      SLACK_SIGNING_SECRET: 'kill-signing-secret',
      SLACK_BOT_TOKEN: 'xoxb-kill-token',
      SLACK_API_URL: standIn.apiUrl,
      ...(faults.length ? { DECKHAND_FAULTS: JSON.stringify(faults) } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  const exited = new Promise<Exit>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => {
      stdout += c.toString();
      const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (found?.[1]) resolve(found[1]);
    });
    void exited.then((exit) => reject(new Error(`serve exited early: ${exit.stderr}`)));
  });
  return { child, url, exited, log: () => stderr };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const SERVER_POINTS: [string, FaultRule][] = [
  ['mid calendar_entry', kill({ target: 'calendar', operation: 'POST' })],
  [
    'after crew_event is recorded done',
    kill({
      target: 'dynamodb',
      operation: 'UpdateItem',
      match: [step('crew_event'), 'REMOVE leaseOwner'],
    }),
  ],
];

describe('deckhand serve killed with SIGKILL during a Slack approval, then started again', () => {
  let standIn: SlackStandIn | undefined;
  let server: ChildProcess | undefined;
  afterEach(async () => {
    server?.kill('SIGKILL');
    server = undefined;
    await standIn?.close();
    standIn = undefined;
  });

  it.each(SERVER_POINTS)(
    '%s: the server resumes; one thread that ends right',
    async (_point, rule) => {
      dataDir = mkdtempSync(join(tmpdir(), 'deckhand-kill-serve-'));
      standIn = await startSlackStandIn({
        signingSecret: 'kill-signing-secret',
        botToken: 'xoxb-kill-token',
        users: [
          { id: DANA, name: 'dana', realName: 'Dana Skipperson' },
          { id: 'U0CAPTROSA', name: 'rosa', realName: 'Rosa Exampleton' },
          { id: 'U0MARCOEX', name: 'marco', realName: 'Marco Exemplo' },
        ],
        channels: [{ id: OPS, name: 'charters' }],
      });
      const slack = { standIn };
      const port = await freePort();
      const first = await serve(dataDir, standIn, port, [rule]);
      server = first.child;
      standIn.setAppUrl(`${first.url}/slack/events`);
      const card = await forwardBooking(slack, 3);
      await clickApprove(slack, card);
      await until(() => modalFor(slack, card.draftId) !== undefined, 30_000, 'the modal');

      await standIn.viewSubmission({
        userId: DANA,
        viewId: modalFor(slack, card.draftId)?.id as string,
        values: {},
      });
      const killed = await first.exited;
      expect(killed.signal, killed.stderr).toBe('SIGKILL');

      const second = await serve(dataDir, standIn, port);
      server = second.child;
      standIn.setAppUrl(`${second.url}/slack/events`);
      const texts = () => standIn?.thread(OPS, card.threadTs).map((m) => m.text ?? '') ?? [];
      await until(
        () => texts().some((t) => t.startsWith('✅ All steps done')),
        60_000,
        'the thread to say all steps are done',
      ).catch((error: Error) => {
        throw new Error(`${error.message}: ${texts().join(' | ')}\n${second.log()}`);
      });
      await new Promise((resolve) => setTimeout(resolve, 1_000)); // the last status update
      second.child.kill('SIGTERM');
      expect((await second.exited).code).toBe(0);
      server = undefined;

      const thread = standIn.thread(OPS, card.threadTs);
      // Never twice. It can be missing: the thread spaces its posts 1 s apart per channel
      // (Slack's rate limit), and a reply still queued when the process dies is not posted.
      expect(texts().filter((t) => t.startsWith('👍 Approved')).length).toBeLessThanOrEqual(1);
      expect(texts().filter((t) => t.startsWith('✅ All steps done'))).toHaveLength(1);
      expect(thread.length).toBeGreaterThanOrEqual(4);
      expect(thread.length).toBeLessThanOrEqual(5);
      // The status message: updated in place, with the steps (the review card is updated too,
      // to say who approved it, and has no blocks left).
      const statuses = thread.filter(
        (m) => m.updates > 0 && JSON.stringify(m.blocks ?? []).includes('Guest page'),
      );
      expect(statuses).toHaveLength(1);
      expect(JSON.stringify(statuses[0]?.blocks).match(/✅ [^\\]+: done/g)).toHaveLength(6);
      expect(await sideEffects(dataDir)).toEqual({
        bookings: ['active'],
        calendarEntries: 1,
        sccEvents: 1,
        guestObjects: 2,
        crewObjects: 1,
        crewNotified: 3,
        pipelineDone: 1,
        emails: 3,
      });
      // The two crew with a Slack account got one DM each.
      const dms = standIn.calls.filter(
        (c) =>
          c.method === 'chat.postMessage' &&
          c.response.ok === true &&
          String(c.args.channel).startsWith('D'),
      );
      expect(dms).toHaveLength(2);
    },
  );
});
