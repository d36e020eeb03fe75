/**
 * The Lambda handlers with real event shapes against the embedded stores: Slack's requests as
 * function URL events with base64 bodies (non-ASCII text included), the work queue's messages as
 * SQS batches for the worker, the HTTP function's pages and services, the schedule. The whole
 * charter story runs through them: a forwarded email, the modal, the pipeline in the worker, a
 * crew answer by magic link through CloudFront's path to the HTTP function.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signSlackRequest } from '@deckhand/slack-standin';
import { WebClient } from '@slack/web-api';
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { feedSecretFor } from '../../src/runtime/local-secrets.ts';
import { ACTION_IDS, BLOCK_IDS, CALLBACK_IDS } from '../../views/block-ids.ts';
import {
  BOT_TOKEN,
  DANA,
  functionUrlEvent,
  type LambdaHarness,
  OPS,
  SIGNING_SECRET,
  sqsRecord,
  startLambdaHarness,
} from '../support/lambda-harness.ts';
import { buttonValue } from '../support/slack-flow.ts';

let h: LambdaHarness;
afterEach(async () => {
  await h?.close();
});

const TENANT = 'queen-of-san-diego';
const lambdaContext = { functionName: 'deckhand-slack' } as Context;
const allText = (value: unknown) => JSON.stringify(value ?? '');
const jobsOf = (bodies: string[]) => bodies.map((b) => JSON.parse(b) as Record<string, unknown>);

/** A Slack request signed over its UTF-8 bytes, as a function URL event with a base64 body. */
function signedEvent(body: string, options: { tamper?: boolean } = {}) {
  const timestamp = Math.floor(Date.now() / 1000);
  return functionUrlEvent({
    method: 'POST',
    path: '/slack/events',
    headers: {
      'content-type': 'application/json',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signSlackRequest(SIGNING_SECRET, body, timestamp),
    },
    body: options.tamper ? body.replace('Zoë', 'Zoe') : body,
  });
}

const EMAIL = [
  'Your booking is confirmed!',
  '',
  'Booking ID: 90999077',
  "Boat: Sea Breeze 32' Sportfish",
  'Date: Sat, Jun 5, 2027',
  'Start time: 9:00 AM',
  'Duration: 3 hours',
  'Renter: Zoë Ångström-Nuñez',
  'Guests: 4',
  'Total: $840.75',
].join('\n');

describe('the Slack function', () => {
  it('verifies a base64 body with non-ASCII text and refuses the same body altered', async () => {
    h = await startLambdaHarness();
    const body = JSON.stringify({ type: 'url_verification', challenge: 'Zoë – ⚓ 3eZbrw1a' });

    const good = await h.slack(signedEvent(body), lambdaContext);
    const tampered = await h.slack(signedEvent(body, { tamper: true }), lambdaContext);

    expect(good.statusCode).toBe(200);
    expect(JSON.parse(good.body)).toEqual({ challenge: 'Zoë – ⚓ 3eZbrw1a' });
    expect(tampered.statusCode).toBe(401);
    expect(h.queued).toEqual([]);
    // Bolt checks the bot token (auth.test) when the app is built; let it finish before closing.
    await vi.waitFor(() => expect(h.standIn.calls.map((c) => c.method)).toContain('auth.test'));
  });

  it("with the bot's ids in the secret, a cold start answers without calling auth.test", async () => {
    h = await startLambdaHarness({
      secret: { SLACK_BOT_ID: 'B0DECKBOT', SLACK_BOT_USER_ID: 'U0DECKBOT' },
    });

    const help = await h.standIn.slashCommand({
      command: '/charter',
      text: 'help',
      userId: DANA,
      channelId: OPS,
    });

    expect(help.status).toBe(200);
    expect(help.body).toContain('/charter');
    expect(h.standIn.calls.map((c) => c.method)).not.toContain('auth.test');
  });
});

