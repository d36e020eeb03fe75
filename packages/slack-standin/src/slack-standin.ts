/** A local Slack: a Web API for the app's WebClient and a source of signed requests to the app. */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { AppClient } from './app-client.ts';
import { AppInteractions } from './app-interactions.ts';
import { serveFileTransfer } from './file-transfer.ts';
import type { MethodContext } from './method-context.ts';
import { PendingUploads } from './pending-uploads.ts';
import { ResponseUrls } from './response-urls.ts';
import { SlackIds } from './slack-ids.ts';
import { SocketModeServer } from './socket-mode.ts';
import { handleSocketModeRoute } from './socket-mode-routes.ts';
import { listen, type StandInHandler, stop } from './standin-server.ts';
import type {
  RecordedCall,
  SlackStandIn,
  StandInMessage,
  StandInOptions,
} from './standin-types.ts';
import { TriggerIds } from './trigger-ids.ts';
import { ViewRegistry } from './view-registry.ts';
import { WebApi } from './web-api.ts';
import { type MessageRecord, Workspace } from './workspace.ts';

export { signSlackRequest } from './slack-signature.ts';

const APP_ID = 'A0DECKHAND';
const BOT_ID = 'B0DECKBOT';
const TEAM_DOMAIN = 'deckhand-standin';
const TEAM_NAME = 'deckhand (Slack stand-in)';

function toStandInMessage(record: MessageRecord): StandInMessage {
  return {
    channel: record.channel,
    ts: record.ts,
    ...(record.threadTs === undefined ? {} : { threadTs: record.threadTs }),
    ...(record.text === undefined ? {} : { text: record.text }),
    ...(record.blocks === undefined ? {} : { blocks: record.blocks }),
    user: record.user,
    ...(record.ephemeralTo === undefined ? {} : { ephemeralTo: record.ephemeralTo }),
    updates: record.updates,
    ...(record.files === undefined ? {} : { files: structuredClone(record.files) }),
  };
}

/** What the browser workspace (local mode) needs besides the stand-in's public face. */
export interface StandInInternals {
  workspace: Workspace;
  views: ViewRegistry;
  /** Calls `listener` after every Web API call, response_url post and interaction. */
  onChange(listener: () => void): () => void;
}

/** The stand-in without a server of its own: its routes, its state, its requests to the app. */
export interface SlackStandInCore {
  /** The stand-in's routes, paths relative to its base: `/api/<method>`, `/response-url/<id>`. */
  handle: StandInHandler;
  /**
   * The routes that carry bytes (`/upload/<file id>`, `/files/<file id>/<name>`), served from
   * the raw request; true when it took the request. Try it before reading the body for `handle`.
   */
  transfer(req: IncomingMessage, res: ServerResponse, path: string): boolean;
  /** Sets where the stand-in is reachable (e.g. http://127.0.0.1:3000/standin), no trailing slash. */
  setBaseUrl(url: string): void;
  standIn: Omit<SlackStandIn, 'apiUrl' | 'close'>;
  internals: StandInInternals;
  /** Takes a WebSocket upgrade to the Socket Mode endpoint (false: not one; with no appToken, never). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Closes the Socket Mode connections, if any (before the server stops). */
  close(): Promise<void>;
}

/**
 * Builds the stand-in without listening: local mode mounts `handle` on deckhand's own server,
 * startSlackStandIn on a loopback port of its own.
 */
