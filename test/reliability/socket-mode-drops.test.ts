/**
 * Socket Mode under load with the connection going away again and again: bookings forwarded and
 * approved over Socket Mode while the stand-in keeps dropping the connection (no close frame),
 * asking for a refresh (`disconnect: refresh_requested`) and losing acknowledgements with their
 * connection, so that envelopes go again on the next one. Nothing is lost (every booking is
 * booked and its thread complete) and nothing is doubled (one card, one modal, one booking, one
 * "Approved", one calendar entry and SCC event each).
 */
import pLimit from 'p-limit';
import { afterEach, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../views/block-ids.ts';
import {
  buttonValue,
  clickApprove,
  forwardBooking,
  modalFor,
  scanAll,
} from '../support/slack-flow.ts';
import { OPS, type SlackHarness, startSlackHarness } from '../support/slack-harness.ts';

const N = Number(process.env.SOCKET_LOAD_BOOKINGS ?? 30);
/**
 * One trouble per this many envelopes delivered: tied to the load's progress, not to the clock,
 * so a fast machine (whose whole phase can end within a second) meets as much trouble as a slow
 * one.
 */
const ENVELOPES_PER_TROUBLE = Number(process.env.SOCKET_ENVELOPES_PER_TROUBLE ?? 6);
/**
 * Slack gives an envelope up after three retries. Here every trouble re-delivers every envelope
 * in flight (all N submissions at once, their acks slowed by the load), so one can be caught
 * more than three times: the stand-in keeps trying, and the test checks deckhand, not that policy.
 */
const MAX_RETRIES = 20;

let h: SlackHarness;
afterEach(async () => {
  await h?.close();
});

/**
 * While started: after every `every` envelopes the stand-in delivers, make the next trouble
 * (lose the next ack with its connection, drop, refresh_requested, in turn), wait for deckhand
 * to be connected again, and so on.
 */
function troubleMaker(harness: SlackHarness, every: number) {
  const socket = harness.standIn.socketMode;
  if (!socket) throw new Error('the stand-in is not in Socket Mode');
  const envelopes = () =>
    harness.standIn.calls.filter((c) => c.method === 'socket_mode.envelope').length;
  const done = { drops: 0, refreshes: 0, lostAcks: 0 };
  let turn = 0;
  let stopped = true;
  let loop: Promise<void> = Promise.resolve();
  return {
    done,
    start() {
      stopped = false;
      loop = (async () => {
        let last = envelopes();
        while (!stopped) {
          await new Promise((resolve) => setTimeout(resolve, 10));
          if (stopped) break;
          if (envelopes() - last < every) continue;
          last = envelopes();
          const kind = turn % 3;
          turn += 1;
          if (kind === 0) {
            socket.loseNextAcks(1, 'drop');
            done.lostAcks += 1;
          } else if (kind === 1) {
            socket.drop();
            done.drops += 1;
          } else {
            socket.disconnect('refresh_requested');
            done.refreshes += 1;
          }
          await socket.waitForConnections(1, 30_000);
        }
      })();
    },
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

describe('Socket Mode: repeated drops during load', () => {
  it(`${N} bookings forwarded and approved while the connection keeps going: each exactly once`, {
    timeout: 300_000,
  }, async () => {
    const users = Array.from({ length: N }, (_, n) => ({
      id: `U0SOCK${String(n).padStart(3, '0')}`,
      name: `approver${n}`,
    }));
    h = await startSlackHarness({
      transport: 'socket',
      socketMaxRetries: MAX_RETRIES,
      extraUsers: users,
      env: { DECKHAND_APPROVERS: '*' },
    });
    const socket = h.standIn.socketMode;
    const calls = (method: string) => h.standIn.calls.filter((c) => c.method === method);

    // Forwarding, in trouble.
    const limit = pLimit(5);
    const trouble = troubleMaker(h, ENVELOPES_PER_TROUBLE);
    trouble.start();
    const cards = await Promise.all(
      Array.from({ length: N }, (_, n) => limit(() => forwardBooking(h, n))),
    );
    await trouble.stop();
    await socket?.waitForConnections(1);
    await h.slack.idle();

    // Clicks open modals with a 3-second trigger: done on a steady connection (a click that
    // waits out a reconnect can miss its trigger's window, in Slack too).
    for (const [n, card] of cards.entries()) {
      const opened = await clickApprove(h, card, users[n]?.id);
      expect(opened.status).toBe(200);
    }
    await h.slack.idle();
    const modals = cards.map((card) => modalFor(h, card.draftId));
    expect(modals.every((m) => m !== undefined)).toBe(true);

    // Every submission at once, in trouble.
    trouble.start();
    const answers = await Promise.all(
      modals.map((modal, n) =>
        h.standIn.viewSubmission({
          userId: users[n]?.id as string,
          viewId: modal?.id as string,
          values: {},
        }),
      ),
    );
    await trouble.stop();
    await socket?.waitForConnections(1);
    await h.slack.idle();
    const retried = calls('socket_mode.envelope').filter((c) => Number(c.args.retry_attempt) > 0);
    console.log(
      `SOCKET LOAD: ${N} bookings; ${JSON.stringify(trouble.done)}; ${calls('apps.connections.open').length} connections opened; ${retried.length} envelopes re-delivered`,
    );
    expect(trouble.done.drops).toBeGreaterThan(0);
    expect(trouble.done.refreshes).toBeGreaterThan(0);
    expect(trouble.done.lostAcks).toBeGreaterThan(0);
    expect(retried.length).toBeGreaterThan(0);

    // Nothing lost: every envelope acknowledged, every submission answered.
    expect(calls('socket_mode.unacknowledged')).toEqual([]);
    expect(socket?.pending()).toEqual([]);
    expect(answers.map((a) => a.status)).toEqual(Array(N).fill(200));

    // Nothing doubled: one card per email, one modal per card, one booking per modal.
    const reviewCards = calls('chat.postMessage').filter((c) =>
      buttonValue(c.args.blocks as unknown[], ACTION_IDS.reviewApprove),
    );
    expect(reviewCards).toHaveLength(N);
    expect(new Set(reviewCards.map((c) => c.args.thread_ts)).size).toBe(N);
    expect(calls('views.open').filter((c) => c.response.ok === true)).toHaveLength(N);
    const bookings = await h.runtime.store.listByTenant('queen-of-san-diego');
    expect(bookings).toHaveLength(N);
    expect(bookings.every((b) => b.status === 'active')).toBe(true);
    expect(new Set(bookings.map((b) => b.slack?.threadTs)).size).toBe(N);
    expect((await scanAll(h, 'calendar_entry')).length).toBe(N);
    expect((await scanAll(h, 'scc_event')).length).toBe(N);
    for (const booking of bookings) {
      const thread = h.standIn.thread(OPS, booking.slack?.threadTs as string);
      const texts = thread.slice(1).map((m) => m.text ?? '');
      expect(texts.filter((t) => t.startsWith('👍 Approved'))).toHaveLength(1);
      expect(texts.filter((t) => t.startsWith('✅ All steps done'))).toHaveLength(1);
      // The forwarded email, the card, the status message, "Approved", "All steps done".
      expect(thread).toHaveLength(5);
    }
  });
});
