/** A booking as deckhand keeps it, from approval to completion or cancellation. */
import type { BookingFields } from '../intake/intake-result.ts';
import type { PriceBreakdown } from '../pricing/price-charter.ts';

export const bookingStatuses = ['draft', 'approved', 'active', 'completed', 'cancelled'] as const;
export type BookingStatus = (typeof bookingStatuses)[number];

export interface Assignment {
  captainId: string | null;
  crewIds: string[];
}

export interface Booking {
  tenantId: string;
  /** deckhand's own id (the marketplace's is `marketplaceId`). */
  bookingId: string;
  marketplaceId: string | null;
  status: BookingStatus;
  /** Bumped by every change; conditional updates compare it, so no update is lost. */
  version: number;
  details: BookingFields;
  /** UTC instants of the charter. */
  startsAt: string;
  endsAt: string;
  /** Random public slugs, allocated at approval and kept for the booking's life. */
  guestSlug: string;
  crewSlug: string;
  assignment: Assignment;
  price: PriceBreakdown;
  renterNote: string | null;
  /** The charter's Slack thread: its channel, the thread it lives in, and the status message. */
  slack?: { channelId: string; threadTs: string | null; statusTs: string | null } | undefined;
  /** The thread's one reply about the guests' photos: its ts and the count it shows. */
  photos?: { replyTs: string; count: number } | undefined;
  createdAt: string;
  updatedAt: string;
}

/** A stored booking changed since it was read: read it again and re-apply. */
export class VersionConflictError extends Error {
  override readonly name = 'VersionConflictError';
}
