/**
 * SIGKILL at every point of the pipeline: `deckhand book` runs as a child process with a
 * DECKHAND_FAULTS `kill` rule that sends the process a real SIGKILL at one point — before the
 * first step is claimed, after a step's claim is stored, right after a step's external call
 * took effect but before its result is recorded, and right after a step is recorded done. The
 * same command then runs again on the same data folder: the pipeline resumes (the dead runner's
 * step leases run out after DECKHAND_PIPELINE_LEASE_MS), finishes, and every side effect exists
 * exactly once.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import type { FaultRule } from '../../src/faults/fault-rules.ts';
import { PACKAGE_ROOT } from '../../src/package-root.ts';
import { createAwsClients } from '../../src/storage/aws-clients.ts';
import { startEmbeddedStack } from '../../src/storage/embedded-stack.ts';
import { scanEntity } from '../support/scan-entity.ts';

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
