/**
 * Hands a guest's browser a presigned S3 POST for one photo, or refuses with a message the
 * guest page shows as it is. The checks run in deckhand itself, in this order: the upload
 * window, the type, the size, then the per-booking cap (last, so a refused photo never uses up
 * the allowance). S3 enforces the signed policy again on the upload: the exact key and
 * Content-Type, and a content-length-range of 1 byte to the tenant's limit, for 10 minutes.
 * (The S3 emulator ignores POST policies, so the policy document is unit-tested.)
 */
import { randomBytes } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import type { Booking } from '../bookings/booking.ts';
import { DeckhandError } from '../errors.ts';
import { formatClock, formatLongDate } from '../pages/page-format.ts';
import type { Tenant } from '../tenants/tenant-schema.ts';
import type { UploadCounter } from './upload-counter.ts';
import {
  isAcceptedPhotoType,
  maxPhotoBytes,
  normalizeContentType,
  uploadKey,
  uploadWindowState,
} from './upload-policy.ts';
import { MEGABYTE, type PhotoContentType } from './upload-settings.ts';

/** How long a presigned POST stays usable. */
export const UPLOAD_URL_EXPIRES_SECONDS = 600;

export type UploadRefusalCode =
  | 'uploads_not_open'
  | 'uploads_closed'
  | 'unsupported_type'
  | 'empty_photo'
  | 'photo_too_large'
  | 'photo_limit_reached';

/** A photo deckhand will not take; `message` is written for the guest and shown as it is. */
export class UploadRefusedError extends DeckhandError {
  override readonly name = 'UploadRefusedError';
  readonly reason: UploadRefusalCode;

  constructor(reason: UploadRefusalCode, message: string) {
    super(reason, message);
    this.reason = reason;
  }
}

export interface PresignUploadDeps {
  s3: S3Client;
  counter: UploadCounter;
  /** The random part of the key (tests pin it); 128 bits from the CSPRNG by default. */
  randomId?: () => string;
}

export interface PresignUploadRequest {
  tenant: Tenant;
  booking: Pick<Booking, 'bookingId' | 'guestSlug' | 'startsAt' | 'endsAt'>;
  /** What the browser reports for the file (`File.type`). */
  contentType: string;
  /** The file's size in bytes (`File.size`); S3 checks the real size against the policy. */
  size: number;
  now: Date;
}

/** What the browser needs to POST the photo straight to S3. */
export interface PresignedUpload {
  /** The bucket's URL (path-style on the local emulator). */
  url: string;
  /** Form fields to send before the file, in this order, with the file last as `file`. */
  fields: Record<string, string>;
  key: string;
  /** ISO instant the policy expires. */
  expiresAt: string;
}

const TYPE_NAMES: Record<PhotoContentType, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/heic': 'HEIC',
  'image/heif': 'HEIF',
  'image/webp': 'WebP',
};

function listTypes(types: readonly PhotoContentType[]): string {
  const names = types.map((t) => TYPE_NAMES[t]);
  return names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/** "Saturday, May 30, 2026 at 8:00 AM PDT" in the tenant's zone. */
function when(iso: string, timeZone: string): string {
  const at = new Date(iso);
  return `${formatLongDate(at, timeZone)} at ${formatClock(at, timeZone)}`;
}

function megabytes(bytes: number): string {
  const mb = bytes / MEGABYTE;
  return mb >= 10 ? String(Math.round(mb)) : mb.toFixed(1);
}

/** The `expiration` of a base64 POST policy. */
function policyExpiration(policy: string | undefined): string {
  const decoded = JSON.parse(Buffer.from(policy ?? '', 'base64').toString('utf8')) as {
    expiration?: string;
  };
  if (typeof decoded.expiration !== 'string') throw new Error('the POST policy has no expiration');
  return new Date(decoded.expiration).toISOString();
}

/** Checks the request and returns a presigned POST, or throws UploadRefusedError. */
export async function presignUpload(
  deps: PresignUploadDeps,
  request: PresignUploadRequest,
): Promise<PresignedUpload> {
  const { tenant, booking, now } = request;
  const settings = tenant.uploads;
  const window = uploadWindowState(now, booking.startsAt, booking.endsAt, settings);
  if (window.state === 'before') {
    throw new UploadRefusedError(
      'uploads_not_open',
      `Photo uploads open ${when(window.opensAt, tenant.timezone)}. Come back then to share your photos.`,
    );
  }
  if (window.state === 'closed') {
    throw new UploadRefusedError(
      'uploads_closed',
      `Uploads are closed: they closed ${when(window.closesAt, tenant.timezone)}.`,
    );
  }
  const contentType = normalizeContentType(request.contentType);
  if (!isAcceptedPhotoType(contentType, settings)) {
    throw new UploadRefusedError(
      'unsupported_type',
      `Only photos can be uploaded here: ${listTypes(settings.contentTypes)} images.`,
    );
  }
  const max = maxPhotoBytes(settings);
  if (!Number.isSafeInteger(request.size) || request.size < 1) {
    throw new UploadRefusedError('empty_photo', 'This file is empty. Choose another photo.');
  }
  if (request.size > max) {
    throw new UploadRefusedError(
      'photo_too_large',
      `This photo is ${megabytes(request.size)} MB; photos can be up to ${settings.maxPhotoMegabytes} MB each.`,
    );
  }
  const cap = settings.maxPhotosPerBooking;
  if (!(await deps.counter.reserve(tenant.id, booking.bookingId, cap))) {
    throw new UploadRefusedError(
      'photo_limit_reached',
      `This trip already has ${cap} photos, the most we can take. Thank you for sharing them!`,
    );
  }
  const random = deps.randomId?.() ?? randomBytes(16).toString('base64url');
  const key = uploadKey(tenant.id, booking.guestSlug, random, contentType);
  // The library adds exact-match conditions for every field (bucket, key, Content-Type and the
  // x-amz-* signing fields); the size range is ours.
  const post = await createPresignedPost(deps.s3, {
    Bucket: tenant.bucket,
    Key: key,
    Conditions: [['content-length-range', 1, max]],
    Fields: { 'Content-Type': contentType },
    Expires: UPLOAD_URL_EXPIRES_SECONDS,
  });
  return {
    url: post.url,
    fields: post.fields,
    key,
    expiresAt: policyExpiration(post.fields['Policy']),
  };
}
