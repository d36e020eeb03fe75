/**
 * Which tenant a Slack request is for, and whether its user may approve: the workspace (the
 * context team for Slack Connect and org installs) and the channel map to a tenant; the
 * default tenant takes everything unmapped; DECKHAND_APPROVERS overrides approver lists.
 */
import type { Config } from '../config/config.ts';
import type { TenantRegistry } from '../tenants/tenant-registry.ts';
import type { Tenant } from '../tenants/tenant-schema.ts';

export interface SlackRouting {
  tenantFor(where: {
    teamId?: string | undefined;
    channelId?: string | undefined;
    /** In a DM or App Home, where no channel says which tenant: the user's. */
    userId?: string | undefined;
  }): Tenant | undefined;
  mayApprove(tenant: Tenant, userId: string): boolean;
  /** Where /charter threads go for a tenant: its ops channel, else the channel it was typed in. */
  opsChannel(tenant: Tenant, fallback: string): string;
}

export function createSlackRouting(config: Config, tenants: TenantRegistry): SlackRouting {
  return {
    tenantFor({ teamId, channelId, userId }) {
      const all = tenants.list();
      const byChannel = channelId
        ? all.find(
            (t) =>
              t.slack?.channels.includes(channelId) &&
              (!t.slack.teamId || !teamId || t.slack.teamId === teamId),
          )
        : undefined;
      if (byChannel) return byChannel;
      const byTeam = teamId ? all.filter((t) => t.slack?.teamId === teamId) : [];
      // The default tenant takes what is unmapped, but not from another workspace than its own:
      // a business set up from Slack in a second workspace must not fall through to it.
      const fallback = config.defaultTenant ? tenants.get(config.defaultTenant) : undefined;
      const fallbackHere =
        fallback && (!fallback.slack?.teamId || !teamId || fallback.slack.teamId === teamId)
          ? fallback
          : undefined;
      // A workspace with one tenant: any of its channels. With several, only mapped channels, or
      // (in a DM or App Home) the one tenant the user approves for.
      if (byTeam.length === 1 && !fallbackHere) return byTeam[0];
      const approverOf = userId ? byTeam.filter((t) => t.slack?.approvers.includes(userId)) : [];
      if (approverOf.length === 1) return approverOf[0];
      return fallbackHere;
    },
    mayApprove(tenant, userId) {
      const approvers = config.slack.approvers ?? tenant.slack?.approvers ?? [];
      return approvers === '*' || approvers.includes(userId);
    },
    opsChannel(tenant, fallback) {
      return tenant.slack?.channels[0] ?? fallback;
    },
  };
}
