/**
 * The HTTP routes deckhand's server hosts: the crew's magic links, an external SCC's answer hook,
 * the guest uploads, the guest and crew pages, and the built-in calendar and SCC services (used
 * when no external ones are configured; they share the idempotency store and the secrets).
 */
import { BuiltInCalendarService } from '../calendar/built-in-calendar-service.ts';
import type { Config } from '../config/config.ts';
import { createCrewLinkRoute } from '../crew/crew-link-routes.ts';
import { createSccAnswerHook } from '../crew/scc-answer-hook.ts';
import type { Logger } from '../logging/logger.ts';
import type { PipelineEvent } from '../pipeline/step-record.ts';
import { BuiltInSccService } from '../scc/built-in-scc-service.ts';
import { errorResponse } from '../server/error-response.ts';
import { FailedAttemptLimiter } from '../server/failed-attempt-limiter.ts';
import type { Route } from '../server/http-server.ts';
import { createPageSite } from '../server/page-site.ts';
import { jsonResponse, type ServiceResponse } from '../server/service-http.ts';
import type { AwsClients } from '../storage/aws-clients.ts';
import { S3ObjectPublisher } from '../storage/s3-object-publisher.ts';
import type { TenantRegistry } from '../tenants/tenant-registry.ts';
import type { Tenant } from '../tenants/tenant-schema.ts';
import { createGalleryRoutes } from '../uploads/gallery-route.ts';
import { presignUpload, UploadRefusedError } from '../uploads/presign-upload.ts';
import { createUploadDoneRoutes } from '../uploads/upload-done-route.ts';
import { createUploadRoutes, REFUSAL_STATUS } from '../uploads/upload-routes.ts';
import {
  feedSecretFor,
  formSecretOf,
  gallerySecretOf,
  type LocalSecrets,
} from './local-secrets.ts';
import { chartRoutes } from './reports.ts';
import type { DeckhandStores } from './stores.ts';

export interface ServiceParts {
  config: Config;
  tenants: TenantRegistry;
  clients: AwsClients;
  stores: DeckhandStores;
  secrets: LocalSecrets;
  logger: Logger;
  clock: () => Date;
  onEvent: (tenantId: string, bookingId: string, event: PipelineEvent) => void;
  pageBase: (tenant: Tenant) => string;
}

/** Every route, in match order: the caller's extra routes (the Slack receiver) first. */
export function serviceRoutes(parts: ServiceParts, extra: Route[] = []): Route[] {
  const { config, tenants, stores, secrets, clock, onEvent, pageBase } = parts;
  const crewLinks = createCrewLinkRoute({
    tenants,
    bookings: stores.bookings,
    crew: stores.crew,
    formSecret: formSecretOf(secrets),
    guestPageUrl: (tenantId, slug) => `${pageBase(tenants.get(tenantId))}/g/${slug}`,
    clock,
    onEvent,
  });
  return [
    ...extra,
    crewLinks,
    // An external SCC reports crew answers here, with the key deckhand calls it with.
    ...(config.scc
      ? [
          createSccAnswerHook({
            tenants,
            bookings: stores.bookings,
            crew: stores.crew,
            serviceKey: config.scc.serviceKey,
            keyHeader: config.scc.keyHeader,
            clock,
            onEvent,
          }),
        ]
      : []),
    ...pageRoutes(parts),
    ...chartRoutes(parts),
    ...builtInCalendarRoutes(parts),
    ...builtInSccRoutes(parts),
  ];
}

function pageRoutes(parts: ServiceParts): Route[] {
  const { tenants, clients, stores, logger, clock } = parts;
  const pages = createPageSite({ s3: clients.s3, store: stores.bookings, tenants });
  return [
    ...photoRoutes(parts),
    // Before the page site: claims only /g/<slug>/uploads; every other /g/ path stays with the pages.
    ...createUploadRoutes({
      store: stores.bookings,
      tenants,
      s3: clients.s3,
      counter: stores.uploadCounter,
      logger,
      clock,
    }),
    { prefix: '/g/', handle: pages },
    { prefix: '/c/', handle: pages },
  ];
}

/**
 * A guest page's "this photo landed" (queues a recount: an unstored `photos_landed` event that
 * the Slack side turns into a `photos.count` job) and the ops-only gallery the thread links to.
 */
function photoRoutes({ tenants, clients, stores, secrets, logger, clock, onEvent }: ServiceParts) {
  return [
    // Before the page site, like the presign route: claims only /g/<slug>/uploads/done.
    ...createUploadDoneRoutes({
      store: stores.bookings,
      tenants,
      counter: stores.uploadCounter,
      photosLanded: (tenantId, bookingId) =>
        onEvent(tenantId, bookingId, {
          seq: 0,
          at: clock().toISOString(),
          type: 'photos_landed',
          message: 'a guest photo landed',
        }),
      logger,
      clock,
    }),
    ...createGalleryRoutes({
      tenants,
      store: stores.bookings,
      s3: clients.s3,
      objects: new S3ObjectPublisher(clients.s3, clients.cloudfront),
      secret: gallerySecretOf(secrets),
      logger,
      clock,
    }),
  ];
}

function builtInCalendarRoutes({
  config,
  tenants,
  stores,
  secrets,
  logger,
}: ServiceParts): Route[] {
  const calendar = new BuiltInCalendarService({
    token: secrets.dashboardToken,
    tokenHeader: config.builtIn.tokenHeader,
    store: stores.calendar,
    idempotency: stores.idempotency,
    resolveTenantByCalendarId: (id) => tenants.list().find((t) => t.calendarId === id)?.id,
    feedSecretFor: (id) => feedSecretFor(secrets, id),
    calendarNameFor: (id) => tenants.list().find((t) => t.calendarId === id)?.name ?? id,
    logger,
  });
  return [
    { prefix: '/dashboard', strip: true, handle: (r) => calendar.handle(r) },
    { prefix: '/calendar/', handle: (r) => calendar.handle(r) },
  ];
}

function builtInSccRoutes(parts: ServiceParts): Route[] {
  const { config, tenants, stores, secrets, logger } = parts;
  const limiter = new FailedAttemptLimiter({});
  return tenants.list().map((tenant) => {
    const scc = new BuiltInSccService({
      tenantId: tenant.id,
      serviceKeyHash: config.builtIn.serviceKeyHash ?? secrets.sccServiceKeyHash,
      keyHeader: config.builtIn.keyHeader,
      store: stores.scc,
      idempotency: stores.idempotency,
      limiter,
      logger,
      presignUpload: sccPresignFor(parts, tenant),
    });
    return { prefix: `/scc/${tenant.id}`, strip: true, handle: (r) => scc.handle(r) };
  });
}

/** SCC's presign_upload: the event's booking, then the same policy as the guest page's. */
function sccPresignFor({ clients, stores, clock }: ServiceParts, tenant: Tenant) {
  return async (eventId: string, contentType: string, size: number): Promise<ServiceResponse> => {
    const bookingId = await stores.crew.getSccEventRef(tenant.id, eventId);
    const booking = bookingId ? await stores.bookings.get(tenant.id, bookingId) : undefined;
    if (!booking || booking.status === 'cancelled')
      return errorResponse(404, 'unknown_event', 'No open charter has this event id.');
    try {
      const upload = await presignUpload(
        { s3: clients.s3, counter: stores.uploadCounter },
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
}
