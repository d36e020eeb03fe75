/**
 * Slack re-deliveries: the same event, slash command or modal submission delivered 4 times at
 * once (the first without, the others with X-Slack-Retry-Num 1-3 and X-Slack-Retry-Reason), as
 * Slack does when an acknowledgement is late; and 10 approvers submitting the approval of the
 * same booking at the same moment. Each must take effect once: one card, one modal and draft,
 * one booking, one pipeline run, one thread.
 *
 * A capturing proxy sits between the stand-in and the app: in `hold` mode it records the
 * request and answers 200 itself (the app never saw it), and the test then delivers the
 * recorded body 4 times, each re-signed with a fresh timestamp as Slack signs each delivery.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signSlackRequest } from '@deckhand/slack-standin';
import { afterEach, describe, expect, it } from 'vitest';
import { CALLBACK_IDS } from '../../views/block-ids.ts';
import { clickApprove, forwardBooking, modalFor, scanAll } from '../support/slack-flow.ts';
import { DANA, OPS, type SlackHarness, startSlackHarness } from '../support/slack-harness.ts';

interface Captured {
  body: string;
  contentType: string;
}

let h: SlackHarness;
let proxy: Server | undefined;
afterEach(async () => {
  if (proxy) await new Promise((resolve) => proxy?.close(resolve));
  proxy = undefined;
  await h?.close();
});

/** Starts the proxy; `hold()` makes it keep the next request from the app. */
async function startProxy(appUrl: string) {
  const captured: Captured[] = [];
  let holding = false;
  proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const contentType = String(req.headers['content-type'] ?? '');
      if (holding) {
        holding = false;
        captured.push({ body, contentType });
        res.writeHead(200).end();
        return;
      }
      const answer = await fetch(appUrl, {
        method: 'POST',
        headers: Object.fromEntries(
          Object.entries(req.headers).filter(
            ([k]) => k.startsWith('x-slack') || k === 'content-type',
          ),
        ) as Record<string, string>,
        body,
      });
      const text = await answer.text();
      res
        .writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? '' })
        .end(text);
    });
  });
  await new Promise<void>((resolve) => proxy?.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    captured,
    hold() {
      holding = true;
    },
  };
}

