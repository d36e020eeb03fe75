/**
 * The ops-only photo gallery without a socket: a signed, expiring link shows the booking's
 * photos through short presigned GET URLs with upload times in the tenant's zone; a changed or
 * expired link, another tenant's path, or a booking the tenant does not have is refused.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import type { Booking } from '../../src/bookings/booking.ts';
import { EXAMPLE_TENANTS_FILE } from '../../src/config/config.ts';
import { MemoryObjectPublisher } from '../../src/storage/memory-object-publisher.ts';
import { loadTenantsFile } from '../../src/tenants/tenant-registry.ts';
import { formatInZone } from '../../src/time/zoned.ts';
import { checkGalleryLink, galleryLinkPath } from '../../src/uploads/gallery-link.ts';
import { createGalleryHandler, type GalleryRouteDeps } from '../../src/uploads/gallery-route.ts';
import { uploadPrefix } from '../../src/uploads/upload-policy.ts';
import { serviceRequest } from '../support/service-request.ts';

const registry = await loadTenantsFile(EXAMPLE_TENANTS_FILE);
const QUEEN = registry.get('queen-of-san-diego');
const KEYS = registry.get('keys-reef-runner');
const SECRET = 'gallery-test-secret-0123456789abcdef';
const NOW = new Date();
const DAY = 86_400_000;
const s3 = new S3Client({
  region: 'us-east-1',
  endpoint: 'http://127.0.0.1:4569',
  forcePathStyle: true,
  credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
});
afterAll(() => s3.destroy());

const BOOKINGS: Booking[] = [
  {
    tenantId: QUEEN.id,
    bookingId: 'BKQUEEN1',
    guestSlug: 'K7QM2XD',
    startsAt: new Date(NOW.getTime() - DAY).toISOString(),
    details: { listingName: 'Sea Breeze', guestName: 'Karen Oakes' },
  } as Booking,
  {
    tenantId: KEYS.id,
    bookingId: 'BKKEYS1',
    guestSlug: 'Z9XY8WV',
    startsAt: NOW.toISOString(),
    details: {},
  } as Booking,
];

async function deps(): Promise<GalleryRouteDeps> {
  let clock = new Date(NOW.getTime() - 2 * 60 * 60_000);
  const objects = new MemoryObjectPublisher({
    buckets: [QUEEN.bucket, KEYS.bucket],
    clock: () => clock,
    uploadOrigin: 'http://127.0.0.1:*',
  });
  for (const name of ['a.jpg', 'b.png']) {
    await objects.put({
      bucket: QUEEN.bucket,
      key: `${uploadPrefix(QUEEN.id, 'K7QM2XD')}${name}`,
      body: 'x'.repeat(2048),
      contentType: 'image/jpeg',
      cacheControl: 'no-store',
    });
    clock = new Date(clock.getTime() + 60 * 60_000);
  }
  return {
    tenants: { list: () => registry.list() },
    store: { get: async (t, b) => BOOKINGS.find((x) => x.tenantId === t && x.bookingId === b) },
    s3,
    objects,
    secret: SECRET,
    clock: () => NOW,
  };
}

function get(d: GalleryRouteDeps, pathAndQuery: string) {
  const [path = '', query = ''] = pathAndQuery.split('?');
  return createGalleryHandler(d)({
    ...serviceRequest('GET', path),
    query: new URLSearchParams(query),
  });
}

const link = (tenantId: string, bookingId: string, expiresAt = new Date(NOW.getTime() + DAY)) =>
  galleryLinkPath(SECRET, tenantId, bookingId, expiresAt);

describe('the photo gallery link', () => {
  it('checks out for what it was signed for, until it expires', () => {
    const query = new URLSearchParams(link(QUEEN.id, 'BKQUEEN1').split('?')[1]);
    expect(checkGalleryLink(SECRET, QUEEN.id, 'BKQUEEN1', query, NOW)).toBe('ok');
    expect(checkGalleryLink(SECRET, QUEEN.id, 'BKQUEEN2', query, NOW)).toBe('bad_signature');
    expect(checkGalleryLink(SECRET, KEYS.id, 'BKQUEEN1', query, NOW)).toBe('bad_signature');
    expect(checkGalleryLink('another-secret', QUEEN.id, 'BKQUEEN1', query, NOW)).toBe(
      'bad_signature',
    );
    expect(
      checkGalleryLink(SECRET, QUEEN.id, 'BKQUEEN1', query, new Date(NOW.getTime() + 2 * DAY)),
    ).toBe('expired');
    const later = new URLSearchParams(query);
    later.set('exp', String(Number(query.get('exp')) + 86_400));
    expect(checkGalleryLink(SECRET, QUEEN.id, 'BKQUEEN1', later, NOW)).toBe('bad_signature');
  });
});

describe('GET /ops/photos/<tenant>/<booking>', () => {
  it('shows every photo through a short presigned URL, with its upload time in the tenant’s zone', async () => {
    const d = await deps();
    const response = await get(d, link(QUEEN.id, 'BKQUEEN1'));

    expect(response.status).toBe(200);
    expect(response.headers?.['cache-control']).toBe('no-store');
    expect(response.headers?.['referrer-policy']).toBe('no-referrer');
    expect(response.headers?.['content-security-policy']).toContain('img-src http://127.0.0.1:*');
    expect(response.body).toContain('2 photos from the guests');
    expect(response.body).toContain('Sea Breeze · Karen Oakes');
    const urls = [...response.body.matchAll(/<img src="([^"]+)"/g)].map((m) =>
      m[1]?.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&'),
    );
    expect(urls).toHaveLength(2);
    for (const url of urls) {
      const signed = new URL(url ?? '');
      expect(signed.pathname).toMatch(
        new RegExp(`/${QUEEN.bucket}/uploads/${QUEEN.id}/K7QM2XD/[ab]\\.(jpg|png)$`),
      );
      expect(signed.searchParams.get('X-Amz-Expires')).toBe('900');
    }
    const firstAt = new Date(NOW.getTime() - 2 * 60 * 60_000);
    expect(response.body).toContain(`Uploaded ${formatInZone(firstAt, QUEEN.timezone)}`);
    expect(response.body).toMatch(/\bP[DS]T\b/);
  });

  it('refuses a changed signature (403), an expired link (410), another tenant (403) and an unknown booking (404)', async () => {
    const d = await deps();
    const good = link(QUEEN.id, 'BKQUEEN1');
    const tampered = good.replace(/sig=./, (m) => (m.endsWith('A') ? 'sig=B' : 'sig=A'));
    const expired = link(QUEEN.id, 'BKQUEEN1', new Date(NOW.getTime() - 1000));
    const otherTenant = good.replace(`/ops/photos/${QUEEN.id}/`, `/ops/photos/${KEYS.id}/`);
    // Signed by deckhand, but for a booking id this tenant does not have (it is Keys').
    const notTheirs = link(QUEEN.id, 'BKKEYS1');

    const statuses = await Promise.all(
      [tampered, expired, otherTenant, notTheirs, `/ops/photos/${QUEEN.id}/BKQUEEN1`].map(
        async (path) => (await get(d, path)).status,
      ),
    );
    expect(statuses).toEqual([403, 410, 403, 404, 403]);
    for (const path of [tampered, otherTenant, notTheirs])
      expect((await get(d, path)).body).not.toContain('<img');
  });
});
