/**
 * Photo uploads on the embedded stores: the per-booking counter in dynalite under races, the
 * buckets' CORS rule in s3rver, presigned POSTs accepted by s3rver from Node, the gallery's
 * presigned GETs, and the upload route mounted before the page site over real HTTP.
 */
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { S3Client } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Booking } from '../../src/bookings/booking.ts';
import { EXAMPLE_TENANTS_FILE } from '../../src/config/config.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { startHttpServer, stopHttpServer } from '../../src/server/http-server.ts';
import { jsonResponse } from '../../src/server/service-http.ts';
import { DynamoUploadCounter } from '../../src/storage/dynamo-upload-counter.ts';
import { ensureBuckets } from '../../src/storage/ensure-buckets.ts';
import { S3ObjectPublisher } from '../../src/storage/s3-object-publisher.ts';
import { keys } from '../../src/storage/table-design.ts';
import { loadTenantsFile } from '../../src/tenants/tenant-registry.ts';
import {
  galleryLinks,
  listBookingPhotos,
  MAX_GALLERY_LINK_SECONDS,
} from '../../src/uploads/booking-photos.ts';
import { presignUpload } from '../../src/uploads/presign-upload.ts';
import { createUploadRoutes } from '../../src/uploads/upload-routes.ts';
import { uploadConnectSource } from '../../src/uploads/upload-target.ts';
import { startTestStores, type TestStores } from '../support/embedded-stores.ts';

const tenants = await loadTenantsFile(EXAMPLE_TENANTS_FILE);
const QUEEN = tenants.get('queen-of-san-diego');
const silent = new Writable({ write: (_c, _e, done) => done() });

let stores: TestStores;
let counter: DynamoUploadCounter;
beforeAll(async () => {
  stores = await startTestStores([QUEEN.bucket]);
  counter = new DynamoUploadCounter(stores.clients.doc, stores.tableName);
});
const objects = () => new S3ObjectPublisher(stores.clients.s3, undefined);
const gallery = () => ({ s3: stores.clients.s3, objects: objects() });
afterAll(async () => {
  await stores?.close();
});

/** What the page's script does, from Node: the fields in order, the file last. */
async function postPhoto(
  upload: { url: string; fields: Record<string, string> },
  bytes: Buffer,
  type: string,
): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', new Blob([bytes], { type }), 'photo');
  return fetch(upload.url, {
    method: 'POST',
    body: form,
    headers: { origin: 'http://127.0.0.1:3000' },
  });
}

describe('DynamoUploadCounter', () => {
  it('counts up to the cap and no further', async () => {
    const results: boolean[] = [];
    for (let i = 0; i < 4; i += 1) results.push(await counter.reserve('t1', 'B-SEQ', 3));

    expect(results).toEqual([true, true, true, false]);
    expect(await counter.count('t1', 'B-SEQ')).toBe(3);
    expect(await counter.count('t1', 'B-NONE')).toBe(0);
  });

  it('never passes the cap when many guests upload at once', async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, () => counter.reserve('t1', 'B-RACE', 25)),
    );

    expect(results.filter(Boolean)).toHaveLength(25);
    expect(await counter.count('t1', 'B-RACE')).toBe(25);
  });

  it('is one item per booking, keyed by tenant and booking', async () => {
    await counter.reserve('t2', 'B-ONE', 5);
    await counter.reserve('t3', 'B-ONE', 5);
    const item = await stores.clients.doc.send(
      new GetCommand({ TableName: stores.tableName, Key: keys.uploadCounter('t2', 'B-ONE') }),
    );

    expect(item.Item).toEqual({
      pk: 'T#t2#B#B-ONE',
      sk: 'UPLOADS',
      entity: 'upload_counter',
      tenantId: 't2',
      bookingId: 'B-ONE',
      count: 1,
    });
    expect(await counter.count('t3', 'B-ONE')).toBe(1);
  });
});

describe('the local buckets’ CORS rule', () => {
  const preflight = (origin: string) =>
    fetch(`${stores.stack.info.s3Endpoint}/${QUEEN.bucket}`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST' },
    });

  it('lets pages on any loopback port POST to the bucket', async () => {
    for (const origin of [
      'http://127.0.0.1:3000',
      'http://127.0.0.1:41234',
      'http://localhost:3000',
    ]) {
      const response = await preflight(origin);
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-methods')).toBe('POST');
    }
  });

  it('refuses other origins and other methods', async () => {
    expect((await preflight('https://evil.example')).status).toBe(403);
    const put = await fetch(`${stores.stack.info.s3Endpoint}/${QUEEN.bucket}`, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:3000', 'access-control-request-method': 'PUT' },
    });
    expect(put.status).toBe(403);
  });

  it('is set again, unchanged, on every start', async () => {
    await ensureBuckets(stores.clients.s3, [QUEEN.bucket]);
    expect((await preflight('http://127.0.0.1:3000')).status).toBe(200);
  });
});

