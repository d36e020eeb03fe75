/**
 * The stand-in's Socket Mode against a real Bolt app on Bolt's own SocketModeReceiver (and so
 * @slack/socket-mode's client): the handshake, envelopes and acks standing for the HTTP answers,
 * re-delivery of what was not acknowledged, and reconnects on `disconnect` and on a drop.
 */
import { App, LogLevel, SocketModeReceiver, type types } from '@slack/bolt';
import type { Logger } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startSlackStandIn } from '../../src/slack-standin.ts';
import type { SlackStandIn } from '../../src/standin-types.ts';

const SECRET = 'stand-in-socket-secret';
const TOKEN = 'xoxb-stand-in-socket';
const APP_TOKEN = 'xapp-1-A0DECKHAND-stand-in-socket';

const silent: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

const MODAL: types.ModalView = {
  type: 'modal',
  callback_id: 'ask',
  title: { type: 'plain_text', text: 'Ask' },
  submit: { type: 'plain_text', text: 'Send' },
  blocks: [
    {
      type: 'input',
      block_id: 'q',
      label: { type: 'plain_text', text: 'Question' },
      element: { type: 'plain_text_input', action_id: 'text' },
    },
  ],
};

let slack: SlackStandIn;
let app: App;
/** What the app's listeners saw, in order. */
let seen: { kind: string; retryNum?: number; text?: string }[];
/** When set, the message listener never acknowledges (events are acked by Bolt itself). */
let commandsAck = true;

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const count = (method: string) => slack.calls.filter((c) => c.method === method).length;

beforeEach(async () => {
  seen = [];
  commandsAck = true;
  slack = await startSlackStandIn({
    signingSecret: SECRET,
    botToken: TOKEN,
    appToken: APP_TOKEN,
    socketAckTimeoutMs: 400,
    users: [{ id: 'U0OPS', name: 'dana' }],
    channels: [{ id: 'C0OPS', name: 'ops' }],
  });
  const receiver = new SocketModeReceiver({
    appToken: APP_TOKEN,
    logger: silent,
    // Reconnects after a close wait this long (the default 5 s would slow every test).
    clientPingTimeout: 300,
    installerOptions: { clientOptions: { slackApiUrl: slack.apiUrl } },
  });
  app = new App({
    token: TOKEN,
    receiver,
    logger: silent,
    clientOptions: { slackApiUrl: slack.apiUrl },
  });
  app.command('/ask', async ({ ack, command, client }) => {
    seen.push({ kind: 'command', text: command.text });
    if (!commandsAck) return;
    if (command.text === 'modal') {
      await ack();
      await client.views.open({ trigger_id: command.trigger_id, view: MODAL });
    } else await ack({ response_type: 'ephemeral', text: `You asked: ${command.text}` });
  });
  app.view('ask', async ({ ack, view }) => {
    const text = view.state.values.q?.text?.value ?? '';
    seen.push({ kind: 'view', text });
    if (text === 'bad') await ack({ response_action: 'errors', errors: { q: 'Ask nicely' } });
    else await ack();
  });
  app.event('app_mention', async ({ event, context }) => {
    seen.push({
      kind: 'event',
      text: event.text,
      ...(context.retryNum ? { retryNum: context.retryNum } : {}),
    });
  });
  await app.start();
});

afterEach(async () => {
  await app.stop();
  await slack.close();
});

