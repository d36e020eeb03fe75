/**
 * The ops-only photo gallery's links: `/ops/photos/<tenant>/<booking>?exp=<unix seconds>&sig=…`,
 * where `sig` is an HMAC-SHA256 (base64url) of the tenant, the booking and the expiry under a
 * per-installation secret. Nothing is stored: a link is unguessable without the secret, works
 * until `exp`, and names one booking of one tenant (changing any part breaks the signature).
 * Only the charter's Slack thread (the ops channel) ever carries one; crew and guests never get it.
 */
import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '../server/constant-time-equal.ts';

/** How long a link in the thread keeps working; each recount that changes the reply renews it. */
export const GALLERY_LINK_DAYS = 30;

export const GALLERY_PATH = /^\/ops\/photos\/([a-z0-9-]{2,63})\/([A-Za-z0-9_-]{1,64})\/?$/;

function signature(secret: string, tenantId: string, bookingId: string, exp: number): string {
  return createHmac('sha256', secret)
    .update(`photo-gallery:${tenantId}:${bookingId}:${exp}`)
    .digest('base64url');
}

/** The link's path and query (put it after the tenant's page base). */
export function galleryLinkPath(
  secret: string,
  tenantId: string,
  bookingId: string,
  expiresAt: Date,
): string {
  const exp = Math.floor(expiresAt.getTime() / 1000);
  const sig = signature(secret, tenantId, bookingId, exp);
  return `/ops/photos/${encodeURIComponent(tenantId)}/${encodeURIComponent(bookingId)}?exp=${exp}&sig=${sig}`;
}

export type GalleryLinkCheck = 'ok' | 'bad_signature' | 'expired';

/** Whether a presented link is one deckhand signed, and still valid at `now`. */
export function checkGalleryLink(
  secret: string,
  tenantId: string,
  bookingId: string,
  query: URLSearchParams,
  now: Date,
): GalleryLinkCheck {
  const expText = query.get('exp') ?? '';
  const sig = query.get('sig') ?? '';
  if (!/^\d{1,12}$/.test(expText) || !/^[A-Za-z0-9_-]{43}$/.test(sig)) return 'bad_signature';
  const exp = Number(expText);
  // The signature first: an expired forgery is a forgery.
  if (!constantTimeEqual(signature(secret, tenantId, bookingId, exp), sig)) return 'bad_signature';
  return exp * 1000 > now.getTime() ? 'ok' : 'expired';
}
