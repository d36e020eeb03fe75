/**
 * Guest photo uploads in a real browser (headless Debian Chromium at a phone viewport), against
 * the embedded stores: the guest page published by the pipeline and served through the
 * CloudFront Function, the upload route mounted before the page site exactly as the runtime
 * mounts it, and photos POSTed by the page's own script straight to s3rver (cross-origin, so
 * the bucket's CORS rule and the page's CSP are exercised too).
 *
 * Photos that landed: the page tells deckhand (`/g/<slug>/uploads/done`), which recounts the
 * bucket and keeps one reply in the charter's thread (a Slack stand-in here): 2 photos, then 3,
 * the same message updated; its gallery link opens the ops-only page with the photos.
 *
 * Time: the page embeds its upload window, so each state comes from a charter booked at a time
 * relative to now; the browser's clock is moved only to check that the page's script switches
 * state by itself. Screenshots land in test-artifacts/.
 */
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { startSlackStandIn } from '@deckhand/slack-standin';
import { WebClient } from '@slack/web-api';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.ts';
import { runPipeline } from '../../src/pipeline/run-pipeline.ts';
import { startHttpServer, stopHttpServer } from '../../src/server/http-server.ts';
import { createPageSite } from '../../src/server/page-site.ts';
import { recountPhotos } from '../../src/slack/photo-reply.ts';
import { DynamoUploadCounter } from '../../src/storage/dynamo-upload-counter.ts';
import { galleryLinkPath } from '../../src/uploads/gallery-link.ts';
import { createGalleryRoutes } from '../../src/uploads/gallery-route.ts';
import { createUploadDoneRoutes } from '../../src/uploads/upload-done-route.ts';
import { uploadPrefix, uploadWindowState } from '../../src/uploads/upload-policy.ts';
import { createUploadRoutes } from '../../src/uploads/upload-routes.ts';
import { launchPhoneBrowser, type PhoneBrowser } from '../support/browser.ts';
import { type Harness, startHarness } from '../support/pipeline-harness.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const silent = new Writable({ write: (_c, _e, done) => done() });

let h: Harness;
let browser: PhoneBrowser;
let server: Server;
let siteUrl = '';
let slack: Awaited<ReturnType<typeof startSlackStandIn>>;
const GALLERY_SECRET = 'browser-uploads-gallery-secret';
/** Recounts started by the pages' "done" calls (run here as the photos.count job would). */
const recounts: Promise<unknown>[] = [];

beforeAll(async () => {
  h = await startHarness();
  const { store, tenants, clients, config } = h.runtime;
  slack = await startSlackStandIn({
    signingSecret: 'browser-uploads',
    botToken: 'xoxb-browser-uploads',
    channels: [{ id: 'C0OPS', name: 'ops' }],
  });
  const client = new WebClient('xoxb-browser-uploads', { slackApiUrl: slack.apiUrl });
  const counter = new DynamoUploadCounter(clients.doc, config.tableName);
  const photoReply = {
    store,
    objects: h.runtime.deps.objects,
    client,
    claims: {
      claim: (key: string) => h.runtime.slackPorts.drafts.claimDelivery(key, Date.now() + DAY),
      release: (key: string) => h.runtime.slackPorts.drafts.releaseDelivery(key),
    },
    galleryUrl: (tenant: { id: string }, bookingId: string, expiresAt: Date) =>
      `${siteUrl}${galleryLinkPath(GALLERY_SECRET, tenant.id, bookingId, expiresAt)}`,
    clock: () => new Date(),
  };
  // The same routes, in the same order, as the runtime mounts them.
  const started = await startHttpServer(
    {
      tenants,
      logger: createLogger('silent', silent),
      version: 'test',
      routes: [
        ...createUploadDoneRoutes({
          store,
          tenants,
          counter,
          photosLanded: (tenantId, bookingId) => {
            recounts.push(recountPhotos(photoReply, tenants.get(tenantId), bookingId));
          },
        }),
        ...createGalleryRoutes({
          tenants,
          store,
          s3: clients.s3,
          objects: h.runtime.deps.objects,
          secret: GALLERY_SECRET,
        }),
        ...createUploadRoutes({ store, tenants, s3: clients.s3, counter }),
        { prefix: '/g/', handle: createPageSite({ s3: clients.s3, store, tenants }) },
      ],
    },
    { host: '127.0.0.1', port: 0 },
  );
  server = started.server;
  siteUrl = started.url;
  browser = await launchPhoneBrowser();
}, 60_000);

afterAll(async () => {
  await Promise.allSettled(recounts);
  await slack?.close();
  await browser?.close();
  if (server) await stopHttpServer(server);
  await h?.close();
});

