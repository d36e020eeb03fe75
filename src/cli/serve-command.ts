/** `deckhand serve` (what `npm start` runs): the HTTP server and a plain account of what is set up. */
import { parseArgs } from 'node:util';
import type { Config } from '../config/config.ts';
import { sendDueReminders } from '../crew/send-due-reminders.ts';
import { type LocalSlack, STANDIN_PREFIX, startLocalSlack } from '../local-mode/local-mode.ts';
import { createLogger, type Logger } from '../logging/logger.ts';
import { completeFinishedBookings } from '../pipeline/complete-finished-bookings.ts';
import { resumeUnfinishedPipelines } from '../pipeline/resume-unfinished.ts';
import { createRuntime, type DeckhandRuntime } from '../runtime/deckhand-runtime.ts';
import {
  createSlackApp,
  lateSlackRoute,
  type SlackAppHandle,
  slackCrewNotifier,
} from '../slack/create-slack-app.ts';
import { lateOAuthRoute } from '../slack/slack-oauth.ts';
import type { TenantRegistry } from '../tenants/tenant-registry.ts';
import type { Tenant } from '../tenants/tenant-schema.ts';
import { type CliIo, EXIT } from './cli-io.ts';
import { UsageError } from './usage-error.ts';

export const SERVE_USAGE = `Usage: deckhand serve [--details]

Starts deckhand's HTTP server on HOST:PORT (default 127.0.0.1:3000). Without Slack credentials
it also starts a local Slack stand-in with a browser workspace and prints one line, the address
to open; --details prints the whole account of what runs (the default with real Slack).
Stop it with Ctrl-C.`;

