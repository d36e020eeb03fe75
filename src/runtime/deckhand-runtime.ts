/**
 * The one place that builds deckhand from configuration: the stores (embedded or configured),
 * the AWS clients, the built-in calendar and SCC services when no external ones are set, the
 * HTTP server that hosts them and the pages, and the pipeline's dependencies.
 *
 * Local mode: when `npm start` runs, its stack.json tells other processes (the CLI) where its
 * stores and services are; otherwise the process starts the embedded stack itself.
 */
import { createHmac } from 'node:crypto';
import type { Server } from 'node:http';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import pLimit from 'p-limit';
import { BuiltInCalendarService } from '../calendar/built-in-calendar-service.ts';
import type { CalendarClient } from '../calendar/calendar-contract.ts';
import { DashboardCalendarClient } from '../calendar/dashboard-calendar-client.ts';
import type { Config } from '../config/config.ts';
import { createCrewLinkRoute } from '../crew/crew-link-routes.ts';
import { CompositeCrewNotifier, type CrewNotifier } from '../crew/crew-notifier.ts';
import { OutboxEmailNotifier, SesEmailNotifier } from '../crew/email-crew-notifier.ts';
import { createSccAnswerHook } from '../crew/scc-answer-hook.ts';
import { faultyFetch } from '../faults/fault-adapters.ts';
import { FaultInjector } from '../faults/fault-injector.ts';
import type { Logger } from '../logging/logger.ts';
import { VERSION } from '../package-root.ts';
import type { PipelineDeps, RevenueScrubber } from '../pipeline/pipeline-deps.ts';
import type { PipelineEvent } from '../pipeline/step-record.ts';
import { BuiltInSccService } from '../scc/built-in-scc-service.ts';
import { HttpSccClient } from '../scc/http-scc-client.ts';
import { stripMoneyFromText } from '../scc/money-scrub.ts';
import type { SccClient } from '../scc/scc-contract.ts';
import { errorResponse } from '../server/error-response.ts';
import { FailedAttemptLimiter } from '../server/failed-attempt-limiter.ts';
import {
  handleServiceRequest,
  type Route,
  startHttpServer,
  stopHttpServer,
} from '../server/http-server.ts';
import { LeasedIdempotencyStore } from '../server/leased-idempotency-store.ts';
import { createPageSite } from '../server/page-site.ts';
import { jsonResponse, type ServiceRequest, type ServiceResponse } from '../server/service-http.ts';
import { type AwsClients, createAwsClients } from '../storage/aws-clients.ts';
import { DynamoBookingStore } from '../storage/dynamo-booking-store.ts';
import { DynamoCalendarStore } from '../storage/dynamo-calendar-store.ts';
import { DynamoCrewStore } from '../storage/dynamo-crew-store.ts';
import { DynamoIdempotencyRecordStore } from '../storage/dynamo-idempotency-record-store.ts';
import { DynamoSccStore } from '../storage/dynamo-scc-store.ts';
import { DynamoUploadCounter } from '../storage/dynamo-upload-counter.ts';
import {
  type EmbeddedStack,
  findRunningStack,
  startEmbeddedStack,
} from '../storage/embedded-stack.ts';
import { ensureBuckets } from '../storage/ensure-buckets.ts';
import { S3ObjectPublisher } from '../storage/s3-object-publisher.ts';
import { ensureTable } from '../storage/table-design.ts';
import type { TenantRegistry } from '../tenants/tenant-registry.ts';
import type { Tenant } from '../tenants/tenant-schema.ts';
import { presignUpload, UploadRefusedError } from '../uploads/presign-upload.ts';
import { createUploadRoutes, REFUSAL_STATUS } from '../uploads/upload-routes.ts';
import { type LocalSecrets, loadLocalSecrets } from './local-secrets.ts';

export interface RuntimeOptions {
  /** Serve HTTP on config.host:config.port (the server) rather than an ephemeral loopback port. */
  serve: boolean;
  logger: Logger;
  clock?: () => Date;
  /** Subscribers to pipeline events (the Slack layer, the CLI's progress output). */
  onEvent?: (tenantId: string, bookingId: string, event: PipelineEvent) => void;
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
  /** Where this process's (or the running server's) HTTP server is. */
  httpUrl: string;
  /** True when another process owns the stores and this one only uses them. */
  attached: boolean;
  /** DECKHAND_FAULTS applied to this process's calls; tests may replace the rules. */
  faults: FaultInjector;
  /** The embedded stores when this process owns them (tests restart them under the app). */
  embeddedStack: EmbeddedStack | undefined;
  /** Adds a subscriber to pipeline and crew events (the Slack thread); returns its removal. */
  subscribe(
    listener: (tenantId: string, bookingId: string, event: PipelineEvent) => void,
  ): () => void;
  /**
   * Serves one request with the server's routes, without a socket (the HTTP Lambda). Not for a
   * runtime attached to another process's server: that one has no routes.
   */
  handle(request: ServiceRequest): Promise<ServiceResponse>;
  /** The secret ICS feed URL of a tenant's calendar, when the built-in calendar is used. */
  calendarFeedUrl(tenant: Tenant): string | undefined;
  close(): Promise<void>;
}

