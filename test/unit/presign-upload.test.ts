/**
 * Presigned photo POSTs. The S3 emulator ignores POST policies and signatures, so what S3
 * would enforce is checked here, on the policy document deckhand signs: exact key, bucket and
 * Content-Type, a content-length-range of 1 byte to the tenant's limit, a 10-minute expiry,
 * and a SigV4 signature over exactly that policy. Every refusal is deckhand's own.
 */
import { createHmac } from 'node:crypto';
import { S3Client } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EXAMPLE_TENANTS_FILE } from '../../src/config/config.ts';
import { DeckhandError } from '../../src/errors.ts';
import { MemoryUploadCounter } from '../../src/storage/memory-upload-counter.ts';
import { loadTenantsFile } from '../../src/tenants/tenant-registry.ts';
import type { Tenant } from '../../src/tenants/tenant-schema.ts';
import {
  type PresignUploadRequest,
  presignUpload,
  UploadRefusedError,
} from '../../src/uploads/presign-upload.ts';

const CREDENTIALS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const RANDOM = 'AbCdEfGhIjKlMnOpQrStUv';
const NOW = new Date('2026-05-30T17:00:00.000Z'); // on the water
const BOOKING = {
  bookingId: 'BK01TESTBOOKING',
  guestSlug: 'K7QM2XD',
  startsAt: '2026-05-30T16:00:00.000Z',
  endsAt: '2026-05-30T20:00:00.000Z',
};
const MB = 1024 * 1024;

const tenants = await loadTenantsFile(EXAMPLE_TENANTS_FILE);
const QUEEN = tenants.get('queen-of-san-diego');

interface Policy {
  expiration: string;
  conditions: (Record<string, string> | [string, ...unknown[]])[];
}

function decodePolicy(fields: Record<string, string>): Policy {
  return JSON.parse(Buffer.from(fields['Policy'] ?? '', 'base64').toString('utf8')) as Policy;
}

/** SigV4 for a POST policy: HMAC chain over date, region, service, then the base64 policy. */
function expectedSignature(policyBase64: string, date: string, region: string): string {
  const hmac = (key: string | Buffer, data: string) =>
    createHmac('sha256', key).update(data).digest();
  const kDate = hmac(`AWS4${CREDENTIALS.secretAccessKey}`, date);
  const kSigning = hmac(hmac(hmac(kDate, region), 's3'), 'aws4_request');
  return createHmac('sha256', kSigning).update(policyBase64).digest('hex');
}

let counter: MemoryUploadCounter;
let s3: S3Client;

beforeEach(() => {
  // Only Date is faked: the library stamps the policy with Date.now().
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  counter = new MemoryUploadCounter();
  s3 = new S3Client({ region: 'us-west-2', credentials: CREDENTIALS });
});

afterEach(() => {
  vi.useRealTimers();
  s3.destroy();
});

function request(overrides: Partial<PresignUploadRequest> = {}): PresignUploadRequest {
  return {
    tenant: QUEEN,
    booking: BOOKING,
    contentType: 'image/jpeg',
    size: 2 * MB,
    now: NOW,
    ...overrides,
  };
}

function withUploads(settings: Partial<Tenant['uploads']>): Tenant {
  return { ...QUEEN, uploads: { ...QUEEN.uploads, ...settings } };
}

async function refusal(req: PresignUploadRequest): Promise<UploadRefusedError> {
  const error = await presignUpload({ s3, counter, randomId: () => RANDOM }, req).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UploadRefusedError);
  return error as UploadRefusedError;
}

describe('a presigned POST', () => {
  it('goes to the bucket, keyed uploads/<tenant>/<SLUG>/<random>.<ext>, for 10 minutes', async () => {
    const upload = await presignUpload({ s3, counter, randomId: () => RANDOM }, request());

    // A bucket name with dots is addressed path-style over https.
    expect(upload.url).toBe('https://s3.us-west-2.amazonaws.com/queenofsandiego.com');
    expect(upload.key).toBe(`uploads/queen-of-san-diego/K7QM2XD/${RANDOM}.jpg`);
    expect(upload.expiresAt).toBe('2026-05-30T17:10:00.000Z');
    expect(upload.fields).toMatchObject({
      key: upload.key,
      'Content-Type': 'image/jpeg',
      bucket: 'queenofsandiego.com',
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': 'AKIDEXAMPLE/20260530/us-west-2/s3/aws4_request',
      'X-Amz-Date': '20260530T170000Z',
    });
  });

  it('signs a policy with exact key, bucket and type, 1 byte to 15 MB, expiring in 10 minutes', async () => {
    const upload = await presignUpload({ s3, counter, randomId: () => RANDOM }, request());
    const policy = decodePolicy(upload.fields);

    expect(policy.expiration).toBe('2026-05-30T17:10:00Z');
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['content-length-range', 1, 15 * MB],
        { key: `uploads/queen-of-san-diego/K7QM2XD/${RANDOM}.jpg` },
        { bucket: 'queenofsandiego.com' },
        { 'Content-Type': 'image/jpeg' },
        { 'X-Amz-Algorithm': 'AWS4-HMAC-SHA256' },
        { 'X-Amz-Credential': 'AKIDEXAMPLE/20260530/us-west-2/s3/aws4_request' },
        { 'X-Amz-Date': '20260530T170000Z' },
      ]),
    );
    // Nothing looser: the only non-exact condition is the size range (no starts-with).
    expect(policy.conditions.filter((c) => Array.isArray(c))).toEqual([
      ['content-length-range', 1, 15 * MB],
    ]);
    // Every field the browser sends is pinned by a condition (except the policy and signature).
    const pinned = new Set(
      policy.conditions.flatMap((c) => (Array.isArray(c) ? [] : Object.keys(c))),
    );
    for (const name of Object.keys(upload.fields)) {
      if (name !== 'Policy' && name !== 'X-Amz-Signature') expect(pinned).toContain(name);
    }
  });

  it('is signed with SigV4 over exactly that policy', async () => {
    const upload = await presignUpload({ s3, counter, randomId: () => RANDOM }, request());

    expect(upload.fields['X-Amz-Signature']).toBe(
      expectedSignature(upload.fields['Policy'] ?? '', '20260530', 'us-west-2'),
    );
  });

  it('uses the tenant’s size limit and the normalized type with its extension', async () => {
    const tenant = withUploads({ maxPhotoMegabytes: 5 });
    const upload = await presignUpload(
      { s3, counter, randomId: () => RANDOM },
      request({ tenant, contentType: 'IMAGE/HEIC', size: 5 * MB }),
    );
    const policy = decodePolicy(upload.fields);

    expect(upload.key).toMatch(/\.heic$/);
    expect(policy.conditions).toContainEqual(['content-length-range', 1, 5 * MB]);
    expect(policy.conditions).toContainEqual({ 'Content-Type': 'image/heic' });
    expect(upload.fields['Content-Type']).toBe('image/heic');
  });

  it('gives every photo its own random key', async () => {
    const a = await presignUpload({ s3, counter }, request());
    const b = await presignUpload({ s3, counter }, request());

    expect(a.key).toMatch(/^uploads\/queen-of-san-diego\/K7QM2XD\/[A-Za-z0-9_-]{22}\.jpg$/);
    expect(a.key).not.toBe(b.key);
  });

  it('points at the emulator path-style in local mode', async () => {
    const local = new S3Client({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:4569',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    const upload = await presignUpload({ s3: local, counter }, request());
    local.destroy();

    expect(upload.url).toBe('http://127.0.0.1:4569/queenofsandiego.com');
  });
});