describe('presigned POSTs and the gallery on s3rver', () => {
  const booking = {
    bookingId: 'BK-GALLERY',
    guestSlug: 'G4LL3RY1',
    startsAt: new Date(Date.now() - 3_600_000).toISOString(),
    endsAt: new Date(Date.now() + 3_600_000).toISOString(),
  };
  const photos = [Buffer.from('first photo bytes'), Buffer.from('second, longer photo bytes')];

  beforeAll(async () => {
    for (const bytes of photos) {
      const upload = await presignUpload(
        { s3: stores.clients.s3, counter },
        { tenant: QUEEN, booking, contentType: 'image/png', size: bytes.length, now: new Date() },
      );
      const response = await postPhoto(upload, bytes, 'image/png');
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:3000');
    }
    // Another booking's photo stays out of this one's gallery.
    const other = await presignUpload(
      { s3: stores.clients.s3, counter },
      {
        tenant: QUEEN,
        booking: { ...booking, bookingId: 'BK-OTHER', guestSlug: 'OTH3RSLG' },
        contentType: 'image/jpeg',
        size: 5,
        now: new Date(),
      },
    );
    await postPhoto(other, Buffer.from('other'), 'image/jpeg');
  });

  it('lists the booking’s photos under uploads/<tenant>/<SLUG>/', async () => {
    const listed = await listBookingPhotos(objects(), QUEEN, 'g4ll3ry1');

    expect(listed).toHaveLength(2);
    for (const photo of listed) {
      expect(photo.key).toMatch(/^uploads\/queen-of-san-diego\/G4LL3RY1\/[A-Za-z0-9_-]{22}\.png$/);
      expect(photo.uploadedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    }
    expect(listed.map((p) => p.size).sort()).toEqual(photos.map((p) => p.length).sort());
    expect(await listBookingPhotos(objects(), QUEEN, 'NOPHOTOS')).toEqual([]);
  });

  it('gives ops presigned GET links that serve the photos', async () => {
    const links = await galleryLinks(gallery(), QUEEN, 'G4LL3RY1', 3600);

    expect(links).toHaveLength(2);
    const bodies = await Promise.all(
      links.map(async (link) => {
        expect(link.url).toMatch(/X-Amz-Signature=[0-9a-f]{64}/);
        expect(link.url).toContain('X-Amz-Expires=3600');
        const response = await fetch(link.url);
        expect(response.status).toBe(200);
        return Buffer.from(await response.arrayBuffer()).toString();
      }),
    );
    expect(bodies.sort()).toEqual(photos.map(String).sort());
    expect(Date.parse(links[0]?.expiresAt ?? '')).toBeGreaterThan(Date.now() + 3_500_000);
  });

  it('refuses link lifetimes SigV4 cannot sign', async () => {
    await expect(galleryLinks(gallery(), QUEEN, 'G4LL3RY1', 0)).rejects.toThrow(RangeError);
    await expect(
      galleryLinks(gallery(), QUEEN, 'G4LL3RY1', MAX_GALLERY_LINK_SECONDS + 1),
    ).rejects.toThrow(RangeError);
  });

  it('is what the page’s CSP allows: the emulator’s host on any port', async () => {
    expect(await uploadConnectSource(stores.clients.s3, QUEEN.bucket)).toBe('http://127.0.0.1:*');
    const aws = new S3Client({
      region: 'us-west-2',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    });
    expect(await uploadConnectSource(aws, QUEEN.bucket)).toBe('https://s3.us-west-2.amazonaws.com');
    expect(await uploadConnectSource(aws, 'keys-reef-runner-pages')).toBe(
      'https://keys-reef-runner-pages.s3.us-west-2.amazonaws.com',
    );
    aws.destroy();
  });
});

describe('mounting the upload route before the page site', () => {
  let server: Server;
  let url = '';
  const booking = {
    tenantId: QUEEN.id,
    bookingId: 'BK-MOUNT',
    guestSlug: 'M0UNTED1',
    crewSlug: 'CR3WSLUG1',
    startsAt: new Date(Date.now() - 3_600_000).toISOString(),
    endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    status: 'active',
  } as Booking;

  beforeAll(async () => {
    await stores.store.claimSlug(booking.guestSlug, {
      tenantId: booking.tenantId,
      bookingId: booking.bookingId,
      kind: 'guest',
    });
    await stores.store.create(booking);
    const started = await startHttpServer(
      {
        tenants,
        logger: createLogger('silent', silent),
        version: 'test',
        routes: [
          ...createUploadRoutes({ store: stores.store, tenants, s3: stores.clients.s3, counter }),
          // Stands in for the page site: answers everything else under /g/.
          { prefix: '/g/', handle: async (r) => jsonResponse(200, { pageSite: r.path }) },
        ],
      },
      { host: '127.0.0.1', port: 0 },
    );
    server = started.server;
    url = started.url;
  });
  afterAll(async () => {
    if (server) await stopHttpServer(server);
  });

  it('sends /g/<slug>/uploads to the upload route', async () => {
    const response = await fetch(`${url}/g/m0unted1/uploads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ contentType: 'image/webp', size: 1000 }),
    });
    const body = (await response.json()) as { url: string; key: string };

    expect(response.status).toBe(200);
    expect(body.url).toBe(`${stores.stack.info.s3Endpoint}/${QUEEN.bucket}`);
    expect(body.key).toMatch(/^uploads\/queen-of-san-diego\/M0UNTED1\/.+\.webp$/);
  });

  it('leaves every other /g/ path to the page site', async () => {
    for (const path of ['/g/m0unted1', '/g/M0UNTED1.ics', '/g/M0UNTED1/uploads/extra']) {
      const response = await fetch(`${url}${path}`);
      expect(await response.json()).toEqual({ pageSite: path });
    }
  });
});