describe('the charter story on Lambda', () => {
  it('Slack acknowledges and queues; the worker reads, books and runs the pipeline; a crew answer by link reaches the thread', async () => {
    h = await startLambdaHarness();

    // A forwarded email: the Slack function answers 200 and only queues the reading.
    const forwarded = await h.standIn.forwardEmail({
      channelId: OPS,
      userId: DANA,
      subject: "Booking confirmed: Sea Breeze 32' Sportfish on Sat, Jun 5, 2027",
      from: 'Boatsetter <notifications@boatsetter.example.com>',
      plainText: EMAIL,
      date: 'Mon, 1 Mar 2027 10:00:00 -0800',
    });
    expect(forwarded.status).toBe(200);
    expect(jobsOf(h.queued)).toMatchObject([{ type: 'intake.read', tenantId: TENANT }]);
    expect(h.queued[0]).toContain('Zoë Ångström-Nuñez');
    expect(h.standIn.thread(OPS, forwarded.ts)).toHaveLength(1);

    // The worker posts the review card.
    expect(await h.drain()).toEqual([{ batchItemFailures: [] }]);
    const card = h.standIn
      .thread(OPS, forwarded.ts)
      .find((m) => buttonValue(m.blocks, ACTION_IDS.reviewApprove));
    const draftId = buttonValue(card?.blocks, ACTION_IDS.reviewApprove) as string;
    expect(allText(card?.blocks)).toContain('Zoë Ångström-Nuñez');

    // Review & approve opens the modal inside the Slack function (trigger ids last 3 s).
    const opened = await h.standIn.blockAction({
      userId: DANA,
      channelId: OPS,
      messageTs: card?.ts,
      actionId: ACTION_IDS.reviewApprove,
      blockId: BLOCK_IDS.cardActions,
      value: draftId,
    });
    expect(opened.status).toBe(200);
    const modal = h.standIn.views().find((v) => v.view.callback_id === CALLBACK_IDS.approvalModal);
    expect(JSON.stringify(modal?.view)).toContain('Zoë Ångström-Nuñez');
    const submitted = await h.standIn.viewSubmission({
      userId: DANA,
      viewId: modal?.id as string,
      values: {},
    });
    expect(submitted.status).toBe(200);
    expect(jobsOf(h.queued)).toMatchObject([{ type: 'draft.approve', draftId }]);
    expect(await h.stores.store.listByTenant(TENANT)).toEqual([]);

    // The worker books, opens the thread and runs the pipeline.
    expect(await h.drain()).toEqual([{ batchItemFailures: [] }]);
    const [booking] = await h.stores.store.listByTenant(TENANT);
    expect(booking?.status).toBe('active');
    expect(booking?.details.guestName).toBe('Zoë Ångström-Nuñez');
    const status = h.standIn.messages(OPS).find((m) => m.ts === booking?.slack?.statusTs);
    expect(allText(status?.blocks)).toContain('✅');

    // Rosa's magic link (her email is in the outbox) through the tenant's domain: CloudFront
    // sends the function URL's host and the viewer's as x-forwarded-host.
    const outbox = join(h.dataDir, 'outbox');
    const mail = readdirSync(outbox).find((f) => f.includes('-rosa-assignment')) as string;
    const link = /(https:\/\/queenofsandiego\.com\/crew\/\S+)/.exec(
      readFileSync(join(outbox, mail), 'utf8').replace(/=\r?\n/g, ''),
    )?.[1] as string;
    const viewer = { 'x-forwarded-host': 'queenofsandiego.com' };
    const page = await h.http(
      functionUrlEvent({ method: 'GET', path: new URL(link).pathname, headers: viewer }),
    );
    expect(page.statusCode).toBe(200);
    const formKey = /name="form_key" value="([^"]+)"/.exec(String(page.body))?.[1] as string;
    const answered = await h.http(
      functionUrlEvent({
        method: 'POST',
        path: new URL(link).pathname,
        headers: {
          ...viewer,
          origin: 'https://queenofsandiego.com',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ form_key: formKey, answer: 'confirm' }).toString(),
      }),
    );
    expect(answered.statusCode).toBeLessThan(400);
    expect(jobsOf(h.queued)).toMatchObject([
      { type: 'thread.event', bookingId: booking?.bookingId, event: { type: 'crew_confirmed' } },
    ]);
    expect(await h.drain()).toEqual([{ batchItemFailures: [] }]);
    const thread = h.standIn
      .thread(OPS, forwarded.ts)
      .map((m) => m.text ?? '')
      .join('\n');
    expect(thread).toMatch(/Rosa Exampleton.*confirmed/);
    // Each function read the secret once, at its cold start (Slack, worker, HTTP).
    expect(h.secretReads).toBe(3);
  }, 90_000);
});

