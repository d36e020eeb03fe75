/**
 * Guest photo uploads, the pure part: when a booking's upload window is open, which photos are
 * acceptable, and where they are stored. No I/O and no clock: `now` is always passed in.
 *
 * The window runs from `opensMinutesBefore` before departure until `closesDaysAfter` × 24 hours
 * after the charter ends: open when opensAt <= now < closesAt.
 */
import {
  MEGABYTE,
  PHOTO_EXTENSIONS,
  type PhotoContentType,
  type UploadSettings,
} from './upload-settings.ts';

export type UploadWindowState = 'before' | 'open' | 'closed';

export interface UploadWindow {
  state: UploadWindowState;
  /** ISO UTC instant: the first moment uploads are accepted. */
  opensAt: string;
  /** ISO UTC instant: the first moment they are not any more. */
  closesAt: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Milliseconds of a Date or an ISO 8601 instant (Date.parse alone would take "May 30"). */
function instant(value: Date | string, field: string): number {
  const ms =
    typeof value === 'string'
      ? /^\d{4}-\d{2}-\d{2}T/.test(value)
        ? Date.parse(value)
        : Number.NaN
      : value.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`${field} is not a valid instant: ${String(value)}`);
  return ms;
}

/** The booking's upload window and where `now` falls in it. */
export function uploadWindowState(
  now: Date,
  startsAt: Date | string,
  endsAt: Date | string,
  settings: Pick<UploadSettings, 'opensMinutesBefore' | 'closesDaysAfter'>,
): UploadWindow {
  const opens = instant(startsAt, 'startsAt') - settings.opensMinutesBefore * 60_000;
  const closes = instant(endsAt, 'endsAt') + settings.closesDaysAfter * DAY_MS;
  const at = instant(now, 'now');
  return {
    state: at < opens ? 'before' : at < closes ? 'open' : 'closed',
    opensAt: new Date(opens).toISOString(),
    closesAt: new Date(closes).toISOString(),
  };
}

/** The largest photo a tenant accepts, in bytes. */
export function maxPhotoBytes(settings: Pick<UploadSettings, 'maxPhotoMegabytes'>): number {
  return settings.maxPhotoMegabytes * MEGABYTE;
}

/**
 * A browser-reported type as deckhand compares it: lower case, without parameters, and the
 * non-standard `image/jpg` some old phones send read as `image/jpeg`.
 */
export function normalizeContentType(contentType: string): string {
  const bare = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return bare === 'image/jpg' ? 'image/jpeg' : bare;
}

/** True when `contentType` (normalized) is one the tenant accepts. */
export function isAcceptedPhotoType(
  contentType: string,
  settings: Pick<UploadSettings, 'contentTypes'>,
): contentType is PhotoContentType {
  return (settings.contentTypes as readonly string[]).includes(contentType);
}

/** The file extension a photo of `contentType` is stored with. */
export function photoExtension(contentType: PhotoContentType): string {
  return PHOTO_EXTENSIONS[contentType];
}

/** Where a booking's photos live in the tenant's bucket: `uploads/<tenantId>/<SLUG>/`. */
export function uploadPrefix(tenantId: string, guestSlug: string): string {
  return `uploads/${tenantId}/${guestSlug.toUpperCase()}/`;
}

/** A photo's key: `uploads/<tenantId>/<SLUG>/<random>.<ext>`. */
export function uploadKey(
  tenantId: string,
  guestSlug: string,
  random: string,
  contentType: PhotoContentType,
): string {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(random)) {
    throw new RangeError('the random part of an upload key must be 16-64 URL-safe characters');
  }
  return `${uploadPrefix(tenantId, guestSlug)}${random}.${photoExtension(contentType)}`;
}
