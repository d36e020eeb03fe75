/**
 * Landed photos through the whole runtime, over real HTTP on 127.0.0.1: presigned POSTs from
 * the real route, objects in s3rver, the guest page's "done" calls reaching the Slack side as
 * `photos.count` jobs, one reply in the charter thread (the Slack stand-in) updated by the
 * schedule's recount for a photo nobody reported, a forged "done" changing nothing, and the
 * reply's gallery link served with the runtime's own secret.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Booking } from '../../src/bookings/booking.ts';
import { approveBooking } from '../../src/pipeline/book-from-intake.ts';
import { uploadPrefix } from '../../src/uploads/upload-policy.ts';
import { bookingIntake } from '../support/memory-pipeline.ts';
import { OPS, type SlackHarness, startSlackHarness } from '../support/slack-harness.ts';

const HOUR = 3_600_000;
let h: SlackHarness;

beforeAll(async () => {
  h = await startSlackHarness();
}, 60_000);

afterAll(async () => {
  await h?.close();
});

const json = (path: string, body: unknown) =>
  fetch(`${h.runtime.httpUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('photos that landed, through the runtime', () => {
  it('one thread reply: 2 photos from the "done" calls, 3 after the schedule, nothing for a forgery', async () => {
    const { store, tenants } = h.runtime;
    const tenant = tenants.get('queen-of-san-diego');
    const now = new Date();
    const approved = (await approveBooking(store, tenant, bookingIntake(now), { now })).booking;
    const parent = await new WebClient('xoxb-test-token', {
      slackApiUrl: h.standIn.apiUrl,
    }).chat.postMessage({ channel: OPS, text: 'The charter' });
    const threadTs = parent.ts ?? '';
    // The charter is under way: its upload window is open.
    const booking: Booking = await store.update(
      approved,
      {
        startsAt: new Date(now.getTime() - HOUR).toISOString(),
        endsAt: new Date(now.getTime() + 2 * HOUR).toISOString(),
        slack: { channelId: OPS, threadTs, statusTs: threadTs },
      },
      now,
    );
    const slug = booking.guestSlug;
    const replies = () => h.standIn.thread(OPS, threadTs).slice(1);
    const land = async (key: string) =>
      h.runtime.clients.s3.send(
        new PutObjectCommand({
          Bucket: tenant.bucket,
          Key: key,
          Body: 'jpeg',
          ContentType: 'image/jpeg',
        }),
      );

    const keys: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const presigned = await json(`/g/${slug}/uploads`, { contentType: 'image/jpeg', size: 4 });
      expect(presigned.status).toBe(200);
      keys.push(((await presigned.json()) as { key: string }).key);
    }
    await land(keys[0] ?? '');
    await land(keys[1] ?? '');
    expect((await json(`/g/${slug}/uploads/done`, { key: keys[0] })).status).toBe(202);
    expect((await json(`/g/${slug}/uploads/done`, { key: keys[1] })).status).toBe(202);
    await h.slack.idle();

    expect(replies().map((r) => r.text)).toEqual(['2 photos from the guests']);

    // A forged "done" for a photo that never landed: the recount finds the same two.
    expect((await json(`/g/${slug}/uploads/done`, { key: keys[2] })).status).toBe(202);
    await h.slack.idle();
    expect(replies()).toMatchObject([{ text: '2 photos from the guests', updates: 0 }]);
    // Every presigned POST has had its "done": one more is refused.
    expect((await json(`/g/${slug}/uploads/done`, { key: keys[2] })).status).toBe(429);

    // The third photo lands, and its browser never says so: the schedule's recount finds it.
    await land(keys[2] ?? '');
    await h.slack.queue.send({ type: 'photos.count', tenantId: tenant.id });
    await h.slack.idle();
    expect(replies()).toMatchObject([{ text: '3 photos from the guests', updates: 1 }]);
    expect((await store.get(tenant.id, booking.bookingId))?.photos?.count).toBe(3);

    // The gallery link in the reply works with the runtime's own secret; a changed one does not.
    const link = /<(http[^|>]+)\|Open the gallery>/
      .exec(JSON.stringify(replies()[0]?.blocks))?.[1]
      ?.replace(/&amp;/g, '&');
    // The link points at the tenant's page base; this test's server is on another port.
    const url = new URL(link ?? '');
    expect(url.pathname).toBe(`/ops/photos/${tenant.id}/${booking.bookingId}`);
    const served = `${h.runtime.httpUrl}${url.pathname}${url.search}`;
    const gallery = await fetch(served);
    const page = await gallery.text();
    expect(gallery.status).toBe(200);
    expect(page.match(/<img /g)).toHaveLength(3);
    expect(page).toContain(uploadPrefix(tenant.id, slug));
    const changed = `${served.slice(0, -1)}${served.endsWith('A') ? 'B' : 'A'}`;
    expect((await fetch(changed)).status).toBe(403);
  });
});
