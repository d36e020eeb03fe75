/**
 * A booking's uploaded photos, for ops: the list (for the "N photos" reply in the booking's
 * thread) and time-limited presigned GET links (the access-controlled gallery). Photos are
 * never public: the bucket serves them only through these signed links.
 */
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { ObjectPublisher } from '../storage/ports/object-publisher.ts';
import type { Tenant } from '../tenants/tenant-schema.ts';
import { uploadPrefix } from './upload-policy.ts';

export interface BookingPhoto {
  key: string;
  /** Bytes. */
  size: number;
  /** ISO instant S3 recorded the upload, when it says. */
  uploadedAt: string | null;
}

export interface GalleryLink extends BookingPhoto {
  /** A presigned GET URL for the photo. */
  url: string;
  /** ISO instant the link stops working. */
  expiresAt: string;
}

/** SigV4 presigned URLs live at most 7 days. */
export const MAX_GALLERY_LINK_SECONDS = 7 * 24 * 60 * 60;

/** Every photo under `uploads/<tenantId>/<SLUG>/`, oldest first. */
export async function listBookingPhotos(
  objects: Pick<ObjectPublisher, 'list'>,
  tenant: Pick<Tenant, 'id' | 'bucket'>,
  guestSlug: string,
): Promise<BookingPhoto[]> {
  const listed = await objects.list(tenant.bucket, uploadPrefix(tenant.id, guestSlug));
  const photos: BookingPhoto[] = listed.map((object) => ({
    key: object.key,
    size: object.size,
    uploadedAt: object.lastModified ? object.lastModified.toISOString() : null,
  }));
  return photos.sort(
    (a, b) => (a.uploadedAt ?? '').localeCompare(b.uploadedAt ?? '') || a.key.localeCompare(b.key),
  );
}

/** A presigned GET link for every photo of the booking, valid for `expiresInSeconds`. */
export async function galleryLinks(
  deps: { s3: S3Client; objects: Pick<ObjectPublisher, 'list'> },
  tenant: Pick<Tenant, 'id' | 'bucket'>,
  guestSlug: string,
  expiresInSeconds: number,
): Promise<GalleryLink[]> {
  if (
    !Number.isInteger(expiresInSeconds) ||
    expiresInSeconds < 1 ||
    expiresInSeconds > MAX_GALLERY_LINK_SECONDS
  ) {
    throw new RangeError(
      `gallery links expire after 1 to ${MAX_GALLERY_LINK_SECONDS} seconds, not ${expiresInSeconds}`,
    );
  }
  const photos = await listBookingPhotos(deps.objects, tenant, guestSlug);
  const expiresAt = new Date(Date.now() + expiresInSeconds * 1000).toISOString();
  return Promise.all(
    photos.map(async (photo) => ({
      ...photo,
      url: await getSignedUrl(
        deps.s3,
        new GetObjectCommand({ Bucket: tenant.bucket, Key: photo.key }),
        {
          expiresIn: expiresInSeconds,
        },
      ),
      expiresAt,
    })),
  );
}
