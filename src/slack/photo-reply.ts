/**
 * The charter thread's one reply about the guests' photos ("6 photos from the guests", with the
 * ops-only gallery link), kept equal to what is really in the bucket.
 *
 * - The count is a listing of the booking's prefix (`uploads/<tenant>/<SLUG>/`) through the
 *   ObjectPublisher port: photos that landed, not presigned POSTs handed out.
 * - The first reply is posted once: a once-only claim (`photos:<tenant>/<booking>`, the same
 *   delivery claims as the thread's other replies) decides who posts; the reply's ts and the
 *   count it shows are then stored on the booking (`booking.photos`, a version-checked write).
 *   A recount that loses the claim waits for the winner's ts and continues as an update.
 * - Later recounts `chat.update` that message when the count changed, never a second reply.
 *   Two recounts racing: the stored count is written with the booking's version check, and after
 *   every post or update a recount reads the booking again and redraws if the stored count is
 *   not the one it just showed, so the message ends on the last stored count.
 */
import type { WebClient } from '@slack/web-api';
import { buildPhotoReply } from '../../views/photo-reply.ts';
import { type Booking, VersionConflictError } from '../bookings/booking.ts';
import type { BookingStore } from '../storage/ports/booking-store.ts';
import type { ObjectPublisher } from '../storage/ports/object-publisher.ts';
import type { Tenant } from '../tenants/tenant-schema.ts';
import { listBookingPhotos } from '../uploads/booking-photos.ts';
import { GALLERY_LINK_DAYS } from '../uploads/gallery-link.ts';

export interface PhotoReplyDeps {
  store: Pick<BookingStore, 'get' | 'update'>;
  objects: Pick<ObjectPublisher, 'list'>;
  client: WebClient;
  /** Once-only claims (the draft store's delivery claims). */
  claims: { claim(key: string): Promise<boolean>; release(key: string): Promise<void> };
  /** The signed gallery link of a booking, working until `expiresAt`. */
  galleryUrl(tenant: Tenant, bookingId: string, expiresAt: Date): string;
  clock(): Date;
  /** How long a recount that lost the claim waits for the winner's ts (default 10 × 300 ms). */
  waitForTs?: { tries: number; ms: number };
}

export type PhotoReplyOutcome = 'posted' | 'updated' | 'unchanged' | 'none';

const MAX_ROUNDS = 6;

const DAY_MS = 24 * 60 * 60 * 1000;

function message(deps: PhotoReplyDeps, tenant: Tenant, bookingId: string, count: number) {
  const linkExpiresAt = new Date(deps.clock().getTime() + GALLERY_LINK_DAYS * DAY_MS);
  return buildPhotoReply({
    count,
    galleryUrl: deps.galleryUrl(tenant, bookingId, linkExpiresAt),
    linkExpiresAt,
    timeZone: tenant.timezone,
  });
}

/** Stores the reply's ts and count on the booking, re-reading on a version conflict. */
async function savePhotos(
  deps: PhotoReplyDeps,
  booking: Booking,
  photos: NonNullable<Booking['photos']>,
): Promise<Booking> {
  let current = booking;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    try {
      return await deps.store.update(current, { photos }, deps.clock());
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
      const fresh = await deps.store.get(booking.tenantId, booking.bookingId);
      if (!fresh) throw error;
      current = fresh;
    }
  }
  throw new VersionConflictError(`booking ${booking.bookingId} keeps changing; try again`);
}

async function waitForReply(
  deps: PhotoReplyDeps,
  tenantId: string,
  bookingId: string,
): Promise<Booking | undefined> {
  const { tries, ms } = deps.waitForTs ?? { tries: 10, ms: 300 };
  for (let i = 0; i < tries; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, ms));
    const booking = await deps.store.get(tenantId, bookingId);
    if (booking?.photos) return booking;
  }
  return undefined;
}

/** Posts the first reply (the claim's winner only); the booking with its stored ts. */
async function postFirst(
  deps: PhotoReplyDeps,
  tenant: Tenant,
  booking: Booking,
  count: number,
): Promise<Booking | 'lost'> {
  const key = `photos:${tenant.id}/${booking.bookingId}`;
  if (!(await deps.claims.claim(key))) return 'lost';
  const slack = booking.slack as NonNullable<Booking['slack']>;
  let ts: string;
  try {
    const reply = message(deps, tenant, booking.bookingId, count);
    const posted = await deps.client.chat.postMessage({
      channel: slack.channelId,
      thread_ts: slack.threadTs ?? undefined,
      text: reply.text,
      blocks: reply.blocks,
      unfurl_links: false,
    });
    ts = posted.ts ?? '';
  } catch (error) {
    // Nothing was posted: the next recount may try again.
    await deps.claims.release(key).catch(() => undefined);
    throw error;
  }
  return savePhotos(deps, booking, { replyTs: ts, count });
}

/**
 * Counts the booking's photos in the bucket and posts or updates the thread's photo reply.
 * Nothing happens for a booking without a thread, a cancelled one, or one with no photos.
 */
export async function recountPhotos(
  deps: PhotoReplyDeps,
  tenant: Tenant,
  bookingId: string,
): Promise<PhotoReplyOutcome> {
  let outcome: PhotoReplyOutcome = 'unchanged';
  /** The count this recount last put in the message, if it did. */
  let shown: number | undefined;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    let booking = await deps.store.get(tenant.id, bookingId);
    if (!booking?.slack?.threadTs || booking.status === 'cancelled') return 'none';
    const count = (await listBookingPhotos(deps.objects, tenant, booking.guestSlug)).length;
    if (count === 0 && !booking.photos) return 'none';

    if (!booking.photos) {
      const first = await postFirst(deps, tenant, booking, count);
      if (first === 'lost') {
        const posted = await waitForReply(deps, tenant.id, bookingId);
        // The winner has not stored its ts yet (or failed): the schedule's recount finishes.
        if (!posted) return outcome;
        continue;
      }
      outcome = 'posted';
      shown = count;
      continue;
    }

    const stored = booking.photos;
    if (stored.count !== count) {
      try {
        booking = await deps.store.update(booking, { photos: { ...stored, count } }, deps.clock());
      } catch (error) {
        // Another recount stored first: start again from what it stored.
        if (error instanceof VersionConflictError) continue;
        throw error;
      }
    } else if (shown === undefined || shown === count) {
      // Stored and listed agree, and this recount drew nothing else (or drew exactly this).
      return outcome;
    }
    const slack = booking.slack as NonNullable<Booking['slack']>;
    const reply = message(deps, tenant, bookingId, count);
    await deps.client.chat.update({
      channel: slack.channelId,
      ts: stored.replyTs,
      text: reply.text,
      blocks: reply.blocks,
    });
    shown = count;
    if (outcome !== 'posted') outcome = 'updated';
  }
  return outcome;
}
