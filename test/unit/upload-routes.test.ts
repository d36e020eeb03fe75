/** `POST /g/<slug>/uploads` without a socket: lookups, validation, the window and every refusal. */
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import type { Booking } from '../../src/bookings/booking.ts';
import { EXAMPLE_TENANTS_FILE } from '../../src/config/config.ts';
import { MemoryUploadCounter } from '../../src/storage/memory-upload-counter.ts';
import { loadTenantsFile } from '../../src/tenants/tenant-registry.ts';
import type { Tenant } from '../../src/tenants/tenant-schema.ts';
import {
  createUploadHandler,
  createUploadRoutes,
  UPLOAD_PATH,
  type UploadRouteDeps,
} from '../../src/uploads/upload-routes.ts';
import { serviceRequest } from '../support/service-request.ts';

const registry = await loadTenantsFile(EXAMPLE_TENANTS_FILE);
const QUEEN = registry.get('queen-of-san-diego');
const NOW = new Date('2026-05-30T17:00:00.000Z');
const s3 = new S3Client({
  region: 'us-east-1',
  endpoint: 'http://127.0.0.1:4569',
  forcePathStyle: true,
  credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
});
afterAll(() => s3.destroy());

function booking(overrides: Partial<Booking> = {}): Booking {
  return {
    tenantId: QUEEN.id,
    bookingId: 'BK01',
    guestSlug: 'K7QM2XD',
    crewSlug: 'R4TW9PLC2M',
    startsAt: '2026-05-30T16:00:00.000Z',
    endsAt: '2026-05-30T20:00:00.000Z',
    status: 'active',
    ...overrides,
  } as Booking;
}

function deps(
  options: { bookings?: Booking[]; tenants?: Tenant[]; now?: Date } = {},
): UploadRouteDeps & { counter: MemoryUploadCounter } {
  const bookings = options.bookings ?? [booking()];
  return {
    store: {
      async findSlug(slug) {
        for (const b of bookings) {
          if (b.guestSlug === slug)
            return { tenantId: b.tenantId, bookingId: b.bookingId, kind: 'guest' };
          if (b.crewSlug === slug)
            return { tenantId: b.tenantId, bookingId: b.bookingId, kind: 'crew' };
        }
        return undefined;
      },
      async get(tenantId, bookingId) {
        return bookings.find((b) => b.tenantId === tenantId && b.bookingId === bookingId);
      },
    },
    tenants: { list: () => options.tenants ?? registry.list() },
    s3,
    counter: new MemoryUploadCounter(),
    clock: () => options.now ?? NOW,
    randomId: () => 'AbCdEfGhIjKlMnOpQrStUv',
  };
}

const JSON_HEADERS = { 'content-type': 'application/json' };

function post(path: string, body: unknown, headers: Record<string, string> = JSON_HEADERS) {
  return serviceRequest('POST', path, { body, headers });
}

async function answer(
  d: UploadRouteDeps,
  request: ReturnType<typeof serviceRequest>,
): Promise<{ status: number; body: Record<string, unknown>; headers: Record<string, string> }> {
  const response = await createUploadHandler(d)(request);
  return {
    status: response.status,
    body: JSON.parse(response.body) as Record<string, unknown>,
    headers: response.headers ?? {},
  };
}