/** The secret behind the crew pages' anti-forgery form keys. */
export function formSecretOf(secrets: LocalSecrets): string {
  return createHmac('sha256', secrets.feedSecretSeed).update('crew-forms').digest('base64url');
}

/** The HMAC of a calendar id with the seed: a feed URL that cannot be guessed or enumerated. */
export function feedSecretFor(secrets: LocalSecrets, calendarId: string): string {
  return createHmac('sha256', secrets.feedSecretSeed)
    .update(calendarId)
    .digest('base64url')
    .slice(0, 32);
}

function routesFor(
  config: Config,
  tenants: TenantRegistry,
  clients: AwsClients,
  store: DynamoBookingStore,
  secrets: LocalSecrets,
  logger: Logger,
  clock: () => Date,
): Route[] {
  // The lease is how long a request that died mid-way (its process killed) blocks a retry of
  // the same key: twice the clients' 5 s timeout, so a restarted pipeline's retries get through
  // (30 s outlasted them; found by test/reliability/sigkill-restart.test.ts). Taking over early
  // is harmless: the services derive entity ids from the key, so both computations agree.
  const idempotency = new LeasedIdempotencyStore(
    new DynamoIdempotencyRecordStore(clients.doc, config.tableName),
    { leaseMs: 10_000 },
  );
  const pages = createPageSite({ s3: clients.s3, store, tenants });
  const uploadCounter = new DynamoUploadCounter(clients.doc, config.tableName);
  const routes: Route[] = [
    // Before the page site: claims only /g/<slug>/uploads; every other /g/ path stays with the pages.
    ...createUploadRoutes({
      store,
      tenants,
      s3: clients.s3,
      counter: uploadCounter,
      logger,
      clock,
    }),
    { prefix: '/g/', handle: pages },
    { prefix: '/c/', handle: pages },
  ];
  const calendar = new BuiltInCalendarService({
    token: secrets.dashboardToken,
    tokenHeader: config.builtIn.tokenHeader,
    store: new DynamoCalendarStore(clients.doc, config.tableName),
    idempotency,
    resolveTenantByCalendarId: (id) => tenants.list().find((t) => t.calendarId === id)?.id,
    feedSecretFor: (id) => feedSecretFor(secrets, id),
    calendarNameFor: (id) => tenants.list().find((t) => t.calendarId === id)?.name ?? id,
    logger,
  });
  routes.push({ prefix: '/dashboard', strip: true, handle: (r) => calendar.handle(r) });
  routes.push({ prefix: '/calendar/', handle: (r) => calendar.handle(r) });
  const limiter = new FailedAttemptLimiter({});
  const crewStore = new DynamoCrewStore(clients.doc, config.tableName);
  /** SCC's presign_upload: the event's booking, then the same policy as the guest page's. */
  const presignFor =
    (tenant: Tenant) =>
    async (eventId: string, contentType: string, size: number): Promise<ServiceResponse> => {
      const bookingId = await crewStore.getSccEventRef(tenant.id, eventId);
      const booking = bookingId ? await store.get(tenant.id, bookingId) : undefined;
      if (!booking || booking.status === 'cancelled')
        return errorResponse(404, 'unknown_event', 'No open charter has this event id.');
      try {
        const upload = await presignUpload(
          { s3: clients.s3, counter: uploadCounter },
          { tenant, booking, contentType, size, now: clock() },
        );
        return jsonResponse(200, {
          url: upload.url,
          fields: upload.fields,
          key: upload.key,
          expires_at: upload.expiresAt,
        });
      } catch (error) {
        if (error instanceof UploadRefusedError)
          return errorResponse(REFUSAL_STATUS[error.reason], error.reason, error.message);
        throw error;
      }
    };
  const sccStore = new DynamoSccStore(clients.doc, config.tableName);
  for (const tenant of tenants.list()) {
    const scc = new BuiltInSccService({
      tenantId: tenant.id,
      serviceKeyHash: config.builtIn.serviceKeyHash ?? secrets.sccServiceKeyHash,
      keyHeader: config.builtIn.keyHeader,
      store: sccStore,
      idempotency,
      limiter,
      logger,
      presignUpload: presignFor(tenant),
    });
    routes.push({ prefix: `/scc/${tenant.id}`, strip: true, handle: (r) => scc.handle(r) });
  }
  return routes;
}

