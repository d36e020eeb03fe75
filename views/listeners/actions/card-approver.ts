/**
 * Who clicked a card's or a thread's button, as the buttons' listeners need it: the tenant of
 * the workspace and channel, whether the clicker is one of its approvers, and the polite refusal
 * (ephemeral, naming who can) for anyone else.
 */
import type { App, BlockAction } from '@slack/bolt';
import type { SlackDeps } from '../../../src/slack/slack-deps.ts';
import { teamOf } from '../../../src/slack/slack-deps.ts';
import type { Tenant } from '../../../src/tenants/tenant-schema.ts';
import { buildRefusal } from '../../refusal.ts';

export function approverOf(
  deps: SlackDeps,
  body: BlockAction,
): { tenant: Tenant | undefined; allowed: boolean } {
  const tenant = deps.routing.tenantFor({
    teamId: teamOf(body as unknown as Record<string, unknown>),
    channelId: body.channel?.id,
  });
  return { tenant, allowed: tenant ? deps.routing.mayApprove(tenant, body.user.id) : false };
}

export async function refuseApproval(
  body: BlockAction,
  client: App['client'],
  tenant: Tenant | undefined,
): Promise<void> {
  if (!body.channel) return;
  await client.chat.postEphemeral({
    channel: body.channel.id,
    user: body.user.id,
    ...buildRefusal(tenant ? { reason: 'not_approver', tenant } : { reason: 'no_tenant' }),
  });
}

/** The tenant when the clicker may approve for it; otherwise the refusal, and undefined. */
export async function approvingTenant(
  deps: SlackDeps,
  body: BlockAction,
  client: App['client'],
): Promise<Tenant | undefined> {
  const { tenant, allowed } = approverOf(deps, body);
  if (tenant && allowed) return tenant;
  await refuseApproval(body, client, tenant);
  return undefined;
}