/** "2026-11-25 4:35pm" in the tenant's zone, for a `/charter` line. */
function localDateTime(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: 'numeric',
      minute: '2-digit',
      hour12: true,
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return `${parts['year']}-${parts['month']}-${parts['day']} ${parts['hour']}:${parts['minute']}${String(parts['dayPeriod']).toLowerCase()}`;
}

interface Charter {
  slug: string;
  bookingId: string;
  startsAt: string;
  endsAt: string;
  url: string;
}

/** Books and publishes a 3-hour charter starting `offsetMs` from now (rounded to 5 minutes). */
async function charterStarting(offsetMs: number, guest: string): Promise<Charter> {
  const start = new Date(Math.round((Date.now() + offsetMs) / (5 * MINUTE)) * 5 * MINUTE);
  const id = await h.book(
    `${localDateTime(start, h.tenant.timezone)} 3h $600 for ${guest} party of 4`,
  );
  const outcome = await runPipeline(h.tenant, id, h.runtime.deps);
  expect(outcome.steps.guest_page?.status).toBe('done');
  const { booking } = outcome;
  // The local time read back is the instant meant (within the hour a DST change could shift it,
  // which no state below depends on).
  expect(Math.abs(Date.parse(booking.startsAt) - start.getTime())).toBeLessThanOrEqual(HOUR);
  return {
    slug: booking.guestSlug,
    bookingId: booking.bookingId,
    startsAt: booking.startsAt,
    endsAt: booking.endsAt,
    url: `${siteUrl}/g/${booking.guestSlug.toLowerCase()}`,
  };
}

async function photoKeys(slug: string): Promise<{ key: string; size: number }[]> {
  const listed = await h.runtime.clients.s3.send(
    new ListObjectsV2Command({ Bucket: h.tenant.bucket, Prefix: uploadPrefix(h.tenant.id, slug) }),
  );
  return (listed.Contents ?? []).map((o) => ({ key: o.Key ?? '', size: o.Size ?? 0 }));
}

