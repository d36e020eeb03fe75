/**
 * The browser workspace, on the host app's own server: the page and its assets at `/` and
 * `<prefix>/ui/assets/`, a small JSON API under `<prefix>/ui/` that acts through the stand-in
 * exactly as a person in Slack would (signed requests to the app), and a stream of server-sent
 * events that says when to redraw.
 *
 * One piece (~360 lines): the routes share the security headers, the request parsing and the
 * change stream; each route is a few lines, and the browser's API is easiest checked as one list.
 */
import { type FSWatcher, mkdirSync, readdirSync, readFileSync, watch } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { SlackStandInCore } from '../slack-standin.ts';
import type { StandInLogger } from '../standin-logger.ts';
import {
  jsonResponse,
  type StandInRequest as ServiceRequest,
  type StandInResponse as ServiceResponse,
} from '../standin-server.ts';
import { type EmailSource, PASTED_TEXT_ONLY, UnknownSampleError } from './email-source.ts';
import type { Outbox } from './outbox.ts';
import { workspaceState } from './workspace-state.ts';

/** Beside this module: the package ships its sources, assets included (no build step). */
const ASSETS_DIR = fileURLToPath(new URL('./assets/', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** Nothing but this server's own scripts, styles and API; no inline code, no framing. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

export interface WorkspaceUiOptions {
  core: SlackStandInCore;
  /** The emails the app sent, shown beside the workspace (deckhand: its crew email outbox). */
  outbox?: Outbox;
  /** What "forward an email" offers: samples and how pasted text is read. Default: text only. */
  emails?: EmailSource;
  teamName: string;
  /** Who answers the page's requests, in its error messages. Default 'the app'. */
  appName?: string;
  /** Who the page acts as until the person picks someone else (deckhand: an approver). */
  defaultUser: string;
  /** The channel the page opens on. */
  defaultChannel: string;
  logger: StandInLogger;
  now?: () => Date;
  /** The workspaces the page's switcher offers (OAuth stand-in: one page per workspace). */
  workspaces?: { teamId: string; teamName: string }[];
}

const userId = z.string().regex(/^[UW][A-Z0-9]{2,20}$/, 'a Slack user id such as U0DANAOPS');
const channelId = z.string().regex(/^[CDG][A-Z0-9]{2,20}$/, 'a Slack channel id such as C0QSDOPS');
const values = z.record(z.string(), z.record(z.string(), z.unknown()));

const schemas = {
  message: z.object({
    as: userId,
    channel: channelId,
    text: z.string().trim().min(1, 'type a message').max(40_000),
    threadTs: z.string().optional(),
  }),
  forward: z
    .object({
      as: userId,
      channel: channelId,
      sample: z.string().max(200).optional(),
      // The server reads at most 256 KiB of body; an email that size is far past any booking.
      text: z.string().max(200_000).optional(),
    })
    .refine((v) => (v.sample === undefined) !== (v.text === undefined || v.text.trim() === ''), {
      message: 'pick a sample or paste an email (one of them)',
    }),
  action: z.object({
    as: userId,
    channel: channelId.optional(),
    messageTs: z.string().optional(),
    viewId: z.string().optional(),
    blockId: z.string().min(1),
    actionId: z.string().min(1),
    value: z.string().optional(),
    selectedOption: z.string().optional(),
    selectedOptions: z.array(z.string()).optional(),
    selectedDate: z.string().optional(),
    selectedTime: z.string().optional(),
    values: values.optional(),
  }),
  submit: z.object({ as: userId, viewId: z.string().min(1), values }),
  close: z.object({ as: userId, viewId: z.string().min(1) }),
  home: z.object({ as: userId }),
};

/** A problem the person can fix (or the app's refusal), shown on the page as it is. */
class UiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function parseBody<T>(schema: z.ZodType<T>, request: ServiceRequest): T {
  let json: unknown;
  try {
    json = JSON.parse(request.body);
  } catch {
    throw new UiError(400, 'The request body is not JSON.');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new UiError(
      400,
      parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
    );
  return parsed.data;
}

/** The app's answer to a request the page made, as the page reports it. */
function appAnswer(
  result: { status: number; body: string },
  appName: string,
): Record<string, unknown> {
  if (result.status === 200) return { ok: true };
  // Slack shows a generic failure; the page says what the app answered, which helps more.
  throw new UiError(
    502,
    `${appName} answered HTTP ${result.status}${result.body ? `: ${result.body.slice(0, 300)}` : ''}.`,
  );
}

export interface WorkspaceUi {
  /** `/standin/ui/...` (path below `/standin`), and the page at `/`. */
  handle(request: ServiceRequest, path: string): Promise<ServiceResponse>;
  /** Takes `GET /standin/ui/events` (server-sent events); false for any other request. */
  stream(req: IncomingMessage, res: ServerResponse, path: string): boolean;
  /** Ends every event stream (so the server can close) and stops watching the outbox. */
  close(): void;
}

export function createWorkspaceUi(options: WorkspaceUiOptions): WorkspaceUi {
  const { core } = options;
  const emails = options.emails ?? PASTED_TEXT_ONLY;
  const appName = options.appName ?? 'the app';
  const now = options.now ?? (() => new Date());
  const assets = new Map<string, { type: string; body: string }>();
  for (const name of readdirSync(ASSETS_DIR)) {
    const type = CONTENT_TYPES[extname(name)];
    if (type) assets.set(name, { type, body: readFileSync(join(ASSETS_DIR, name), 'utf8') });
  }

  const clients = new Set<ServerResponse>();
  let version = 0;
  let pending: NodeJS.Timeout | undefined;
  let outboxWatcher: FSWatcher | undefined;
  let closed = false;
  /** Tells every page to redraw, at most every 50 ms however many changes come at once. */
  const changed = (): void => {
    version += 1;
    if (pending) return;
    pending = setTimeout(() => {
      pending = undefined;
      for (const res of clients) res.write(`event: change\ndata: {"version":${version}}\n\n`);
    }, 50);
  };
  core.internals.onChange(changed);
  const heartbeat = setInterval(() => {
    for (const res of clients) res.write(': keep-alive\n\n');
  }, 15_000);
  heartbeat.unref();

  const watchOutbox = (): void => {
    if (outboxWatcher) return;
    if (!options.outbox) return;
    const dir = options.outbox.dir;
    mkdirSync(dir, { recursive: true });
    outboxWatcher = watch(dir, changed);
    outboxWatcher.on('error', (error) =>
      options.logger.warn({ err: error }, 'outbox watch failed'),
    );
  };

  const asset = (name: string): ServiceResponse => {
    const found = assets.get(name);
    if (!found)
      return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'No such asset.' };
    return {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'content-type': found.type },
      body: found.body,
    };
  };

  const routes: Record<string, (request: ServiceRequest) => Promise<unknown>> = {
    'GET /ui/state': async (request) => {
      const me = request.query.get('as') || options.defaultUser;
      if (!core.internals.workspace.user(me)) throw new UiError(400, `No person ${me} here.`);
      return workspaceState(
        core.internals,
        me,
        request.query.get('channel') || options.defaultChannel,
        options.teamName,
        options.workspaces ?? [],
      );
    },
    'GET /ui/outbox': async () => ({ messages: (await options.outbox?.list()) ?? [] }),
    'GET /ui/samples': async () => ({ samples: await emails.list(now()) }),
    'POST /ui/message': async (request) => {
      const input = parseBody(schemas.message, request);
      const slash = /^(\/[a-z0-9_-]+)(?:\s+([\s\S]*))?$/i.exec(input.text.trim());
      if (slash && !input.threadTs) {
        // As Slack does: the command and its text, signed, to the app's request URL.
        const command = (slash[1] ?? '').toLowerCase();
        const result = await core.standIn.slashCommand({
          command,
          text: slash[2] ?? '',
          userId: input.as,
          channelId: input.channel,
        });
        if (result.status === 404) {
          // No app has this command: Slack itself answers, only to the person, and no app hears
          // of it (the app's 404 is its "not mine", not a failure).
          const { workspace } = core.internals;
          const channel = workspace.resolveChannel(input.channel)?.id ?? input.channel;
          workspace.addMessage({
            channel,
            ts: workspace.nextTs(channel),
            threadTs: undefined,
            text: `${command} is not a valid command. In Slack, all messages that start with the "/" character are interpreted as commands. If you are trying to send a message and not run a command, try preceding the "/" with an empty space.`,
            blocks: undefined,
            user: 'USLACKBOT',
            ephemeralTo: input.as,
          });
          changed();
          return { ok: true };
        }
        return appAnswer(result, appName);
      }
      const result = await core.standIn.event({
        type: 'message',
        channel: input.channel,
        user: input.as,
        // Slack's client escapes these three in what people type; apps see the entities.
        text: input.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
        ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
      });
      return appAnswer(result, appName);
    },
    'POST /ui/forward': async (request) => {
      const input = parseBody(schemas.forward, request);
      let email: Awaited<ReturnType<EmailSource['read']>>;
      try {
        email =
          input.sample !== undefined
            ? await emails.read(input.sample, now())
            : await emails.parse(input.text ?? '', now());
      } catch (error) {
        if (error instanceof UnknownSampleError) throw new UiError(400, error.message);
        throw new UiError(400, `The email could not be read: ${(error as Error).message}`);
      }
      if (email.plainText.trim() === '')
        throw new UiError(400, 'The email has no text to forward.');
      const result = await core.standIn.forwardEmail({
        channelId: input.channel,
        userId: input.as,
        ...email,
      });
      appAnswer({ status: result.status, body: '' }, appName);
      return { ok: true, ts: result.ts };
    },
    'POST /ui/action': async (request) => {
      const { as, channel, ...input } = parseBody(schemas.action, request);
      const result = await core.standIn.blockAction({
        ...input,
        userId: as,
        ...(channel ? { channelId: channel } : {}),
      });
      return appAnswer(result, appName);
    },
    'POST /ui/submit': async (request) => {
      const input = parseBody(schemas.submit, request);
      const result = await core.standIn.viewSubmission({
        userId: input.as,
        viewId: input.viewId,
        values: input.values,
      });
      appAnswer(result, appName);
      const json = result.json as { response_action?: string; errors?: unknown } | undefined;
      // Errors go on the fields; anything else (close, update, push) shows on the next redraw.
      return json?.response_action === 'errors' ? { ok: false, errors: json.errors } : { ok: true };
    },
    'POST /ui/home': async (request) => {
      // A person opens the app's Home tab: Slack sends app_home_opened (tab "home", the DM's
      // channel), and the app answers with views.publish, which the page then shows.
      const input = parseBody(schemas.home, request);
      if (!core.internals.workspace.user(input.as))
        throw new UiError(400, `No person ${input.as} here.`);
      const result = await core.standIn.event({
        type: 'app_home_opened',
        user: input.as,
        tab: 'home',
        channel: core.internals.workspace.dmId(input.as),
      });
      return appAnswer(result, appName);
    },
    'POST /ui/close': async (request) => {
      const input = parseBody(schemas.close, request);
      const record = core.internals.views.get(input.viewId);
      if (!record || record.userId !== input.as) throw new UiError(404, 'That modal is not open.');
      core.internals.views.close(input.viewId);
      changed();
      return { ok: true };
    },
  };

  return {
    async handle(request, path) {
      if (path === '/' && request.method === 'GET') return asset('index.html');
      const assetName = /^\/ui\/assets\/([a-z0-9-]+\.[a-z]+)$/.exec(path)?.[1];
      if (assetName && request.method === 'GET') return asset(assetName);
      const route = routes[`${request.method} ${path}`];
      if (!route)
        return jsonResponse(404, { error: `Nothing at ${request.method} /standin${path}.` });
      if (request.method === 'POST') {
        // Only this page may act: a JSON body (no cross-site form can send one without CORS)
        // and, when the browser names an origin, this server's own.
        const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim();
        const origin = request.headers.origin;
        if (
          type !== 'application/json' ||
          (origin && new URL(origin).host !== request.headers.host)
        )
          return jsonResponse(403, { error: 'Send JSON from the workspace page itself.' });
      }
      try {
        return jsonResponse(200, await route(request), SECURITY_HEADERS);
      } catch (error) {
        if (error instanceof UiError) return jsonResponse(error.status, { error: error.message });
        // The stand-in refuses what Slack's client would not send (e.g. a required input left
        // empty); say so rather than fail the whole request.
        if (error instanceof Error && request.method === 'POST')
          return jsonResponse(422, { error: error.message });
        throw error;
      }
    },
    stream(req, res, path) {
      if (path !== '/ui/events' || req.method !== 'GET') return false;
      if (closed) {
        // Shutting down: 204 tells EventSource to stop reconnecting, so nothing holds the server.
        res.writeHead(204, SECURITY_HEADERS);
        res.end();
        return true;
      }
      watchOutbox();
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': 'text/event-stream; charset=utf-8',
        connection: 'keep-alive',
      });
      res.write(`retry: 1000\nevent: change\ndata: {"version":${version}}\n\n`);
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return true;
    },
    close() {
      closed = true;
      clearInterval(heartbeat);
      if (pending) clearTimeout(pending);
      outboxWatcher?.close();
      for (const res of clients) res.end();
      clients.clear();
    },
  };
}
