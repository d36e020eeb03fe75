/**
 * The `report.csv` job on memory stores, Slack's Web API answered by nock at slack.com: the CSV
 * goes to the requester's DM through files.getUploadURLExternal, the POST of the bytes to the
 * upload URL and files.completeUploadExternal; a non-approver gets nothing; a re-run uploads once.
 */

import { WebClient } from '@slack/web-api';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { reportCsvJob } from '../../src/jobs/report-csv-job.ts';
import { createLogger } from '../../src/logging/logger.ts';
import type { JobOf } from '../../src/queue/jobs.ts';
import { parseJob, serializeJob } from '../../src/queue/jobs.ts';
import { createSlackDeps } from '../../src/slack/create-slack-app.ts';
import type { JobDeps } from '../../src/slack/slack-deps.ts';
import { MemoryCloseOutStore } from '../../src/storage/memory-closeout-store.ts';
import { MemoryDraftStore } from '../../src/storage/memory-draft-store.ts';
import type { TenantRegistry } from '../../src/tenants/tenant-registry.ts';
import { loadTenantsFile } from '../../src/tenants/tenant-registry.ts';
import type { Tenant } from '../../src/tenants/tenant-schema.ts';
import { memoryPipeline } from '../support/memory-pipeline.ts';
import { charter, daysFrom, FakeCloseOuts } from '../support/report-fixtures.ts';

const DANA = 'U0DANAOPS';
const STRANGER = 'U0STRANGE';
const UPLOAD = 'https://files.slack.com/upload/v1/ABC123';
let tenants: TenantRegistry;
let qsd: Tenant;

beforeAll(async () => {
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  tenants = await loadTenantsFile(config.tenantsFile);
  qsd = tenants.get('queen-of-san-diego');
});
afterEach(() => nock.cleanAll());

function setup(now: Date): { deps: JobDeps; client: WebClient } {
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const p = memoryPipeline(qsd, { now });
  const client = new WebClient('xoxb-test', { retryConfig: { retries: 0 } });
  const { jobDeps } = createSlackDeps(
    config,
    tenants,
    {
      bookings: p.store,
      crew: p.crew,
      drafts: new MemoryDraftStore(),
      closeOuts: new MemoryCloseOutStore(),
      pipeline: p.deps,
      reports: { closeOuts: new FakeCloseOuts(), chartUrl: () => 'https://example.com/chart.png' },
      subscribe: () => () => undefined,
    },
    client,
    { logger: createLogger('silent') },
  );
  return { deps: jobDeps, client };
}

/** Every call to Slack, and the bytes posted to the upload URL. */
function slack() {
  const calls: { method: string; args: Record<string, string> }[] = [];
  const uploads: string[] = [];
  nock('https://slack.com')
    .persist()
    .post(/^\/api\/[a-zA-Z.]+$/)
    .reply(async (request) => {
      const method = new URL(request.url).pathname.replace('/api/', '');
      const args = Object.fromEntries(new URLSearchParams(await request.text()));
      calls.push({ method, args });
      if (method === 'conversations.open') return [200, { ok: true, channel: { id: 'D0DANA' } }];
      if (method === 'files.getUploadURLExternal')
        return [200, { ok: true, upload_url: UPLOAD, file_id: 'F0CSV' }];
      if (method === 'files.completeUploadExternal')
        return [200, { ok: true, files: [{ id: 'F0CSV' }] }];
      return [200, { ok: true }];
    });
  nock('https://files.slack.com')
    .persist()
    .post('/upload/v1/ABC123')
    .reply(async (request) => {
      uploads.push(await request.text());
      return [200, 'OK - 123'];
    });
  return { calls, uploads };
}

const job = (userId: string, period = 'this month'): JobOf<'report.csv'> =>
  parseJob(
    serializeJob({
      type: 'report.csv',
      tenantId: 'queen-of-san-diego',
      userId,
      period,
      requestId: 'req-0123456789abcdef',
    }),
  ) as JobOf<'report.csv'>;

describe('the report.csv job', () => {
  it("uploads the period's CSV to the requester's DM with Slack's external upload, once", async () => {
    const now = new Date();
    const { deps, client } = setup(now);
    const booking = charter(qsd, {
      startsAt: daysFrom(now, 0),
      revenueCents: 84_075,
      renter: 'Zoë Brûlé',
    });
    await deps.bookings.create(booking);
    const { calls, uploads } = slack();

    await reportCsvJob(deps, client, job(DANA));
    await reportCsvJob(deps, client, job(DANA)); // the queue delivered it twice

    expect(calls.map((c) => c.method)).toEqual([
      'conversations.open',
      'files.getUploadURLExternal',
      'files.completeUploadExternal',
      'conversations.open',
    ]);
    expect(calls[0]?.args.users).toBe(DANA);
    expect(calls[1]?.args.filename).toMatch(/^pnl-queen-of-san-diego-\d{4}-\d{2}\.csv$/);
    const complete = calls[2]?.args ?? {};
    expect(complete.channel_id).toBe('D0DANA');
    expect(JSON.parse(complete.files ?? '[]')).toEqual([
      { id: 'F0CSV', title: expect.stringMatching(/^P&L Queen of San Diego Charters /) },
    ]);
    expect(complete.initial_comment).toContain(`net $${(booking.price.netCents / 100).toFixed(2)}`);
    expect(uploads).toHaveLength(1);
    // The bytes go as the multipart body of the POST; the file starts with a BOM and the header.
    const csv = uploads[0] as string;
    expect(csv).toContain('\r\n\r\n\uFEFFdate,boat,booking_id,marketplace_id,renter,revenue,');
    expect(csv).toContain(`${booking.bookingId},${booking.marketplaceId},Zoë Brûlé,840.75,`);
  });

  it('refuses a requester who is not an approver: no DM, no upload', async () => {
    const { deps, client } = setup(new Date());
    const { calls, uploads } = slack();

    await reportCsvJob(deps, client, job(STRANGER));

    expect(calls).toEqual([]);
    expect(uploads).toEqual([]);
  });

  it('tells the requester when the period is not one', async () => {
    const { deps, client } = setup(new Date());
    const { calls } = slack();

    await reportCsvJob(deps, client, job(DANA, 'next week'));

    expect(calls.map((c) => c.method)).toEqual(['conversations.open', 'chat.postMessage']);
    expect(calls[1]?.args.text).toMatch(/not a period.*this month, last month/);
  });
});
