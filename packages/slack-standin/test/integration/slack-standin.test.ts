/**
 * The Slack stand-in against real clients: @slack/web-api's WebClient calls its Web API, and
 * the requests it sends are checked with Bolt's own verifier (a tiny app) and then by a real
 * Bolt app, which must route every one of them.
 *
 * One file (~1170 lines): the cases share the verifying app (started once), the users, channels
 * and request helpers above, and the real-Bolt cases reuse them; split, each file would repeat
 * that setup and start its own app.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel, verifySlackRequest } from '@slack/bolt';
import {
  ErrorCode,
  type Logger,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebClient,
} from '@slack/web-api';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { signSlackRequest, startSlackStandIn } from '../../src/slack-standin.ts';
import type { SlackStandIn } from '../../src/standin-types.ts';

const SECRET = 'stand-in-test-signing-secret';
const TOKEN = 'xoxb-stand-in-test';
const USERS = [
  { id: 'U0OPS', name: 'dana', realName: 'Dana Ops', email: 'dana@example.com' },
  { id: 'U0CREW1', name: 'rosa', realName: 'Rosa Exampleton' },
  { id: 'U0CREW2', name: 'sam' },
];
const CHANNELS = [
  { id: 'C0OPS', name: 'ops' },
  { id: 'G0OWNERS', name: 'owners', isPrivate: true },
];

const silent: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

/** A request the tiny app received, after Bolt's verifier accepted its signature. */
interface Received {
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** JSON for events; the form's fields, or its `payload` parsed, for the rest. */
  body: Record<string, unknown>;
}

type Answer = { status?: number; body?: string; contentType?: string };

