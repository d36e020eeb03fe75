/**
 * `GET /ops/photos/<tenant>/<booking>?exp=…&sig=…`: the ops-only gallery of a booking's guest
 * photos. The link is HMAC-signed and expiring (gallery-link.ts) and only ever posted in the
 * charter's Slack thread. The page shows every photo in the bucket under the booking's prefix
 * through presigned GET URLs that live 15 minutes, with its upload time in the tenant's zone.
 *
 * Refusals: 403 for a link deckhand did not sign (any part changed, another tenant's path),
 * 410 for an expired one, 404 for a tenant or booking that does not exist (a link signed for a
 * booking id under a tenant that has no such booking). Never cached, never indexed, no referrer
 * (the signature must not leak to the photo bucket's logs).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { Booking } from '../bookings/booking.ts';
import type { Logger } from '../logging/logger.ts';
import { formatLongDate } from '../pages/page-format.ts';
import { compilePageTemplate, cspValue } from '../pages/render-pages.ts';
import type { Route } from '../server/http-server.ts';
import type { ServiceRequest, ServiceResponse } from '../server/service-http.ts';
import type { ObjectPublisher } from '../storage/ports/object-publisher.ts';
import type { Tenant } from '../tenants/tenant-schema.ts';
import { formatInZone } from '../time/zoned.ts';
import { galleryLinks } from './booking-photos.ts';
import { checkGalleryLink, GALLERY_PATH } from './gallery-link.ts';

export interface GalleryRouteDeps {
  tenants: { list(): Tenant[] };
  store: { get(tenantId: string, bookingId: string): Promise<Booking | undefined> };
  /** Signs the photos' GET URLs. */
  s3: S3Client;
  objects: Pick<ObjectPublisher, 'list' | 'uploadOrigin'>;
  /** The secret the links are signed with. */
  secret: string;
  clock?: () => Date;
  logger?: Logger;
}

/** How long each photo's presigned GET URL works: long enough to look, short if copied. */
export const PHOTO_URL_SECONDS = 15 * 60;

const galleryTemplate = compilePageTemplate('photo-gallery.hbs');
const refusedTemplate = compilePageTemplate('photo-gallery-refused.hbs');

const REFUSED_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex, nofollow',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

function refused(status: number, headline: string, reason: string): ServiceResponse {
  return {
    status,
    headers: { ...HEADERS, 'content-security-policy': REFUSED_CSP },
    body: refusedTemplate({
      csp: cspValue(REFUSED_CSP),
      pageTitle: headline,
      headline,
      reason,
    }),
  };
}

function byteSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function createGalleryHandler(
  deps: GalleryRouteDeps,
): (request: ServiceRequest) => Promise<ServiceResponse> {
  const clock = deps.clock ?? (() => new Date());
  return async (request) => {
    const match = GALLERY_PATH.exec(request.path);
    const notFound = () =>
      refused(404, 'No such gallery', 'There is no charter with photos at this address.');
    if (!match) return notFound();
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return {
        ...refused(405, 'Not allowed', 'This page can only be viewed.'),
        headers: { ...HEADERS, allow: 'GET' },
      };
    const tenantId = match[1] ?? '';
    const bookingId = match[2] ?? '';
    const tenant = deps.tenants.list().find((t) => t.id === tenantId);
    if (!tenant) return notFound();
    const now = clock();
    const check = checkGalleryLink(deps.secret, tenantId, bookingId, request.query, now);
    if (check === 'bad_signature') {
      deps.logger?.warn({ tenantId, bookingId }, 'photo gallery: a link deckhand did not sign');
      return refused(403, 'This link does not work', 'It was changed or copied incompletely.');
    }
    if (check === 'expired')
      return refused(410, 'This link has expired', 'Gallery links work for a limited time.');
    const booking = await deps.store.get(tenantId, bookingId);
    if (!booking) return notFound();

    const zone = tenant.timezone;
    const links = await galleryLinks(deps, tenant, booking.guestSlug, PHOTO_URL_SECONDS);
    const origin = await deps.objects.uploadOrigin(tenant.bucket);
    const csp = `default-src 'none'; img-src ${origin}; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'`;
    const headline = `${links.length} ${links.length === 1 ? 'photo' : 'photos'} from the guests`;
    const charter = [
      formatLongDate(new Date(booking.startsAt), zone),
      booking.details.listingName,
      booking.details.guestName,
    ]
      .filter((part): part is string => typeof part === 'string' && part.length > 0)
      .join(' · ');
    const expires = new Date(now.getTime() + PHOTO_URL_SECONDS * 1000);
    return {
      status: 200,
      headers: { ...HEADERS, 'content-security-policy': csp },
      body: galleryTemplate({
        csp: cspValue(csp),
        pageTitle: `${headline} · ${tenant.name}`,
        tenantName: tenant.name,
        headline,
        charter,
        linksExpireAt: formatInZone(expires, zone),
        photos: links.map((link, index) => ({
          number: index + 1,
          url: link.url,
          uploadedAt: link.uploadedAt
            ? formatInZone(new Date(link.uploadedAt), zone)
            : 'at an unknown time',
          size: byteSize(link.size),
        })),
      }),
    };
  };
}

export function createGalleryRoutes(deps: GalleryRouteDeps): Route[] {
  return [{ prefix: '/ops/photos/', handle: createGalleryHandler(deps) }];
}
