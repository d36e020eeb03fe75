/**
 * The Slack app: Bolt with deckhand's listeners, over HTTP on deckhand's own server
 * (`POST /slack/events`) or over Socket Mode when SLACK_APP_TOKEN is set. The Web API client
 * uses SLACK_API_URL when set (a proxy or the local stand-in), a short retry policy and a
 * timeout: the default retries for up to half an hour, far past any Slack deadline.
 */
import { App, LogLevel, type Receiver } from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import { registerCommands } from '../../commands/index.ts';
import { crewAssignmentKey } from '../../views/crew-assignment-key.ts';
import { buildCrewDm } from '../../views/crew-dm.ts';
import { registerViewListeners } from '../../views/listeners/index.ts';
import type { Config } from '../config/config.ts';
import { type CrewNotifier, SlackDmNotifier } from '../crew/crew-notifier.ts';
import type { Logger } from '../logging/logger.ts';
import type { PipelineEvent } from '../pipeline/step-record.ts';
import { runJob } from '../queue/run-job.ts';
import { MemoryWorkQueue, type WorkQueue } from '../queue/work-queue.ts';
import type { Route } from '../server/http-server.ts';
import type { ServiceRequest, ServiceResponse } from '../server/service-http.ts';
import type { InstallationRepository } from '../storage/ports/installation-repository.ts';
import type { TenantRegistry } from '../tenants/tenant-registry.ts';
import { CharterThread } from './charter-thread.ts';
import { registerInstallationEvents } from './installation-events.ts';
import { ServiceRequestReceiver } from './service-request-receiver.ts';
import type { JobDeps, SlackDeps, SlackPorts } from './slack-deps.ts';
import { createSlackOAuth, type lateOAuthRoute, NotInstalledError } from './slack-oauth.ts';
import { manifestBotScopes } from './slack-scopes.ts';
import { createSocketMode } from './socket-mode-receiver.ts';
import { TeamTokenClient, withSlackWorkspace } from './team-token-client.ts';
import { createSlackRouting } from './tenant-routing.ts';
import { NO_INSTALLERS, type WorkspaceInstallers } from './workspace-installers.ts';

/** How long a posted reply's claim is kept: far longer than any queue keeps a message (SQS: 14 days). */
const REPLY_CLAIM_MS = 15 * 24 * 60 * 60 * 1000;

/** Client options shared by Bolt's client and the crew DM notifier. */
export function slackClientOptions(config: Config): WebClientOptions {
  return {
    ...(config.slack.apiUrl
      ? {
          slackApiUrl: config.slack.apiUrl.endsWith('/')
            ? config.slack.apiUrl
            : `${config.slack.apiUrl}/`,
        }
      : {}),
    retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2_000 },
    timeout: 5_000,
    logLevel: LogLevel.ERROR,
  };
}

/** Crew DMs with Confirm / Can't make it buttons, for people with a Slack user id. */
export function slackCrewNotifier(config: Config): CrewNotifier | undefined {
  if (!config.slack.botToken) return undefined;
  const client = new WebClient(config.slack.botToken, slackClientOptions(config));
  return new SlackDmNotifier(async (userId, message, text) => {
    const opened = await client.conversations.open({ users: userId });
    const channel = opened.channel?.id ?? userId;
    const dm = buildCrewDm({
      message,
      assignmentKey: crewAssignmentKey(message.tenant.id, message.bookingId, message.person.id),
    });
    const posted = await client.chat.postMessage({
      channel,
      text: dm.text || text,
      blocks: dm.blocks,
      unfurl_links: false,
    });
    return posted.ts ?? '';
  });
}

/** A route that answers 503 until the Slack app behind it is ready. */
export function lateSlackRoute(): Route & {
  attach(handle: (r: ServiceRequest) => Promise<ServiceResponse>): void;
} {
  let handler: ((r: ServiceRequest) => Promise<ServiceResponse>) | undefined;
  return {
    prefix: '/slack/events',
    handle: (request) =>
      handler
        ? handler(request)
        : Promise.resolve({ status: 503, headers: { 'retry-after': '1' }, body: '' }),
    attach(handle) {
      handler = handle;
    },
  };
}

