/**
 * From a parsed booking to an approved one, and from a modification or cancellation to the
 * changed booking. Everything the steps need is allocated here, up front: the slugs, the
 * assignment and the price. Booking the same marketplace id twice returns the first booking.
 *
 * One piece (~310 lines): approve, apply-change and find share the booking's invariants (slug
 * allocation, version-checked writes, which fields re-run which steps); split, each half would
 * re-state them.
 */
import { type Assignment, type Booking, VersionConflictError } from '../bookings/booking.ts';
import { BookingRejectedError } from '../bookings/booking-rejected-error.ts';
import { defaultAssignment } from '../bookings/default-assignment.ts';
import { DeckhandError } from '../errors.ts';
import {
  type BookingFields,
  emptyBookingFields,
  type IntakeResult,
} from '../intake/intake-result.ts';
import { priceCharter, revenueCentsFor } from '../pricing/price-charter.ts';
import type { BookingStore } from '../storage/ports/booking-store.ts';
import type { Tenant } from '../tenants/tenant-schema.ts';
import { zonedToInstant } from '../time/zoned.ts';
import { newBookingId, newSlug } from './slugs.ts';

/** An unknown booking (by deckhand id or marketplace id). */
export class UnknownBookingError extends DeckhandError {
  override readonly name = 'UnknownBookingError';
}

export { defaultAssignment };

function checkAssignment(tenant: Tenant, assignment: Assignment): void {
  const ids = [assignment.captainId, ...assignment.crewIds].filter(
    (id): id is string => id !== null,
  );
  for (const id of ids) {
    if (!tenant.roster.some((m) => m.id === id)) {
      throw new BookingRejectedError('unknown_crew', `"${id}" is not on ${tenant.name}'s roster.`, {
        hint: `Use one of: ${tenant.roster.map((m) => m.id).join(', ')}.`,
      });
    }
  }
  if (
    assignment.captainId &&
    !tenant.roster.find((m) => m.id === assignment.captainId)?.roles.includes('captain')
  ) {
    throw new BookingRejectedError('not_a_captain', `"${assignment.captainId}" is not a captain.`);
  }
  if (new Set(ids).size !== ids.length)
    throw new BookingRejectedError('duplicate_crew', 'Someone is assigned twice.');
}

function schedule(details: BookingFields, tenant: Tenant): { startsAt: string; endsAt: string } {
  const missing = (['date', 'startLocal', 'durationMinutes'] as const).filter(
    (f) => details[f] === null,
  );
  if (missing.length > 0) {
    throw new BookingRejectedError('incomplete', `The booking has no ${missing.join(', ')}.`, {
      hint: 'Add them (e.g. `/charter June 2 10am 3h ...`) and book again.',
    });
  }
  const start = zonedToInstant(
    details.date as string,
    details.startLocal as string,
    tenant.timezone,
  );
  return {
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + (details.durationMinutes as number) * 60_000).toISOString(),
  };
}

function price(
  details: BookingFields,
  tenant: Tenant,
  assignment: Assignment,
  durationMinutes: number,
) {
  const revenueCents = revenueCentsFor(details, tenant.pricing);
  if (revenueCents === undefined) {
    throw new BookingRejectedError(
      'no_revenue',
      `The booking states no ${tenant.pricing.revenue === 'gross' ? 'total paid' : 'payout'}.`,
      {
        hint: `${tenant.name} counts the ${tenant.pricing.revenue === 'gross' ? 'renter total' : 'payout'} as revenue; add it and book again.`,
      },
    );
  }
  return priceCharter(
    {
      revenueCents,
      durationMinutes,
      captain: assignment.captainId !== null,
      crewCount: assignment.crewIds.length,
      partySize: details.partySize ?? undefined,
    },
    tenant.pricing,
  );
}

async function claimSlug(
  store: BookingStore,
  tenantId: string,
  bookingId: string,
  kind: 'guest' | 'crew',
): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const slug = newSlug();
    if (await store.claimSlug(slug, { tenantId, bookingId, kind })) return slug;
  }
  throw new Error('could not allocate a unique slug');
}

/**
 * Creates and approves a booking from a parsed `booking`. Returns the existing booking when the
 * marketplace id was booked before (and `created: false`).
 */
