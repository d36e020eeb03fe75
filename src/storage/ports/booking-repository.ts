/** The port for bookings, the marketplace ids they claim and their page slugs. */
import type { Booking } from '../../bookings/booking.ts';

/** Who a page slug belongs to. */
export interface SlugOwner {
  tenantId: string;
  bookingId: string;
  kind: 'guest' | 'crew';
}

/** Bookings by id and start time, with first-claimant-wins marketplace ids and slugs. */
export interface BookingRepository {
  /** Claims `marketplaceId` for `bookingId`; returns the booking id that holds it (first wins). */
  claimMarketplaceId(tenantId: string, marketplaceId: string, bookingId: string): Promise<string>;
  findMarketplaceRef(tenantId: string, marketplaceId: string): Promise<string | undefined>;
  /** Claims a page slug; false when another booking has it. */
  claimSlug(slug: string, owner: SlugOwner): Promise<boolean>;
  findSlug(slug: string): Promise<SlugOwner | undefined>;
  /** Creates a booking; false if it already exists (a re-run after a crash). */
  create(booking: Booking): Promise<boolean>;
  get(tenantId: string, bookingId: string): Promise<Booking | undefined>;
  /**
   * Replaces the booking if it is still at `current.version`, bumping the version and updatedAt.
   * Throws VersionConflictError when someone else changed it first.
   */
  update(
    current: Booking,
    changes: Partial<Omit<Booking, 'tenantId' | 'bookingId' | 'version'>>,
    now: Date,
  ): Promise<Booking>;
  /** A tenant's bookings ordered by start time, then id (optionally those starting at or after `from`). */
  listByTenant(tenantId: string, from?: string): Promise<Booking[]>;
}
