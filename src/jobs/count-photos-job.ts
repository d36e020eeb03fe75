/**
 * The `photos.count` job: recount a booking's photos in the bucket and keep the thread's one
 * reply (src/slack/photo-reply.ts). Queued when a guest page says a photo landed, and by the
 * schedule for every booking whose upload window is open or closed within the last hour
 * (photos whose browser never said so are counted too).
 */
import type { WebClient } from '@slack/web-api';
import type { Booking } from '../bookings/booking.ts';
import type { JobOf } from '../queue/jobs.ts';
import { recountPhotos } from '../slack/photo-reply.ts';
import type { JobDeps } from '../slack/slack-deps.ts';
import type { Tenant } from '../tenants/tenant-schema.ts';
import { uploadWindowState } from '../uploads/upload-policy.ts';

/** How long after the window closes the schedule still recounts (the last POSTs' lifetime and then some). */
const AFTER_CLOSE_MS = 60 * 60 * 1000;

/** A photo claim is kept as long as a queue keeps a message (SQS: 14 days), and then some. */
const CLAIM_MS = 15 * 24 * 60 * 60 * 1000;

/**
 * The bookings the schedule recounts: not cancelled, with a thread, and an upload window that
 * has opened and closed less than an hour ago.
 */
export function bookingsToRecount(
  bookings: readonly Booking[],
  tenant: Pick<Tenant, 'uploads'>,
  now: Date,
): Booking[] {
  const recent = new Date(now.getTime() - AFTER_CLOSE_MS);
  return bookings.filter(
    (b) =>
      b.status !== 'cancelled' &&
      Boolean(b.slack?.threadTs) &&
      uploadWindowState(now, b.startsAt, b.endsAt, tenant.uploads).state !== 'before' &&
      uploadWindowState(recent, b.startsAt, b.endsAt, tenant.uploads).state !== 'closed',
  );
}

export async function countPhotosJob(
  deps: JobDeps,
  client: WebClient,
  job: JobOf<'photos.count'>,
): Promise<void> {
  const tenant = deps.tenants.get(job.tenantId);
  const galleryUrl = deps.pipeline.photoGalleryUrl;
  if (!galleryUrl) {
    deps.logger.warn({ tenantId: tenant.id }, 'photos not counted: no gallery links configured');
    return;
  }
  const replyDeps = {
    store: deps.bookings,
    objects: deps.pipeline.objects,
    client,
    claims: {
      claim: (key: string) => deps.drafts.claimDelivery(key, deps.clock().getTime() + CLAIM_MS),
      release: (key: string) => deps.drafts.releaseDelivery(key),
    },
    galleryUrl,
    clock: deps.clock,
  };
  if (job.bookingId) {
    await recountPhotos(replyDeps, tenant, job.bookingId);
    return;
  }
  const bookings = bookingsToRecount(
    await deps.bookings.listByTenant(tenant.id),
    tenant,
    deps.clock(),
  );
  for (const booking of bookings) {
    try {
      await recountPhotos(replyDeps, tenant, booking.bookingId);
    } catch (error) {
      // One booking's failure must not stop the others' recount.
      deps.logger.error(
        { err: error, tenantId: tenant.id, bookingId: booking.bookingId },
        'counting guest photos failed',
      );
    }
  }
}