/** Builds the runtime. Close it when done: it may own the embedded stores and a server. */
export async function createRuntime(
  config: Config,
  tenants: TenantRegistry,
  options: RuntimeOptions,
): Promise<DeckhandRuntime> {
  const clock = options.clock ?? (() => new Date());
  /** For the uptime in /healthz when requests come without the server (the HTTP Lambda). */
  const startedAt = new Date();
  const subscribers = new Set<
    (tenantId: string, bookingId: string, event: PipelineEvent) => void
  >();
  if (options.onEvent) subscribers.add(options.onEvent);
  const onEvent = (tenantId: string, bookingId: string, event: PipelineEvent): void => {
    for (const listener of subscribers) listener(tenantId, bookingId, event);
  };
  let stack: EmbeddedStack | undefined;
  let endpoints = {
    region: config.aws.region,
    dynamodbEndpoint: config.aws.dynamodbEndpoint,
    s3Endpoint: config.aws.s3Endpoint,
  };
  let runningHttpUrl: string | undefined;
  if (config.embedded) {
    const running = options.serve ? undefined : await findRunningStack(config.dataDir);
    if (running?.httpUrl) {
      endpoints = {
        ...endpoints,
        dynamodbEndpoint: running.dynamodbEndpoint,
        s3Endpoint: running.s3Endpoint,
      };
      runningHttpUrl = running.httpUrl;
    } else {
      stack = await startEmbeddedStack(config.dataDir);
      endpoints = {
        ...endpoints,
        dynamodbEndpoint: stack.info.dynamodbEndpoint,
        s3Endpoint: stack.info.s3Endpoint,
      };
    }
  }
  const faults = new FaultInjector(config.faults, {
    onFault: (fired) => options.logger.warn({ fault: fired }, 'injected fault (DECKHAND_FAULTS)'),
  });
  const clients = createAwsClients(endpoints, faults);
  let server: Server | undefined;
  try {
    if (stack) {
      await ensureTable(clients.dynamo, config.tableName);
      await ensureBuckets(
        clients.s3,
        tenants.list().map((t) => t.bucket),
      );
    }
    const store = new DynamoBookingStore(clients.doc, config.tableName);
    const secrets = options.secrets ?? (await loadLocalSecrets(config.dataDir));
    const crewStore = new DynamoCrewStore(clients.doc, config.tableName);
    let serviceUrl = runningHttpUrl ?? '';
    let routes: Route[] = [];
    // Page links: the configured public URL; locally the server's address (npm start's port);
    // on AWS the tenant's own domain behind CloudFront.
    const pageBase = (tenant: Tenant): string =>
      config.publicUrl ??
      (config.embedded
        ? options.serve || runningHttpUrl
          ? serviceUrl
          : `http://127.0.0.1:${config.port}`
        : `https://${tenant.domain}`);
    if (!runningHttpUrl) {
      const crewLinks = createCrewLinkRoute({
        tenants,
        bookings: store,
        crew: crewStore,
        formSecret: formSecretOf(secrets),
        guestPageUrl: (tenantId, slug) => `${pageBase(tenants.get(tenantId))}/g/${slug}`,
        clock,
        onEvent,
      });
      routes = [
        ...(options.routes ?? []),
        crewLinks,
        // An external SCC reports crew answers here, with the key deckhand calls it with.
        ...(config.scc
          ? [
              createSccAnswerHook({
                tenants,
                bookings: store,
                crew: crewStore,
                serviceKey: config.scc.serviceKey,
                keyHeader: config.scc.keyHeader,
                clock,
                onEvent,
              }),
            ]
          : []),
        ...routesFor(config, tenants, clients, store, secrets, options.logger, clock),
      ];
      const started = await startHttpServer(
        { tenants, logger: options.logger, version: VERSION, routes },
        options.serve ? { host: config.host, port: config.port } : { host: '127.0.0.1', port: 0 },
      );
      server = started.server;
      serviceUrl = started.url.replace('://0.0.0.0:', '://127.0.0.1:');
      if (options.serve) await stack?.advertise(serviceUrl);
    }
    const notifiers: CrewNotifier[] = [
      ...(options.crewNotifiers ?? []),
      config.sesFrom
        ? new SesEmailNotifier({
            ses: new SESv2Client({ region: config.aws.region }),
            from: () => config.sesFrom as string,
          })
        : new OutboxEmailNotifier({
            dataDir: config.dataDir,
            from: (m) => `crew@${tenants.get(m.tenant.id).domain}`,
            logger: options.logger,
          }),
    ];

    const baseFetch = options.fetch ?? globalThis.fetch;
    const calendarFetch = faultyFetch(faults, 'calendar', baseFetch);
    const sccFetch = faultyFetch(faults, 'scc', baseFetch);
    const calendarFor = (_tenant: Tenant): CalendarClient =>
      new DashboardCalendarClient(
        config.dashboard
          ? {
              baseUrl: config.dashboard.url,
              token: config.dashboard.token,
              tokenHeader: config.dashboard.tokenHeader,
              fetch: calendarFetch,
            }
          : {
              baseUrl: `${serviceUrl}/dashboard`,
              token: secrets.dashboardToken,
              tokenHeader: config.builtIn.tokenHeader,
              fetch: calendarFetch,
            },
      );
    const sccFor = (tenant: Tenant): SccClient =>
      new HttpSccClient(
        config.scc
          ? {
              url: config.scc.url,
              serviceKey: config.scc.serviceKey,
              keyHeader: config.scc.keyHeader,
              fetch: sccFetch,
            }
          : {
              url: `${serviceUrl}/scc/${tenant.id}`,
              serviceKey: secrets.sccServiceKey,
              keyHeader: config.builtIn.keyHeader,
              fetch: sccFetch,
            },
      );
    const sccStore = new DynamoSccStore(clients.doc, config.tableName);
    const scrubberFor = (tenant: Tenant): RevenueScrubber =>
      config.scc
        ? {
            // An external SCC: clear the money through its API, then read it back.
            async scrub(eventId, key) {
              const client = sccFor(tenant);
              const event = await client.getEvent(eventId);
              await client.patchEvent(
                {
                  event_id: eventId,
                  notes: stripMoneyFromText(event.notes),
                  revenue: null,
                  crew_rate: null,
                  captain_rate: null,
                },
                key,
              );
            },
            read: (eventId) => sccFor(tenant).getEvent(eventId),
          }
        : {
            // The built-in SCC's record is ours: a direct DynamoDB update, as the seed did.
            async scrub(eventId) {
              const event = await sccStore.get(tenant.id, eventId);
              if (!event) throw new Error(`SCC event ${eventId} of ${tenant.id} does not exist`);
              await sccStore.patch(tenant.id, eventId, {
                set: { notes: stripMoneyFromText(event.notes) },
                remove: ['revenue', 'crew_rate', 'captain_rate'],
                updatedAt: clock().toISOString(),
              });
            },
            async read(eventId) {
              const event = await sccStore.get(tenant.id, eventId);
              if (!event) throw new Error(`SCC event ${eventId} of ${tenant.id} does not exist`);
              return event;
            },
          };

    const deps: PipelineDeps = {
      store,
      objects: new S3ObjectPublisher(clients.s3, clients.cloudfront),
      calendarFor,
      sccFor,
      scrubberFor,
      guestPageUrl: (tenant, slug) => `${pageBase(tenant)}/g/${slug}`,
      crew: {
        store: crewStore,
        notifier: new CompositeCrewNotifier(notifiers),
        linkUrl: (tenant, token) => `${pageBase(tenant)}/crew/${tenant.id}/${token}`,
        delivery: config.scc ? 'scc' : 'deckhand',
      },
      crewPageUrl: (tenant, slug) => `${pageBase(tenant)}/c/${slug}`,
      clock,
      onEvent,
      ...(options.retry ? { retry: options.retry } : {}),
      leaseMs: options.leaseMs ?? config.pipeline.leaseMs,
      limit: pLimit(config.pipeline.concurrency),
    };
    return {
      config,
      tenants,
      clients,
      store,
      deps,
      httpUrl: serviceUrl,
      attached: runningHttpUrl !== undefined,
      handle: (request) =>
        handleServiceRequest(routes, request, options.logger, {
          version: VERSION,
          tenants,
          startedAt,
        }),
      faults,
      embeddedStack: stack,
      subscribe(listener) {
        subscribers.add(listener);
        return () => subscribers.delete(listener);
      },
      calendarFeedUrl: (tenant) =>
        config.dashboard
          ? undefined
          : `${serviceUrl}/calendar/${encodeURIComponent(tenant.calendarId)}/${feedSecretFor(secrets, tenant.calendarId)}.ics`,
      async close() {
        if (server) await stopHttpServer(server);
        clients.destroy();
        await stack?.stop();
      },
    };
  } catch (error) {
    if (server) await stopHttpServer(server).catch(() => undefined);
    clients.destroy();
    await stack?.stop().catch(() => undefined);
    throw error;
  }
}