export interface SlackAppHandle {
  app: App;
  /** What the listeners were given. */
  deps: SlackDeps;
  /** What the queued jobs are given: the listeners' deps and the pipeline's. */
  jobDeps: JobDeps;
  queue: WorkQueue;
  /** Waits for work started after acknowledgements and for thread updates (tests, shutdown). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * What the listeners and the queued jobs use, without Bolt: the Slack app builds it around its
 * client, the worker Lambda around a plain WebClient. `idle` waits for follow-up work, queued
 * jobs run in this process, and thread updates.
 */
export function createSlackDeps(
  config: Config,
  tenants: TenantRegistry,
  ports: SlackPorts,
  client: WebClient,
  options: {
    logger: Logger;
    postIntervalMs?: number;
    coalesceMs?: number;
    queue?: WorkQueue;
    installers?: WorkspaceInstallers;
  },
): { deps: SlackDeps; jobDeps: JobDeps; queue: WorkQueue; idle(): Promise<void> } {
  const work = new Set<Promise<unknown>>();
  const { drafts, pipeline } = ports;
  const thread = new CharterThread({
    client,
    deps: pipeline,
    tenants,
    logger: options.logger,
    replies: {
      claim: (key) => drafts.claimDelivery(key, pipeline.clock().getTime() + REPLY_CLAIM_MS),
      release: (key) => drafts.releaseDelivery(key),
    },
    ...(options.postIntervalMs === undefined ? {} : { postIntervalMs: options.postIntervalMs }),
    ...(options.coalesceMs === undefined ? {} : { coalesceMs: options.coalesceMs }),
  });
  const background = (task: () => Promise<unknown>): void => {
    const running = task().catch((error: unknown) =>
      options.logger.error({ err: error }, 'Slack follow-up work failed'),
    );
    work.add(running);
    void running.finally(() => work.delete(running));
  };
  const queue =
    options.queue ?? new MemoryWorkQueue((job) => runJob(jobDeps, client, job), background);
  const deps: SlackDeps = {
    config,
    tenants,
    bookings: ports.bookings,
    crew: ports.crew,
    drafts,
    reports: ports.reports,
    closeOuts: ports.closeOuts,
    guestPageUrl: pipeline.guestPageUrl,
    crewPageUrl: pipeline.crewPageUrl,
    ...(pipeline.onEvent ? { onEvent: pipeline.onEvent } : {}),
    routing: createSlackRouting(config, tenants),
    installers: options.installers ?? NO_INSTALLERS,
    thread,
    logger: options.logger,
    clock: pipeline.clock,
    background,
    enqueue: (job) => queue.send(job),
  };
  // Only the jobs run the pipeline: the listeners' deps do not carry its dependencies.
  const jobDeps: JobDeps = { ...deps, pipeline };
  return {
    deps,
    jobDeps,
    queue,
    async idle() {
      while (work.size > 0) await Promise.all([...work]);
      await queue.idle();
      await thread.idle();
    },
  };
}

/**
 * The client the thread, crew DMs and jobs share: one workspace's bot token, or with OAuth
 * installs each workspace's token per call (TeamTokenClient) from the installation store.
 */
export function sharedSlackClient(
  config: Config,
  tenants: TenantRegistry,
  installations: InstallationRepository | undefined,
): WebClient {
  if (!config.slack.oauth || !installations)
    return new WebClient(config.slack.botToken, slackClientOptions(config));
  return new TeamTokenClient(
    slackClientOptions(config),
    async (teamId, enterpriseId) => {
      const found =
        (await installations.find({ teamId, enterpriseId, isEnterpriseInstall: false })) ??
        (enterpriseId
          ? await installations.find({ teamId: undefined, enterpriseId, isEnterpriseInstall: true })
          : undefined);
      const bot = found?.installation.bot as { token?: unknown } | undefined;
      return typeof bot?.token === 'string' ? bot.token : undefined;
    },
    tenants,
  );
}

function requireBaseUrl(url: string | undefined): string {
  if (!url)
    throw new Error(
      "OAuth installs need deckhand's public address for Slack's redirect: set DECKHAND_PUBLIC_URL",
    );
  return url;
}

/**
 * Sends a pipeline or crew event to the worker, which keeps the thread (queue.idle() waits); a
 * guest photo that landed becomes a `photos.count` job.
 */
export function forwardEvent(
  queue: WorkQueue,
  logger: Logger,
  tenantId: string,
  bookingId: string,
  event: PipelineEvent,
): void {
  // A photo that landed is no thread event: it asks for a recount of the bucket.
  queue
    .send(
      event.type === 'photos_landed'
        ? { type: 'photos.count', tenantId, bookingId }
        : { type: 'thread.event', tenantId, bookingId, event },
    )
    .catch((error: unknown) =>
      logger.error({ err: error, tenantId, bookingId }, 'forwarding an event to the worker failed'),
    );
}

export async function createSlackApp(
  config: Config,
  tenants: TenantRegistry,
  ports: SlackPorts,
  options: {
    logger: Logger;
    route?: ReturnType<typeof lateSlackRoute>;
    postIntervalMs?: number;
    coalesceMs?: number;
    /** Another receiver (the Slack Lambda's AwsLambdaReceiver); the app is not started. */
    receiver?: Receiver;
    /** Where follow-up work goes; default: run in this process after the acknowledgement. */
    queue?: WorkQueue;
    /** Socket Mode's pong timeout and wait before a reconnect (default 5 s); tests shorten it. */
    socketPingTimeoutMs?: number;
    /** Who installed deckhand into each workspace (the OAuth installation store); default: none known. */
    installers?: WorkspaceInstallers;
    /** OAuth installs: /slack/install and /slack/oauth_redirect are attached here. */
    oauthRoute?: ReturnType<typeof lateOAuthRoute>;
    /** Where deckhand is reachable, for the OAuth redirect URL; default DECKHAND_PUBLIC_URL. */
    baseUrl?: string;
  },
): Promise<SlackAppHandle | undefined> {
  const { signingSecret, botToken, appToken } = config.slack;
  const oauthSettings = config.slack.oauth;
  // A bot token, or OAuth installs that give one per workspace; a signing secret, unless Socket
  // Mode (SLACK_APP_TOKEN) carries everything and nothing arrives over HTTP.
  if (!botToken && !oauthSettings) return undefined;
  if (!signingSecret && !appToken) return undefined;
  const socket =
    appToken && !options.receiver
      ? createSocketMode({
          appToken,
          clientOptions: slackClientOptions(config),
          logger: options.logger,
          ...(options.socketPingTimeoutMs === undefined
            ? {}
            : { pingTimeoutMs: options.socketPingTimeoutMs }),
        })
      : undefined;
  const oauth =
    oauthSettings && ports.installations
      ? createSlackOAuth({
          settings: oauthSettings,
          installations: ports.installations,
          baseUrl: requireBaseUrl(options.baseUrl ?? config.publicUrl),
          scopes: manifestBotScopes(),
          clientOptions: slackClientOptions(config),
          logger: options.logger,
        })
      : undefined;
  if (oauthSettings && !oauth)
    throw new Error('OAuth installs need an installation store (the runtime gives one)');
  const receiver =
    socket || options.receiver || !signingSecret
      ? undefined
      : new ServiceRequestReceiver({ signingSecret, logger: options.logger });
  const app = new App({
    // One workspace: its bot token. OAuth: each request's token from the installation store.
    ...(oauth ? { authorize: oauth.authorize } : { token: botToken }),
    clientOptions: slackClientOptions(config),
    logLevel: LogLevel.ERROR,
    receiver: options.receiver ?? socket?.receiver ?? receiver,
    // The bot's ids from config: no auth.test when the app is built (a Lambda cold start). With
    // OAuth installs each workspace's bot differs, so authorize gives them instead.
    ...(config.slack.bot && !oauth ? { ...config.slack.bot, tokenVerificationEnabled: false } : {}),
  });
  socket?.track(app);
  // With OAuth the shared client (thread, DMs, jobs) picks each workspace's token per call.
  const teamClient = oauth ? sharedSlackClient(config, tenants, ports.installations) : undefined;
  // The onboarding's "who installed this workspace" comes from the OAuth installation store.
  const installers = options.installers ?? ports.installations;
  const { deps, jobDeps, queue, idle } = createSlackDeps(
    config,
    tenants,
    ports,
    teamClient ?? app.client,
    installers ? { ...options, installers } : options,
  );
  // Tenants set up from Slack in another process (another Lambda) are seen within the cache's
  // age; a failed read keeps the copy in memory rather than failing the request.
  app.use(async ({ next }) => {
    await tenants
      .refreshIfStale()
      .catch((error: unknown) =>
        options.logger.warn({ err: error }, 'reading stored tenants failed'),
      );
    await next();
  });
  if (oauth && teamClient instanceof TeamTokenClient) {
    // Everything a request starts (queued jobs, thread posts) runs on behalf of its workspace.
    app.use(({ context, next }) =>
      withSlackWorkspace(
        { teamId: context.teamId, enterpriseId: context.enterpriseId, botToken: context.botToken },
        next,
      ),
    );
    registerInstallationEvents(app, {
      store: oauth.store,
      logger: options.logger,
      forget: (teamId) => (teamClient as TeamTokenClient).forget(teamId),
    });
    // A request from a workspace without an installation: logged (by authorize) and answered
    // 200 with nothing done, so Slack does not retry it; any other error keeps Bolt's course.
    app.error(async (error) => {
      if ((error as { original?: unknown }).original instanceof NotInstalledError) return;
      throw error;
    });
    options.oauthRoute?.attach((request) => oauth.handle(request));
  }
  registerCommands(app, deps);
  registerViewListeners(app, deps);
  // Events of work done here (a crew member's DM answer) update the thread here, or, when the
  // work queue is remote (the Slack Lambda), in the worker: this process stops at the response.
  const unsubscribe = ports.subscribe((tenantId, bookingId, event) => {
    if (!options.queue && event.type !== 'photos_landed')
      deps.thread.onEvent(tenantId, bookingId, event);
    else forwardEvent(queue, options.logger, tenantId, bookingId, event);
  });
  if (receiver) options.route?.attach((request) => receiver.handle(request));
  else if (!options.receiver) await app.start();
  return {
    app,
    deps,
    jobDeps,
    queue,
    async idle() {
      for (let round = 0; round < 3; round += 1) {
        await receiver?.idle();
        await socket?.idle();
        await idle();
      }
    },
    async stop() {
      unsubscribe();
      socket?.stopping();
      if (!receiver && !options.receiver) await app.stop();
    },
  };
}
