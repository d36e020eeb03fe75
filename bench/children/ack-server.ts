/**
 * The server side of the acknowledgement benchmark, in its own process. `real`: deckhand's Slack
 * app on deckhand's server (embedded stores, the Slack stand-in as its Web API), exactly as the
 * integration tests run it. `baseline`: a minimal Bolt app on the same receiver class
 * (ServiceRequestReceiver) on the same server (startHttpServer), whose listeners only ack().
 *
 * `real` also records one request of each kind as the stand-in sends it (through a recording
 * proxy), so the load replays byte-for-byte Slack payloads, re-signed with a fresh timestamp.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { type SlackStandIn, startSlackStandIn } from '@deckhand/slack-standin';
import { App, LogLevel } from '@slack/bolt';
import { loadConfig } from '../../src/config/config.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { startHttpServer, stopHttpServer } from '../../src/server/http-server.ts';
import { slackClientOptions } from '../../src/slack/create-slack-app.ts';
import { ServiceRequestReceiver } from '../../src/slack/service-request-receiver.ts';
import { loadTenantsFile } from '../../src/tenants/tenant-registry.ts';
import {
  DANA,
  OPS,
  type SlackHarness,
  startSlackHarness,
} from '../../test/support/slack-harness.ts';
import { ACTION_IDS, BLOCK_IDS, CALLBACK_IDS } from '../../views/block-ids.ts';
import { serveRpc } from '../lib/rpc.ts';
import { COALESCE_MS, POST_INTERVAL_MS } from '../lib/thread-timing.ts';

export const SIGNING_SECRET = 'test-signing-secret';
const BOT_TOKEN = 'xoxb-test-token';

export interface RecordedRequest {
  contentType: string;
  body: string;
}

export interface AckServerInfo {
  url: string;
  secret: string;
  /** Present in `real` mode: the three kinds of request, as Slack sends them. */
  requests?: { command: RecordedRequest; action: RecordedRequest; view: RecordedRequest };
}

const mode = process.argv[2] === 'baseline' ? 'baseline' : 'real';
const silent = new Writable({ write: (_c, _e, done) => done() });

