/**
 * A whole deckhand runtime on embedded stores in a temporary data folder, with hooks to slow
 * down or break the external calls, and counters for every side effect the pipeline makes.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { loadConfig } from '../../src/config/config.ts';
import { parseIntake } from '../../src/intake/parse-intake.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { approveBooking } from '../../src/pipeline/book-from-intake.ts';
import type { PipelineEvent } from '../../src/pipeline/step-record.ts';
import { createRuntime, type DeckhandRuntime } from '../../src/runtime/deckhand-runtime.ts';
import { loadTenantsFile } from '../../src/tenants/tenant-registry.ts';
import type { Tenant } from '../../src/tenants/tenant-schema.ts';
import { scanEntity } from './scan-entity.ts';

export type FetchHook = (
  url: string,
  init: RequestInit | undefined,
) => Promise<Response | undefined>;

export interface Harness {
  dataDir: string;
  runtime: DeckhandRuntime;
  tenant: Tenant;
  events: PipelineEvent[];
  /** Runs before every call to the calendar or SCC; return a Response to answer instead. */
  setFetchHook(hook: FetchHook | undefined): void;
  /** Runs before every S3 call; throw to fail it. */
  setS3Hook(hook: ((command: string) => Promise<void>) | undefined): void;
  book(text: string): Promise<string>;
  counts(): Promise<{
    calendarEntries: number;
    sccEvents: number;
    guestObjects: number;
    crewObjects: number;
  }>;
  scan(entity: string): Promise<Record<string, unknown>[]>;
  /** Crew emails written to the data folder's outbox (every roster member has an address). */
  outbox(): string[];
  close(): Promise<void>;
}

const silent = new Writable({ write: (_c, _e, done) => done() });

export async function startHarness(
  options: {
    leaseMs?: number;
    retries?: number;
    clock?: () => Date;
    /** More settings, e.g. DECKHAND_FAULTS or DECKHAND_PIPELINE_CONCURRENCY. */
    env?: Record<string, string>;
  } = {},
): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'deckhand-pipeline-'));
  const config = loadConfig({
    DECKHAND_DATA_DIR: dataDir,
    DECKHAND_TABLE: 'deckhand-test',
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const tenants = await loadTenantsFile(config.tenantsFile);
  const tenant = tenants.get('queen-of-san-diego');
  const events: PipelineEvent[] = [];
  let fetchHook: FetchHook | undefined;
  let s3Hook: ((command: string) => Promise<void>) | undefined;
  const hookedFetch: typeof fetch = async (input, init) => {
    const answer = await fetchHook?.(String(input instanceof Request ? input.url : input), init);
    return answer ?? fetch(input, init);
  };
  const runtime = await createRuntime(config, tenants, {
    serve: false,
    logger: createLogger('silent', silent),
    onEvent: (_t, _b, event) => events.push(event),
    retry: { retries: options.retries ?? 3, minTimeoutMs: 5, maxTimeoutMs: 20 },
    ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    fetch: hookedFetch,
  });
  runtime.clients.s3.middlewareStack.add(
    (next, context) => async (args) => {
      await s3Hook?.(context.commandName ?? '');
      return next(args);
    },
    { step: 'initialize', name: 'testHook' },
  );
  const scan = (entity: string) => scanEntity(runtime.clients.doc, config.tableName, entity);
  const listKeys = async (prefix: string) =>
    (
      await runtime.clients.s3.send(
        new ListObjectsV2Command({ Bucket: tenant.bucket, Prefix: prefix }),
      )
    ).Contents?.length ?? 0;
  return {
    dataDir,
    runtime,
    tenant,
    events,
    setFetchHook: (hook) => {
      fetchHook = hook;
    },
    setS3Hook: (hook) => {
      s3Hook = hook;
    },
    async book(text) {
      const intake = await parseIntake(text, {
        now: new Date('2026-11-26T15:00:00Z'),
        timeZone: tenant.timezone,
        source: 'command',
      });
      const { booking } = await approveBooking(runtime.store, tenant, intake, { now: new Date() });
      return booking.bookingId;
    },
    async counts() {
      return {
        calendarEntries: (await scan('calendar_entry')).length,
        sccEvents: (await scan('scc_event')).length,
        guestObjects: await listKeys('g/'),
        crewObjects: await listKeys('c/'),
      };
    },
    scan,
    outbox() {
      try {
        return readdirSync(join(dataDir, 'outbox'));
      } catch {
        return [];
      }
    },
    async close() {
      await runtime.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