/** A real JPEG from the browser's own encoder: a 480×360 sunset over the sea. */
async function makeJpeg(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(`(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 480;
    canvas.height = 360;
    const g = canvas.getContext('2d');
    const sky = g.createLinearGradient(0, 0, 0, 230);
    sky.addColorStop(0, '#0b3954');
    sky.addColorStop(0.6, '#e07a5f');
    sky.addColorStop(1, '#f2b134');
    g.fillStyle = sky;
    g.fillRect(0, 0, 480, 230);
    g.fillStyle = '#f9d56e';
    g.beginPath();
    g.arc(240, 220, 46, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = '#0a6670';
    g.fillRect(0, 230, 480, 130);
    g.fillStyle = '#1b2a35';
    g.beginPath();
    g.moveTo(300, 268); g.lineTo(420, 268); g.lineTo(400, 292); g.lineTo(318, 292);
    g.fill();
    return canvas.toDataURL('image/jpeg', 0.85);
  })()`);
  const bytes = Buffer.from(String(dataUrl).replace(/^data:image\/jpeg;base64,/, ''), 'base64');
  // Start of image, and end of image: a complete JPEG.
  expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  expect(bytes.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
  return bytes;
}

/** Problems other than the failed-request line Chrome logs for a 4xx answer we expect. */
function unexpected(problems: string[]): string[] {
  return problems.filter(
    (p) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(p),
  );
}

async function visibleNotice(page: Page): Promise<string | null> {
  return page.locator('#photos [data-when]:visible').textContent();
}

describe('the guest page photo section in a phone browser', () => {
  it('before the window: says when uploads open, offers no form', async () => {
    const charter = await charterStarting(3 * DAY, 'Bea Before');
    const { page, problems } = await browser.newPage();

    await page.goto(charter.url);

    const window = uploadWindowState(
      new Date(),
      charter.startsAt,
      charter.endsAt,
      h.tenant.uploads,
    );
    expect(window.state).toBe('before');
    expect(await page.locator('h1').textContent()).toBe('Welcome aboard, Bea');
    expect(await visibleNotice(page)).toMatch(
      /^Photo uploads open \w+day, \w+ \d{1,2}, \d{4} at \d{1,2}:\d{2} [AP]M P[SD]T\. /,
    );
    expect(await page.locator('#photos form').isVisible()).toBe(false);
    expect(await page.locator('#photos').getAttribute('data-state')).toBe('before');
    expect(problems).toEqual([]);
    await browser.screenshot(page, 'guest-page-before');
    await browser.screenshot(page, 'photos-before', { selector: '#photos' });
    await page.close();
  });

  it('switches to the form by itself when the window opens, and shows the server refusing early', async () => {
    const charter = await charterStarting(3 * DAY, 'Eli Early');
    const { page, problems } = await browser.newPage();
    // The page was rendered "before"; this browser's clock says the window is open.
    const opensAt = Date.parse(charter.startsAt) - h.tenant.uploads.opensMinutesBefore * MINUTE;
    await page.clock.install({ time: new Date(opensAt + MINUTE) });

    await page.goto(charter.url);
    await page.locator('#photos form').waitFor({ state: 'visible' });
    await page.locator('#photo-files').setInputFiles({
      name: 'early.jpg',
      mimeType: 'image/jpeg',
      buffer: await makeJpeg(page),
    });
    await page.getByRole('button', { name: 'Upload photos' }).click();
    await page.locator('.upload-failed').waitFor();

    expect(await visibleNotice(page)).toMatch(/^Share your photos of the trip with us here until /);
    // deckhand's clock is the real one: for it the window is not open yet.
    expect(await page.locator('.upload-failed .upload-status').textContent()).toMatch(
      /^Photo uploads open \w+day, .* at \d{1,2}:\d{2} [AP]M P[SD]T\. Come back then/,
    );
    expect(await photoKeys(charter.slug)).toEqual([]);
    expect(unexpected(problems)).toEqual([]);
    await page.close();
  });

  describe('during the window', () => {
    let charter: Charter;
    beforeAll(async () => {
      charter = await charterStarting(-30 * MINUTE, 'Olu Open');
    });

    it('uploads a real JPEG through the form, with progress and a thumbnail, into S3', async () => {
      const { page, problems } = await browser.newPage();
      await page.goto(charter.url);
      const jpeg = await makeJpeg(page);

      expect(await page.locator('#photos').getAttribute('data-state')).toBe('open');
      expect(await page.getByLabel('Choose photos').getAttribute('accept')).toBe('image/*');
      await page
        .locator('#photo-files')
        .setInputFiles([{ name: 'sunset.jpg', mimeType: 'image/jpeg', buffer: jpeg }]);
      await page.getByRole('button', { name: 'Upload photos' }).click();
      await page.locator('.upload-done img.upload-thumb').waitFor();

      expect(await page.locator('.upload-done .upload-status').textContent()).toBe('Uploaded');
      expect(await page.locator('.upload-done progress').getAttribute('value')).toBe('100');
      expect(await page.locator('.upload-done img').getAttribute('alt')).toBe(
        'Uploaded: sunset.jpg',
      );
      // The thumbnail really decoded (a blob: URL the CSP allows).
      await page.waitForFunction(
        "document.querySelector('.upload-done img.upload-thumb')?.naturalWidth > 0",
      );
      expect(
        await page.evaluate("document.querySelector('.upload-done img.upload-thumb').naturalWidth"),
      ).toBe(480);
      const stored = await photoKeys(charter.slug);
      expect(stored).toHaveLength(1);
      const [photo] = stored;
      expect(photo?.key).toMatch(
        new RegExp(`^uploads/${h.tenant.id}/${charter.slug}/[A-Za-z0-9_-]{22}\\.jpg$`),
      );
      expect(photo?.size).toBe(jpeg.length);
      const object = await h.runtime.clients.s3.send(
        new GetObjectCommand({ Bucket: h.tenant.bucket, Key: photo?.key }),
      );
      expect(object.ContentType).toBe('image/jpeg');
      expect(Buffer.from(await (object.Body?.transformToByteArray() ?? []))).toEqual(jpeg);
      expect(problems).toEqual([]);
      await browser.screenshot(page, 'guest-page-open-uploaded');
      await browser.screenshot(page, 'photos-open-uploaded', { selector: '#photos' });
      await page.close();
    });

    it('refuses a file that is not an image, with the message on the page', async () => {
      const { page, problems } = await browser.newPage();
      await page.goto(charter.url);
      const before = await photoKeys(charter.slug);

      await page
        .locator('#photo-files')
        .setInputFiles([
          { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo\n') },
        ]);
      await page.getByRole('button', { name: 'Upload photos' }).click();
      await page.locator('.upload-failed').waitFor();

      expect(await page.locator('.upload-failed .upload-name').textContent()).toBe('notes.txt');
      expect(await page.locator('.upload-failed .upload-status').textContent()).toBe(
        'Only photos can be uploaded here: JPEG, PNG, HEIC, HEIF or WebP images.',
      );
      expect(await page.locator('.upload-failed img').count()).toBe(0);
      expect(await photoKeys(charter.slug)).toEqual(before);
      expect(unexpected(problems)).toEqual([]);
      await browser.screenshot(page, 'photos-refused-non-image', { selector: '#photos' });
      await page.close();
    });

    it('asks for a photo when none is chosen', async () => {
      const { page } = await browser.newPage();
      await page.goto(charter.url);

      await page.getByRole('button', { name: 'Upload photos' }).click();

      expect(await page.getByRole('alert').textContent()).toBe('Choose one or more photos first.');
      await page.close();
    });

    it('closes the form by itself when the window ends while the page is open', async () => {
      const { page } = await browser.newPage();
      await page.clock.install({ time: new Date() });
      await page.goto(charter.url);
      await page.locator('#photos form').waitFor({ state: 'visible' });
      const closesAt = Date.parse(charter.endsAt) + h.tenant.uploads.closesDaysAfter * DAY;

      await page.clock.fastForward(closesAt - Date.now() + MINUTE);
      await page.clock.runFor(31_000);

      await page.locator('#photos form').waitFor({ state: 'hidden' });
      expect(await visibleNotice(page)).toBe(
        'Uploads are closed. Thank you for sharing your trip with us!',
      );
      await page.close();
    });
  });

  it('photos that landed make one thread reply: 2 photos, then the same message says 3', async () => {
    const charter = await charterStarting(-20 * MINUTE, 'Pia Photos');
    const parent = await new WebClient('xoxb-browser-uploads', {
      slackApiUrl: slack.apiUrl,
    }).chat.postMessage({ channel: 'C0OPS', text: 'Charter: Pia Photos' });
    const threadTs = parent.ts ?? '';
    const booked = await h.runtime.store.get(h.tenant.id, charter.bookingId);
    if (!booked) throw new Error('the charter was not stored');
    await h.runtime.store.update(
      booked,
      { slack: { channelId: 'C0OPS', threadTs, statusTs: threadTs } },
      new Date(),
    );
    const replies = () => slack.thread('C0OPS', threadTs).slice(1);
    const { page, problems } = await browser.newPage();
    await page.goto(charter.url);
    const jpeg = await makeJpeg(page);

    await page.locator('#photo-files').setInputFiles([
      { name: 'bow.jpg', mimeType: 'image/jpeg', buffer: jpeg },
      { name: 'stern.jpg', mimeType: 'image/jpeg', buffer: jpeg },
    ]);
    await page.getByRole('button', { name: 'Upload photos' }).click();
    await expect.poll(() => page.locator('.upload-done').count()).toBe(2);
    await expect
      .poll(() => replies()[0]?.text, { timeout: 15_000 })
      .toBe('2 photos from the guests');

    await page
      .locator('#photo-files')
      .setInputFiles([{ name: 'dolphins.jpg', mimeType: 'image/jpeg', buffer: jpeg }]);
    await page.getByRole('button', { name: 'Upload photos' }).click();
    await expect.poll(() => page.locator('.upload-done').count()).toBe(3);
    await expect
      .poll(() => replies()[0]?.text, { timeout: 15_000 })
      .toBe('3 photos from the guests');
    await Promise.all(recounts);

    expect(replies()).toHaveLength(1);
    expect(replies()[0]?.updates).toBeGreaterThanOrEqual(1);
    expect(await photoKeys(charter.slug)).toHaveLength(3);
    expect(unexpected(problems)).toEqual([]);

    // The reply's gallery link: the ops page shows the three photos, loaded from the bucket.
    const blocks = JSON.stringify(replies()[0]?.blocks);
    const link = /<(http[^|>]+)\|Open the gallery>/.exec(blocks)?.[1]?.replace(/&amp;/g, '&');
    expect(link).toContain(`/ops/photos/${h.tenant.id}/${charter.bookingId}?exp=`);
    const gallery = await browser.newPage();
    await gallery.page.goto(link ?? '');
    expect(await gallery.page.locator('h1').textContent()).toBe('3 photos from the guests');
    await gallery.page.waitForFunction(
      "[...document.querySelectorAll('.gallery img')].filter((i) => i.naturalWidth === 480).length === 3",
    );
    // Only the favicon the browser asks for is missing.
    expect(unexpected(gallery.problems)).toEqual([]);
    await browser.screenshot(gallery.page, 'photo-gallery');
    await gallery.page.close();
    await page.close();
  });

  it('after the window: says uploads are closed, offers no form', async () => {
    const charter = await charterStarting(-9 * DAY, 'Cy Closed');
    const { page, problems } = await browser.newPage();

    await page.goto(charter.url);

    expect(await visibleNotice(page)).toBe(
      'Uploads are closed. Thank you for sharing your trip with us!',
    );
    expect(await page.locator('#photos form').isVisible()).toBe(false);
    expect(await page.locator('#photos').getAttribute('data-state')).toBe('closed');
    expect(problems).toEqual([]);
    await browser.screenshot(page, 'photos-closed', { selector: '#photos' });
    await page.close();
  });
});
