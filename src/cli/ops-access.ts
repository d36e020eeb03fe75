/**
 * Who may see a tenant's money from the command line: `--as USER`, a Slack user id that the
 * tenant lets approve (the same rule as in Slack: DECKHAND_APPROVERS, else the tenant's
 * `slack.approvers`). The CLI has no login; `--as` names the person, and a wrong name is
 * refused, as the Slack surfaces refuse non-approvers.
 */
import type { Config } from '../config/config.ts';
import { DeckhandError } from '../errors.ts';
import { createSlackRouting } from '../slack/tenant-routing.ts';
import type { TenantRegistry } from '../tenants/tenant-registry.ts';
import type { Tenant } from '../tenants/tenant-schema.ts';
import { UsageError } from './usage-error.ts';

/** The person asked is not one of the tenant's approvers (ops). */
export class NotOpsError extends DeckhandError {
  override readonly name = 'NotOpsError';
}

export function requireOps(
  as: string | undefined,
  tenant: Tenant,
  config: Config,
  tenants: TenantRegistry,
  usage: string,
): void {
  if (!as)
    throw new UsageError(
      `Missing --as: only approvers of ${tenant.name} may see its money; give your Slack user id (--as U0123ABCD).`,
      usage,
    );
  if (!createSlackRouting(config, tenants).mayApprove(tenant, as)) {
    throw new NotOpsError('not_ops', `${as} is not an approver for ${tenant.name}.`, {
      hint: `Only ${tenant.id}'s approvers (slack.approvers in the tenants file, or DECKHAND_APPROVERS) may see its money.`,
    });
  }
}
