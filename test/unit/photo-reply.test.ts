/**
 * The thread's one photo reply on memory adapters, Slack answered by nock: the count is what is
 * in the bucket (not presigned POSTs), the first recount posts once and stores the ts, later
 * ones update that message, two concurrent recounts post one reply, and the gallery link in it
 * is the signed one; which bookings the schedule recounts.
 */
import { WebClient } from '@slack/web-api';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import type { Booking } from '../../src/bookings/booking.ts';
import { EXAMPLE_TENANTS_FILE } from '../../src/config/config.ts';
import { bookingsToRecount } from '../../src/jobs/count-photos-job.ts';
import { approveBooking } from '../../src/pipeline/book-from-intake.ts';
import { type PhotoReplyDeps, recountPhotos } from '../../src/slack/photo-reply.ts';
import { MemoryDraftStore } from '../../src/storage/memory-draft-store.ts';
import { loadTenantsFile } from '../../src/tenants/tenant-registry.ts';
import { uploadPrefix } from '../../src/uploads/upload-policy.ts';
import { bookingIntake, type MemoryPipeline, memoryPipeline } from '../support/memory-pipeline.ts';

const tenants = await loadTenantsFile(EXAMPLE_TENANTS_FILE);
const QUEEN = tenants.get('queen-of-san-diego');
const now = new Date();

afterEach(() => nock.cleanAll());

/** Every chat call Slack got; a small delay on each, so concurrent recounts really overlap. */
function slackApi(delayMs = 5) {
  const calls: { method: string; args: Record<string, string> }[] = [];
  let ts = 0;
  nock('https://slack.com')
    .persist()
    .post(/^\/api\/chat\.(postMessage|update)$/)
    .delay(delayMs)
    .reply(async (request) => {
      const args = Object.fromEntries(new URLSearchParams(await request.text()));
      calls.push({ method: new URL(request.url).pathname.replace('/api/', ''), args });
      ts += 1;
      return [200, { ok: true, channel: args.channel, ts: args.ts ?? `1800000000.00010${ts}` }];
    });
  return calls;
}

async function threadedBooking(p: MemoryPipeline): Promise<Booking> {
  const { booking } = await approveBooking(p.store, QUEEN, bookingIntake(now), { now });
  return p.store.update(
    booking,
    {
      slack: {
        channelId: 'C0QSDOPS',
        threadTs: '1799000000.000100',
        statusTs: '1799000000.000100',
      },
    },
    now,
  );
}

async function landPhotos(p: MemoryPipeline, booking: Booking, count: number, from = 0) {
  for (let i = from; i < from + count; i += 1)
    await p.objects.put({
      bucket: QUEEN.bucket,
      key: `${uploadPrefix(QUEEN.id, booking.guestSlug)}photo${i}.jpg`,
      body: 'jpeg bytes',
      contentType: 'image/jpeg',
      cacheControl: 'no-store',
    });
}

function deps(p: MemoryPipeline, claims = new MemoryDraftStore()): PhotoReplyDeps {
  return {
    store: p.store,
    objects: p.objects,
    client: new WebClient('xoxb-test', { retryConfig: { retries: 0 } }),
    claims: {
      claim: (key) => claims.claimDelivery(key, now.getTime() + 86_400_000),
      release: (key) => claims.releaseDelivery(key),
    },
    galleryUrl: (tenant, bookingId, expiresAt) =>
      `https://deckhand.example/ops/photos/${tenant.id}/${bookingId}?exp=${Math.floor(expiresAt.getTime() / 1000)}&sig=test`,
    clock: () => now,
    waitForTs: { tries: 50, ms: 5 },
  };
}

