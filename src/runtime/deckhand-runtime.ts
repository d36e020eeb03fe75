/**
 * The composition root: builds deckhand from the validated configuration, one area at a time:
 * where the stores are (endpoints.ts), the stores (stores.ts), the HTTP server's routes
 * (services.ts), how crew are told (notifiers.ts), the pipeline's dependencies
 * (pipeline-deps.ts), and the ports handed to the Slack layer. This file only puts them together
 * and owns their lifecycle (start, close, clean up after a failed start).
 */
import type { Server } from 'node:http';
import type { Config } from '../config/config.ts';
import type { CrewNotifier } from '../crew/crew-notifier.ts';
import { FaultInjector } from '../faults/fault-injector.ts';
import type { Logger } from '../logging/logger.ts';
import { VERSION } from '../package-root.ts';
import type { PipelineDeps } from '../pipeline/pipeline-deps.ts';
import type { ReportPorts } from '../reports/report-sources.ts';
import {
  handleServiceRequest,
  type Route,
  startHttpServer,
  stopHttpServer,
} from '../server/http-server.ts';
import type { ServiceRequest, ServiceResponse } from '../server/service-http.ts';
import type { PipelineEventListener, SlackPorts } from '../slack/slack-deps.ts';
import { type AwsClients, createAwsClients } from '../storage/aws-clients.ts';
import type { DynamoBookingStore } from '../storage/dynamo-booking-store.ts';
import type { EmbeddedStack } from '../storage/embedded-stack.ts';
import { ensureBuckets } from '../storage/ensure-buckets.ts';
import type { TenantRegistry } from '../tenants/tenant-registry.ts';
import type { Tenant } from '../tenants/tenant-schema.ts';
import { pageBaseFor, prepareEmbeddedStores, resolveEndpoints } from './endpoints.ts';
import { createInstallationStore } from './installations.ts';
import { feedSecretFor, type LocalSecrets, loadLocalSecrets } from './local-secrets.ts';
import { createCrewNotifier } from './notifiers.ts';
import { createPipelineDeps } from './pipeline-deps.ts';
import { createReportPorts } from './reports.ts';
import { serviceRoutes } from './services.ts';
import { createStores } from './stores.ts';

export interface RuntimeOptions {
  /** Serve HTTP on config.host:config.port (the server) rather than an ephemeral loopback port. */
  serve: boolean;
  logger: Logger;
  clock?: () => Date;
  /** Subscribers to pipeline events (the Slack layer, the CLI's progress output). */
  onEvent?: PipelineEventListener;
  /** Overrides for tests: retry timing, leases, service fetch. */
  retry?: PipelineDeps['retry'];
  leaseMs?: number;
  fetch?: typeof globalThis.fetch;
  /** Extra crew notifiers (the Slack app adds its DM notifier). */
  crewNotifiers?: CrewNotifier[];
  /** Extra routes on the server, matched first (the Slack receiver's /slack/events). */
  routes?: Route[];
  /** The built-in services' credentials (AWS: from the deployment's secret); default: the data folder's. */
  secrets?: LocalSecrets;
}

export interface DeckhandRuntime {
  config: Config;
  tenants: TenantRegistry;
  clients: AwsClients;
  store: DynamoBookingStore;
  deps: PipelineDeps;
  /** What the Slack layer is handed (the listeners and jobs never see the runtime). */
  slackPorts: SlackPorts;
  /** The reports' close-out store and chart links (the CLI's `deckhand report`). */
  reports: ReportPorts;
  /** Where this process's (or the running server's) HTTP server is. */
  httpUrl: string;
  /** True when another process owns the stores and this one only uses them. */
  attached: boolean;
  /** DECKHAND_FAULTS applied to this process's calls; tests may replace the rules. */
  faults: FaultInjector;
  /** The embedded stores when this process owns them (tests restart them under the app). */
  embeddedStack: EmbeddedStack | undefined;
  /** Adds a subscriber to pipeline and crew events (the Slack thread); returns its removal. */
  subscribe(listener: PipelineEventListener): () => void;
  /**
   * Serves one request with the server's routes, without a socket (the HTTP Lambda). Not for a
   * runtime attached to another process's server: that one has no routes.
   */
  handle(request: ServiceRequest): Promise<ServiceResponse>;
  /** The secret ICS feed URL of a tenant's calendar, when the built-in calendar is used. */
  calendarFeedUrl(tenant: Tenant): string | undefined;
  close(): Promise<void>;
}