/** The start-up account: what runs, and what is not configured yet and what that means. */
export function describeSetup(
  config: Config,
  tenants: TenantRegistry,
  url: string,
  feedUrl: (tenant: Tenant) => string | undefined = () => undefined,
  options: { standIn?: boolean } = {},
): string {
  const stores = config.embedded
    ? `embedded DynamoDB (dynalite) and S3 (s3rver), data in ${config.dataDir}`
    : `DynamoDB ${config.aws.dynamodbEndpoint ?? `(AWS ${config.aws.region})`}, S3 ${config.aws.s3Endpoint ?? `(AWS ${config.aws.region})`}`;
  const lines = [
    `deckhand is listening on ${url} (health check: ${url}/healthz)`,
    `Tenants (${config.tenantsFile}): ${tenants
      .list()
      .map((t) => `${t.id} (${t.timezone})`)
      .join(', ')}`,
    `Stores: ${stores}`,
    `Calendar: ${config.dashboard ? config.dashboard.url : `built-in, ${url}/dashboard/api/calendar (DASHBOARD_URL not set)`}`,
    `Crew events: ${config.scc ? config.scc.url : `built-in SCC-compatible service, ${url}/scc/<tenant> (SCC_URL not set)`}`,
    `Guest and crew pages: ${url}/g/<slug> and ${url}/c/<slug>, served through the CloudFront Function`,
    ...tenants
      .list()
      .map((t) => feedUrl(t))
      .filter((u): u is string => u !== undefined)
      .map((u) => `Calendar feed (subscribe in any calendar app; keep the link private): ${u}`),
    ...(options.standIn
      ? [
          `Try it: open ${url}/ and forward a sample email to the ops channel, or in another terminal:`,
        ]
      : ['Try it (in another terminal):']),
    '  npx deckhand book test/fixtures/emails/01-plain-text-confirmed.eml --tenant queen-of-san-diego',
  ];
  if (options.standIn) {
    lines.push(
      `Slack: the built-in stand-in (SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN not set): workspace at ${url}/, Web API at ${url}${STANDIN_PREFIX}/api/`,
    );
  } else if (config.slack.oauth) {
    lines.push(
      `Slack: OAuth installs, "Add to Slack" at ${config.publicUrl ?? url}/slack/install (redirect URL ${config.publicUrl ?? url}/slack/oauth_redirect); request URL ${url}/slack/events`,
    );
  } else if (!config.slack.botToken) {
    lines.push(
      'Not configured: Slack (SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN), so no workspace is connected.',
    );
  } else if (config.slack.appToken) {
    lines.push('Slack: connected over Socket Mode (SLACK_APP_TOKEN).');
  } else {
    lines.push(
      `Slack: request URL ${url}/slack/events (commands, interactivity and events)${config.slack.apiUrl ? `; Web API at ${config.slack.apiUrl}` : ''}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** What startServer gives: the running server, its schedule's tick, and its shutdown. */
export interface RunningServer {
  /** Where the server listens (http://host:port). */
  url: string;
  /** The local Slack stand-in, when no Slack credentials are set (local mode). */
  local: LocalSlack | undefined;
  runtime: DeckhandRuntime;
  /** The Slack app, when Slack (real or the stand-in) is connected. */
  slack: SlackAppHandle | undefined;
  /**
   * One tick of the schedule as it runs every fifth minute: due crew reminders, finished
   * bookings completed (with the threads' close-out prompts), guests' photos recounted. Resolves
   * when the jobs it queued have run and the threads are updated; a failed job is logged.
   */
  runSchedule(): Promise<void>;
  /** Stops the schedule, the Slack app, the stand-in's streams, the server and the stores. */
  close(): Promise<void>;
}

export interface ServerOptions {
  logger: Logger;
  /** The one clock of the runtime, the Slack app, the stand-in and the schedule; default: real time. */
  clock?: () => Date;
  /** Run the schedule every minute (default true); false leaves it to runSchedule(). */
  schedule?: boolean;
}

/**
 * The composition `deckhand serve` runs: the runtime (stores, HTTP server, pipeline), the Slack
 * app, and with no Slack credentials the local stand-in; the schedule every minute; unfinished
 * pipelines resumed.
 */
export async function startServer(
  config: Config,
  tenants: TenantRegistry,
  options: ServerOptions,
): Promise<RunningServer> {
  const { logger, clock } = options;
  const slackRoute = lateSlackRoute();
  const oauthRoute = lateOAuthRoute();
  // No Slack credentials: local mode, the real app against a Slack stand-in on this server.
  const local: LocalSlack | undefined =
    config.slack.botToken || config.slack.signingSecret || config.slack.oauth
      ? undefined
      : await startLocalSlack(config, tenants, logger, clock ? { clock } : {});
  const dmNotifier = local ? local.crewNotifier : slackCrewNotifier(config);
  const runtime = await createRuntime(config, tenants, {
    serve: true,
    logger,
    ...(clock ? { clock } : {}),
    routes: [slackRoute, oauthRoute, ...(local?.routes ?? [])],
    ...(dmNotifier ? { crewNotifiers: [dmNotifier] } : {}),
  });
  const slackConfig = local ? local.attach(runtime.httpUrl, slackCrewNotifier) : config;
  const slack = await createSlackApp(slackConfig, tenants, runtime.slackPorts, {
    logger,
    route: slackRoute,
    oauthRoute,
    baseUrl: config.publicUrl ?? runtime.httpUrl,
  });
  // A process that stopped mid-pipeline (killed, redeployed) left work unfinished: resume it.
  // Stopping while it still reads the stores ends it with an error: logged, never thrown.
  void resumeUnfinishedPipelines(tenants, runtime.deps, logger).then(
    (resumed) => {
      if (resumed > 0) logger.info({ resumed }, 'resumed unfinished pipelines');
    },
    (error: unknown) => logger.warn({ err: error }, 'resuming unfinished pipelines stopped'),
  );
  // Every minute: due crew reminders; every fifth: charters that ended become completed (with
  // the threads' close-out prompts), and the guests' photos are recounted.
  const scheduleTick = (fifth: boolean): Promise<unknown>[] => {
    const started: Promise<unknown>[] = [];
    for (const tenant of tenants.list()) {
      started.push(
        sendDueReminders(runtime.deps, tenant, runtime.deps.clock()).catch((error: unknown) =>
          logger.error({ err: error, tenant: tenant.id }, 'sending crew reminders failed'),
        ),
      );
      if (!fifth) continue;
      // Through the job when Slack runs here: it also posts the threads' close-out prompts.
      started.push(
        (slack
          ? slack.queue.send({ type: 'bookings.complete', tenantId: tenant.id })
          : completeFinishedBookings(runtime.store, tenant, runtime.deps.clock())
        ).catch((error: unknown) =>
          logger.error({ err: error, tenant: tenant.id }, 'completing finished bookings failed'),
        ),
      );
      // Photos whose browser never said they landed are counted here (they need Slack).
      if (slack)
        started.push(
          slack.queue
            .send({ type: 'photos.count', tenantId: tenant.id })
            .catch((error: unknown) =>
              logger.error({ err: error, tenant: tenant.id }, 'counting guest photos failed'),
            ),
        );
    }
    return started;
  };
  let tick = 0;
  const completer =
    options.schedule === false
      ? undefined
      : setInterval(() => {
          tick += 1;
          scheduleTick(tick % 5 === 0);
        }, 60_000);
  completer?.unref();

  return {
    url: runtime.httpUrl,
    local,
    runtime,
    slack,
    async runSchedule() {
      await Promise.all(scheduleTick(true));
      await slack?.idle();
    },
    async close() {
      if (completer) clearInterval(completer);
      await slack?.stop();
      await slack?.idle();
      // Ends the workspace pages' event streams, which would otherwise hold the server open.
      local?.close();
      await runtime.close();
    },
  };
}

/** Runs until SIGINT/SIGTERM, then closes the server and the stores and exits 0. */
export async function runServeCommand(
  args: string[],
  io: CliIo,
  config: Config,
  tenants: TenantRegistry,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h', default: false },
      details: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    io.stdout.write(`${SERVE_USAGE}\n`);
    return EXIT.ok;
  }
  if (positionals.length > 0)
    throw new UsageError(`Unexpected argument "${positionals[0]}".`, SERVE_USAGE);

  const logger = createLogger(config.logLevel);
  const server = await startServer(config, tenants, { logger });
  const { runtime, local } = server;
  // Listen for Ctrl-C / SIGTERM before saying we are ready: whoever reads the ready line may
  // stop us at once, and a signal with no listener yet kills the process without cleaning up.
  const stopped = new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      logger.info({ signal }, 'shutting down');
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  if (!local || values.details)
    io.stdout.write(
      describeSetup(config, tenants, runtime.httpUrl, (t) => runtime.calendarFeedUrl(t), {
        standIn: local !== undefined,
      }),
    );
  if (local) io.stdout.write(`open ${browserUrl(config.host, runtime.httpUrl)}\n`);

  await stopped;
  await server.close();
  logger.flush();
  return EXIT.ok;
}

/** The address to open in a browser: localhost when the server listens on loopback or everywhere. */
export function browserUrl(host: string, httpUrl: string): string {
  const port = new URL(httpUrl).port;
  return ['127.0.0.1', 'localhost', '0.0.0.0', '::', '::1'].includes(host)
    ? `http://localhost:${port}`
    : httpUrl;
}
