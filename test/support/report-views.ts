/** The refusal a non-approver gets for the P&L, as the report tests compare it. */
import type { Tenant } from '../../src/tenants/tenant-schema.ts';
import { buildRefusal } from '../../views/refusal.ts';

export function refusalText(tenant: Tenant): string {
  return buildRefusal({ reason: 'not_approver', tenant, action: 'report' }).text;
}