export async function approveBooking(
  store: BookingStore,
  tenant: Tenant,
  intake: IntakeResult,
  options: {
    assignment?: Partial<Assignment> | undefined;
    now: Date;
    /**
     * The id to book under when the intake has no marketplace id: an approval that is retried
     * (its worker died) passes the id it chose the first time and gets the same booking back.
     */
    bookingId?: string;
  },
): Promise<{ booking: Booking; created: boolean }> {
  if (intake.kind !== 'booking') {
    const why: Record<IntakeResult['kind'], string> = {
      booking: '',
      request:
        'This is a booking request: approve it on the marketplace first, then book the confirmation.',
      modification: 'This is a change to a booking, not a new one.',
      cancellation: 'This is a cancellation, not a booking.',
      not_booking: 'This is not a booking.',
    };
    throw new BookingRejectedError('not_a_booking', why[intake.kind]);
  }
  const { startsAt, endsAt } = schedule(intake, tenant);
  const defaults = defaultAssignment(tenant, intake.captainIncluded !== false);
  const assignment: Assignment = {
    captainId:
      options.assignment?.captainId !== undefined
        ? options.assignment.captainId
        : defaults.captainId,
    crewIds: options.assignment?.crewIds ?? defaults.crewIds,
  };
  checkAssignment(tenant, assignment);
  const breakdown = price(intake, tenant, assignment, intake.durationMinutes as number);

  let bookingId = options.bookingId ?? newBookingId();
  if (intake.bookingId) {
    const holder = await store.claimMarketplaceId(tenant.id, intake.bookingId, bookingId);
    if (holder !== bookingId) {
      const existing = await store.get(tenant.id, holder);
      if (existing && existing.status !== 'draft') return { booking: existing, created: false };
      // Claimed by a run that stopped before creating (or approving) the booking: finish it.
      bookingId = holder;
    }
  }
  const now = options.now.toISOString();
  const {
    kind: _k,
    missing: _m,
    source: _s,
    subject: _sub,
    startsAt: _a,
    endsAt: _e,
    renterNote,
    warnings: _w,
    ...details
  } = intake;
  const draft: Booking = {
    tenantId: tenant.id,
    bookingId,
    marketplaceId: intake.bookingId,
    status: 'draft',
    version: 1,
    details,
    startsAt,
    endsAt,
    guestSlug: await claimSlug(store, tenant.id, bookingId, 'guest'),
    crewSlug: await claimSlug(store, tenant.id, bookingId, 'crew'),
    assignment,
    price: breakdown,
    renterNote,
    createdAt: now,
    updatedAt: now,
  };
  let toApprove = draft;
  if (!(await store.create(draft))) {
    const existing = await store.get(tenant.id, bookingId);
    // Still a draft: the run that created it stopped before approving it; finish that here.
    if (existing && existing.status !== 'draft') return { booking: existing, created: false };
    if (existing) toApprove = existing;
  }
  let approved: Booking;
  try {
    approved = await store.update(toApprove, { status: 'approved' }, options.now);
  } catch (error) {
    // Another approval of the same draft (the same email approved twice at once) won the
    // conditional write between our read and our update: that run approves it, not this one.
    if (!(error instanceof VersionConflictError)) throw error;
    const existing = await store.get(tenant.id, bookingId);
    if (!existing || existing.status === 'draft') throw error;
    return { booking: existing, created: false };
  }
  await store.appendEvent(tenant.id, bookingId, {
    type: 'approved',
    at: now,
    message: 'booking approved',
  });
  return { booking: approved, created: true };
}

/** A cancellation of `bookingId` as if an email had said so (`deckhand cancel`, `/charter cancel`). */
export function cancellationOf(bookingId: string): IntakeResult {
  return {
    ...emptyBookingFields(),
    bookingId,
    kind: 'cancellation',
    missing: [],
    source: 'command',
    subject: null,
    startsAt: null,
    endsAt: null,
    renterNote: null,
    warnings: [],
  };
}

/** Finds a booking by deckhand id or by marketplace id. */
export async function findBooking(
  store: BookingStore,
  tenant: Tenant,
  id: string,
): Promise<Booking> {
  const direct = await store.get(tenant.id, id);
  if (direct) return direct;
  const holder = await store.findMarketplaceRef(tenant.id, id);
  const viaMarketplace = holder ? await store.get(tenant.id, holder) : undefined;
  if (viaMarketplace) return viaMarketplace;
  throw new UnknownBookingError('unknown_booking', `No booking "${id}" for ${tenant.name}.`, {
    hint: `Run deckhand list --tenant ${tenant.id} to see its bookings.`,
  });
}

/**
 * Applies a modification (new values for the fields it states) or a cancellation to the booking
 * it names, with a conditional update; the caller then re-runs the pipeline, which redoes only
 * the steps whose inputs changed.
 */
export async function applyChange(
  store: BookingStore,
  tenant: Tenant,
  intake: IntakeResult,
  now: Date,
): Promise<{ booking: Booking; changed: string[] }> {
  if (!intake.bookingId) {
    throw new BookingRejectedError(
      'no_booking_id',
      'The change does not say which booking it is for.',
      {
        hint: 'Forward the marketplace email, which carries the booking id.',
      },
    );
  }
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const booking = await findBooking(store, tenant, intake.bookingId);
    if (intake.kind === 'cancellation') {
      if (booking.status === 'cancelled') return { booking, changed: [] };
      try {
        const cancelled = await store.update(booking, { status: 'cancelled' }, now);
        await store.appendEvent(tenant.id, booking.bookingId, {
          type: 'cancelled',
          at: now.toISOString(),
          message: 'booking cancelled',
        });
        return { booking: cancelled, changed: ['status'] };
      } catch (error) {
        if (error instanceof VersionConflictError) continue;
        throw error;
      }
    }
    const changed: string[] = [];
    const details = { ...booking.details };
    for (const [field, value] of Object.entries(intake) as [keyof BookingFields, unknown][]) {
      // Evidence and conflicts say where a value was read, not what the booking is.
      if ((field as string) === 'evidence' || (field as string) === 'conflicts') continue;
      if (!(field in details) || value === null || field === 'bookingId') continue;
      if (JSON.stringify(details[field]) !== JSON.stringify(value)) {
        (details as Record<string, unknown>)[field] = value;
        changed.push(field);
      }
    }
    if (changed.length === 0) return { booking, changed };
    const { startsAt, endsAt } = schedule(details, tenant);
    const breakdown = price(details, tenant, booking.assignment, details.durationMinutes as number);
    try {
      const updated = await store.update(
        booking,
        { details, startsAt, endsAt, price: breakdown },
        now,
      );
      await store.appendEvent(tenant.id, booking.bookingId, {
        type: 'modified',
        at: now.toISOString(),
        message: `booking changed: ${changed.join(', ')}`,
        detail: { changed },
      });
      return { booking: updated, changed };
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
    }
  }
  throw new VersionConflictError(`booking ${intake.bookingId} keeps changing; try again`);
}
