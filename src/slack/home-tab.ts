/**
 * Publishes a person's Home tab: the workspace's business (its charters, and for an admin the
 * settings button or the read-only note), or, with no business yet, the set-up prompt.
 */
import type { WebClient } from '@slack/web-api';
import { buildHomeView, buildSetupHomeView } from '../../views/home-view.ts';
import { upcomingCharters } from './charter-entries.ts';
import { homeMoney } from './report-replies.ts';
import type { SlackDeps } from './slack-deps.ts';
import { businessOfWorkspace, isBusinessAdmin, workspaceHasBusiness } from './workspace-roles.ts';

export async function publishHome(
  deps: SlackDeps,
  client: WebClient,
  where: { teamId: string | undefined; enterpriseId?: string | undefined; userId: string },
): Promise<void> {
  const { teamId, userId } = where;
  const tenant = businessOfWorkspace(deps, teamId, userId);
  if (!tenant) {
    // Without a tenant store (no table) a business can only come from the tenants file.
    if (!deps.tenants.storesTenants || !teamId) return;
    // A workspace of several businesses where this person approves for none: nothing to show.
    if (workspaceHasBusiness(deps, teamId, userId)) return;
    const mayCreate = await isBusinessAdmin(deps, client, where);
    await client.views.publish({ user_id: userId, view: buildSetupHomeView({ mayCreate }) });
    return;
  }
  const admin = await isBusinessAdmin(deps, client, { ...where, tenant });
  const source = deps.tenants.source(tenant.id);
  const now = deps.clock();
  const upcoming = await upcomingCharters(deps, tenant);
  // Money only for approvers, decided here on the server; others' Home has none.
  const money = deps.routing.mayApprove(tenant, userId) ? await homeMoney(deps, tenant) : undefined;
  await client.views.publish({
    user_id: userId,
    view: buildHomeView({
      upcoming,
      tenant,
      now,
      money,
      ...(admin ? { settings: source === 'stored' ? 'editable' : 'read_only' } : {}),
    }),
  });
}
