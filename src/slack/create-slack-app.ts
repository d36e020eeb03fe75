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
import type { TenantRegistry } from '../tenants/tenant-registry.ts';
import { CharterThread } from './charter-thread.ts';
import { ServiceRequestReceiver } from './service-request-receiver.ts';
import type { JobDeps, SlackDeps, SlackPorts } from './slack-deps.ts';
import { createSlackRouting } from './tenant-routing.ts';

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
  options: { logger: Logger; postIntervalMs?: number; coalesceMs?: number; queue?: WorkQueue },
): { deps: SlackDeps; jobDeps: JobDeps; queue: WorkQueue; idle(): Promise<void> } {
  const work = new Set<Promise<unknown>>();
  const { drafts, pipeline } = ports;
  const thread = new CharterThread({
    client,
    deps: pipeline,
    tenants,
    logger: options.logger,
    replies: {
      claim: (key) => drafts.claimDelivery(key, Date.now() + REPLY_CLAIM_MS),
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
    guestPageUrl: pipeline.guestPageUrl,
    crewPageUrl: pipeline.crewPageUrl,
    ...(pipeline.onEvent ? { onEvent: pipeline.onEvent } : {}),
    routing: createSlackRouting(config, tenants),
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

/** Sends a pipeline or crew event to the worker, which keeps the thread (queue.idle() waits). */
export function forwardEvent(
  queue: WorkQueue,
  logger: Logger,
  tenantId: string,
  bookingId: string,
  event: PipelineEvent,
): void {
  queue
    .send({ type: 'thread.event', tenantId, bookingId, event })
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
  },
): Promise<SlackAppHandle | undefined> {
  const { signingSecret, botToken, appToken } = config.slack;
  if (!botToken || !signingSecret) return undefined;
  const receiver =
    appToken || options.receiver
      ? undefined
      : new ServiceRequestReceiver({ signingSecret, logger: options.logger });
  const custom = options.receiver ?? receiver;
  const app = new App({
    token: botToken,
    clientOptions: slackClientOptions(config),
    logLevel: LogLevel.ERROR,
    // The bot's ids from config: no auth.test when the app is built (a Lambda cold start).
    ...(config.slack.bot ? { ...config.slack.bot, tokenVerificationEnabled: false } : {}),
    ...(custom ? { receiver: custom } : { socketMode: true, appToken, signingSecret }),
  });
  const { deps, jobDeps, queue, idle } = createSlackDeps(
    config,
    tenants,
    ports,
    app.client,
    options,
  );
  registerCommands(app, deps);
  registerViewListeners(app, deps);
  // Events of work done here (a crew member's DM answer) update the thread here, or, when the
  // work queue is remote (the Slack Lambda), in the worker: this process stops at the response.
  const unsubscribe = ports.subscribe((tenantId, bookingId, event) => {
    if (!options.queue) deps.thread.onEvent(tenantId, bookingId, event);
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
        await idle();
      }
    },
    async stop() {
      unsubscribe();
      if (!receiver && !options.receiver) await app.stop();
    },
  };
}