/** Delivers a recorded request 4 times at once: once plain, then retries 1-3. */
async function deliverFourTimes(appUrl: string, request: Captured): Promise<number[]> {
  const answers = await Promise.all(
    [undefined, 1, 2, 3].map(async (retryNum) => {
      const timestamp = Math.floor(Date.now() / 1000);
      const response = await fetch(appUrl, {
        method: 'POST',
        headers: {
          'content-type': request.contentType,
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': signSlackRequest('test-signing-secret', request.body, timestamp),
          ...(retryNum === undefined
            ? {}
            : { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': 'http_timeout' }),
        },
        body: request.body,
      });
      await response.text();
      return response.status;
    }),
  );
  await h.slack.idle();
  return answers;
}

const appUrlOf = (harness: SlackHarness) => `${harness.runtime.httpUrl}/slack/events`;

describe('the same delivery, 4 times at once', () => {
  it('a forwarded email event: one draft, one review card', async () => {
    h = await startSlackHarness();
    const p = await startProxy(appUrlOf(h));
    h.standIn.setAppUrl(p.url);

    p.hold();
    const forwarded = await h.standIn.forwardEmail({
      channelId: OPS,
      userId: DANA,
      subject: 'Booking confirmed',
      from: 'Boatsetter <notifications@boatsetter.example.com>',
      plainText: [
        'Your booking is confirmed!',
        'Booking ID: 90999123',
        "Boat: Sea Breeze 32' Sportfish",
        'Date: Sat, Jun 5, 2027',
        'Start time: 9:00 AM',
        'Duration: 3 hours',
        'Renter: Avery Sampleton',
        'Guests: 4',
        'Total: $840.75',
      ].join('\n'),
      date: 'Mon, 1 Mar 2027 10:00:00 -0800',
    });
    expect(h.standIn.thread(OPS, forwarded.ts)).toHaveLength(1); // the app has not seen it yet
    const [event] = p.captured;

    expect(await deliverFourTimes(appUrlOf(h), event as Captured)).toEqual([200, 200, 200, 200]);

    const thread = h.standIn.thread(OPS, forwarded.ts);
    expect(thread).toHaveLength(2); // the email and one review card
    expect(await scanAll(h, 'draft')).toHaveLength(1);
  });

  it('a /charter command: one modal, one draft', async () => {
    h = await startSlackHarness();
    const p = await startProxy(appUrlOf(h));
    h.standIn.setAppUrl(p.url);

    p.hold();
    await h.standIn.slashCommand({
      command: '/charter',
      text: 'June 2 9am 3h $840.75 for Sam Lee party of 4',
      userId: DANA,
      channelId: OPS,
    });
    const [command] = p.captured;

    expect(await deliverFourTimes(appUrlOf(h), command as Captured)).toEqual([200, 200, 200, 200]);

    const opens = h.standIn.calls.filter((c) => c.method === 'views.open');
    expect(opens.filter((c) => c.response.ok === true)).toHaveLength(1);
    expect(
      h.standIn.views().filter((v) => v.view.callback_id === CALLBACK_IDS.approvalModal),
    ).toHaveLength(1);
    expect(await scanAll(h, 'draft')).toHaveLength(1);
  });

  it('an approval submission: one booking, one pipeline run, one thread', async () => {
    h = await startSlackHarness();
    const card = await forwardBooking(h, 1);
    await clickApprove(h, card);
    await h.slack.idle();
    const modal = modalFor(h, card.draftId);
    const p = await startProxy(appUrlOf(h));
    h.standIn.setAppUrl(p.url);

    p.hold();
    await h.standIn.viewSubmission({ userId: DANA, viewId: modal?.id as string, values: {} });
    const [submission] = p.captured;

    expect(await deliverFourTimes(appUrlOf(h), submission as Captured)).toEqual([
      200, 200, 200, 200,
    ]);
    await expectOneBookingOneRunOneThread(card.threadTs);
  });
});

async function expectOneBookingOneRunOneThread(threadTs: string): Promise<void> {
  const bookings = await h.runtime.store.listByTenant('queen-of-san-diego');
  expect(bookings).toHaveLength(1);
  const booking = bookings[0];
  expect(booking?.status).toBe('active');
  const events = await h.runtime.store.listEvents(
    'queen-of-san-diego',
    booking?.bookingId as string,
  );
  // One run: each step started once, the pipeline finished once.
  expect(events.filter((e) => e.type === 'step_started')).toHaveLength(6);
  expect(events.filter((e) => e.type === 'pipeline_done')).toHaveLength(1);
  // One thread: the email, the card, one status message, one "Approved", one "All steps done".
  const thread = h.standIn.thread(OPS, threadTs);
  expect(thread).toHaveLength(5);
  expect(thread.filter((m) => (m.text ?? '').startsWith('👍 Approved'))).toHaveLength(1);
  const statusMessages = h.standIn
    .messages(OPS)
    .filter((m) => m.ts === booking?.slack?.statusTs || (m.text ?? '').includes('⛵'));
  expect(statusMessages).toHaveLength(1);
}

describe('10 approvers at once', () => {
  it('ten concurrent Approve submissions of one booking: one booking, one run, one thread', async () => {
    const approvers = Array.from({ length: 10 }, (_, n) => ({
      id: `U0APPR${String(n).padStart(3, '0')}`,
      name: `approver${n}`,
    }));
    h = await startSlackHarness({ extraUsers: approvers, env: { DECKHAND_APPROVERS: '*' } });
    const card = await forwardBooking(h, 2);
    // Each approver opens the approval modal from the same card…
    for (const approver of approvers) await clickApprove(h, card, approver.id);
    await h.slack.idle();
    const modals = h.standIn
      .views()
      .filter((v) => v.view.callback_id === CALLBACK_IDS.approvalModal);
    expect(modals).toHaveLength(10);

    // …and all ten press "Approve & run" at the same moment.
    const answers = await Promise.all(
      modals.map((modal) =>
        h.standIn.viewSubmission({ userId: modal.userId, viewId: modal.id, values: {} }),
      ),
    );
    await h.slack.idle();

    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    await expectOneBookingOneRunOneThread(card.threadTs);
  });
});