describe('the worker', () => {
  it('reports only the poisoned message of a batch; the others are done', async () => {
    h = await startLambdaHarness();
    const slack = new WebClient(BOT_TOKEN, { slackApiUrl: h.standIn.apiUrl });
    const parents = await Promise.all(
      ['first', 'second'].map((text) => slack.chat.postMessage({ channel: OPS, text })),
    );
    const intake = (ts: string, text: string) =>
      JSON.stringify({
        type: 'intake.read',
        tenantId: TENANT,
        input: text,
        asCommand: true,
        channelId: OPS,
        messageTs: ts,
        userId: DANA,
        sourceKey: `${OPS}-${ts}`,
        receivedAt: new Date().toISOString(),
        ifNotBooking: 'nothing',
      });
    const records = [
      sqsRecord(
        intake(parents[0]?.ts as string, 'June 2 2027 10am 2h $500 for Sam Lee party of 4'),
      ),
      sqsRecord('{"type":"draft.approve","tenantId":"queen-of-san-diego"}'),
      sqsRecord(
        intake(parents[1]?.ts as string, 'June 3 2027 9am 3h $900 for Ana Ruiz party of 5'),
      ),
    ];

    const answer = await h.worker({ Records: records });

    expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: records[1]?.messageId }] });
    for (const [i, name] of [
      [0, 'Sam Lee'],
      [1, 'Ana Ruiz'],
    ] as const) {
      const replies = h.standIn.thread(OPS, parents[i]?.ts as string);
      expect(allText(replies.map((m) => m.blocks))).toContain(name);
    }
  }, 60_000);
});

describe('the HTTP function', () => {
  it('serves the calendar feed, refuses bad uploads and oversized bodies, with JSON errors', async () => {
    h = await startLambdaHarness();
    const secret = feedSecretFor({ feedSecretSeed: 'f'.repeat(40) } as never, 'jada-internal');

    const feed = await h.http(
      functionUrlEvent({ method: 'GET', path: `/calendar/jada-internal/${secret}.ics` }),
    );
    const wrongFeed = await h.http(
      functionUrlEvent({ method: 'GET', path: `/calendar/jada-internal/${'x'.repeat(32)}.ics` }),
    );
    const upload = await h.http(
      functionUrlEvent({
        method: 'POST',
        path: '/g/NOSUCHSLUG1/uploads',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ contentType: 'image/jpeg', size: 1000 }),
      }),
    );
    const tooLarge = await h.http(
      functionUrlEvent({
        method: 'POST',
        path: '/g/NOSUCHSLUG1/uploads',
        headers: { 'content-type': 'application/json' },
        body: 'x'.repeat(300 * 1024),
      }),
    );
    const nowhere = await h.http(functionUrlEvent({ method: 'GET', path: '/nothing-here' }));
    const health = await h.http(functionUrlEvent({ method: 'GET', path: '/healthz' }));

    expect(feed.statusCode).toBe(200);
    expect(feed.headers?.['content-type']).toMatch(/^text\/calendar/);
    expect(String(feed.body)).toContain('BEGIN:VCALENDAR');
    expect(wrongFeed.statusCode).toBe(404);
    expect(upload.statusCode).toBe(404);
    expect(JSON.parse(String(upload.body))).toMatchObject({ error: 'not_found' });
    expect(tooLarge.statusCode).toBe(413);
    expect(nowhere.statusCode).toBe(404);
    expect(JSON.parse(String(nowhere.body))).toMatchObject({ error: 'not_found' });
    // The same health check as the server's, for a load balancer or a deploy's smoke test.
    expect(health.statusCode).toBe(200);
    expect(JSON.parse(String(health.body))).toMatchObject({
      status: 'ok',
      tenants: ['queen-of-san-diego', 'keys-reef-runner'],
    });
  });
});

describe('the schedule function', () => {
  it('queues each task’s jobs for every tenant and refuses an input it does not know', async () => {
    h = await startLambdaHarness();

    expect(await h.schedule({ task: 'reminders' })).toEqual({ queued: 2 });
    expect(await h.schedule({ task: 'complete' })).toEqual({ queued: 4 });
    await expect(h.schedule({ task: 'everything' })).rejects.toThrow(/\{"task":"reminders"\}/);

    expect(jobsOf(h.queued)).toEqual([
      { type: 'reminders.send', tenantId: 'queen-of-san-diego' },
      { type: 'reminders.send', tenantId: 'keys-reef-runner' },
      { type: 'bookings.complete', tenantId: 'queen-of-san-diego' },
      { type: 'photos.count', tenantId: 'queen-of-san-diego' },
      { type: 'bookings.complete', tenantId: 'keys-reef-runner' },
      { type: 'photos.count', tenantId: 'keys-reef-runner' },
    ]);
    // The schedule function reads no secret; the worker that runs the jobs does.
    expect(h.secretReads).toBe(0);
    expect(await h.drain()).toEqual([{ batchItemFailures: [] }]);
  });
});