/** Builds the runtime. Close it when done: it may own the embedded stores and a server. */
export async function createRuntime(
  config: Config,
  tenants: TenantRegistry,
  options: RuntimeOptions,
): Promise<DeckhandRuntime> {
  const { logger } = options;
  const clock = options.clock ?? (() => new Date());
  /**
   * For the uptime in /healthz when requests come without the server (the HTTP Lambda). Real
   * time on purpose, as the server's own uptime is: an uptime is how long the process has run,
   * and a test's moved clock must not make it days long or negative.
   */
  const startedAt = new Date();
  const subscribers = new Set<PipelineEventListener>();
  if (options.onEvent) subscribers.add(options.onEvent);
  const onEvent: PipelineEventListener = (tenantId, bookingId, event) => {
    for (const listener of subscribers) listener(tenantId, bookingId, event);
  };
  const subscribe = (listener: PipelineEventListener): (() => void) => {
    subscribers.add(listener);
    return () => subscribers.delete(listener);
  };

  const { endpoints, stack, attachedHttpUrl } = await resolveEndpoints(config, options.serve);
  const faults = new FaultInjector(config.faults, {
    onFault: (fired) => logger.warn({ fault: fired }, 'injected fault (DECKHAND_FAULTS)'),
  });
  const clients = createAwsClients(endpoints, faults);
  let server: Server | undefined;
  let closeInstallations = (): void => undefined;
  try {
    await prepareEmbeddedStores(stack, clients, config, tenants);
    const stores = createStores(config, clients);
    // Tenants set up from Slack join the file's (TenantRegistry says why it caches them); a
    // fresh embedded stack also needs each one's page bucket.
    tenants.useStore(stores.tenants, {
      ...(stack ? { onTenant: (tenant) => ensureBuckets(clients.s3, [tenant.bucket]) } : {}),
    });
    // A failed first read is not fatal: the file's tenants still work, and the next Slack request
    // or job reads the store again (refreshIfStale: nothing loaded yet counts as stale).
    await tenants
      .refresh()
      .catch((error: unknown) => logger.warn({ err: error }, 'reading stored tenants failed'));
    const secrets = options.secrets ?? (await loadLocalSecrets(config.dataDir));
    let serviceUrl = attachedHttpUrl ?? '';
    const pageBase = pageBaseFor(
      config,
      options.serve || attachedHttpUrl !== undefined,
      () => serviceUrl,
    );

    // A runtime attached to another process's server uses that server; otherwise it hosts its own.
    let routes: Route[] = [];
    if (!attachedHttpUrl) {
      routes = serviceRoutes(
        { config, tenants, clients, stores, secrets, logger, clock, onEvent, pageBase },
        options.routes,
      );
      const started = await startHttpServer(
        { tenants, logger, version: VERSION, routes },
        options.serve ? { host: config.host, port: config.port } : { host: '127.0.0.1', port: 0 },
      );
      server = started.server;
      serviceUrl = started.url.replace('://0.0.0.0:', '://127.0.0.1:');
      if (options.serve) await stack?.advertise(serviceUrl);
    }

    const deps = createPipelineDeps({
      config,
      clients,
      stores,
      secrets,
      faults,
      notifier: createCrewNotifier(config, tenants, logger, options.crewNotifiers),
      serviceUrl: () => serviceUrl,
      pageBase,
      clock,
      onEvent,
      fetch: options.fetch ?? globalThis.fetch,
      retry: options.retry,
      leaseMs: options.leaseMs,
    });
    const reports = createReportPorts({ secrets, pageBase, clock, closeOuts: stores.closeOuts });
    // OAuth installs only: one workspace with SLACK_BOT_TOKEN needs no installation store.
    const installed = config.slack.oauth
      ? await createInstallationStore(config, clients)
      : undefined;
    if (installed) closeInstallations = installed.close;
    const slackPorts: SlackPorts = {
      bookings: stores.bookings,
      crew: stores.crew,
      drafts: stores.drafts,
      closeOuts: stores.closeOuts,
      pipeline: deps,
      reports,
      subscribe,
      ...(installed ? { installations: installed.installations } : {}),
    };
    return {
      config,
      tenants,
      clients,
      store: stores.bookings,
      deps,
      slackPorts,
      reports,
      httpUrl: serviceUrl,
      attached: attachedHttpUrl !== undefined,
      handle: (request) =>
        handleServiceRequest(routes, request, logger, { version: VERSION, tenants, startedAt }),
      faults,
      embeddedStack: stack,
      subscribe,
      calendarFeedUrl: (tenant) =>
        config.dashboard
          ? undefined
          : `${serviceUrl}/calendar/${encodeURIComponent(tenant.calendarId)}/${feedSecretFor(secrets, tenant.calendarId)}.ics`,
      async close() {
        if (server) await stopHttpServer(server);
        closeInstallations();
        clients.destroy();
        await stack?.stop();
      },
    };
  } catch (error) {
    if (server) await stopHttpServer(server).catch(() => undefined);
    closeInstallations();
    clients.destroy();
    await stack?.stop().catch(() => undefined);
    throw error;
  }
}
