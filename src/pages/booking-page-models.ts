/** Page models built from a booking and its tenant (their shapes: page-models.ts). No money for crew. */
import type { Booking } from '../bookings/booking.ts';
import type { Tenant } from '../tenants/tenant-schema.ts';
import { uploadWindowState } from '../uploads/upload-policy.ts';
import type { CrewPageModel, GuestPageModel } from './page-models.ts';

function person(tenant: Tenant, id: string | null) {
  return id === null ? undefined : tenant.roster.find((m) => m.id === id);
}

/** What the guest page needs beyond the booking: the render time and the upload bucket's origin. */
export interface GuestPageContext {
  /** When the page is rendered (the photo section's no-JavaScript state). */
  now: Date;
  /** CSP source of the bucket photos are posted to (see uploadConnectSource). */
  uploadConnectSource: string | null;
}

/** The guest page's photo section for this booking: the tenant's window around the charter. */
export function guestUploadsModel(
  booking: Booking,
  tenant: Tenant,
  context: GuestPageContext,
): GuestPageModel['uploads'] {
  const window = uploadWindowState(context.now, booking.startsAt, booking.endsAt, tenant.uploads);
  return {
    ...window,
    endpoint: `/g/${booking.guestSlug}/uploads`,
    connectSource: context.uploadConnectSource,
  };
}

/**
 * The guest page model. Without `context` (the cancellation notices, which have no photo
 * section) the section is built for the current time with no upload origin.
 */
export function guestPageModel(
  booking: Booking,
  tenant: Tenant,
  context: GuestPageContext = { now: new Date(), uploadConnectSource: null },
): GuestPageModel {
  return {
    tenant: {
      name: tenant.name,
      domain: tenant.domain,
      timezone: tenant.timezone,
      contact: tenant.contact,
      houseRules: tenant.houseRules,
      safetyNotes: tenant.safetyNotes,
      whatToBring: tenant.whatToBring,
    },
    slug: booking.guestSlug,
    listingName: booking.details.listingName,
    guestName: booking.details.guestName,
    partySize: booking.details.partySize,
    startsAt: booking.startsAt,
    endsAt: booking.endsAt,
    departure: departureOf(booking, tenant),
    captainName: person(tenant, booking.assignment.captainId)?.name ?? null,
    icsPath: `/g/${booking.guestSlug}.ics`,
    uploads: guestUploadsModel(booking, tenant, context),
  };
}

function departureOf(booking: Booking, tenant: Tenant): GuestPageModel['departure'] {
  // A marketplace departure overrides the tenant's usual dock; parking is the tenant's note.
  return booking.details.departure
    ? { name: booking.details.departure, address: booking.details.departure, parking: undefined }
    : {
        name: tenant.departure.name,
        address: tenant.departure.address,
        parking: tenant.departure.parking,
      };
}

export function crewPageModel(
  booking: Booking,
  tenant: Tenant,
  guestPageUrl: string,
): CrewPageModel {
  const captain = person(tenant, booking.assignment.captainId);
  const crew = [booking.assignment.captainId, ...booking.assignment.crewIds]
    .map((id) => person(tenant, id))
    .filter((m): m is NonNullable<typeof m> => m !== undefined)
    .map((m, i) => ({
      name: m.name,
      role:
        i === 0 && captain
          ? ('captain' as const)
          : (m.roles.find((r) => r !== 'captain') ?? m.roles[0] ?? 'deckhand'),
      phone: m.phone,
    }));
  return {
    tenant: { name: tenant.name, timezone: tenant.timezone, contact: tenant.contact },
    crewSlug: booking.crewSlug,
    listingName: booking.details.listingName,
    partySize: booking.details.partySize,
    startsAt: booking.startsAt,
    endsAt: booking.endsAt,
    callAt: new Date(
      Date.parse(booking.startsAt) - tenant.callMinutesBefore * 60_000,
    ).toISOString(),
    departure: departureOf(booking, tenant),
    specialRequests: booking.renterNote,
    checklist: tenant.crewChecklist,
    crew,
    captain: captain ? { name: captain.name, phone: captain.phone } : null,
    guestPageUrl,
  };
}
