/**
 * `POST /g/<slug>/uploads`: the guest page asks for a presigned S3 POST for one photo.
 *
 * Body (JSON): `{contentType, size}` as the browser reports the file. Answers 200
 * `{url, fields, key, expiresAt}`, or `{error, message}` with a message written for the guest:
 * 400 bad request, 404 unknown page, 410 cancelled charter, 403 outside the upload window,
 * 413 too big, 415 not a photo (or not JSON), 409 the booking's photo cap is reached.
 *
 * The route shares the `/g/` prefix with the page site, so it only claims its own paths
 * (`matches`) and must be mounted before the page site's `/g/` route.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { z } from 'zod';
import type { Booking } from '../bookings/booking.ts';
import type { Logger } from '../logging/logger.ts';
import { errorResponse } from '../server/error-response.ts';
import type { Route } from '../server/http-server.ts';
import { parseJsonRequest } from '../server/parse-json-request.ts';
import { jsonResponse, type ServiceRequest, type ServiceResponse } from '../server/service-http.ts';
import type { Tenant } from '../tenants/tenant-schema.ts';
import { presignUpload, type UploadRefusalCode, UploadRefusedError } from './presign-upload.ts';
import type { UploadCounter } from './upload-counter.ts';

export interface UploadRouteDeps {
  /** The booking store (DynamoBookingStore): who owns a slug, and the booking. */
  store: {
    findSlug(
      slug: string,
    ): Promise<{ tenantId: string; bookingId: string; kind: 'guest' | 'crew' } | undefined>;
    get(tenantId: string, bookingId: string): Promise<Booking | undefined>;
  };
  tenants: { list(): Tenant[] };
  /** The client that signs the POSTs: its endpoint is where browsers send the photos. */
  s3: S3Client;
  counter: UploadCounter;
  clock?: () => Date;
  logger?: Logger;
  /** The random part of each key (tests pin it). */
  randomId?: () => string;
}

/** `/g/<slug>/uploads`, any letter case in the slug, optional trailing slash. */
export const UPLOAD_PATH = /^\/g\/([A-Za-z0-9]{7,16})\/uploads\/?$/;

const MAX_REQUEST_BYTES = 1024;

const uploadRequestSchema = z.object({
  contentType: z.string().max(200, 'is too long'),
  size: z.number().int('must be a whole number of bytes').nonnegative(),
});

/** HTTP status of each refusal, shared by the page endpoint and the SCC action. */
export const REFUSAL_STATUS: Record<UploadRefusalCode, number> = {
  uploads_not_open: 403,
  uploads_closed: 403,
  unsupported_type: 415,
  empty_photo: 400,
  photo_too_large: 413,
  photo_limit_reached: 409,
};

export const NOT_FOUND_MESSAGE =
  'This trip page does not exist. Check the link you were sent, or ask the charter company for a new one.';

export function isJson(request: ServiceRequest): boolean {
  const type = request.headers['content-type'] ?? '';
  return /^application\/json\s*(;|$)/i.test(type.trim());
}

/**
 * The guest booking a `/g/<slug>/…` request is for, or the answer that refuses it: 404 for an
 * unknown page (a crew slug answers exactly as an unknown one), 410 for a cancelled charter.
 * Shared by the presign route and the "done" route.
 */
export async function guestBookingOf(
  deps: Pick<UploadRouteDeps, 'store' | 'tenants'>,
  rawSlug: string,
): Promise<
  | { ok: true; slug: string; tenant: Tenant; booking: Booking }
  | { ok: false; response: ServiceResponse }
> {
  const slug = rawSlug.toUpperCase();
  const notFound = {
    ok: false,
    response: errorResponse(404, 'not_found', NOT_FOUND_MESSAGE),
  } as const;
  const owner = await deps.store.findSlug(slug);
  if (owner?.kind !== 'guest') return notFound;
  const tenant = deps.tenants.list().find((t) => t.id === owner.tenantId);
  const booking = tenant ? await deps.store.get(owner.tenantId, owner.bookingId) : undefined;
  if (!tenant || !booking) return notFound;
  if (booking.status === 'cancelled')
    return {
      ok: false,
      response: errorResponse(
        410,
        'booking_cancelled',
        'This charter was cancelled, so there are no photos to upload.',
      ),
    };
  return { ok: true, slug, tenant, booking };
}

/** The handler for `/g/<slug>/uploads` (exported for tests and other transports). */
export function createUploadHandler(
  deps: UploadRouteDeps,
): (request: ServiceRequest) => Promise<ServiceResponse> {
  const clock = deps.clock ?? (() => new Date());
  return async (request) => {
    const match = UPLOAD_PATH.exec(request.path);
    if (!match) return errorResponse(404, 'not_found', NOT_FOUND_MESSAGE);
    if (request.method !== 'POST') {
      return errorResponse(
        405,
        'method_not_allowed',
        'Use POST with {"contentType", "size"} to ask for an upload.',
        { allow: 'POST' },
      );
    }
    // Only the page's own script sends JSON; a cross-site form cannot (and gets nothing).
    if (!isJson(request)) {
      return errorResponse(
        415,
        'unsupported_media_type',
        'Send the request as JSON (Content-Type: application/json).',
      );
    }
    const parsed = parseJsonRequest(request, uploadRequestSchema, MAX_REQUEST_BYTES);
    if (!parsed.ok) return parsed.response;

    const found = await guestBookingOf(deps, match[1] ?? '');
    if (!found.ok) return found.response;
    const { tenant, booking } = found;

    try {
      const upload = await presignUpload(
        {
          s3: deps.s3,
          counter: deps.counter,
          ...(deps.randomId ? { randomId: deps.randomId } : {}),
        },
        {
          tenant,
          booking,
          contentType: parsed.value.contentType,
          size: parsed.value.size,
          now: clock(),
        },
      );
      deps.logger?.info(
        { tenantId: tenant.id, bookingId: booking.bookingId, key: upload.key },
        'photo upload presigned',
      );
      return jsonResponse(200, upload);
    } catch (error) {
      if (!(error instanceof UploadRefusedError)) throw error;
      deps.logger?.info(
        { tenantId: tenant.id, bookingId: booking.bookingId, reason: error.reason },
        'photo upload refused',
      );
      return errorResponse(REFUSAL_STATUS[error.reason], error.reason, error.message);
    }
  };
}

/**
 * The upload routes. Mount them before the page site's `/g/` route: they match only
 * `/g/<slug>/uploads`, so every other `/g/` path still reaches the pages.
 */
export function createUploadRoutes(deps: UploadRouteDeps): Route[] {
  return [
    {
      prefix: '/g/',
      matches: (path) => UPLOAD_PATH.test(path),
      handle: createUploadHandler(deps),
    },
  ];
}
