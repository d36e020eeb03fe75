/**
 * The charter story over Socket Mode with the connection going away mid-story: Slack asks for a
 * refresh (`disconnect: refresh_requested`), the connection drops without a close frame, and
 * acknowledgements are lost with their connection, so Slack re-delivers the envelope on the next.
 * Every step happens once: one review card, one modal, one booking, one status message, one DM
 * per crew member, one answer each (the stand-in's call log and the stores say so).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ACTION_IDS, BLOCK_IDS } from '../../views/block-ids.ts';
import { buttonValue, clickApprove, forwardBooking, modalFor } from '../support/slack-flow.ts';
import { OPS, type SlackHarness, startSlackHarness } from '../support/slack-harness.ts';

const TENANT = 'queen-of-san-diego';

let h: SlackHarness;
afterEach(async () => {
  await h?.close();
});

const calls = (method: string) => h.standIn.calls.filter((c) => c.method === method);

/** The envelopes that went again, as [type, retry_attempt, retry_reason]. */
const retried = () =>
  calls('socket_mode.envelope')
    .filter((c) => Number(c.args.retry_attempt) > 0)
    .map((c) => [c.args.type, c.args.retry_attempt, c.args.retry_reason]);

/** Marco's crew DM (the chat.postMessage to a D… channel naming him). */
function dmFor(name: string) {
  const posts = calls('chat.postMessage').filter(
    (c) => String(c.args.channel).startsWith('D') && JSON.stringify(c.args.blocks).includes(name),
  );
  return { posts, channel: String(posts[0]?.args.channel), ts: String(posts[0]?.response.ts) };
}

describe('Socket Mode: the story through reconnects', () => {
  it('refresh_requested, an abrupt drop and lost acks mid-story: nothing lost, nothing doubled', async () => {
    // An ack timeout longer than the test: what goes again here goes because its connection went.
    h = await startSlackHarness({ transport: 'socket', socketAckTimeoutMs: 60_000 });
    const socket = h.standIn.socketMode;
    if (!socket) throw new Error('the stand-in is not in Socket Mode');
    expect(socket.connections()).toBe(1);

    // The forwarded email's ack is lost with its connection: Slack sends the event again.
    socket.loseNextAcks(1, 'drop');
    const card = await forwardBooking(h, 1);
    await h.slack.idle();

    // Slack recycles the connection; the click goes out while deckhand reconnects.
    socket.disconnect('refresh_requested');
    const opened = await clickApprove(h, card);
    expect(opened.status).toBe(200);
    await h.slack.idle();
    const modal = modalFor(h, card.draftId);
    expect(modal).toBeDefined();

    // The network drops (no close frame); the submission waits for the new connection.
    socket.drop();
    const submitted = await h.standIn.viewSubmission({
      userId: 'U0DANAOPS',
      viewId: modal?.id as string,
      values: {},
    });
    expect(submitted.status).toBe(200);
    await h.slack.idle();
    const bookings = await h.runtime.store.listByTenant(TENANT);
    expect(bookings).toHaveLength(1);
    const booking = bookings[0];
    expect(booking?.status).toBe('active');
    expect(booking?.slack?.threadTs).toBe(card.threadTs);

    // Marco confirms in his DM; that ack is lost too, and the click goes again.
    const dm = dmFor('Marco');
    expect(dm.posts).toHaveLength(1);
    const confirm = buttonValue(dm.posts[0]?.args.blocks as unknown[], ACTION_IDS.crewConfirm);
    socket.loseNextAcks(1, 'drop');
    const pressed = await h.standIn.blockAction({
      userId: 'U0MARCOEX',
      channelId: dm.channel,
      messageTs: dm.ts,
      actionId: ACTION_IDS.crewConfirm,
      blockId: BLOCK_IDS.crewDmActions,
      value: confirm as string,
    });
    expect(pressed.status).toBe(200);
    await h.slack.idle();

    // What went again: the email event and Marco's click, each once, on a new connection.
    expect(retried()).toEqual([
      ['events_api', 1, 'http_timeout'],
      ['interactive', 1, 'http_timeout'],
    ]);
    // One connection at the start, then one after each of the four times it went away (more if
    // the client missed a pong while the test's one event loop was busy: it reconnects then too).
    expect(calls('apps.connections.open').length).toBeGreaterThanOrEqual(5);
    expect(calls('apps.connections.open').every((c) => c.response.ok === true)).toBe(true);
    expect(socket.pending()).toEqual([]);
    expect(calls('socket_mode.unacknowledged')).toEqual([]);

    // Every step once.
    const inThread = calls('chat.postMessage').filter((c) => c.args.thread_ts === card.threadTs);
    const texts = inThread.map((c) => String(c.args.text));
    expect(new Set(texts).size).toBe(texts.length);
    const reviewCards = calls('chat.postMessage').filter((c) =>
      buttonValue(c.args.blocks as unknown[], ACTION_IDS.reviewApprove),
    );
    expect(reviewCards).toHaveLength(1);
    expect(calls('views.open')).toHaveLength(1);
    expect(calls('views.open')[0]?.response.ok).toBe(true);
    expect(inThread.filter((c) => c.response.ts === booking?.slack?.statusTs)).toHaveLength(1);
    expect(dmFor('Marco').posts).toHaveLength(1);
    expect(dmFor('Rosa').posts).toHaveLength(1);
    const thread = h.standIn
      .thread(OPS, card.threadTs)
      .map((m) => m.text ?? '')
      .join('\n');
    expect(thread.match(/Marco Exemplo.*confirmed/g)).toHaveLength(1);
    const stored = await h.runtime.store.get(TENANT, booking?.bookingId as string);
    expect(stored?.assignment.crewIds).toContain('marco');
  }, 60_000);

  it('an envelope sent while no connection is open waits for the next one', async () => {
    h = await startSlackHarness({ transport: 'socket' });
    const socket = h.standIn.socketMode;
    socket?.drop();
    expect(socket?.connections()).toBe(0);
    const card = await forwardBooking(h, 2);
    await h.slack.idle();
    expect(card.draftId).toMatch(/^DR/);
    expect(retried()).toEqual([]);
    expect(calls('apps.connections.open')).toHaveLength(2);
  });
});