describe('refusals, with a message the page shows as it is', () => {
  it('before the window: says when it opens, in the tenant’s time', async () => {
    const error = await refusal(request({ now: new Date('2026-05-30T14:59:00Z') }));

    expect(error).toBeInstanceOf(DeckhandError);
    expect(error.reason).toBe('uploads_not_open');
    expect(error.code).toBe('uploads_not_open');
    expect(error.message).toBe(
      'Photo uploads open Saturday, May 30, 2026 at 8:00 AM PDT. Come back then to share your photos.',
    );
  });

  it('after the window: says it is closed and since when', async () => {
    const error = await refusal(request({ now: new Date('2026-06-06T20:00:00Z') }));

    expect(error.reason).toBe('uploads_closed');
    expect(error.message).toBe(
      'Uploads are closed: they closed Saturday, June 6, 2026 at 1:00 PM PDT.',
    );
  });

  it.each(['text/plain', 'text/html', 'image/svg+xml', 'image/gif', 'application/pdf', ''])(
    'not a photo: %j',
    async (contentType) => {
      const error = await refusal(request({ contentType }));

      expect(error.reason).toBe('unsupported_type');
      expect(error.message).toBe(
        'Only photos can be uploaded here: JPEG, PNG, HEIC, HEIF or WebP images.',
      );
    },
  );

  it('a type the tenant does not take, naming the ones it does', async () => {
    const tenant = withUploads({ contentTypes: ['image/jpeg'] });
    const error = await refusal(request({ tenant, contentType: 'image/png' }));

    expect(error.message).toBe('Only photos can be uploaded here: JPEG images.');
  });

  it('an empty file, and a size that is not a byte count', async () => {
    expect((await refusal(request({ size: 0 }))).reason).toBe('empty_photo');
    expect((await refusal(request({ size: 1.5 }))).reason).toBe('empty_photo');
  });

  it('over the size limit, saying both sizes', async () => {
    const error = await refusal(request({ size: 20 * MB }));

    expect(error.reason).toBe('photo_too_large');
    expect(error.message).toBe('This photo is 20 MB; photos can be up to 15 MB each.');
    expect((await refusal(request({ size: 15 * MB + 1 }))).reason).toBe('photo_too_large');
  });

  it('over the booking’s cap; a refused photo never uses up the allowance', async () => {
    const tenant = withUploads({ maxPhotosPerBooking: 2 });
    await refusal(request({ tenant, contentType: 'text/plain' }));
    await refusal(request({ tenant, size: 99 * MB }));
    await refusal(request({ tenant, now: new Date('2027-01-01T00:00:00Z') }));
    expect(await counter.count(QUEEN.id, BOOKING.bookingId)).toBe(0);

    await presignUpload({ s3, counter }, request({ tenant }));
    await presignUpload({ s3, counter }, request({ tenant }));
    const error = await refusal(request({ tenant }));

    expect(error.reason).toBe('photo_limit_reached');
    expect(error.message).toBe(
      'This trip already has 2 photos, the most we can take. Thank you for sharing them!',
    );
    expect(await counter.count(QUEEN.id, BOOKING.bookingId)).toBe(2);
  });

  it('counts per booking', async () => {
    const tenant = withUploads({ maxPhotosPerBooking: 1 });
    await presignUpload({ s3, counter }, request({ tenant }));

    const other = await presignUpload(
      { s3, counter },
      request({ tenant, booking: { ...BOOKING, bookingId: 'BK02OTHER', guestSlug: 'Q2W3E4R' } }),
    );

    expect(other.key).toMatch(/^uploads\/queen-of-san-diego\/Q2W3E4R\//);
  });
});