export function createSlackStandInCore(options: StandInOptions): SlackStandInCore {
  const now = options.now ?? Date.now;
  const ids = new SlackIds(now);
  const teamId = options.teamId ?? 'T0DECKHAND';
  const botUserId = options.botUserId ?? 'U0DECKBOT';
  const workspace = new Workspace({
    teamId,
    appId: APP_ID,
    botId: BOT_ID,
    botUserId,
    users: options.users ?? [],
    channels: options.channels ?? [],
    now,
  });
  const views = new ViewRegistry({ ids, teamId, appId: APP_ID, botId: BOT_ID });
  const triggers = new TriggerIds(ids, now);
  const calls: RecordedCall[] = [];
  let baseUrl = '';
  const uploads = new PendingUploads(now);
  const context: MethodContext = {
    workspace,
    views,
    triggers,
    ids,
    now,
    teamName: TEAM_NAME,
    teamDomain: TEAM_DOMAIN,
    uploads,
    baseUrl: () => baseUrl,
  };
  const webApi = new WebApi(context, options.botToken, calls, options.faults);
  const responseUrls = new ResponseUrls({ workspace, ids, now, calls, baseUrl: () => baseUrl });
  const app = new AppClient(options.signingSecret, options.appUrl);
  // With an app-level token the app is in Socket Mode: requests go as envelopes on its socket.
  const socketMode = options.appToken
    ? new SocketModeServer({
        appToken: options.appToken,
        appId: APP_ID,
        now,
        calls,
        baseUrl: () => baseUrl,
        ...(options.socketAckTimeoutMs === undefined
          ? {}
          : { ackTimeoutMs: options.socketAckTimeoutMs }),
        ...(options.socketMaxRetries === undefined ? {} : { maxRetries: options.socketMaxRetries }),
        changed: () => changed(),
      })
    : undefined;
  const interactions = new AppInteractions({
    workspace,
    views,
    triggers,
    ids,
    now,
    app: socketMode
      ? { send: (body, contentType, headers) => socketMode.deliver(body, contentType, headers) }
      : app,
    responseUrls,
    calls,
    payloadContext: {
      teamId,
      teamDomain: TEAM_DOMAIN,
      appId: APP_ID,
      botUserId,
      verificationToken: randomBytes(12).toString('hex'),
    },
    filesUrl: () => `${baseUrl}/files-pri/`,
  });
  const listeners = new Set<() => void>();
  const keepCalls = options.keepCalls ?? Number.POSITIVE_INFINITY;
  const changed = (): void => {
    if (calls.length > keepCalls) calls.splice(0, calls.length - keepCalls);
    for (const listener of listeners) listener();
  };
  /** Runs an interaction and reports the change, whether the app answered or failed. */
  const interaction =
    <A extends unknown[], R>(run: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      run(...args).finally(changed);

  const handle: StandInHandler = async (request) => {
    const socketRoute = socketMode
      ? handleSocketModeRoute(socketMode, request, (call) => calls.push(call), now)
      : undefined;
    if (socketRoute) {
      changed();
      return socketRoute;
    }
    const api = /^\/api\/([A-Za-z0-9_.]+)$/.exec(request.path);
    if (api && (request.method === 'POST' || request.method === 'GET')) {
      try {
        return await webApi.handleWithFaults(
          api[1] ?? '',
          request.headers,
          request.query,
          request.body,
        );
      } finally {
        changed();
      }
    }
    const responseUrl = /^\/response-url\/([0-9a-f]+)$/.exec(request.path);
    if (responseUrl && request.method === 'POST') {
      const answer = responseUrls.handle(
        responseUrl[1] ?? '',
        request.headers['content-type'] ?? '',
        request.body,
      );
      changed();
      return { ...answer, headers: { 'content-type': 'application/json; charset=utf-8' } };
    }
    return {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: `The Slack stand-in has nothing at ${request.method} ${request.path}; the Web API is under /api/.`,
    };
  };

  return {
    handle,
    transfer: (req, res, path) =>
      serveFileTransfer({ uploads, workspace, changed }, req, res, path),
    setBaseUrl: (url) => {
      baseUrl = url.replace(/\/+$/, '');
    },
    standIn: {
      calls,
      messages: (channel) => workspace.messages(channel).map(toStandInMessage),
      thread: (channel, threadTs) => workspace.thread(channel, threadTs).map(toStandInMessage),
      fileContent: (fileId) => workspace.fileBytes(fileId),
      views: () =>
        views.list().map((record) => ({
          id: record.id,
          hash: String(record.view.hash),
          view: record.view,
          userId: record.userId,
          rootViewId: record.rootViewId,
          ...(record.previousViewId === undefined ? {} : { previousViewId: record.previousViewId }),
        })),
      setAppUrl: (url) => app.setUrl(url),
      failNext: (method, error, times = 1) => webApi.failNext(method, error, times),
      slashCommand: interaction((input) => interactions.slashCommand(input)),
      blockAction: interaction((input) => interactions.blockAction(input)),
      viewSubmission: interaction((input) => interactions.viewSubmission(input)),
      event: interaction((event, eventOptions) => interactions.event(event, eventOptions)),
      forwardEmail: interaction((input) => interactions.forwardEmail(input)),
      ...(socketMode ? { socketMode } : {}),
    },
    internals: {
      workspace,
      views,
      onChange(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    handleUpgrade: (req, socket, head) => socketMode?.handleUpgrade(req, socket, head) ?? false,
    close: async () => socketMode?.close(),
  };
}

/**
 * Starts the stand-in on 127.0.0.1 (a free port): what the integration tests drive. Local mode
 * mounts the same core on its own server instead (deckhand: src/local-mode/local-mode.ts).
 *
 * @example
 * const slack = await startSlackStandIn({ signingSecret, botToken, appUrl });
 * const client = new WebClient(botToken, { slackApiUrl: slack.apiUrl });
 */
export async function startSlackStandIn(options: StandInOptions): Promise<SlackStandIn> {
  const core = createSlackStandInCore(options);
  const { server, baseUrl } = await listen(core.handle, 0, core.transfer);
  server.on('upgrade', (req, socket, head) => {
    if (!core.handleUpgrade(req, socket, head)) socket.destroy();
  });
  core.setBaseUrl(baseUrl);
  return {
    ...core.standIn,
    apiUrl: `${baseUrl}/api/`,
    close: async () => {
      await core.close();
      await stop(server);
    },
  };
}
