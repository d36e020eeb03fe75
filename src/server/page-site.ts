/**
 * Serves the guest and crew pages locally exactly as CloudFront would: the repo's own
 * viewer-request function rewrites the path, then the object is read from the tenant's bucket.
 */
import { GetObjectCommand, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';
import { runViewerRequest } from '../pages/edge-function.ts';
import type { BookingStore } from '../storage/ports/booking-store.ts';
import type { TenantRegistry } from '../tenants/tenant-registry.ts';
import type { ServiceRequest, ServiceResponse } from './service-http.ts';

const OBJECT_KEY = /^\/(g|c)\/([A-Z0-9]{7,16})\.(html|ics)$/;

const NOT_FOUND_HTML =
  '<!doctype html><html lang="en"><meta charset="utf-8"><meta name="robots" content="noindex">' +
  '<title>Page not found</title><h1>Page not found</h1><p>Check the link you were sent, or ask the charter company for a new one.</p></html>';

function notFound(): ServiceResponse {
  return {
    status: 404,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    },
    body: NOT_FOUND_HTML,
  };
}

/** True for the paths this site answers. */
export function isPagePath(path: string): boolean {
  return /^\/[gGcC]\//.test(path);
}

export function createPageSite(deps: {
  s3: S3Client;
  store: BookingStore;
  tenants: TenantRegistry;
}) {
  return async (request: ServiceRequest): Promise<ServiceResponse> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return {
        status: 405,
        headers: { allow: 'GET, HEAD', 'content-type': 'text/plain' },
        body: 'Use GET.',
      };
    }
    const { uri } = await runViewerRequest(request.path, request.query.toString());
    const match = OBJECT_KEY.exec(uri);
    if (!match) return notFound();
    const [, folder, slug, extension] = match;
    const owner = await deps.store.findSlug(slug ?? '');
    // A crew slug under /g/ (or the reverse) is not a page: do not reveal that it exists.
    if (
      !owner ||
      (owner.kind === 'crew') !== (folder === 'c') ||
      (folder === 'c' && extension !== 'html')
    )
      return notFound();
    const tenant = deps.tenants.list().find((t) => t.id === owner.tenantId);
    if (!tenant) return notFound();
    try {
      const object = await deps.s3.send(
        new GetObjectCommand({ Bucket: tenant.bucket, Key: uri.slice(1) }),
      );
      const body = (await object.Body?.transformToString('utf-8')) ?? '';
      return {
        status: 200,
        headers: {
          'content-type': object.ContentType ?? 'text/html; charset=utf-8',
          'cache-control': object.CacheControl ?? 'no-cache',
          'referrer-policy': 'no-referrer',
          'x-robots-tag': 'noindex',
          'x-content-type-options': 'nosniff',
        },
        body: request.method === 'HEAD' ? '' : body,
      };
    } catch (error) {
      if (error instanceof NoSuchKey || (error as Error).name === 'NoSuchKey') return notFound();
      throw error;
    }
  };
}