/** A tiny app: verifies each request with Bolt's verifier (401 if it fails), then answers. */
async function startTinyApp() {
  const received: Received[] = [];
  const refused: string[] = [];
  let answer: (request: Received) => Answer | Promise<Answer> = () => ({});
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    try {
      verifySlackRequest({
        signingSecret: SECRET,
        body: rawBody,
        headers: {
          'x-slack-signature': String(req.headers['x-slack-signature']),
          'x-slack-request-timestamp': Number(req.headers['x-slack-request-timestamp']),
        },
      });
    } catch (error) {
      refused.push(String(error));
      res.writeHead(401).end();
      return;
    }
    const form = new URLSearchParams(rawBody);
    const body: Record<string, unknown> = req.headers['content-type']?.includes('json')
      ? JSON.parse(rawBody)
      : form.has('payload')
        ? JSON.parse(form.get('payload') ?? '')
        : Object.fromEntries(form);
    const request = { headers: req.headers, rawBody, body };
    received.push(request);
    const {
      status = 200,
      body: text = '',
      contentType = 'application/json',
    } = await answer(request);
    res.writeHead(status, { 'content-type': contentType }).end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`,
    received,
    refused,
    answerWith(next: typeof answer) {
      answer = next;
    },
  };
}

function platformError(error: unknown): Record<string, unknown> {
  expect(error).toBeInstanceOf(WebAPIPlatformError);
  return (error as WebAPIPlatformError).data as unknown as Record<string, unknown>;
}

const modal = (overrides: Record<string, unknown> = {}) => ({
  type: 'modal' as const,
  callback_id: 'charter_modal',
  title: { type: 'plain_text' as const, text: 'New charter' },
  submit: { type: 'plain_text' as const, text: 'Approve' },
  blocks: [
    {
      type: 'input' as const,
      block_id: 'guest',
      label: { type: 'plain_text' as const, text: 'Guest name' },
      element: { type: 'plain_text_input' as const, action_id: 'name' },
    },
  ],
  ...overrides,
});

describe('Slack stand-in', () => {
  let app: Awaited<ReturnType<typeof startTinyApp>>;
  let slack: SlackStandIn;
  let client: WebClient;
  let clock: number;

  beforeAll(async () => {
    app = await startTinyApp();
  });

  afterAll(async () => {
    await new Promise((resolve) => app.server.close(resolve));
  });

  beforeEach(async () => {
    clock = 1_780_000_000_000;
    app.received.length = 0;
    app.answerWith(() => ({}));
    slack = await startSlackStandIn({
      signingSecret: SECRET,
      botToken: TOKEN,
      appUrl: app.url,
      users: USERS,
      channels: CHANNELS,
      now: () => clock,
    });
    client = new WebClient(TOKEN, {
      slackApiUrl: slack.apiUrl,
      logger: silent,
      retryConfig: { retries: 0 },
    });
  });

  afterEach(async () => {
    expect(app.refused).toEqual([]);
    await slack.close();
  });

  describe('Web API', () => {
    it('listens on 127.0.0.1 with an apiUrl WebClient can use', () => {
      expect(slack.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
    });

    it('auth.test answers for the bot; another token is invalid_auth, none is not_authed', async () => {
      expect(await client.auth.test()).toMatchObject({
        ok: true,
        team_id: 'T0DECKHAND',
        user_id: 'U0DECKBOT',
        bot_id: expect.any(String),
      });
      const stranger = new WebClient('xoxb-wrong', { slackApiUrl: slack.apiUrl, logger: silent });
      expect(platformError(await stranger.auth.test().catch((e) => e)).error).toBe('invalid_auth');
      const anonymous = new WebClient(undefined, { slackApiUrl: slack.apiUrl, logger: silent });
      expect(platformError(await anonymous.auth.test().catch((e) => e)).error).toBe('not_authed');
      expect(slack.calls.map((c) => [c.method, c.response.error ?? 'ok'])).toEqual([
        ['auth.test', 'ok'],
        ['auth.test', 'invalid_auth'],
        ['auth.test', 'not_authed'],
      ]);
    });

    it('answers unknown methods with unknown_method', async () => {
      const error = await client.apiCall('charters.list').catch((e) => e);
      expect(platformError(error)).toMatchObject({ error: 'unknown_method' });
    });

    it('takes JSON bodies with a bearer token, as Slack does', async () => {
      const response = await fetch(`${slack.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify({ channel: 'C0OPS', text: 'json', blocks: [] }),
      });
      expect(await response.json()).toMatchObject({ ok: true, channel: 'C0OPS' });
      const tokenInBody = await fetch(`${slack.apiUrl}auth.test`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: TOKEN }),
      });
      expect(await tokenInBody.json()).toMatchObject({ ok: false, error: 'not_authed' });
      const tokenInForm = await fetch(`${slack.apiUrl}auth.test`, {
        method: 'POST',
        body: new URLSearchParams({ token: TOKEN }),
      });
      expect(await tokenInForm.json()).toMatchObject({ ok: true });
    });

    it('chat.postMessage: ts increasing per channel, threads, DMs by user id, refusals', async () => {
      const first = await client.chat.postMessage({ channel: 'C0OPS', text: 'one' });
      const second = await client.chat.postMessage({ channel: 'C0OPS', text: 'two' });
      expect(first).toMatchObject({
        ok: true,
        channel: 'C0OPS',
        message: { text: 'one', user: 'U0DECKBOT', bot_id: expect.any(String) },
      });
      expect(first.ts).toMatch(/^\d{10}\.\d{6}$/);
      expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));

      const reply = await client.chat.postMessage({
        channel: 'C0OPS',
        text: 'reply',
        thread_ts: first.ts,
      });
      expect(reply.message).toMatchObject({ thread_ts: first.ts });
      expect(slack.thread('C0OPS', first.ts ?? '').map((m) => m.text)).toEqual(['one', 'reply']);
      const nested = await client.chat
        .postMessage({ channel: 'C0OPS', text: 'nested', thread_ts: reply.ts })
        .catch((e) => e);
      expect(platformError(nested).error).toBe('invalid_thread_ts');

      const dm = await client.chat.postMessage({ channel: 'U0CREW1', text: 'Confirm?' });
      expect(dm.channel).toBe('D0CREW1');
      const opened = await client.conversations.open({ users: 'U0CREW1' });
      expect(opened.channel?.id).toBe('D0CREW1');

      const refusals = await Promise.all([
        client.chat.postMessage({ channel: 'C0NOPE', text: 'x' }).catch((e) => e),
        client.apiCall('chat.postMessage', { channel: 'C0OPS' }).catch((e) => e),
        client.chat.postMessage({ channel: 'C0OPS', text: 'x'.repeat(40_001) }).catch((e) => e),
      ]);
      expect(refusals.map((e) => platformError(e).error)).toEqual([
        'channel_not_found',
        'no_text',
        'msg_too_long',
      ]);
      expect(slack.messages('C0OPS').map((m) => m.text)).toEqual(['one', 'two', 'reply']);
    });

    it('refuses blocks that break Block Kit limits with invalid_blocks and the reasons', async () => {
      const tooMany = Array.from({ length: 51 }, () => ({ type: 'divider' as const }));
      const error = await client.chat
        .postMessage({ channel: 'C0OPS', text: 'x', blocks: tooMany })
        .catch((e) => e);
      expect(platformError(error)).toMatchObject({
        error: 'invalid_blocks',
        errors: ['no more than 50 items allowed [json-pointer:/blocks]'],
        response_metadata: {
          messages: ['[ERROR] no more than 50 items allowed [json-pointer:/blocks]'],
        },
      });
      const notJson = await fetch(`${slack.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}` },
        body: new URLSearchParams({ channel: 'C0OPS', blocks: '[{' }),
      });
      expect(await notJson.json()).toMatchObject({ ok: false, error: 'invalid_blocks_format' });
    });

    it('chat.update changes messages the app posted; chat.postEphemeral shows one person', async () => {
      const posted = await client.chat.postMessage({ channel: 'C0OPS', text: 'pending' });
      const updated = await client.chat.update({
        channel: 'C0OPS',
        ts: posted.ts ?? '',
        text: 'done',
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*done*' } }],
      });
      expect(updated).toMatchObject({ ok: true, channel: 'C0OPS', ts: posted.ts, text: 'done' });
      expect(slack.messages('C0OPS')).toEqual([
        expect.objectContaining({ ts: posted.ts, text: 'done', updates: 1 }),
      ]);

      const missing = await client.chat
        .update({ channel: 'C0OPS', ts: '1.000001', text: 'x' })
        .catch((e) => e);
      expect(platformError(missing).error).toBe('message_not_found');
      const { ts: usersTs } = await slack.forwardEmail({
        channelId: 'C0OPS',
        userId: 'U0OPS',
        subject: 'Booking',
        from: 'Boatsetter <n@boatsetter.example.com>',
        plainText: 'Hello',
        date: 'Tue, 12 May 2026 08:41:05 -0400',
      });
      const notOurs = await client.chat
        .update({ channel: 'C0OPS', ts: usersTs, text: 'x' })
        .catch((e) => e);
      expect(platformError(notOurs).error).toBe('cant_update_message');

      const ephemeral = await client.chat.postEphemeral({
        channel: 'C0OPS',
        user: 'U0OPS',
        text: 'Only you',
      });
      expect(ephemeral).toMatchObject({ ok: true, message_ts: expect.any(String) });
      expect(slack.messages('C0OPS').at(-1)).toMatchObject({
        text: 'Only you',
        ephemeralTo: 'U0OPS',
      });
      const outsider = await client.chat
        .postEphemeral({ channel: 'D0CREW1', user: 'U0CREW2', text: 'x' })
        .catch((e) => e);
      expect(platformError(outsider).error).toBe('channel_not_found');
      await client.conversations.open({ users: 'U0CREW1' });
      const notMember = await client.chat
        .postEphemeral({ channel: 'D0CREW1', user: 'U0CREW2', text: 'x' })
        .catch((e) => e);
      expect(platformError(notMember).error).toBe('user_not_in_channel');
    });

    it('users.info, conversations.info and conversations.open', async () => {
      expect((await client.users.info({ user: 'U0OPS' })).user).toMatchObject({
        id: 'U0OPS',
        name: 'dana',
        real_name: 'Dana Ops',
        profile: { email: 'dana@example.com' },
        is_bot: false,
      });
      expect((await client.users.info({ user: 'U0DECKBOT' })).user).toMatchObject({ is_bot: true });
      expect(
        platformError(await client.users.info({ user: 'U0NOBODY' }).catch((e) => e)).error,
      ).toBe('user_not_found');

      expect((await client.conversations.info({ channel: 'G0OWNERS' })).channel).toMatchObject({
        id: 'G0OWNERS',
        name: 'owners',
        is_private: true,
      });
      expect(
        platformError(await client.conversations.info({ channel: 'C0NOPE' }).catch((e) => e)).error,
      ).toBe('channel_not_found');

      const first = await client.conversations.open({ users: 'U0CREW2' });
      const again = await client.conversations.open({ users: 'U0CREW2', return_im: true });
      expect(first.channel?.id).toBe('D0CREW2');
      expect(again).toMatchObject({
        already_open: true,
        channel: { id: 'D0CREW2', is_im: true, user: 'U0CREW2' },
      });
      expect((await client.conversations.info({ channel: 'D0CREW2' })).channel).toMatchObject({
        is_im: true,
        user: 'U0CREW2',
      });
    });

    it('ratelimited is HTTP 429 with Retry-After, which WebClient waits out and retries', async () => {
      const patient = new WebClient(TOKEN, {
        slackApiUrl: slack.apiUrl,
        logger: silent,
        retryConfig: { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 10 },
      });
      slack.failNext('chat.postMessage', 'ratelimited');
      const started = Date.now();
      const posted = await patient.chat.postMessage({ channel: 'C0OPS', text: 'after a wait' });
      expect(posted.ok).toBe(true);
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      expect(slack.calls.map((c) => [c.method, c.response.error ?? 'ok'])).toEqual([
        ['chat.postMessage', 'ratelimited'],
        ['chat.postMessage', 'ok'],
      ]);
      expect(slack.messages('C0OPS')).toHaveLength(1);

      const raw = await (async () => {
        slack.failNext('chat.update', 'ratelimited');
        return fetch(`${slack.apiUrl}chat.update`, {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}` },
        });
      })();
      expect(raw.status).toBe(429);
      expect(raw.headers.get('retry-after')).toBe('1');
      expect(await raw.json()).toEqual({ ok: false, error: 'ratelimited' });

      const impatient = new WebClient(TOKEN, {
        slackApiUrl: slack.apiUrl,
        logger: silent,
        rejectRateLimitedCalls: true,
      });
      slack.failNext('chat.postMessage', 'ratelimited', 2);
      const error = await impatient.chat
        .postMessage({ channel: 'C0OPS', text: 'x' })
        .catch((e) => e);
      expect(error).toBeInstanceOf(WebAPIRateLimitedError);
      expect(error).toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 1 });
    });

    it('failNext injects any other error once per time asked', async () => {
      slack.failNext('users.info', 'fatal_error', 2);
      for (let i = 0; i < 2; i += 1)
        expect(
          platformError(await client.users.info({ user: 'U0OPS' }).catch((e) => e)).error,
        ).toBe('fatal_error');
      expect((await client.users.info({ user: 'U0OPS' })).ok).toBe(true);
    });
  });

  describe('requests to the app', () => {
    it('slash commands: a signed form with Slack’s fields and a trigger id for one modal', async () => {
      const { status, triggerId } = await slack.slashCommand({
        command: '/charter',
        text: 'June 2 10am 2h $500 for Sam Lee party of 4',
        userId: 'U0OPS',
        channelId: 'C0OPS',
      });
      expect(status).toBe(200);
      const [request] = app.received;
      expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(request?.headers['x-slack-signature']).toMatch(/^v0=[0-9a-f]{64}$/);
      expect(Object.keys(request?.body ?? {})).toEqual([
        'token',
        'team_id',
        'team_domain',
        'channel_id',
        'channel_name',
        'user_id',
        'user_name',
        'command',
        'text',
        'api_app_id',
        'is_enterprise_install',
        'response_url',
        'trigger_id',
      ]);
      expect(request?.body).toMatchObject({
        team_id: 'T0DECKHAND',
        channel_id: 'C0OPS',
        channel_name: 'ops',
        user_id: 'U0OPS',
        user_name: 'dana',
        command: '/charter',
        text: 'June 2 10am 2h $500 for Sam Lee party of 4',
        is_enterprise_install: 'false',
        trigger_id: triggerId,
      });
      expect(triggerId).toMatch(/^\d+\.\d+\.[0-9a-f]+$/);

      const opened = await client.views.open({ trigger_id: triggerId, view: modal() });
      expect(opened.view).toMatchObject({
        id: expect.stringMatching(/^V/),
        type: 'modal',
        callback_id: 'charter_modal',
        hash: expect.any(String),
        root_view_id: opened.view?.id,
        state: { values: { guest: { name: { type: 'plain_text_input', value: null } } } },
      });
      expect(slack.views()).toEqual([
        expect.objectContaining({ id: opened.view?.id, userId: 'U0OPS' }),
      ]);
      const reused = await client.views
        .open({ trigger_id: triggerId, view: modal() })
        .catch((e) => e);
      expect(platformError(reused).error).toBe('exchanged_trigger_id');

      const late = await slack.slashCommand({
        command: '/charter',
        text: '',
        userId: 'U0OPS',
        channelId: 'C0OPS',
      });
      clock += 3001;
      const expired = await client.views
        .open({ trigger_id: late.triggerId, view: modal() })
        .catch((e) => e);
      expect(platformError(expired).error).toBe('expired_trigger_id');
      const invalid = await client.views
        .open({ trigger_id: '1.2.abc', view: modal() })
        .catch((e) => e);
      expect(platformError(invalid).error).toBe('invalid_trigger_id');
    });

    it('views.open refuses a view Slack would refuse, with the reasons', async () => {
      const { triggerId } = await slack.slashCommand({
        command: '/charter',
        text: '',
        userId: 'U0OPS',
        channelId: 'C0OPS',
      });
      const error = await client.views
        .open({
          trigger_id: triggerId,
          view: modal({ title: { type: 'plain_text', text: 'A title that is far too long' } }),
        })
        .catch((e) => e);
      expect(platformError(error)).toMatchObject({
        error: 'invalid_arguments',
        response_metadata: {
          messages: ['[ERROR] must be less than 25 characters [json-pointer:/view/title/text]'],
        },
      });
      // The refused call did not use the trigger up.
      expect((await client.views.open({ trigger_id: triggerId, view: modal() })).ok).toBe(true);
    });

    it('views.update checks the hash; views.push stacks up to 3 modals', async () => {
      const { triggerId } = await slack.slashCommand({
        command: '/charter',
        text: '',
        userId: 'U0OPS',
        channelId: 'C0OPS',
      });
      const opened = await client.views.open({
        trigger_id: triggerId,
        view: modal({ external_id: 'charter-BK1' }),
      });
      const viewId = opened.view?.id ?? '';
      const firstHash = opened.view?.hash ?? '';
      const updated = await client.views.update({
        view_id: viewId,
        hash: firstHash,
        view: modal({ private_metadata: 'BK1' }),
      });
      expect(updated.view).toMatchObject({ id: viewId, private_metadata: 'BK1' });
      expect(updated.view?.hash).not.toBe(firstHash);
      const stale = await client.views
        .update({ view_id: viewId, hash: firstHash, view: modal() })
        .catch((e) => e);
      expect(platformError(stale).error).toBe('hash_conflict');
      const byExternalId = await client.views.update({
        external_id: 'charter-BK1',
        view: modal({ private_metadata: 'BK2' }),
      });
      expect(byExternalId.view).toMatchObject({ id: viewId, private_metadata: 'BK2' });
      const unknown = await client.views
        .update({ view_id: 'V0NOPE', view: modal() })
        .catch((e) => e);
      expect(platformError(unknown).error).toBe('not_found');

      const withButton = modal({
        blocks: [
          {
            type: 'actions',
            block_id: 'more',
            elements: [
              { type: 'button', action_id: 'details', text: { type: 'plain_text', text: 'More' } },
            ],
          },
        ],
      });
      await client.views.update({ view_id: viewId, view: withButton });
      let top = viewId;
      for (const expected of [2, 3]) {
        const click = await slack.blockAction({
          userId: 'U0OPS',
          viewId: top,
          blockId: 'more',
          actionId: 'details',
        });
        const pushed = await client.views.push({ trigger_id: click.triggerId, view: withButton });
        expect(pushed.view).toMatchObject({ root_view_id: viewId, previous_view_id: top });
        top = pushed.view?.id ?? '';
        expect(slack.views()).toHaveLength(expected);
      }
      const click = await slack.blockAction({
        userId: 'U0OPS',
        viewId: top,
        blockId: 'more',
        actionId: 'details',
      });
      const fourth = await client.views
        .push({ trigger_id: click.triggerId, view: withButton })
        .catch((e) => e);
      expect(platformError(fourth).error).toBe('push_limit_reached');
    });

    it('block actions on a message: Slack’s payload, and the response_url answer lands', async () => {
      const posted = await client.chat.postMessage({
        channel: 'C0OPS',
        text: 'Review',
        blocks: [
          {
            type: 'actions',
            block_id: 'review',
            elements: [
              {
                type: 'button',
                action_id: 'approve',
                text: { type: 'plain_text', text: 'Review & approve' },
                value: 'BK1',
                style: 'primary',
              },
              {
                type: 'static_select',
                action_id: 'captain',
                placeholder: { type: 'plain_text', text: 'Captain' },
                options: [
                  { text: { type: 'plain_text', text: 'Rosa' }, value: 'U0CREW1' },
                  { text: { type: 'plain_text', text: 'Sam' }, value: 'U0CREW2' },
                ],
              },
            ],
          },
        ],
      });
      await slack.blockAction({
        userId: 'U0OPS',
        channelId: 'C0OPS',
        messageTs: posted.ts,
        blockId: 'review',
        actionId: 'captain',
        selectedOption: 'U0CREW2',
      });
      const { triggerId } = await slack.blockAction({
        userId: 'U0OPS',
        channelId: 'C0OPS',
        messageTs: posted.ts,
        blockId: 'review',
        actionId: 'approve',
      });
      const payload = app.received[1]?.body ?? {};
      expect(payload).toMatchObject({
        type: 'block_actions',
        user: { id: 'U0OPS', username: 'dana', team_id: 'T0DECKHAND' },
        api_app_id: expect.any(String),
        token: expect.any(String),
        container: {
          type: 'message',
          message_ts: posted.ts,
          channel_id: 'C0OPS',
          is_ephemeral: false,
        },
        trigger_id: triggerId,
        team: { id: 'T0DECKHAND', domain: expect.any(String) },
        channel: { id: 'C0OPS', name: 'ops' },
        message: { ts: posted.ts, text: 'Review', bot_id: expect.any(String) },
        state: {
          values: {
            review: {
              captain: {
                type: 'static_select',
                selected_option: { text: { type: 'plain_text', text: 'Sam' }, value: 'U0CREW2' },
              },
            },
          },
        },
        response_url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/response-url\//),
        actions: [
          {
            type: 'button',
            block_id: 'review',
            action_id: 'approve',
            text: { type: 'plain_text', text: 'Review & approve' },
            value: 'BK1',
            style: 'primary',
            action_ts: expect.any(String),
          },
        ],
      });
      expect(app.received[0]?.body).toMatchObject({
        actions: [{ type: 'static_select', selected_option: { value: 'U0CREW2' } }],
      });

      const replaced = await fetch(String(payload.response_url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ replace_original: true, text: 'Approved by <@U0OPS>' }),
      });
      expect(replaced.status).toBe(200);
      expect(slack.messages('C0OPS')).toEqual([
        expect.objectContaining({ ts: posted.ts, text: 'Approved by <@U0OPS>', updates: 1 }),
      ]);
      await fetch(String(payload.response_url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'Only you see this' }),
      });
      expect(slack.messages('C0OPS').at(-1)).toMatchObject({
        text: 'Only you see this',
        ephemeralTo: 'U0OPS',
      });
      expect(slack.calls.filter((c) => c.method === 'response_url')).toHaveLength(2);
    });

    it('view submissions carry the view and its state; response_action is applied', async () => {
      const { triggerId } = await slack.slashCommand({
        command: '/charter',
        text: '',
        userId: 'U0OPS',
        channelId: 'C0OPS',
      });
      const view = modal({
        private_metadata: '{"bookingId":"BK1"}',
        blocks: [
          ...modal().blocks,
          {
            type: 'input',
            block_id: 'crew',
            label: { type: 'plain_text', text: 'Crew' },
            element: {
              type: 'multi_static_select',
              action_id: 'crew',
              options: [
                { text: { type: 'plain_text', text: 'Rosa' }, value: 'U0CREW1' },
                { text: { type: 'plain_text', text: 'Sam' }, value: 'U0CREW2' },
              ],
            },
          },
          {
            type: 'input',
            block_id: 'date',
            dispatch_action: true,
            label: { type: 'plain_text', text: 'Date' },
            element: { type: 'datepicker', action_id: 'date', initial_date: '2026-06-02' },
          },
        ],
      });
      const opened = await client.views.open({ trigger_id: triggerId, view });
      const viewId = opened.view?.id ?? '';

      await slack.blockAction({
        userId: 'U0OPS',
        viewId,
        blockId: 'date',
        actionId: 'date',
        selectedDate: '2026-06-03',
      });
      expect(app.received.at(-1)?.body).toMatchObject({
        type: 'block_actions',
        container: { type: 'view', view_id: viewId },
        view: { id: viewId, hash: expect.any(String), callback_id: 'charter_modal' },
        actions: [{ type: 'datepicker', selected_date: '2026-06-03' }],
      });

      await expect(
        slack.viewSubmission({ userId: 'U0OPS', viewId, values: { crew: { crew: ['U0CREW1'] } } }),
      ).rejects.toThrow('required input left empty: guest');

      app.answerWith(() => ({
        body: JSON.stringify({
          response_action: 'errors',
          errors: { guest: 'Who is the renter?' },
        }),
      }));
      const refused = await slack.viewSubmission({
        userId: 'U0OPS',
        viewId,
        values: { guest: { name: 'Sam Lee' }, crew: { crew: ['U0CREW1', 'U0CREW2'] } },
      });
      expect(refused.json).toMatchObject({ response_action: 'errors' });
      expect(app.received.at(-1)?.body).toMatchObject({
        type: 'view_submission',
        user: { id: 'U0OPS' },
        trigger_id: expect.any(String),
        view: {
          id: viewId,
          hash: expect.any(String),
          callback_id: 'charter_modal',
          private_metadata: '{"bookingId":"BK1"}',
          state: {
            values: {
              guest: { name: { type: 'plain_text_input', value: 'Sam Lee' } },
              crew: {
                crew: {
                  type: 'multi_static_select',
                  selected_options: [{ value: 'U0CREW1' }, { value: 'U0CREW2' }],
                },
              },
              date: { date: { type: 'datepicker', selected_date: '2026-06-03' } },
            },
          },
        },
      });
      expect(slack.views()).toHaveLength(1);
      expect(slack.calls.at(-1)).toMatchObject({
        method: 'ack.view_submission',
        response: { ok: true },
      });

      app.answerWith(() => ({
        body: JSON.stringify({ response_action: 'errors', errors: { notes: 'No such block' } }),
      }));
      await slack.viewSubmission({ userId: 'U0OPS', viewId, values: {} });
      expect(slack.calls.at(-1)?.response).toMatchObject({
        ok: false,
        error: 'invalid_arguments',
        response_metadata: {
          messages: ['[ERROR] no input block "notes" in the view [json-pointer:/errors/notes]'],
        },
      });

      app.answerWith(() => ({
        body: JSON.stringify({
          response_action: 'update',
          view: modal({ title: { type: 'plain_text', text: 'Approved' } }),
        }),
      }));
      await slack.viewSubmission({ userId: 'U0OPS', viewId, values: {} });
      expect(slack.views()[0]?.view).toMatchObject({ id: viewId, title: { text: 'Approved' } });

      app.answerWith(() => ({}));
      await slack.viewSubmission({ userId: 'U0OPS', viewId, values: {} });
      expect(slack.views()).toEqual([]);
    });

    it('events: Slack’s envelope, and retries re-send the same event with retry headers', async () => {
      const mention = {
        type: 'app_mention',
        user: 'U0OPS',
        text: '<@U0DECKBOT> hi',
        channel: 'C0OPS',
      };
      const first = await slack.event(mention);
      const retry = await slack.event(mention, { retryNum: 1, retryReason: 'http_timeout' });
      expect(retry.eventId).toBe(first.eventId);
      const [original, again] = app.received;
      expect(original?.headers['content-type']).toBe('application/json');
      expect(original?.headers['x-slack-retry-num']).toBeUndefined();
      expect(again?.headers).toMatchObject({
        'x-slack-retry-num': '1',
        'x-slack-retry-reason': 'http_timeout',
      });
      expect(again?.rawBody).toBe(original?.rawBody);
      expect(original?.body).toMatchObject({
        token: expect.any(String),
        team_id: 'T0DECKHAND',
        context_team_id: 'T0DECKHAND',
        api_app_id: expect.any(String),
        type: 'event_callback',
        event_id: first.eventId,
        event_time: 1_780_000_000,
        authorizations: [{ team_id: 'T0DECKHAND', user_id: 'U0DECKBOT', is_bot: true }],
        event: {
          type: 'app_mention',
          user: 'U0OPS',
          channel: 'C0OPS',
          ts: expect.stringMatching(/^\d+\.\d{6}$/),
          event_ts: expect.any(String),
        },
      });

      const message = await slack.event({
        type: 'message',
        user: 'U0OPS',
        text: 'hello',
        channel: 'C0OPS',
      });
      expect(message.eventId).not.toBe(first.eventId);
      expect(app.received.at(-1)?.body).toMatchObject({
        event: { type: 'message', channel_type: 'channel' },
      });
      expect(slack.messages('C0OPS')).toEqual([
        expect.objectContaining({ user: 'U0OPS', text: 'hello', updates: 0 }),
      ]);
    });

    it('forwarded emails: a file_share message with an email file; files.info has it all', async () => {
      const plainText = `Booking ID: 90412776\n${'Boat: Sea Breeze\n'.repeat(40)}Guests: 6\n`;
      const forwarded = await slack.forwardEmail({
        channelId: 'C0OPS',
        userId: 'U0OPS',
        subject: 'Booking confirmed',
        from: 'Boatsetter <notifications@boatsetter.example.com>',
        plainText,
        date: 'Tue, 12 May 2026 08:41:05 -0400',
        hasMore: true,
      });
      expect(forwarded).toMatchObject({ status: 200, fileId: expect.stringMatching(/^F/) });
      const envelope = app.received[0]?.body as { event: Record<string, unknown> };
      expect(envelope.event).toMatchObject({
        type: 'message',
        subtype: 'file_share',
        user: 'U0OPS',
        channel: 'C0OPS',
        channel_type: 'channel',
        ts: forwarded.ts,
        files: [
          {
            id: forwarded.fileId,
            filetype: 'email',
            mode: 'email',
            subject: 'Booking confirmed',
            from: [
              {
                address: 'notifications@boatsetter.example.com',
                name: 'Boatsetter',
                original: 'Boatsetter <notifications@boatsetter.example.com>',
              },
            ],
            headers: { date: 'Tue, 12 May 2026 08:41:05 -0400' },
            has_more: true,
            preview: plainText.slice(0, 300),
          },
        ],
      });
      const shown = (envelope.event.files as { plain_text: string }[])[0]?.plain_text ?? '';
      expect(plainText.startsWith(shown) && shown.length < plainText.length).toBe(true);

      const info = await client.files.info({ file: forwarded.fileId });
      expect(info.file).toMatchObject({
        id: forwarded.fileId,
        filetype: 'email',
        plain_text: plainText,
        has_more: false,
      });
      expect(platformError(await client.files.info({ file: 'F0NOPE' }).catch((e) => e)).error).toBe(
        'file_not_found',
      );

      const redelivered = await slack.event(forwarded.event, { retryNum: 1 });
      expect(redelivered.eventId).toBe(forwarded.eventId);
      expect(slack.messages('C0OPS')).toHaveLength(1);
      const reply = await client.chat.postMessage({
        channel: 'C0OPS',
        thread_ts: forwarded.ts,
        text: 'Review card',
      });
      expect(slack.thread('C0OPS', forwarded.ts).map((m) => m.ts)).toEqual([
        forwarded.ts,
        reply.ts,
      ]);
    });

    it('views.publish keeps one Home tab per person; buttons there and on ephemeral messages work', async () => {
      const home = {
        type: 'home' as const,
        blocks: [
          {
            type: 'actions' as const,
            block_id: 'home',
            elements: [
              {
                type: 'button' as const,
                action_id: 'new',
                text: { type: 'plain_text' as const, text: 'New' },
              },
            ],
          },
        ],
      };
      const first = await client.views.publish({ user_id: 'U0OPS', view: home });
      const second = await client.views.publish({
        user_id: 'U0OPS',
        hash: first.view?.hash,
        view: home,
      });
      expect(second.view?.id).toBe(first.view?.id);
      const stale = await client.views
        .publish({ user_id: 'U0OPS', hash: first.view?.hash, view: home })
        .catch((e) => e);
      expect(platformError(stale).error).toBe('hash_conflict');
      const click = await slack.blockAction({
        userId: 'U0OPS',
        viewId: first.view?.id,
        blockId: 'home',
        actionId: 'new',
      });
      expect(app.received.at(-1)?.body).toMatchObject({
        container: { type: 'view', view_id: first.view?.id },
        view: { type: 'home' },
      });
      expect((await client.views.open({ trigger_id: click.triggerId, view: modal() })).ok).toBe(
        true,
      );

      const { message_ts } = await client.chat.postEphemeral({
        channel: 'C0OPS',
        user: 'U0OPS',
        text: 'Only you',
        blocks: home.blocks,
      });
      await slack.blockAction({
        userId: 'U0OPS',
        channelId: 'C0OPS',
        messageTs: message_ts,
        blockId: 'home',
        actionId: 'new',
      });
      const payload = app.received.at(-1)?.body ?? {};
      expect(payload.container).toMatchObject({ type: 'message', is_ephemeral: true });
      expect(payload).not.toHaveProperty('message');
      await expect(
        slack.blockAction({
          userId: 'U0CREW1',
          channelId: 'C0OPS',
          messageTs: message_ts,
          blockId: 'home',
          actionId: 'new',
        }),
      ).rejects.toThrow(/sees no message/);
    });

    it('a slash command’s acknowledgement body shows to the person who typed it', async () => {
      app.answerWith(() => ({ body: JSON.stringify({ text: 'Usage: /charter help' }) }));
      await slack.slashCommand({
        command: '/charter',
        text: 'help',
        userId: 'U0OPS',
        channelId: 'C0OPS',
      });
      expect(slack.messages('C0OPS')).toEqual([
        expect.objectContaining({ text: 'Usage: /charter help', ephemeralTo: 'U0OPS' }),
      ]);
      expect(slack.calls.at(-1)).toMatchObject({
        method: 'ack.slash_command',
        response: { ok: true },
      });
    });

    it('signs with the signing secret: a forged signature is one Bolt refuses', async () => {
      await slack.event({ type: 'app_home_opened', user: 'U0OPS', tab: 'home' });
      const [request] = app.received;
      const timestamp = Number(request?.headers['x-slack-request-timestamp']);
      expect(Math.abs(timestamp - Date.now() / 1000)).toBeLessThan(60);
      expect(request?.headers['x-slack-signature']).toBe(
        signSlackRequest(SECRET, request?.rawBody ?? '', timestamp),
      );
      expect(() =>
        verifySlackRequest({
          signingSecret: SECRET,
          body: request?.rawBody ?? '',
          headers: {
            'x-slack-signature': signSlackRequest(
              'not-the-secret',
              request?.rawBody ?? '',
              timestamp,
            ),
            'x-slack-request-timestamp': timestamp,
          },
        }),
      ).toThrow(/signature mismatch/);
    });
  });
});

describe('Slack stand-in with a real Bolt app', () => {
  let slack: SlackStandIn;
  let bolt: App;
  let server: Server;

  beforeAll(async () => {
    slack = await startSlackStandIn({
      signingSecret: SECRET,
      botToken: TOKEN,
      users: USERS,
      channels: CHANNELS,
    });
    bolt = new App({
      signingSecret: SECRET,
      token: TOKEN,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
    });
    bolt.command('/charter', async ({ ack, body, client }) => {
      await ack();
      await client.views.open({
        trigger_id: body.trigger_id,
        view: modal({ private_metadata: body.channel_id }),
      });
    });
    bolt.view('charter_modal', async ({ ack, view, client }) => {
      const name = view.state.values.guest?.name?.value;
      if (!name || name.length < 2) {
        await ack({ response_action: 'errors', errors: { guest: 'Give the renter’s full name.' } });
        return;
      }
      await ack();
      await client.chat.postMessage({
        channel: view.private_metadata,
        text: `Charter for ${name}`,
        blocks: [
          {
            type: 'actions',
            block_id: 'charter',
            elements: [
              {
                type: 'button',
                action_id: 'confirm',
                text: { type: 'plain_text', text: 'Confirm' },
                value: name,
              },
            ],
          },
        ],
      });
    });
    bolt.action('confirm', async ({ ack, respond, body }) => {
      await ack();
      await respond({ replace_original: true, text: `Confirmed by <@${body.user.id}>` });
    });
    bolt.message(async ({ message, client }) => {
      if (message.subtype !== 'file_share') return;
      const fileId = message.files?.[0]?.id ?? '';
      const { file } = await client.files.info({ file: fileId });
      await client.chat.postMessage({
        channel: message.channel,
        thread_ts: message.ts,
        text: `Read: ${(file as { subject?: string }).subject}`,
      });
    });
    server = (await bolt.start({ port: 0, host: '127.0.0.1' })) as Server;
    slack.setAppUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`);
  });

  afterAll(async () => {
    await bolt.stop();
    await slack.close();
  });

  it('routes the command, the modal, the submission, the button and the forwarded email', async () => {
    const command = await slack.slashCommand({
      command: '/charter',
      text: '',
      userId: 'U0OPS',
      channelId: 'C0OPS',
    });
    expect(command.status).toBe(200);
    await vi.waitFor(() => expect(slack.views()).toHaveLength(1));
    const viewId = slack.views()[0]?.id ?? '';

    const refused = await slack.viewSubmission({
      userId: 'U0OPS',
      viewId,
      values: { guest: { name: { type: 'plain_text_input', value: 'S' } } },
    });
    expect(refused.json).toEqual({
      response_action: 'errors',
      errors: { guest: 'Give the renter’s full name.' },
    });
    expect(slack.views()).toHaveLength(1);

    const accepted = await slack.viewSubmission({
      userId: 'U0OPS',
      viewId,
      values: { guest: { name: 'Sam Lee' } },
    });
    expect(accepted.status).toBe(200);
    expect(slack.views()).toEqual([]);
    await vi.waitFor(() => expect(slack.messages('C0OPS')).toHaveLength(1));
    const card = slack.messages('C0OPS')[0];
    expect(card?.text).toBe('Charter for Sam Lee');

    await slack.blockAction({
      userId: 'U0CREW1',
      channelId: 'C0OPS',
      messageTs: card?.ts,
      blockId: 'charter',
      actionId: 'confirm',
    });
    await vi.waitFor(() =>
      expect(slack.messages('C0OPS')[0]).toMatchObject({ text: 'Confirmed by <@U0CREW1>' }),
    );

    const forwarded = await slack.forwardEmail({
      channelId: 'C0OPS',
      userId: 'U0OPS',
      subject: 'Booking confirmed',
      from: 'notifications@boatsetter.example.com',
      plainText: 'Booking ID: 90412776',
      date: 'Tue, 12 May 2026 08:41:05 -0400',
    });
    expect(forwarded.status).toBe(200);
    await vi.waitFor(() =>
      expect(slack.thread('C0OPS', forwarded.ts).map((m) => m.text)).toEqual([
        '',
        'Read: Booking confirmed',
      ]),
    );
    expect(slack.calls.filter((c) => c.response.ok === false)).toEqual([]);
  });
});
