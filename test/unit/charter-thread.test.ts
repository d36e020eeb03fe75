/**
 * The charter thread on memory adapters, Slack's Web API answered by nock at the transport:
 * the status message posted once and remembered on the booking, one reply per stored event
 * however often it is delivered, and a burst of events coalesced into one status update.
 */
import { WebClient } from '@slack/web-api';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import type { Booking } from '../../src/bookings/booking.ts';
import { EXAMPLE_TENANTS_FILE } from '../../src/config/config.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { approveBooking } from '../../src/pipeline/book-from-intake.ts';
import { CharterThread } from '../../src/slack/charter-thread.ts';
import { MemoryDraftStore } from '../../src/storage/memory-draft-store.ts';
import { loadTenantsFile } from '../../src/tenants/tenant-registry.ts';
import { bookingIntake, type MemoryPipeline, memoryPipeline } from '../support/memory-pipeline.ts';

const tenants = await loadTenantsFile(EXAMPLE_TENANTS_FILE);
const QUEEN = tenants.get('queen-of-san-diego');
const now = new Date();

afterEach(() => nock.cleanAll());

/** Every Web API call Slack got: method and its (form-encoded) arguments. */
function slackApi() {
  const calls: { method: string; args: Record<string, string> }[] = [];
  let ts = 0;
  nock('https://slack.com')
    .persist()
    .post(/^\/api\/chat\.(postMessage|update)$/)
    .reply(async (request) => {
      const args = Object.fromEntries(new URLSearchParams(await request.text()));
      calls.push({ method: new URL(request.url).pathname.replace('/api/', ''), args });
      ts += 1;
      return [200, { ok: true, channel: args.channel, ts: `1800000000.00000${ts}` }];
    });
  return calls;
}

function thread(p: MemoryPipeline, replies?: MemoryDraftStore) {
  return new CharterThread({
    client: new WebClient('xoxb-test', { retryConfig: { retries: 0 } }),
    deps: p.deps,
    tenants,
    logger: createLogger('silent'),
    postIntervalMs: 0,
    coalesceMs: 20,
    ...(replies
      ? {
          replies: {
            claim: (key: string) => replies.claimDelivery(key, now.getTime() + 86_400_000),
            release: (key: string) => replies.releaseDelivery(key),
          },
        }
      : {}),
  });
}

async function booked(p: MemoryPipeline): Promise<Booking> {
  return (await approveBooking(p.store, QUEEN, bookingIntake(now), { now })).booking;
}

describe('CharterThread', () => {
  it('posts the status message in the email’s thread once and remembers where it is', async () => {
    const calls = slackApi();
    const p = memoryPipeline(QUEEN, { now });
    const booking = await booked(p);
    const t = thread(p);

    const opened = await t.open(booking, QUEEN, { channelId: 'C0QSDOPS', threadTs: '1799.0001' });
    const again = await t.open(opened, QUEEN, { channelId: 'C0QSDOPS', threadTs: '1799.0001' });

    expect(calls.map((c) => [c.method, c.args.channel, c.args.thread_ts])).toEqual([
      ['chat.postMessage', 'C0QSDOPS', '1799.0001'],
    ]);
    expect(calls[0]?.args.text).toMatch(/^Queen of San Diego, /);
    expect(again).toEqual(opened);
    expect((await p.store.get(QUEEN.id, booking.bookingId))?.slack).toEqual({
      channelId: 'C0QSDOPS',
      threadTs: '1799.0001',
      statusTs: '1800000000.000001',
    });
  });

  it('replies once per stored event however often it is delivered, and updates the status once for a burst', async () => {
    const calls = slackApi();
    const p = memoryPipeline(QUEEN, { now });
    const t = thread(p, new MemoryDraftStore());
    await t.open(await booked(p), QUEEN, { channelId: 'C0QSDOPS', threadTs: null });
    const booking = (await p.store.listByTenant(QUEEN.id))[0] as Booking;
    const done = await p.store.appendEvent(QUEEN.id, booking.bookingId, {
      type: 'pipeline_done',
      at: now.toISOString(),
      message: 'every step is done',
    });
    const started = await p.store.appendEvent(QUEEN.id, booking.bookingId, {
      type: 'step_started',
      step: 'guest_page',
      at: now.toISOString(),
      message: 'guest_page started',
    });

    t.onEvent(QUEEN.id, booking.bookingId, started);
    t.onEvent(QUEEN.id, booking.bookingId, done);
    t.onEvent(QUEEN.id, booking.bookingId, done); // SQS delivered the job again
    await t.idle();

    const replies = calls.filter((c) => c.method === 'chat.postMessage').slice(1);
    expect(replies.map((c) => [c.args.channel, c.args.thread_ts])).toEqual([
      ['C0QSDOPS', '1800000000.000001'],
    ]);
    expect(replies[0]?.args.text).toMatch(/^✅ All steps done/);
    const updates = calls.filter((c) => c.method === 'chat.update');
    expect(updates.map((c) => c.args.ts)).toEqual(['1800000000.000001']);
  });

  it('posts nothing for a booking without a thread', async () => {
    const calls = slackApi();
    const p = memoryPipeline(QUEEN, { now });
    const booking = await booked(p);
    const t = thread(p);
    const event = await p.store.appendEvent(QUEEN.id, booking.bookingId, {
      type: 'pipeline_done',
      at: now.toISOString(),
      message: 'every step is done',
    });

    t.onEvent(QUEEN.id, booking.bookingId, event);
    await t.idle();

    expect(calls).toEqual([]);
  });
});