describe('the photo reply in the charter thread', () => {
  it('posts "2 photos from the guests" once in the thread, then updates it to 3', async () => {
    const calls = slackApi();
    const p = memoryPipeline(QUEEN, { now });
    const booking = await threadedBooking(p);
    const d = deps(p);

    expect(await recountPhotos(d, QUEEN, booking.bookingId)).toBe('none');
    await landPhotos(p, booking, 2);
    expect(await recountPhotos(d, QUEEN, booking.bookingId)).toBe('posted');
    expect(await recountPhotos(d, QUEEN, booking.bookingId)).toBe('unchanged');
    await landPhotos(p, booking, 1, 2);
    expect(await recountPhotos(d, QUEEN, booking.bookingId)).toBe('updated');

    expect(calls.map((c) => [c.method, c.args.thread_ts ?? c.args.ts, c.args.text])).toEqual([
      ['chat.postMessage', '1799000000.000100', '2 photos from the guests'],
      ['chat.update', '1800000000.000101', '3 photos from the guests'],
    ]);
    expect(calls[0]?.args.blocks).toContain(
      `https://deckhand.example/ops/photos/${QUEEN.id}/${booking.bookingId}?exp=`,
    );
    expect((await p.store.get(QUEEN.id, booking.bookingId))?.photos).toEqual({
      replyTs: '1800000000.000101',
      count: 3,
    });
  });

  it('counts objects in the bucket, not uploads handed out: another booking’s photos do not count', async () => {
    const calls = slackApi();
    const p = memoryPipeline(QUEEN, { now });
    const booking = await threadedBooking(p);
    await p.objects.put({
      bucket: QUEEN.bucket,
      key: `${uploadPrefix(QUEEN.id, 'OTHERSLUG1')}x.jpg`,
      body: 'x',
      contentType: 'image/jpeg',
      cacheControl: 'no-store',
    });

    expect(await recountPhotos(deps(p), QUEEN, booking.bookingId)).toBe('none');
    expect(calls).toEqual([]);
  });

  it('two concurrent recounts post one reply, and the message ends on the true count', async () => {
    const calls = slackApi(20);
    const p = memoryPipeline(QUEEN, { now });
    const booking = await threadedBooking(p);
    const claims = new MemoryDraftStore();
    await landPhotos(p, booking, 2);

    const first = recountPhotos(deps(p, claims), QUEEN, booking.bookingId);
    const second = recountPhotos(deps(p, claims), QUEEN, booking.bookingId);
    // A third photo lands while both are running.
    await landPhotos(p, booking, 1, 2);
    const outcomes = await Promise.all([first, second]);

    expect(calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
    expect(outcomes).toContain('posted');
    expect(calls.at(-1)?.args.text).toBe('3 photos from the guests');
    expect((await p.store.get(QUEEN.id, booking.bookingId))?.photos?.count).toBe(3);
  });

  it('a failed post gives the claim back, so the next recount posts', async () => {
    const p = memoryPipeline(QUEEN, { now });
    const booking = await threadedBooking(p);
    const claims = new MemoryDraftStore();
    await landPhotos(p, booking, 1);
    nock('https://slack.com')
      .post('/api/chat.postMessage')
      .reply(200, { ok: false, error: 'fatal_error' });
    await expect(recountPhotos(deps(p, claims), QUEEN, booking.bookingId)).rejects.toThrow(
      /fatal_error/,
    );

    const calls = slackApi();
    expect(await recountPhotos(deps(p, claims), QUEEN, booking.bookingId)).toBe('posted');
    expect(calls.map((c) => c.args.text)).toEqual(['1 photo from the guests']);
  });

  it('says nothing for a booking without a thread or a cancelled one', async () => {
    const calls = slackApi();
    const p = memoryPipeline(QUEEN, { now });
    const { booking } = await approveBooking(p.store, QUEEN, bookingIntake(now), { now });
    await landPhotos(p, booking, 2);
    expect(await recountPhotos(deps(p), QUEEN, booking.bookingId)).toBe('none');
    const threaded = await threadedBooking(p);
    await landPhotos(p, threaded, 2);
    await p.store.update(
      (await p.store.get(QUEEN.id, threaded.bookingId)) as Booking,
      { status: 'cancelled' },
      now,
    );
    expect(await recountPhotos(deps(p), QUEEN, threaded.bookingId)).toBe('none');
    expect(calls).toEqual([]);
  });
});

describe('the schedule’s recount', () => {
  it('takes the bookings with a thread whose window opened and closed less than an hour ago', () => {
    const HOUR = 3_600_000;
    const closeMs = QUEEN.uploads.closesDaysAfter * 24 * HOUR;
    const at = (startOffset: number, extra: Partial<Booking> = {}) =>
      ({
        bookingId: `B${startOffset}${extra.status ?? ''}${extra.slack === undefined ? '' : 'T'}`,
        status: 'active',
        startsAt: new Date(now.getTime() + startOffset).toISOString(),
        endsAt: new Date(now.getTime() + startOffset + 3 * HOUR).toISOString(),
        slack: { channelId: 'C0QSDOPS', threadTs: '1799000000.000100', statusTs: null },
        ...extra,
      }) as Booking;
    const underWay = at(-HOUR);
    const tomorrow = at(24 * HOUR);
    const justClosed = at(-3 * HOUR - closeMs + HOUR / 2);
    const longClosed = at(-3 * HOUR - closeMs - 2 * HOUR);
    const cancelled = at(-HOUR, { status: 'cancelled' });
    const noThread = at(-HOUR, { slack: undefined });

    expect(
      bookingsToRecount(
        [underWay, tomorrow, justClosed, longClosed, cancelled, noThread],
        QUEEN,
        now,
      ),
    ).toEqual([underWay, justClosed]);
  });
});
