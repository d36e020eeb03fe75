/**
 * The pipeline's dependencies: the calendar and SCC clients (the configured external services or
 * the built-in ones on this process's server), the revenue scrubber, the page links and the crew
 * side, with DECKHAND_FAULTS applied to the services' fetch.
 */
import pLimit from 'p-limit';
import type { PipelineEvent } from '../bookings/pipeline-progress.ts';
import type { CalendarClient } from '../calendar/calendar-contract.ts';
import { DashboardCalendarClient } from '../calendar/dashboard-calendar-client.ts';
import type { Config } from '../config/config.ts';
import type { CrewNotifier } from '../crew/crew-notifier.ts';
import { faultyFetch } from '../faults/fault-adapters.ts';
import type { FaultInjector } from '../faults/fault-injector.ts';
import type { PipelineDeps, RevenueScrubber } from '../pipeline/pipeline-deps.ts';
import { HttpSccClient } from '../scc/http-scc-client.ts';
import { BuiltInSccRevenueScrubber, SccApiRevenueScrubber } from '../scc/revenue-scrubbers.ts';
import type { SccClient } from '../scc/scc-contract.ts';
import type { AwsClients } from '../storage/aws-clients.ts';
import { S3ObjectPublisher } from '../storage/s3-object-publisher.ts';
import type { Tenant } from '../tenants/tenant-schema.ts';
import { galleryLinkPath } from '../uploads/gallery-link.ts';
import { gallerySecretOf, type LocalSecrets } from './local-secrets.ts';
import type { DeckhandStores } from './stores.ts';

export interface PipelineParts {
  config: Config;
  clients: AwsClients;
  stores: DeckhandStores;
  secrets: LocalSecrets;
  faults: FaultInjector;
  notifier: CrewNotifier;
  /** This process's (or the running server's) HTTP server, where the built-in services are. */
  serviceUrl: () => string;
  pageBase: (tenant: Tenant) => string;
  clock: () => Date;
  onEvent: (tenantId: string, bookingId: string, event: PipelineEvent) => void;
  fetch: typeof globalThis.fetch;
  retry: PipelineDeps['retry'] | undefined;
  leaseMs: number | undefined;
}

export function createPipelineDeps(parts: PipelineParts): PipelineDeps {
  const { config, clients, stores, clock, pageBase } = parts;
  const sccFor = sccClients(parts);
  const scrubberFor = (tenant: Tenant): RevenueScrubber =>
    config.scc
      ? new SccApiRevenueScrubber(() => sccFor(tenant))
      : new BuiltInSccRevenueScrubber(stores.scc, tenant.id, clock);
  return {
    store: stores.bookings,
    objects: new S3ObjectPublisher(clients.s3, clients.cloudfront),
    calendarFor: calendarClients(parts),
    sccFor,
    scrubberFor,
    guestPageUrl: (tenant, slug) => `${pageBase(tenant)}/g/${slug}`,
    crew: {
      store: stores.crew,
      notifier: parts.notifier,
      linkUrl: (tenant, token) => `${pageBase(tenant)}/crew/${tenant.id}/${token}`,
      delivery: config.scc ? 'scc' : 'deckhand',
    },
    crewPageUrl: (tenant, slug) => `${pageBase(tenant)}/c/${slug}`,
    photoGalleryUrl: (tenant, bookingId, expiresAt) =>
      `${pageBase(tenant)}${galleryLinkPath(gallerySecretOf(parts.secrets), tenant.id, bookingId, expiresAt)}`,
    clock,
    onEvent: parts.onEvent,
    ...(parts.retry ? { retry: parts.retry } : {}),
    leaseMs: parts.leaseMs ?? config.pipeline.leaseMs,
    limit: pLimit(config.pipeline.concurrency),
  };
}

function calendarClients({
  config,
  secrets,
  faults,
  fetch,
  serviceUrl,
}: PipelineParts): (tenant: Tenant) => CalendarClient {
  const calendarFetch = faultyFetch(faults, 'calendar', fetch);
  return () =>
    new DashboardCalendarClient(
      config.dashboard
        ? {
            baseUrl: config.dashboard.url,
            token: config.dashboard.token,
            tokenHeader: config.dashboard.tokenHeader,
            fetch: calendarFetch,
          }
        : {
            baseUrl: `${serviceUrl()}/dashboard`,
            token: secrets.dashboardToken,
            tokenHeader: config.builtIn.tokenHeader,
            fetch: calendarFetch,
          },
    );
}

function sccClients({
  config,
  secrets,
  faults,
  fetch,
  serviceUrl,
}: PipelineParts): (tenant: Tenant) => SccClient {
  const sccFetch = faultyFetch(faults, 'scc', fetch);
  return (tenant) =>
    new HttpSccClient(
      config.scc
        ? {
            url: config.scc.url,
            serviceKey: config.scc.serviceKey,
            keyHeader: config.scc.keyHeader,
            fetch: sccFetch,
          }
        : {
            url: `${serviceUrl()}/scc/${tenant.id}`,
            serviceKey: secrets.sccServiceKey,
            keyHeader: config.builtIn.keyHeader,
            fetch: sccFetch,
          },
    );
}