/** Forwards to `target`, remembering the last request body: how the stand-in's requests are recorded. */
async function recordingProxy(target: () => string) {
  let last: RecordedRequest | undefined;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      last = { contentType: String(req.headers['content-type']), body };
      const url = new URL(target());
      const forward = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: req.headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`,
    take(): RecordedRequest {
      if (!last) throw new Error('nothing recorded');
      const taken = last;
      last = undefined;
      return taken;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function button(blocks: unknown, actionId: string): string | undefined {
  for (const block of (blocks ?? []) as {
    elements?: { action_id?: string; value?: string }[];
    accessory?: { action_id?: string; value?: string };
  }[]) {
    for (const e of [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])])
      if (e.action_id === actionId) return e.value;
  }
  return undefined;
}

async function startReal(): Promise<{
  info: AckServerInfo;
  idle(): Promise<void>;
  close(): Promise<void>;
}> {
  // Production thread timing (1 post/s per channel, 300 ms coalescing), not the tests' 0/20 ms.
  const h: SlackHarness = await startSlackHarness({
    postIntervalMs: POST_INTERVAL_MS,
    coalesceMs: COALESCE_MS,
  });
  // The smoke bench's self-test only (bench/smoke.ts --inject-slowdown): burn this much CPU
  // in every request deckhand's app handles, an injected regression the smoke must catch.
  const slowdownMs = Number(process.env.DECKHAND_SMOKE_SLOWDOWN_MS ?? 0);
  if (slowdownMs > 0)
    h.slack.app.use(async ({ next }) => {
      // CPU time, not wall time: on a busy machine a wall-clock spin burns far less.
      const start = process.cpuUsage();
      for (let used = 0; used < slowdownMs * 1000; ) {
        const u = process.cpuUsage(start);
        used = u.user + u.system;
      }
      await next();
    });
  const appUrl = `${h.runtime.httpUrl}/slack/events`;
  const proxy = await recordingProxy(() => appUrl);
  h.standIn.setAppUrl(proxy.url);
  try {
    // 1. `/charter help`: answered in the acknowledgement only.
    const help = await h.standIn.slashCommand({
      command: '/charter',
      text: 'help',
      userId: DANA,
      channelId: OPS,
    });
    if (help.status !== 200) throw new Error(`/charter help answered ${help.status}`);
    const command = proxy.take();

    // 2. Dismiss on a review card, re-pointed at a draft that does not exist.
    const forwarded = await h.standIn.forwardEmail({
      channelId: OPS,
      userId: DANA,
      subject: "Booking confirmed: Sea Breeze 32' Sportfish on Sat, Jun 5, 2027",
      from: 'Boatsetter <notifications@boatsetter.example.com>',
      plainText: [
        'Your booking is confirmed!',
        'Booking ID: 90999001',
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
    await h.slack.idle();
    const card = h.standIn
      .thread(OPS, forwarded.ts)
      .find((m) => button(m.blocks, ACTION_IDS.reviewDismiss));
    if (!card) throw new Error('no review card with a Dismiss button');
    proxy.take();
    await h.standIn.blockAction({
      userId: DANA,
      channelId: OPS,
      messageTs: card.ts,
      actionId: ACTION_IDS.reviewDismiss,
      blockId: BLOCK_IDS.cardActions,
      value: button(card.blocks, ACTION_IDS.reviewDismiss) as string,
    });
    await h.slack.idle();
    const recorded = proxy.take();
    const payload = JSON.parse(new URLSearchParams(recorded.body).get('payload') as string) as {
      actions: { value: string }[];
    };
    (payload.actions[0] as { value: string }).value = 'DR0000UNKNOWNDRAFT';
    const action = {
      contentType: recorded.contentType,
      body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    };

    // 3. The approval modal submitted with 0 guests: answered inline with errors.
    await h.standIn.slashCommand({
      command: '/charter',
      text: '2027-06-02 10am 3h $900 for Sam Lee party of 4',
      userId: DANA,
      channelId: OPS,
    });
    await h.slack.idle();
    const modal = h.standIn.views().find((v) => v.view.callback_id === CALLBACK_IDS.approvalModal);
    if (!modal) throw new Error('no approval modal');
    proxy.take();
    const submitted = await h.standIn.viewSubmission({
      userId: DANA,
      viewId: modal.id,
      values: { [BLOCK_IDS.approvalPartySize]: { [ACTION_IDS.approvalPartySize]: '0' } },
    });
    if (!submitted.body.includes('"errors"'))
      throw new Error(`the invalid submission was not refused inline: ${submitted.body}`);
    const view = proxy.take();
    await h.slack.idle();
    return {
      info: { url: appUrl, secret: SIGNING_SECRET, requests: { command, action, view } },
      idle: () => h.slack.idle(),
      async close() {
        await proxy.close();
        await h.close();
      },
    };
  } finally {
    h.standIn.setAppUrl(appUrl);
  }
}

async function startBaseline(): Promise<{
  info: AckServerInfo;
  idle(): Promise<void>;
  close(): Promise<void>;
}> {
  // A stand-in too, so Bolt's one auth.test goes where the real app's goes (never to Slack).
  const standIn: SlackStandIn = await startSlackStandIn({
    signingSecret: SIGNING_SECRET,
    botToken: BOT_TOKEN,
    teamId: 'T0DECKHAND',
    users: [{ id: DANA, name: 'dana' }],
    channels: [{ id: OPS, name: 'charters' }],
  });
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: standIn.apiUrl,
  });
  const logger = createLogger('error', process.stderr as unknown as Writable);
  const receiver = new ServiceRequestReceiver({ signingSecret: SIGNING_SECRET, logger });
  const app = new App({
    token: BOT_TOKEN,
    clientOptions: slackClientOptions(config),
    logLevel: LogLevel.ERROR,
    receiver,
  });
  app.command('/charter', async ({ ack }) => {
    await ack();
  });
  app.action(ACTION_IDS.reviewDismiss, async ({ ack }) => {
    await ack();
  });
  app.view(CALLBACK_IDS.approvalModal, async ({ ack }) => {
    await ack();
  });
  const { server, url } = await startHttpServer(
    {
      tenants: await loadTenantsFile(config.tenantsFile),
      logger: createLogger('silent', silent),
      version: 'baseline',
      routes: [{ prefix: '/slack/events', handle: (r) => receiver.handle(r) }],
    },
    { host: '127.0.0.1', port: 0 },
  );
  return {
    info: { url: `${url}/slack/events`, secret: SIGNING_SECRET },
    idle: () => receiver.idle(),
    async close() {
      await stopHttpServer(server);
      await standIn.close();
    },
  };
}

let server: Awaited<ReturnType<typeof startReal>> | undefined;
serveRpc(
  {
    async setup() {
      server = mode === 'real' ? await startReal() : await startBaseline();
      return server.info;
    },
    idle: () => server?.idle(),
  },
  async () => server?.close(),
);