describe('Socket Mode handshake', () => {
  it('opens a connection with the app-level token and says hello with the app id', async () => {
    const open = slack.calls.find((c) => c.method === 'apps.connections.open');
    expect(open?.response).toMatchObject({ ok: true });
    expect(String(open?.response.url)).toMatch(
      /^ws:\/\/127\.0\.0\.1:\d+\/socket-mode\/link\?ticket=/,
    );
    expect(slack.calls.find((c) => c.method === 'socket_mode.hello')?.args).toEqual({
      num_connections: 1,
    });
    expect(slack.socketMode?.connections()).toBe(1);
  });

  it('refuses the bot token, a wrong app token, and a used or made-up ticket', async () => {
    const call = async (token?: string) => {
      const response = await fetch(`${slack.apiUrl}apps.connections.open`, {
        method: 'POST',
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      return (await response.json()) as { ok: boolean; error?: string; url?: string };
    };
    expect(await call(TOKEN)).toEqual({ ok: false, error: 'not_allowed_token_type' });
    expect(await call('xapp-1-wrong')).toEqual({ ok: false, error: 'invalid_auth' });
    expect(await call()).toEqual({ ok: false, error: 'not_authed' });
    const used = String(
      slack.calls.find((c) => c.method === 'apps.connections.open')?.response.url,
    );
    const madeUp = used.replace(/ticket=[0-9a-f]+/, 'ticket=00');
    for (const url of [used, madeUp]) {
      const refused = await new Promise<string>((resolve) => {
        const ws = new WebSocket(url);
        ws.on('open', () => resolve('open'));
        ws.on('error', () => resolve('refused'));
      });
      expect(refused).toBe('refused');
    }
    expect(slack.socketMode?.connections()).toBe(1);
  });
});

describe('envelopes and acknowledgements', () => {
  it('a slash command: its ack payload is the answer Slack shows', async () => {
    const answer = await slack.slashCommand({
      command: '/ask',
      text: 'tide times',
      userId: 'U0OPS',
      channelId: 'C0OPS',
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({
      response_type: 'ephemeral',
      text: 'You asked: tide times',
    });
    const envelope = slack.calls.find((c) => c.method === 'socket_mode.envelope')?.args;
    expect(envelope).toMatchObject({
      type: 'slash_commands',
      accepts_response_payload: true,
      retry_attempt: 0,
      retry_reason: '',
      payload: { command: '/ask', text: 'tide times', user_id: 'U0OPS' },
    });
    expect(slack.messages('C0OPS').map((m) => m.text)).toContain('You asked: tide times');
    // Nothing went over HTTP: the stand-in has no app URL at all.
    expect(count('socket_mode.ack')).toBe(1);
  });

  it('a view submission: response_action errors in the ack is shown in the modal', async () => {
    await slack.slashCommand({
      command: '/ask',
      text: 'modal',
      userId: 'U0OPS',
      channelId: 'C0OPS',
    });
    await until(() => slack.views().length === 1, 'the modal');
    const viewId = slack.views()[0]?.id ?? '';
    const bad = await slack.viewSubmission({
      userId: 'U0OPS',
      viewId,
      values: { q: { text: 'bad' } },
    });
    expect(bad.json).toEqual({ response_action: 'errors', errors: { q: 'Ask nicely' } });
    expect(slack.views()).toHaveLength(1);
    const good = await slack.viewSubmission({
      userId: 'U0OPS',
      viewId,
      values: { q: { text: 'ok' } },
    });
    expect(good.body).toBe('');
    expect(slack.views()).toHaveLength(0);
    const types = slack.calls
      .filter((c) => c.method === 'socket_mode.envelope')
      .map((c) => [
        c.args.type,
        (c.args.payload as { type?: string }).type,
        c.args.accepts_response_payload,
      ]);
    expect(types).toEqual([
      ['slash_commands', undefined, true],
      ['interactive', 'view_submission', true],
      ['interactive', 'view_submission', true],
    ]);
  });

  it('an event goes once when acknowledged', async () => {
    const sent = await slack.event({
      type: 'app_mention',
      text: 'hi',
      user: 'U0OPS',
      channel: 'C0OPS',
    });
    expect(sent.status).toBe(200);
    await until(() => seen.length === 1, 'the event');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(seen).toEqual([{ kind: 'event', text: 'hi' }]);
    expect(count('socket_mode.envelope')).toBe(1);
  });
});

describe('re-delivery and reconnects', () => {
  it('an ack lost with its connection: the envelope goes again on the new one, retry_attempt 1', async () => {
    slack.socketMode?.loseNextAcks(1, 'drop');
    const sent = await slack.event({
      type: 'app_mention',
      text: 'again',
      user: 'U0OPS',
      channel: 'C0OPS',
    });
    expect(sent.status).toBe(200);
    expect(seen).toEqual([
      { kind: 'event', text: 'again' },
      { kind: 'event', text: 'again', retryNum: 1 },
    ]);
    const envelopes = slack.calls
      .filter((c) => c.method === 'socket_mode.envelope')
      .map((c) => c.args);
    expect(envelopes.map((e) => [e.retry_attempt, e.retry_reason])).toEqual([
      [0, ''],
      [1, 'http_timeout'],
    ]);
    expect(envelopes[0]?.envelope_id).toBe(envelopes[1]?.envelope_id);
    expect(count('apps.connections.open')).toBe(2);
  });

  it('an ack not sent in time: re-delivered, then given up after three retries (503)', async () => {
    commandsAck = false;
    const answer = await slack.slashCommand({
      command: '/ask',
      text: 'x',
      userId: 'U0OPS',
      channelId: 'C0OPS',
    });
    expect(answer.status).toBe(503);
    expect(
      slack.calls
        .filter((c) => c.method === 'socket_mode.envelope')
        .map((c) => c.args.retry_attempt),
    ).toEqual([0, 1, 2, 3]);
    expect(seen.map((s) => s.kind)).toEqual(['command', 'command', 'command', 'command']);
    expect(slack.socketMode?.pending()).toEqual([]);
  });

  it('disconnect (refresh_requested): the app reconnects and the next command arrives', async () => {
    slack.socketMode?.disconnect('refresh_requested');
    expect(slack.socketMode?.connections()).toBe(0);
    // Sent while the app is away: it waits for the new connection.
    const answer = await slack.slashCommand({
      command: '/ask',
      text: 'after',
      userId: 'U0OPS',
      channelId: 'C0OPS',
    });
    expect(JSON.parse(answer.body)).toMatchObject({ text: 'You asked: after' });
    expect(count('apps.connections.open')).toBe(2);
    expect(slack.calls.find((c) => c.method === 'socket_mode.disconnect')?.args).toEqual({
      reason: 'refresh_requested',
    });
    expect(seen).toEqual([{ kind: 'command', text: 'after' }]);
  });

  it('a drop (no close frame), forced through the stand-in API: the app reconnects', async () => {
    const base = slack.apiUrl.replace(/\/api\/$/, '');
    const dropped = await fetch(`${base}/socket-mode/drop`, { method: 'POST' });
    expect(await dropped.json()).toEqual({ ok: true, dropped: 1 });
    await slack.socketMode?.waitForConnections(1);
    const refused = await fetch(`${base}/socket-mode/disconnect?reason=nap`, { method: 'POST' });
    expect(refused.status).toBe(400);
    const again = await fetch(`${base}/socket-mode/disconnect?reason=warning`, { method: 'POST' });
    expect(await again.json()).toEqual({ ok: true, disconnected: 1 });
    await slack.socketMode?.waitForConnections(1);
    const answer = await slack.slashCommand({
      command: '/ask',
      text: 'still',
      userId: 'U0OPS',
      channelId: 'C0OPS',
    });
    expect(JSON.parse(answer.body)).toMatchObject({ text: 'You asked: still' });
    expect(count('apps.connections.open')).toBe(3);
  });
});
