/**
 * `POST /g/<slug>/uploads/done`: the guest page says a photo's POST to S3 succeeded. deckhand
 * does not take its word for it: the answer only queues a recount of what is really under the
 * booking's prefix in the bucket (the `photos.count` job), so a forged "done" with no object
 * changes nothing, and a repeat is harmless (idempotent: the recount counts objects).
 *
 * Body (JSON): `{key}`, the key the presign answer gave. The same checks as the presign route
 * (POST, JSON, a guest slug, not cancelled), plus: the key is under this booking's prefix, and
 * the upload window is open (or closed less than a presigned POST's lifetime ago, for a photo
 * that was still on its way). Rate limit: one "done" per presigned POST handed out, counted
 * with the same conditional counter as the presign cap (item `<bookingId>#done`); past it, 429.
 * Answers 202 `{status: "queued"}`.
 */
import { z } from 'zod';
import type { Logger } from '../logging/logger.ts';
import { errorResponse } from '../server/error-response.ts';
import type { Route } from '../server/http-server.ts';
import { parseJsonRequest } from '../server/parse-json-request.ts';
import { jsonResponse, type ServiceRequest, type ServiceResponse } from '../server/service-http.ts';
import { UPLOAD_URL_EXPIRES_SECONDS } from './presign-upload.ts';
import { uploadPrefix, uploadWindowState } from './upload-policy.ts';
import {
  guestBookingOf,
  isJson,
  NOT_FOUND_MESSAGE,
  type UploadRouteDeps,
} from './upload-routes.ts';

export interface UploadDoneDeps extends Pick<UploadRouteDeps, 'store' | 'tenants' | 'counter'> {
  /** Queues the recount (the runtime turns it into a `photos.count` job for the Slack side). */
  photosLanded(tenantId: string, bookingId: string): void;
  clock?: () => Date;
  logger?: Logger;
}

export const UPLOAD_DONE_PATH = /^\/g\/([A-Za-z0-9]{7,16})\/uploads\/done\/?$/;

const MAX_REQUEST_BYTES = 1024;

const doneSchema = z.object({ key: z.string().min(1).max(300) });

/** The counter item of the "done" calls, beside the booking's presign counter. */
export function doneCounterId(bookingId: string): string {
  return `${bookingId}#done`;
}

export function createUploadDoneHandler(
  deps: UploadDoneDeps,
): (request: ServiceRequest) => Promise<ServiceResponse> {
  const clock = deps.clock ?? (() => new Date());
  return async (request) => {
    const match = UPLOAD_DONE_PATH.exec(request.path);
    if (!match) return errorResponse(404, 'not_found', NOT_FOUND_MESSAGE);
    if (request.method !== 'POST')
      return errorResponse(405, 'method_not_allowed', 'Use POST with {"key"}.', { allow: 'POST' });
    if (!isJson(request))
      return errorResponse(
        415,
        'unsupported_media_type',
        'Send the request as JSON (Content-Type: application/json).',
      );
    const parsed = parseJsonRequest(request, doneSchema, MAX_REQUEST_BYTES);
    if (!parsed.ok) return parsed.response;
    const found = await guestBookingOf(deps, match[1] ?? '');
    if (!found.ok) return found.response;
    const { slug, tenant, booking } = found;
    if (!parsed.value.key.startsWith(uploadPrefix(tenant.id, slug)))
      return errorResponse(400, 'invalid_request', 'key: not a photo of this trip.');
    const now = clock();
    const late = new Date(now.getTime() - UPLOAD_URL_EXPIRES_SECONDS * 1000);
    const window = uploadWindowState(now, booking.startsAt, booking.endsAt, tenant.uploads);
    if (window.state === 'before')
      return errorResponse(403, 'uploads_not_open', 'Photo uploads are not open yet.');
    if (
      uploadWindowState(late, booking.startsAt, booking.endsAt, tenant.uploads).state === 'closed'
    )
      return errorResponse(403, 'uploads_closed', 'Uploads are closed.');

    const given = await deps.counter.count(tenant.id, booking.bookingId);
    if (!(await deps.counter.reserve(tenant.id, doneCounterId(booking.bookingId), given))) {
      deps.logger?.info(
        { tenantId: tenant.id, bookingId: booking.bookingId },
        'photo "done" refused: more than the presigned POSTs handed out',
      );
      return errorResponse(
        429,
        'too_many_requests',
        'We already know about every photo this trip was given an upload for.',
      );
    }
    deps.photosLanded(tenant.id, booking.bookingId);
    return jsonResponse(202, { status: 'queued' });
  };
}

/** Mount before the page site's `/g/` route, beside the presign route. */
export function createUploadDoneRoutes(deps: UploadDoneDeps): Route[] {
  return [
    {
      prefix: '/g/',
      matches: (path) => UPLOAD_DONE_PATH.test(path),
      handle: createUploadDoneHandler(deps),
    },
  ];
}
