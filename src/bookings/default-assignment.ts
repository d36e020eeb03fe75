/** The tenant's default crew for a charter: a pure rule the approval modal, cards and booking share. */
import type { Tenant } from '../tenants/tenant-schema.ts';
import type { Assignment } from './booking.ts';

/** The tenant's default crew: the first captain, then the standard number of non-captains. */
export function defaultAssignment(tenant: Tenant, captainNeeded: boolean): Assignment {
  const captain = captainNeeded
    ? tenant.roster.find((m) => m.roles.includes('captain'))
    : undefined;
  const crew = tenant.roster
    .filter((m) => m.id !== captain?.id && m.roles.some((r) => r !== 'captain'))
    .slice(0, tenant.pricing.crew.standardCount)
    .map((m) => m.id);
  return { captainId: captain?.id ?? null, crewIds: crew };
}