describe('POST /g/<slug>/uploads', () => {
  it('answers a presigned POST for a photo during the window', async () => {
    const d = deps();
    const { status, body, headers } = await answer(
      d,
      post('/g/K7QM2XD/uploads', { contentType: 'image/jpeg', size: 123_456 }),
    );

    expect(status).toBe(200);
    expect(headers['cache-control']).toBe('no-store');
    expect(body).toMatchObject({
      url: 'http://127.0.0.1:4569/queenofsandiego.com',
      key: 'uploads/queen-of-san-diego/K7QM2XD/AbCdEfGhIjKlMnOpQrStUv.jpg',
      fields: { 'Content-Type': 'image/jpeg', key: expect.any(String), Policy: expect.any(String) },
      expiresAt: expect.any(String),
    });
    expect(await d.counter.count(QUEEN.id, 'BK01')).toBe(1);
  });

  it('takes the slug in any letter case, with or without a trailing slash', async () => {
    for (const path of ['/g/k7qm2xd/uploads', '/g/K7qm2XD/uploads/']) {
      expect(
        (await answer(deps(), post(path, { contentType: 'image/png', size: 10 }))).status,
      ).toBe(200);
    }
  });

  it('answers an unknown slug and a crew slug alike: 404, nothing revealed', async () => {
    const unknown = await answer(
      deps(),
      post('/g/ZZZZZZZ/uploads', { contentType: 'image/jpeg', size: 1 }),
    );
    const crew = await answer(
      deps(),
      post('/g/R4TW9PLC2M/uploads', { contentType: 'image/jpeg', size: 1 }),
    );

    expect(unknown.status).toBe(404);
    expect(crew).toEqual(unknown);
    expect(unknown.body['message']).toMatch(/Check the link you were sent/);
  });

  it('answers 404 when the tenant is no longer configured', async () => {
    const { status } = await answer(
      deps({ tenants: registry.list().filter((t) => t.id !== QUEEN.id) }),
      post('/g/K7QM2XD/uploads', { contentType: 'image/jpeg', size: 1 }),
    );
    expect(status).toBe(404);
  });

  it('refuses a cancelled charter with 410', async () => {
    const { status, body } = await answer(
      deps({ bookings: [booking({ status: 'cancelled' })] }),
      post('/g/K7QM2XD/uploads', { contentType: 'image/jpeg', size: 1 }),
    );
    expect(status).toBe(410);
    expect(body['error']).toBe('booking_cancelled');
  });

  it('asks for POST, and for JSON', async () => {
    const get = await answer(deps(), serviceRequest('GET', '/g/K7QM2XD/uploads'));
    const form = await answer(
      deps(),
      post('/g/K7QM2XD/uploads', 'contentType=image/jpeg&size=1', {
        'content-type': 'application/x-www-form-urlencoded',
      }),
    );

    expect(get.status).toBe(405);
    expect(get.headers['allow']).toBe('POST');
    expect(form.status).toBe(415);
    expect(form.body['error']).toBe('unsupported_media_type');
  });

  it('says which field to fix', async () => {
    const bad = await answer(deps(), post('/g/K7QM2XD/uploads', { contentType: 'image/jpeg' }));
    const negative = await answer(
      deps(),
      post('/g/K7QM2XD/uploads', { contentType: 'image/jpeg', size: -1 }),
    );
    const notJson = await answer(deps(), post('/g/K7QM2XD/uploads', '{"contentType":'));

    expect(bad.status).toBe(400);
    expect(bad.body['message']).toMatch(/size/);
    expect(negative.status).toBe(400);
    expect(notJson.body['error']).toBe('invalid_json');
  });

  it.each([
    [{ contentType: 'text/plain', size: 10 }, NOW, 415, 'unsupported_type'],
    [{ contentType: 'image/jpeg', size: 0 }, NOW, 400, 'empty_photo'],
    [{ contentType: 'image/jpeg', size: 16 * 1024 * 1024 }, NOW, 413, 'photo_too_large'],
    [
      { contentType: 'image/jpeg', size: 10 },
      new Date('2026-05-29T00:00:00Z'),
      403,
      'uploads_not_open',
    ],
    [
      { contentType: 'image/jpeg', size: 10 },
      new Date('2026-07-01T00:00:00Z'),
      403,
      'uploads_closed',
    ],
  ] as const)('refuses %j at %s with %i %s', async (body, now, status, error) => {
    const d = deps({ now });
    const result = await answer(d, post('/g/K7QM2XD/uploads', body));

    expect(result.status).toBe(status);
    expect(result.body['error']).toBe(error);
    expect(typeof result.body['message']).toBe('string');
    expect(await d.counter.count(QUEEN.id, 'BK01')).toBe(0);
  });

  it('refuses with 409 once the booking’s cap is reached', async () => {
    const tenant = { ...QUEEN, uploads: { ...QUEEN.uploads, maxPhotosPerBooking: 1 } };
    const d = deps({ tenants: [tenant] });
    const first = await answer(
      d,
      post('/g/K7QM2XD/uploads', { contentType: 'image/jpeg', size: 9 }),
    );
    const second = await answer(
      d,
      post('/g/K7QM2XD/uploads', { contentType: 'image/jpeg', size: 9 }),
    );

    expect(first.status).toBe(200);
    expect(second.status).toBe(409);
    expect(second.body['error']).toBe('photo_limit_reached');
  });
});

describe('createUploadRoutes', () => {
  it('claims only /g/<slug>/uploads under the /g/ prefix, so the page site keeps the rest', () => {
    const [route] = createUploadRoutes(deps());

    expect(route?.prefix).toBe('/g/');
    expect(route?.strip).toBeUndefined();
    expect(route?.matches?.('/g/K7QM2XD/uploads')).toBe(true);
    expect(route?.matches?.('/g/k7qm2xd/uploads/')).toBe(true);
    for (const path of [
      '/g/K7QM2XD',
      '/g/K7QM2XD/',
      '/g/K7QM2XD.ics',
      '/g/K7QM2XD/uploads/x',
      '/g/uploads',
    ])
      expect(route?.matches?.(path)).toBe(false);
    expect(UPLOAD_PATH.test('/c/R4TW9PLC2M/uploads')).toBe(false);
  });
});
