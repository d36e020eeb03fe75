/** Upcoming charters with their crew answers and links, for /charter list and App Home. */

import type { CharterListEntry } from '../../views/charter-list.ts';
import type { Tenant } from '../tenants/tenant-schema.ts';
import type { SlackDeps } from './slack-deps.ts';

export async function upcomingCharters(
  deps: SlackDeps,
  tenant: Tenant,
): Promise<CharterListEntry[]> {
  const now = deps.clock().getTime();
  const bookings = (await deps.bookings.listByTenant(tenant.id)).filter(
    (b) => Date.parse(b.endsAt) > now && b.status !== 'cancelled',
  );
  return Promise.all(
    bookings.map(async (booking) => ({
      booking,
      crew: (await deps.crew.list(tenant.id, booking.bookingId))
        .filter((a) => a.state !== 'replaced')
        .map((a) => ({
          personId: a.personId,
          name: tenant.roster.find((m) => m.id === a.personId)?.name ?? a.personId,
          role: a.role,
          state: a.state,
        })),
      links: {
        guestPageUrl: deps.guestPageUrl(tenant, booking.guestSlug),
        crewPageUrl: deps.crewPageUrl(tenant, booking.crewSlug),
      },
    })),
  );
}
